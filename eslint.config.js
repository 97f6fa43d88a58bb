// Lint config: typescript-eslint recommended rules over src, tests, scripts and the browser code in web/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Libraries that enter through one module each (docs/architecture.md): the native tokenizer, the records database and
 * the WebSocket server. `ws` also has clients: the speech recogniser's (src/asr/ws-recognizer.ts), the voice scripts
 * and the tests that talk to /ws/voice or play a recogniser (to be folded into one client module with the voice-channel
 * rewrite); better-sqlite3 is also opened by the tests that read what
 * the records store wrote.
 */
const ENTRY_MODULES = {
  nodejieba: ['src/search/tokenize.ts'],
  'better-sqlite3': ['src/records.ts', 'tests/hardening/records.test.ts', 'tests/hardening/process.test.ts'],
  ws: [
    'src/voice/route.ts',
    'src/voice/connection.ts',
    'src/asr/ws-recognizer.ts',
    'scripts/voice-cli.ts',
    'scripts/bench-voice.ts',
    'scripts/load.ts',
    'tests/voice/helpers.ts',
    'tests/asr/fake-funasr.ts',
    'tests/asr/sherpa.test.ts',
    'tests/hardening/process.test.ts',
  ],
};

/** `no-restricted-imports` for the libraries `file` may not import (every library when `file` is undefined). */
function restrictedImports(file) {
  const paths = Object.entries(ENTRY_MODULES)
    .filter(([, allowed]) => file === undefined || !allowed.includes(file))
    .map(([name, allowed]) => ({ name, message: `Import ${name} only in ${allowed[0]} (its one entry module).` }));
  return { ...(file ? { files: [file] } : {}), rules: { 'no-restricted-imports': ['error', { paths }] } };
}
const entryFiles = [...new Set(Object.values(ENTRY_MODULES).flat())];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'artifacts/**', 'data/**', '.tmp*', '.scratch*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // docs/style.md: small modules with one job; no source file over 400 lines (blank lines and comments count).
    files: ['src/**/*.ts', 'scripts/**/*.ts', 'web/**/*.js'],
    rules: { 'max-lines': ['error', { max: 400 }] },
  },
  restrictedImports(undefined),
  ...entryFiles.map(restrictedImports),
  {
    // Browser code in web/: plain ES modules (and two classic scripts) that run in the page, not in Node.
    files: ['web/**/*.js'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
        location: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
        URLSearchParams: 'readonly',
        FormData: 'readonly',
        sessionStorage: 'readonly',
        AbortController: 'readonly',
        Event: 'readonly',
        HTMLElement: 'readonly',
        CSSStyleSheet: 'readonly',
        WebSocket: 'readonly',
        SpeechSynthesisUtterance: 'readonly',
        requestAnimationFrame: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
);
