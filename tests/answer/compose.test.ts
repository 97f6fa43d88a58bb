// Composing an answer across cities (src/answer/compose.ts) on the real plans: which sentence each city's line quotes.
import { describe, expect, it } from 'vitest';
import { composeAcross } from '../../src/answer/compose.ts';
import { createLogger } from '../../src/log.ts';
import { loadEngineDeps } from '../../src/runtime/plan-services.ts';

const { deps } = loadEngineDeps('corpus', null, createLogger('error'));
const clause = (id: string) => {
  const found = deps.corpus.plans.flatMap((p) => p.clauses).find((c) => c.id === id);
  if (!found) throw new Error(`no clause ${id}`);
  return found;
};
const how = {
  mode: 'standard' as const,
  planOf: (c: { planId: string }) => deps.corpus.plan(c.planId) as NonNullable<ReturnType<typeof deps.corpus.plan>>,
  glossary: new Map<string, string>(),
  weigh: (term: string) => Math.max(0, deps.index.idf(term)),
};

describe('a comparison’s line for each city', () => {
  // 永济 3-2-1: its first sentence is on 就业支持政策; a later one gives 6个月的渐退期.
  it('quotes the sentence stating the detail asked (how long: 6个月的渐退期), not the one sharing most words', () => {
    const lines = composeAcross(
      [clause('yongji-3-2-1')],
      { terms: ['就业', '残疾人'], intent: 'compare', silent: [], fact: 'time' },
      how,
    );
    expect(lines.join('')).toContain('给予6个月的渐退期');
  });

  it('quotes the sentence sharing most words when no detail is asked', () => {
    const lines = composeAcross(
      [clause('yongji-3-2-1')],
      { terms: ['就业', '残疾人'], intent: 'compare', silent: [], fact: null },
      how,
    );
    expect(lines.join('')).not.toContain('渐退期');
  });
});
