// Remembers answers to repeated identical requests (suggested-question buttons, FAQs): the plans do not change while
// the process runs, so the same request always gets the same answer.
import { LRUCache } from 'lru-cache';
import type { AskFn, AskRequest, AskResponse } from './types.ts';

/** The key of a request on a day: every field that changes the answer, exactly as validated, and the date. */
function keyOf(request: AskRequest, today: string): string {
  return JSON.stringify([
    request.question,
    request.city ?? null,
    request.history ?? [],
    request.mode ?? 'standard',
    today,
  ]);
}

/**
 * Wraps `ask` with a least-recently-used cache of `entries` answers (0 returns `ask` itself). Cached answers are frozen:
 * callers share them and must not change them. An answer is kept for the day `today` says (documents go out of force).
 */
export function cachedAsk(ask: AskFn, entries: number, today: () => string): AskFn {
  if (entries <= 0) return ask;
  const cache = new LRUCache<string, AskResponse>({ max: entries });
  return (request) => {
    const key = keyOf(request, today());
    const hit = cache.get(key);
    if (hit) return hit;
    const response = Object.freeze(ask(request));
    cache.set(key, response);
    return response;
  };
}
