// The clause index: city filter, field boosts, and a snapshot that reloads with the same options and results.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCorpus } from '../../src/corpus/corpus.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { loadLexicon } from '../../src/search/lexicon.ts';
import { createTokenizer } from '../../src/search/tokenize.ts';
import { buildIndex, clausesByPlan } from '../../src/search/index.ts';
import { HEAP_PER_LINE_BYTE, loadOrBuildIndex, openSnapshot, snapshotKey } from '../../src/search/snapshot.ts';

const corpus = createCorpus(loadCorpus('corpus'));
const tokenizer = createTokenizer(loadLexicon('corpus/lexicon'));
const index = buildIndex(corpus.citable, tokenizer);
const byPlan = clausesByPlan(corpus.citable);

describe('clause index', () => {
  it('finds 济宁’s 残疾预防 item first for its own words, within the city filter', () => {
    const hits = index.search(tokenizer.query('加强残疾预防工作'), { planIds: ['jining'], limit: 5 });
    expect(hits[0]?.clause.id).toBe('jining-3-3-1');
    expect(hits.every((h) => h.clause.planId === 'jining')).toBe(true);
  });

  it('finds 孤独症 clauses from the everyday word 自闭症', () => {
    const hits = index.search(tokenizer.query('自闭症'), { planIds: null, limit: 10 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((h) => h.clause.text.includes('孤独症'))).toBe(true);
  });

  it('knows which place names the plans use as words: 光明 (“光明之家”), 民乐 (“民乐智博”), not 高台 (only 高台县)', () => {
    const places = ['高台', '光明', '民乐', '和平', '宝清'];
    const withPlaces = buildIndex(corpus.citable, tokenizer, places);
    // 和平 is in “基本民生和平等权利” but is not one of its words; 宝清 is in no plan.
    expect(places.filter((word) => withPlaces.usedPlainly(word))).toEqual(['光明', '民乐']);
    // 民乐智博 is a charity in 张掖's plan, and 民乐 one of 张掖's counties: no other plan uses the word.
    expect(withPlaces.usedPlainly('民乐', 'zhangye')).toBe(false);
    expect(withPlaces.usedPlainly('民乐', 'jining')).toBe(true);
  });

  const query = tokenizer.query('重度残疾人护理补贴 动态调整');
  const ids = (i: typeof index) => i.search(query, { planIds: null, limit: 10 }).map((h) => [h.clause.id, h.score]);
  const snapshotIn = (dir: string, budgetBytes?: number) =>
    loadOrBuildIndex(byPlan, tokenizer, { cacheDir: dir, lexiconDir: 'corpus/lexicon', budgetBytes });

  it('keys the snapshot by the plans’ sources without reading their clauses, and by the clauses of a plan without one', () => {
    const unread = (sources: Record<string, string>) => ({
      planIds: Object.keys(sources),
      clausesOf: (): never => {
        throw new Error('read a clause');
      },
      sourceOf: (planId: string) => sources[planId],
    });
    const key = snapshotKey(unread({ jining: 'a/jining', zhangye: 'a/zhangye' }), 'corpus/lexicon');
    expect(snapshotKey(unread({ jining: 'a/jining', zhangye: 'a/zhangye' }), 'corpus/lexicon')).toBe(key);
    expect(snapshotKey(unread({ jining: 'b/jining', zhangye: 'a/zhangye' }), 'corpus/lexicon')).not.toBe(key);
    expect(snapshotKey(unread({ jining: 'a/jining', zhangye: 'a/zhangye' }), 'corpus/lexicon', ['高台'])).not.toBe(key);
    expect(snapshotKey(byPlan, 'corpus/lexicon')).toBe(snapshotKey(clausesByPlan(corpus.citable), 'corpus/lexicon'));
  });

  it('reloads a snapshot that answers exactly as the built index', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'index-cache-'));
    expect(snapshotIn(dir).from).toBe('build');
    const reloaded = snapshotIn(dir);
    expect(reloaded.from).toBe('snapshot');
    expect(ids(reloaded.index)).toEqual(ids(index));
    expect(reloaded.index.size).toBe(index.size);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps each plan’s line in the parts file and its place in the header, and rebuilds a damaged part', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'index-cache-'));
    snapshotIn(dir);
    const files = fs.readdirSync(dir).sort();
    expect(files.map((f) => path.extname(f))).toEqual(['.json', '.outlines', '.parts']);
    const base = path.join(dir, path.basename(files[0] as string, '.json'));
    const header = JSON.parse(fs.readFileSync(`${base}.json`, 'utf8')) as { plans: [string, number, number][] };
    expect(header.plans.map(([planId]) => planId)).toEqual(['qingzhou', 'shuangyashan', 'yongji', 'jining', 'zhangye']);
    const parts = fs.readFileSync(`${base}.parts`);
    expect(parts.toString('utf8').split('\n').length).toBe(5 + 1); // one line per plan, each ending in a newline
    const [, offset] = header.plans[0] as [string, number, number];
    parts.write('#', offset); // the first plan's line no longer parses
    fs.writeFileSync(`${base}.parts`, parts);
    expect(ids(openSnapshot(base, byPlan, tokenizer))).toEqual(ids(index));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads a plan’s line back when first searched and drops the least recently searched beyond the memory budget', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'index-cache-'));
    snapshotIn(dir);
    const base = path.join(dir, path.basename(fs.readdirSync(dir).find((f) => f.endsWith('.json')) as string, '.json'));
    const header = JSON.parse(fs.readFileSync(`${base}.json`, 'utf8')) as { plans: [string, number, number][] };
    // A budget for the two largest lines: a third plan searched drops the one searched longest ago.
    const sizes = header.plans.map(([, , length]) => length * HEAP_PER_LINE_BYTE).sort((a, b) => b - a);
    const small = openSnapshot(base, byPlan, tokenizer, (sizes[0] as number) + (sizes[1] as number));
    expect(small.residency()).toEqual({ resident: 0, bytes: 0, loads: 0, drops: 0 });
    const jining = small.search(query, { planIds: ['jining'], limit: 5 }).map((h) => h.clause.id);
    expect(jining).toEqual(index.search(query, { planIds: ['jining'], limit: 5 }).map((h) => h.clause.id));
    await small.prepare(['zhangye']);
    small.search(query, { planIds: ['qingzhou'], limit: 5 });
    expect(small.residency()).toMatchObject({ resident: 2, loads: 3, drops: 1 });
    // Searching every plan still ranks exactly as the index held whole.
    expect(ids(small)).toEqual(ids(index));
    const warmed = openSnapshot(base, byPlan, tokenizer);
    const steps = [
      await warmed.warm(),
      await warmed.warm(),
      await warmed.warm(),
      await warmed.warm(),
      await warmed.warm(),
    ];
    expect(steps).toEqual([true, true, true, true, false]);
    expect(warmed.residency()).toMatchObject({ resident: 5, drops: 0 });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ranks a search over plans’ lines exactly as the parts built in memory: words, everyday words, bigrams', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'index-cache-'));
    snapshotIn(dir);
    const base = path.join(dir, path.basename(fs.readdirSync(dir).find((f) => f.endsWith('.json')) as string, '.json'));
    // A budget of one byte: every search reads its plan's line again.
    const lines = openSnapshot(base, byPlan, tokenizer, 1);
    const questions = ['孤独症儿童康复训练补贴', '自闭症', '盲人按摩 就业', '无障碍改造 家庭', '托养', '辅助器具适配'];
    for (const question of questions) {
      const asked = tokenizer.query(question);
      for (const planIds of [['jining'], ['zhangye', 'yongji'], null]) {
        const hits = (i: typeof index) =>
          i.search(asked, { planIds, limit: 20 }).map((h) => [h.clause.id, h.score, h.terms]);
        expect(hits(lines)).toEqual(hits(index));
        const grams = (i: typeof index) =>
          i.searchGrams(tokenizer.grams(question), { planIds, limit: 20 }).map((h) => [h.clause.id, h.score]);
        expect(grams(lines)).toEqual(grams(index));
        // Prefixes (the operator's type-ahead) find the same clauses; hits of equal score may come in another order.
        const prefixed = (i: typeof index) =>
          i
            .search(asked, { planIds, limit: 20, prefix: true })
            .map((h) => `${h.clause.id} ${h.score.toFixed(9)}`)
            .sort();
        expect(prefixed(lines)).toEqual(prefixed(index));
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('saves a snapshot once and loads it on the next start-up', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'index-cache-'));
    const first = snapshotIn(dir);
    const second = snapshotIn(dir);
    expect([first.from, second.from]).toEqual(['build', 'snapshot']);
    const head = fs.readdirSync(dir).find((f) => f.endsWith('.json')) as string;
    fs.writeFileSync(path.join(dir, head), '{"broken":');
    expect(snapshotIn(dir).from).toBe('build');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
