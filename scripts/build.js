// npm run build (run by npm start first): src/ → dist/ as plain JavaScript, one module per file in the same folders (so
// paths relative to a module, like ../../web/, still hold), plus every non-TypeScript file under src/ (espeak-host.mjs,
// the helper the speech engine spawns), copied as it is. It then checks that every file a module names through
// `new URL(…, import.meta.url)` is there (scripts/runtime-files.js) and fails the build when one is not: what ships is
// what runs. The server then runs under plain node: no TypeScript loader thread in every process (tsx costs each worker
// about 33 MiB and its start-up a compile). `node scripts/build.js OUTDIR` builds into another folder of the repository
// root (tests/build.test.ts); the folder must sit beside src/ so that the relative paths hold.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { assetFiles, missingRuntimeFiles } from './runtime-files.js';

const SOURCE = 'src';
const OUT = process.argv[2] ?? 'dist';

if (path.dirname(path.resolve(OUT)) !== path.resolve('.')) {
  throw new Error(`build: the output folder must sit beside src/ (got ${OUT}): modules reach ../../web/ from it.`);
}

const entryPoints = fs
  .readdirSync(SOURCE, { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => path.join(SOURCE, file));

// Built beside the output and swapped in at the end: a server already running from dist/ (another test run's) never
// finds it half-written or missing.
const STAGING = `.tmp-build-${path.basename(OUT)}-${process.pid}`;
fs.rmSync(STAGING, { recursive: true, force: true });
await build({
  entryPoints,
  outdir: STAGING,
  outbase: SOURCE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  plugins: [
    {
      // Each module stays its own file: a relative import is left to node, pointing at the compiled .js.
      name: 'one-file-per-module',
      setup(builder) {
        builder.onResolve({ filter: /^\.\.?\/.*\.ts$/ }, (args) =>
          args.kind === 'entry-point' ? undefined : { path: args.path.replace(/\.ts$/, '.js'), external: true },
        );
      },
    },
  ],
});
for (const asset of assetFiles(SOURCE)) {
  fs.mkdirSync(path.dirname(path.join(STAGING, asset)), { recursive: true });
  fs.copyFileSync(path.join(SOURCE, asset), path.join(STAGING, asset));
}
const missing = missingRuntimeFiles(SOURCE, STAGING);
if (missing.length > 0) {
  fs.rmSync(STAGING, { recursive: true, force: true });
  throw new Error(`build: files the server loads at run time are missing:\n  ${missing.join('\n  ')}`);
}
const old = `${STAGING}-old`;
if (fs.existsSync(OUT)) fs.renameSync(OUT, old);
fs.renameSync(STAGING, OUT);
fs.rmSync(old, { recursive: true, force: true });
