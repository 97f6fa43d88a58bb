// How much an earlier turn's words weigh in a follow-up (src/answer/follow-up.ts), on the shipped plans and lexicon.
import { describe, expect, it } from 'vitest';
import { followUp } from '../../src/answer/follow-up.ts';
import { TUNING } from '../../src/answer/tuning.ts';
import { createLogger } from '../../src/log.ts';
import { createQueryAnalyzer } from '../../src/search/analyze.ts';
import { benefitOf } from '../../src/search/benefit.ts';
import { loadEngineDeps } from '../../src/runtime/plan-services.ts';

const { deps } = loadEngineDeps('corpus', null, createLogger('error'));
const analyzer = createQueryAnalyzer(deps.tokenizer, deps.index, deps.homophones, TUNING);
const sw = TUNING.situationWeight;
const options = {
  benefitOf: (what: string, word: string) => benefitOf(deps.tokenizer, what, word),
  situationWeight: sw,
};

/** Each earlier concept's weight in the follow-up, over its weight in the earlier turn. */
function carriedShares(earlierTurn: string, turn: string): number[] {
  const earlier = analyzer.analyze(earlierTurn);
  const normalized = deps.tokenizer.normalize(turn);
  const merged = followUp(analyzer.analyzeNormalized(normalized), normalized, [earlier], options).query;
  return earlier.concepts.map((c) => {
    const carried = merged.concepts.find((m) => m.situation && m.forms[0] === c.forms[0]);
    return carried ? carried.weight / c.weight : 0;
  });
}

describe('the weight of an earlier turn’s words', () => {
  it('is the story’s weight when the turn names no topic of its own (那双鸭山呢)', () => {
    const shares = carriedShares('青州对残疾孩子做康复有什么救助', '那双鸭山呢');
    expect(shares.filter((s) => s > 0).every((s) => Math.abs(s - sw) < 1e-9)).toBe(true);
  });

  it('is that weight again less when the turn names a topic of its own (那孩子上学呢 after 康复救助)', () => {
    const shares = carriedShares('青州对残疾孩子做康复有什么救助', '那孩子上学呢');
    expect(shares.some((s) => s > 0)).toBe(true);
    expect(shares.filter((s) => s > 0).every((s) => Math.abs(s - sw * sw) < 1e-9)).toBe(true);
  });
});
