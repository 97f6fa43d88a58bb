// The end-to-end suites' missing-program policy (tests/tools.ts): skip with a warning locally, fail under CI=true.
import { describe, expect, it } from 'vitest';
import { SCREEN_READER_PROGRAMS, isCi, requireScreenReader, requireTool } from './tools.ts';

describe('requireTool', () => {
  it('throws under CI=true when the program is missing, naming it and the suites', () => {
    expect(() => requireTool('espeak-ng', false, 'the speech suites', { CI: 'true' })).toThrow(
      'espeak-ng is not installed, and CI=true requires it for the speech suites',
    );
  });

  it('lets the suites skip outside CI with a warning saying so, and run whenever the program is there', () => {
    const warnings: string[] = [];
    expect(requireTool('Chromium', false, 'the browser suites', {}, (m) => warnings.push(m))).toBe(false);
    expect(warnings).toEqual([
      'Chromium is not installed; the browser suites are skipped (under CI=true this fails the run).',
    ]);
    expect(requireTool('Chromium', true, 'the browser suites', { CI: 'true' }, (m) => warnings.push(m))).toBe(true);
    expect(warnings).toHaveLength(1);
  });

  it('reads CI=true and CI=1 as CI, anything else not', () => {
    expect([isCi({ CI: 'true' }), isCi({ CI: '1' }), isCi({ CI: 'false' }), isCi({})]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('checks every program the screen-reader suite runs: Orca, Xvfb, xdotool, D-Bus, the AT-SPI bus', () => {
    expect(SCREEN_READER_PROGRAMS.map((p) => p.name)).toEqual([
      'Orca',
      'Xvfb',
      'xdotool',
      'xmodmap',
      'dbus-daemon',
      'dbus-send',
      'at-spi-bus-launcher',
    ]);
  });

  it('fails under CI=true when Orca or any program of its desktop is missing, naming each with its Debian package', () => {
    const without =
      (...gone: string[]) =>
      (path: string) =>
        !gone.includes(path);
    expect(() => requireScreenReader(SCREEN_READER_PROGRAMS, without('/usr/bin/orca'), { CI: 'true' })).toThrow(
      'Orca (/usr/bin/orca, Debian package orca) is not installed, and CI=true requires it for the screen-reader tests',
    );
    expect(() =>
      requireScreenReader(SCREEN_READER_PROGRAMS, without('/usr/bin/Xvfb', '/usr/libexec/at-spi-bus-launcher'), {
        CI: 'true',
      }),
    ).toThrow(
      'Xvfb (/usr/bin/Xvfb, Debian package xvfb), at-spi-bus-launcher (/usr/libexec/at-spi-bus-launcher, Debian package at-spi2-core) is not installed',
    );
    const warnings: string[] = [];
    expect(requireScreenReader(SCREEN_READER_PROGRAMS, without('/usr/bin/xdotool'), {}, (m) => warnings.push(m))).toBe(
      false,
    );
    expect(warnings).toEqual([
      'xdotool (/usr/bin/xdotool, Debian package xdotool) is not installed; the screen-reader tests are skipped (under CI=true this fails the run).',
    ]);
    expect(requireScreenReader(SCREEN_READER_PROGRAMS, () => true, { CI: 'true' })).toBe(true);
  });
});
