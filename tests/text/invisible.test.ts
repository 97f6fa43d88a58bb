// Invisible and control characters, removed in one place for questions and uploaded plans alike.
import { describe, expect, it } from 'vitest';
import { stripInvisible } from '../../src/text/invisible.ts';
import { cleanText } from '../../src/ask/schema.ts';
import { normalizeText } from '../../src/ingest/normalize.ts';

/** One of each kind: zero-width space, RLM, line separator, RLO, word joiner, invisible plus, RLI, BOM, BEL, DEL, C1 NEL. */
const HIDDEN = [
  '\u200b',
  '\u200f',
  '\u2028',
  '\u202e',
  '\u2060',
  '\u2064',
  '\u2067',
  '\ufeff',
  '\u0007',
  '\u007f',
  '\u0085',
];

describe('stripInvisible', () => {
  it('removes every invisible and control character, one kind at a time', () => {
    for (const ch of HIDDEN) expect(stripInvisible(`护理${ch}补贴`)).toBe('护理补贴');
  });

  it('keeps tab and line feed, which carry a plan table’s cells and lines', () => {
    expect(stripInvisible('指标\t2020年\n残疾人')).toBe('指标\t2020年\n残疾人');
  });

  it('is what a question and an uploaded plan both go through', () => {
    const text = HIDDEN.map((ch) => `护${ch}`).join('');
    expect(cleanText(text)).toBe('护'.repeat(HIDDEN.length));
    expect(normalizeText(text, false)).toBe('护'.repeat(HIDDEN.length));
  });
});
