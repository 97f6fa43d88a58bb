// Tests for loading corpus/lexicon/: the real data files, and clear errors (file and line) for broken ones.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LEXICON_FILES, LexiconError, loadLexicon, type SynonymGroup } from '../../src/search/lexicon.ts';

const CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));
const LEXICON_DIR = join(CORPUS_DIR, 'lexicon');

/** All five plans as one string, whitespace and Markdown bold removed (hard wraps split words in 济宁 and 张掖). */
const plans = readdirSync(CORPUS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(join(CORPUS_DIR, f), 'utf8').replace(/\s|\*\*/g, ''))
  .join('\n');

const scratch: string[] = [];
/** A copy of the real lexicon directory with one file replaced (or removed when content is null). */
function lexiconWith(file: string, content: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'lexicon-'));
  scratch.push(dir);
  for (const name of Object.values(LEXICON_FILES)) copyFileSync(join(LEXICON_DIR, name), join(dir, name));
  if (content === null) rmSync(join(dir, file));
  else writeFileSync(join(dir, file), content);
  return dir;
}

afterEach(() => {
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadLexicon on the real data', () => {
  const lexicon = loadLexicon(LEXICON_DIR);

  it('points the user dictionary at an absolute path inside the directory', () => {
    expect(lexicon.userDictPath).toBe(join(LEXICON_DIR, 'userdict.txt'));
  });

  it('reads a few hundred domain terms, including the ones residents and plans both use', () => {
    expect(lexicon.terms.length).toBeGreaterThanOrEqual(250);
    for (const term of [
      '两项补贴',
      '护理补贴',
      '阳光家园计划',
      '如康家园',
      '辅助器具',
      '无障碍改造',
      '低保边缘',
      '单人户',
    ]) {
      expect(lexicon.terms).toContain(term);
    }
  });

  it('has at least 400 synonym groups with plan terms on the left and everyday words on the right', () => {
    expect(lexicon.synonyms.length).toBeGreaterThanOrEqual(400);
    const autism = lexicon.synonyms.find((g) => g.everyday.includes('自闭症'));
    expect(autism?.planTerms).toContain('孤独症');
  });

  it('turns "_" in an everyday word into a space (sign_language)', () => {
    expect(lexicon.synonyms.some((g) => g.everyday.includes('sign language'))).toBe(true);
  });

  it('only maps to plan terms that occur in the plans', () => {
    const missing = lexicon.synonyms.flatMap((g) =>
      g.planTerms.filter((t) => !plans.includes(t)).map((t) => `${g.line}:${t}`),
    );
    expect(missing).toEqual([]);
  });

  it('never uses a plan term of an unrelated group as an everyday word', () => {
    // An everyday word that is itself a plan term elsewhere would expand that term's question into a different concept
    // (宽带 → 网络 while 宽带 is the plan's own word for 资费优惠): the two groups must share a plan term.
    const groupsOf = new Map<string, SynonymGroup[]>();
    for (const group of lexicon.synonyms)
      for (const term of group.planTerms) groupsOf.set(term, [...(groupsOf.get(term) ?? []), group]);
    const clashes = lexicon.synonyms.flatMap((group) =>
      group.everyday.flatMap((word) =>
        (groupsOf.get(word) ?? [])
          .filter((other) => !other.planTerms.some((term) => group.planTerms.includes(term)))
          .map((other) => `${group.line}:${word} is a plan term of line ${other.line}`),
      ),
    );
    expect(clashes).toEqual([]);
  });

  it('lists each everyday word once per group, and single characters only where they are established', () => {
    // Matching is by substring on the question: a lone character matches inside unrelated words, so only the
    // disability words residents really say alone (瞎, 聋, 哑 …) may be one character long.
    const singles = new Set(['瞎', '盲', '聋', '哑', '傻', '疯', '瘸', '钱', '涨', '穷', '娃']);
    const problems = lexicon.synonyms.flatMap((group) => [
      ...group.everyday
        .filter((word, i) => group.everyday.indexOf(word) !== i)
        .map((word) => `${group.line}:${word} twice`),
      ...group.everyday
        .filter((word) => [...word].length === 1 && !singles.has(word))
        .map((word) => `${group.line}:${word} is a single character`),
    ]);
    expect(problems).toEqual([]);
  });

  it('drops question filler but keeps content words out of the stopwords', () => {
    for (const word of ['吗', '呢', '请问', '有没有', '怎么办', '我家', '具体', '不好'])
      expect(lexicon.stopwords.has(word)).toBe(true);
    for (const word of ['补贴', '标准', '申请', '免费', '水', '盲']) expect(lexicon.stopwords.has(word)).toBe(false);
  });

  it('lists the five plan cities with traditional, pinyin and county aliases', () => {
    expect(lexicon.cities.map((c) => c.planId).sort()).toEqual([
      'jining',
      'qingzhou',
      'shuangyashan',
      'yongji',
      'zhangye',
    ]);
    const city = (id: string) => lexicon.cities.find((c) => c.planId === id);
    expect(city('jining')?.name).toBe('济宁');
    expect(city('jining')?.aliases).toEqual(
      expect.arrayContaining(['济宁市', '濟寧', 'Jining', '曲阜', '嘉祥', '泗水']),
    );
    expect(city('zhangye')?.aliases).toEqual(
      expect.arrayContaining(['張掖', '甘州区', '临泽', '高台县', '山丹县', '民乐县']),
    );
    expect(city('shuangyashan')?.aliases).toEqual(expect.arrayContaining(['雙鴨山', '双鸭山市', '集贤县', '宝清县']));
    expect(city('yongji')?.aliases).toEqual(expect.arrayContaining(['永濟', '永济市']));
    expect(city('qingzhou')?.aliases).toEqual(expect.arrayContaining(['靑州', '青州市']));
  });

  it('never gives one alias to two cities', () => {
    const all = lexicon.cities.flatMap((c) => c.aliases);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('loadLexicon errors', () => {
  it('names a missing directory', () => {
    expect(() => loadLexicon('/no/such/lexicon')).toThrow(
      new LexiconError('lexicon: directory not found: /no/such/lexicon'),
    );
  });

  it('names a missing file', () => {
    const dir = lexiconWith('stopwords.txt', null);
    expect(() => loadLexicon(dir)).toThrow(`lexicon: missing file ${join(dir, 'stopwords.txt')}`);
  });

  it('names file and line of a synonyms line without "|"', () => {
    const dir = lexiconWith('synonyms.txt', '# header\n孤独症 | 自闭症\n\n盲人 瞎子\n');
    expect(() => loadLexicon(dir)).toThrow(`${join(dir, 'synonyms.txt')}:4 expected "plan terms | everyday words"`);
  });

  it('rejects a synonyms line with an empty side', () => {
    const dir = lexiconWith('synonyms.txt', '孤独症 |   # nothing on the right\n');
    expect(() => loadLexicon(dir)).toThrow('synonyms.txt:1 no everyday words right of "|"');
  });

  it('rejects comments in the user dictionary, which jieba would load as words', () => {
    const dir = lexiconWith('userdict.txt', '两项补贴 30000 n\n# domain terms\n');
    expect(() => loadLexicon(dir)).toThrow('userdict.txt:2 comments are not allowed');
  });

  it('rejects a user-dictionary line with a frequency but no tag', () => {
    const dir = lexiconWith('userdict.txt', '两项补贴\n护理补贴 30000\n');
    expect(() => loadLexicon(dir)).toThrow('userdict.txt:2 expected "word", "word tag" or "word freq tag"');
  });

  it('rejects tabs in the user dictionary', () => {
    const dir = lexiconWith('userdict.txt', '两项补贴\t30000\tn\n');
    expect(() => loadLexicon(dir)).toThrow('userdict.txt:1 separate fields with single spaces');
  });

  it('rejects a duplicate user-dictionary word', () => {
    const dir = lexiconWith('userdict.txt', '两项补贴\n护理补贴 n\n两项补贴 30000 n\n');
    expect(() => loadLexicon(dir)).toThrow('userdict.txt:3 duplicate word 两项补贴 (first on line 1)');
  });

  it('names cities.json when it is not JSON', () => {
    const dir = lexiconWith('cities.json', '[{"planId": "jining",]');
    expect(() => loadLexicon(dir)).toThrow(`lexicon: ${join(dir, 'cities.json')} is not valid JSON`);
  });

  it('rejects a city without aliases', () => {
    const dir = lexiconWith('cities.json', '[{"planId": "jining", "name": "济宁"}]');
    expect(() => loadLexicon(dir)).toThrow('entry 0 (jining) needs aliases');
  });
});
