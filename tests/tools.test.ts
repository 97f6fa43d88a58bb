// The end-to-end suites' missing-program policy (tests/tools.ts): skip with a warning locally, fail under CI=true.
import { describe, expect, it } from 'vitest';
import { isCi, requireTool } from './tools.ts';

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
});
