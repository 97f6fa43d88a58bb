// A fixed-window request counter per client address (requests per minute), with the seconds until the window resets.

export interface RateLimiter {
  /** Counts one request; returns (or resolves to, when the counters live in the cluster primary) 0 when allowed, else
   * the seconds to wait. */
  take(key: string, now?: number): number | Promise<number>;
}

/** The counters themselves, in this process: answers at once. */
export interface LocalRateLimiter extends RateLimiter {
  take(key: string, now?: number): number;
}

/** Bounded memory: windows are dropped when they expire, and at most `maxKeys` addresses are tracked. */
export function createRateLimiter(perMinute: number, maxKeys = 100_000): LocalRateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const WINDOW_MS = 60_000;
  return {
    take(key, now = Date.now()) {
      let entry = windows.get(key);
      if (!entry || now - entry.start >= WINDOW_MS) {
        if (windows.size >= maxKeys) {
          for (const [k, w] of windows) if (now - w.start >= WINDOW_MS) windows.delete(k);
          if (windows.size >= maxKeys) windows.clear();
        }
        entry = { start: now, count: 0 };
        windows.set(key, entry);
      }
      entry.count += 1;
      return entry.count > perMinute ? Math.ceil((entry.start + WINDOW_MS - now) / 1000) : 0;
    },
  };
}
