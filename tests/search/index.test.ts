// The clause index: city filter, field boosts, and a snapshot that reloads with the same options and results.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCorpus } from '../../src/corpus/corpus.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { loadLexicon } from '../../src/search/lexicon.ts';
import { createTokenizer } from '../../src/search/tokenize.ts';
import { buildIndex, loadIndex } from '../../src/search/index.ts';
import { loadOrBuildIndex } from '../../src/search/snapshot.ts';

const corpus = createCorpus(loadCorpus('corpus'));
const tokenizer = createTokenizer(loadLexicon('corpus/lexicon'));
const index = buildIndex(corpus.citable, tokenizer);

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

  it('reloads a snapshot that answers exactly as the built index', () => {
    const reloaded = loadIndex(index.serialize(), corpus.citable, tokenizer);
    const query = tokenizer.query('重度残疾人护理补贴 动态调整');
    const ids = (i: typeof index) => i.search(query, { planIds: null, limit: 10 }).map((h) => [h.clause.id, h.score]);
    expect(ids(reloaded)).toEqual(ids(index));
  });

  it('loads a plan’s part when first searched or warmed, and rebuilds a damaged one from its clauses', () => {
    const lines = index.serialize().split('\n');
    expect(lines.length).toBe(1 + 5); // the header, then the five plans
    lines[1] = '{"damaged';
    const reloaded = loadIndex(lines.join('\n'), corpus.citable, tokenizer);
    const query = tokenizer.query('重度残疾人护理补贴 动态调整');
    const ids = (i: typeof index) => i.search(query, { planIds: null, limit: 10 }).map((h) => [h.clause.id, h.score]);
    expect(ids(reloaded)).toEqual(ids(index));
    const warmed = loadIndex(index.serialize(), corpus.citable, tokenizer);
    const steps = [warmed.warm(), warmed.warm(), warmed.warm(), warmed.warm(), warmed.warm()];
    expect(steps).toEqual([true, true, true, true, false]);
    expect(ids(warmed)).toEqual(ids(index));
  });

  it('saves a snapshot once and loads it on the next start-up', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'index-cache-'));
    const first = loadOrBuildIndex(corpus.citable, tokenizer, { cacheDir: dir, lexiconDir: 'corpus/lexicon' });
    const second = loadOrBuildIndex(corpus.citable, tokenizer, { cacheDir: dir, lexiconDir: 'corpus/lexicon' });
    expect([first.from, second.from]).toEqual(['build', 'snapshot']);
    fs.writeFileSync(path.join(dir, fs.readdirSync(dir)[0] as string), '{"broken":');
    expect(loadOrBuildIndex(corpus.citable, tokenizer, { cacheDir: dir, lexiconDir: 'corpus/lexicon' }).from).toBe(
      'build',
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
