// Every gold quote of tests/eval/dev.jsonl lies inside exactly one clause of its plan: answers can cite it whole.
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { matchKey } from '../../src/corpus/text.ts';

const ROOT = path.join(import.meta.dirname, '../..');
const plans = loadCorpus(path.join(ROOT, 'corpus'));

interface DevQuestion {
  id: string;
  /** null for questions comparing several cities. */
  city: string | null;
  expect: { file: string; quote: string }[];
}

const questions: DevQuestion[] = fs
  .readFileSync(path.join(ROOT, 'tests/eval/dev.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as DevQuestion);

const quotes = questions.flatMap((q) =>
  q.expect.map((e) => ({ question: q.id, questionCity: q.city, city: cityOf(e.file), ...e })),
);

function cityOf(seedFile: string): string {
  return plans.find((p) => p.seedFile === seedFile)?.city ?? `(no plan for ${seedFile})`;
}

describe('dev quotes', () => {
  it('each name a seed file of the manifest, of the question city where the question has one', () => {
    for (const quote of quotes) {
      expect(
        plans.map((p) => p.seedFile),
        quote.question,
      ).toContain(quote.file);
      if (quote.questionCity !== null) expect(quote.city, quote.question).toBe(quote.questionCity);
    }
  });

  for (const quote of quotes) {
    it(`${quote.question}: "${quote.quote.slice(0, 24)}" lies inside one clause of ${quote.city}`, () => {
      const plan = plans.find((p) => p.seedFile === quote.file);
      expect(plan).toBeDefined();
      const key = matchKey(quote.quote);
      const holders = (plan?.clauses ?? []).filter((c) => matchKey(c.text).includes(key));
      expect(
        holders.map((c) => c.id),
        `exactly one clause of ${plan?.id} holds the quote`,
      ).toHaveLength(1);
    });
  }
});
