// The programs the end-to-end suites need (Chromium, espeak-ng, Orca and its desktop) and what happens without one: on
// a developer's machine the suite is skipped with a warning; under CI=true the run fails, since a CI run that skipped
// the accessibility, speech or screen-reader suites proves nothing about them.
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

/** The programs the screen-reader suite runs besides Chromium, with the Debian package .ci/run installs each with. */
export const SCREEN_READER_PROGRAMS = [
  { name: 'Orca', path: '/usr/bin/orca', pkg: 'orca' },
  { name: 'Xvfb', path: '/usr/bin/Xvfb', pkg: 'xvfb' },
  { name: 'xdotool', path: '/usr/bin/xdotool', pkg: 'xdotool' },
  { name: 'xmodmap', path: '/usr/bin/xmodmap', pkg: 'x11-xserver-utils' },
  { name: 'dbus-daemon', path: '/usr/bin/dbus-daemon', pkg: 'dbus-daemon' },
  { name: 'dbus-send', path: '/usr/bin/dbus-send', pkg: 'dbus-bin' },
  { name: 'at-spi-bus-launcher', path: '/usr/libexec/at-spi-bus-launcher', pkg: 'at-spi2-core' },
] as const;

/**
 * Whether the screen-reader suite may run: every program in `programs` is there (as `exists` sees it). The missing ones
 * are named in one warning, or in one error under CI, with the packages that provide them.
 */
export function requireScreenReader(
  programs: readonly { name: string; path: string; pkg: string }[] = SCREEN_READER_PROGRAMS,
  exists: (path: string) => boolean = fs.existsSync,
  env: Record<string, string | undefined> = process.env,
  warn: (message: string) => void = console.warn,
): boolean {
  const missing = programs.filter((p) => !exists(p.path));
  const names = missing.map((p) => `${p.name} (${p.path}, Debian package ${p.pkg})`).join(', ');
  return requireTool(names || 'Orca', missing.length === 0, 'the screen-reader tests', env, warn);
}

/** Orca, Xvfb, xdotool, D-Bus and the AT-SPI bus: the screen-reader suite (it needs Chromium too). */
export const HAS_SCREEN_READER = requireScreenReader();
