// The programs the end-to-end suites need (Chromium, espeak-ng) and what happens without one: on a developer's machine
// the suite is skipped with a warning; under CI=true the run fails, since a CI run that skipped the accessibility or
// speech suites proves nothing about them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

/** Whether this environment is CI (`CI=true` or `CI=1`, as CI services set it). */
export function isCi(env: Record<string, string | undefined>): boolean {
  return env.CI === 'true' || env.CI === '1';
}

/**
 * Whether the suites needing `tool` may run: true when it is there; false with a warning when it is not; throws (so the
 * test file fails) when it is not and `env` is CI.
 */
export function requireTool(
  tool: string,
  available: boolean,
  suites: string,
  env: Record<string, string | undefined> = process.env,
  warn: (message: string) => void = console.warn,
): boolean {
  if (available) return true;
  if (isCi(env)) {
    throw new Error(`${tool} is not installed, and CI=true requires it for ${suites} (.ci/run installs it).`);
  }
  warn(`${tool} is not installed; ${suites} are skipped (under CI=true this fails the run).`);
  return false;
}

function espeakWorks(): boolean {
  try {
    execFileSync('espeak-ng', ['-v', 'cmn-latn-pinyin', '-q', '-x', '你好'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/** Chromium at CHROMIUM: the browser suites (accessibility criteria, the voice client). */
export const HAS_CHROMIUM = requireTool('Chromium (/usr/bin/chromium)', fs.existsSync(CHROMIUM), 'the browser suites');
/** espeak-ng with the Mandarin voice: the speech suites. */
export const HAS_ESPEAK = requireTool('espeak-ng (voice cmn-latn-pinyin)', espeakWorks(), 'the speech suites');
