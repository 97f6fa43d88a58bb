// The compact jieba dictionary (src/search/dictionary.ts) segments the plans and the questions as the full one does for
// every term the lexicon names, so the index and the answers do not depend on which dictionary is loaded.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  COMMON_FREQUENCY,
  NOUN_FREQUENCY,
  FULL_DICTIONARY,
  UNUSED_WORD,
  compactDictionary,
  compactLines,
  thingsOf,
} from '../../src/search/dictionary.ts';
import { loadLexicon } from '../../src/search/lexicon.ts';
import { createTokenizer } from '../../src/search/tokenize.ts';

const lexicon = loadLexicon('corpus/lexicon');
const tokenizer = createTokenizer(lexicon);

describe('the compact dictionary', () => {
  it('keeps a plan word however rare, every common word, a noun unless rarest, every single character; drops the rest', () => {
    const full = [
      '喘息 12 v',
      '飞碟 98 n',
      '黑洞 20 n',
      '跳跃 20 v',
      '天气 2657 n',
      '猫 300 n',
      '霾 3 n',
      '龙宫 3 n',
    ].join('\n');
    expect(compactLines(full, '为残疾人家庭提供“喘息服务”')).toEqual([
      '喘息 12 v',
      '飞碟 98 n',
      '黑洞 20 n', // a noun: a thing someone may ask about
      '天气 2657 n',
      '猫 300 n',
      '霾 3 n',
      `${UNUSED_WORD} 23 x`, // 跳跃's and 龙宫's counts stay in the dictionary's total
    ]);
    expect(COMMON_FREQUENCY).toBeLessThanOrEqual(98);
    expect(NOUN_FREQUENCY).toBe(4);
  });

  it('keeps the lexicon’s things as nouns: retagged when jieba has them otherwise, added when it lacks them', () => {
    const full = ['驾照 31 v', '开车 500 v'].join('\n');
    expect(compactLines(full, '', new Set(['驾照', '游艇驾照']))).toEqual([
      `驾照 ${COMMON_FREQUENCY} n`, // as frequent as a common word, so jieba keeps it whole
      '开车 500 v',
      `游艇驾照 ${COMMON_FREQUENCY} n`,
    ]);
    expect(thingsOf('# a comment\n驾照\n\n驾驶证 # kept whole\n')).toEqual(new Set(['驾照', '驾驶证']));
  });

  it('is a fraction of the full dictionary', () => {
    const lines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
    expect(lines(FULL_DICTIONARY)).toBeGreaterThan(300_000);
    expect(lines(compactDictionary('corpus'))).toBeLessThan(100_000);
  });

  it('loses no lexicon term in any clause or dev/tune question, against the full dictionary (in a child process)', () => {
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'tests/search/full-dictionary.ts'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const full = JSON.parse(output.toString()) as { text: string; words: string[] }[];
    const terms = new Set([...lexicon.terms, ...lexicon.synonyms.flatMap((g) => g.planTerms)].map(tokenizer.normalize));
    expect(full.length).toBe(566 + 193); // the citable clauses (README) and the dev + tune questions
    const lost = full.flatMap(({ text, words }) => {
      const compact = new Set(tokenizer.words(text));
      return words.filter((w) => terms.has(w) && !compact.has(w)).map((w) => `${w} in ${text.slice(0, 20)}`);
    });
    expect(lost).toEqual([]);
  }, 60_000);
});
