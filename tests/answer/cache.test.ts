// The answer cache: same request → same frozen answer; any field that changes the answer changes the key, and so does
// the day (documents go out of force); LRU bound.
import { describe, expect, it } from 'vitest';
import { cachedAsk } from '../../src/answer/cache.ts';
import type { AskRequest, AskResponse } from '../../src/answer/types.ts';

const TODAY = () => '2026-06-01';

function counting() {
  const seen: AskRequest[] = [];
  const ask = (request: AskRequest): AskResponse => {
    seen.push(request);
    return {
      answered: true,
      answer: `${request.city ?? '五市'}：${request.question}`,
      city: request.city ?? null,
      intent: 'other',
      confidence: 1,
      citations: [],
      suggestions: [],
    };
  };
  return { ask, seen };
}

describe('answer cache', () => {
  it('answers a repeated request from memory with the same frozen answer', () => {
    const { ask, seen } = counting();
    const cached = cachedAsk(ask, 10, TODAY);
    const first = cached({ question: '坐公交免费吗', city: '济宁' });
    const second = cached({ question: '坐公交免费吗', city: '济宁' });
    expect(second).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(seen).toHaveLength(1);
  });

  it('keys on question, city, history and mode', () => {
    const { ask, seen } = counting();
    const cached = cachedAsk(ask, 10, TODAY);
    cached({ question: '那孩子呢', city: null });
    cached({ question: '那孩子呢', city: '张掖' });
    cached({ question: '那孩子呢', city: null, history: ['我在张掖'] });
    cached({ question: '那孩子呢', city: null, mode: 'easy' });
    expect(seen).toHaveLength(4);
  });

  it('asks again on another day: an answer is kept for the day it was given', () => {
    const { ask, seen } = counting();
    let day = '2027-02-28';
    const cached = cachedAsk(ask, 10, () => day);
    cached({ question: '护理补贴多少钱', city: '济宁' });
    cached({ question: '护理补贴多少钱', city: '济宁' });
    day = '2027-03-01';
    cached({ question: '护理补贴多少钱', city: '济宁' });
    expect(seen).toHaveLength(2);
  });

  it('forgets the least recently used answer beyond its size', () => {
    const { ask, seen } = counting();
    const cached = cachedAsk(ask, 2, TODAY);
    cached({ question: 'a' });
    cached({ question: 'b' });
    cached({ question: 'a' });
    cached({ question: 'c' });
    cached({ question: 'a' });
    cached({ question: 'b' });
    expect(seen.map((r) => r.question)).toEqual(['a', 'b', 'c', 'b']);
  });

  it('is off with 0 entries', () => {
    const { ask } = counting();
    expect(cachedAsk(ask, 0, TODAY)).toBe(ask);
  });
});
