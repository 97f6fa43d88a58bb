// The parsed-corpus cache: a second start-up reads each plan's clauses only when they are used, keyed by the plan files'
// sizes and times, so start-up reads no plan's text.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCorpus } from '../../src/corpus/corpus.ts';
import { loadCorpus, loadPlans } from '../../src/corpus/load.ts';

const CORPUS_DIR = path.join(import.meta.dirname, '../../corpus');
const quiet = { warn: () => undefined };
const temporary: string[] = [];

/** A copy of the shipped corpus in a folder of its own (its own cache key). */
function copiedCorpus(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-cache-'));
  temporary.push(dir);
  fs.cpSync(CORPUS_DIR, dir, { recursive: true });
  return dir;
}

afterEach(() => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the parsed-corpus cache', () => {
  it('gives back every plan with the clauses parsing gives, each read when first used', () => {
    const dir = copiedCorpus();
    loadPlans(dir, quiet); // parses and writes the cache
    const { plans } = loadPlans(dir, quiet);
    expect(plans.map((plan) => plan.id)).toEqual(['qingzhou', 'shuangyashan', 'yongji', 'jining', 'zhangye']);
    expect(plans.every((plan) => plan.source?.endsWith(`/${plan.id}`))).toBe(true);
    const parsed = loadCorpus(dir);
    expect(plans.map((plan) => plan.clauseCount)).toEqual(parsed.map((plan) => plan.clauses.length));
    expect(plans.map((plan) => plan.clauses)).toEqual(parsed.map((plan) => plan.clauses));
  });

  it('finds a clause by its id in its own plan and counts the clauses without reading them', () => {
    const dir = copiedCorpus();
    loadPlans(dir, quiet);
    const corpus = createCorpus(loadPlans(dir, quiet).plans);
    expect(corpus.clause('shuangyashan-box2-1')?.planId).toBe('shuangyashan');
    expect(corpus.clause('jining-3-3-1')?.text).toContain('残疾预防');
    expect(corpus.clause('jining-99-1')).toBeUndefined();
    expect(corpus.clause('nowhere-1')).toBeUndefined();
    expect(corpus.clauseCount).toBe(createCorpus(loadCorpus(dir)).clauseCount);
  });

  it('parses a plan again once its file changes size or time', () => {
    const dir = copiedCorpus();
    loadPlans(dir, quiet);
    const file = path.join(dir, 'zhangye.txt');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('民乐智博', '民乐智慧'));
    const zhangye = loadPlans(dir, quiet).plans.find((plan) => plan.id === 'zhangye');
    expect(zhangye?.clauses.some((clause) => clause.text.includes('民乐智慧'))).toBe(true);
  });
});
