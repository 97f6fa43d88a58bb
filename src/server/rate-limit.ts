// Per-address limits kept in one place: a fixed-window request counter (requests per minute) that hands out leases of
// several requests at once, and a count of open voice sessions. The cluster primary holds the one set for all workers
// (src/server/cluster-limits.ts); a single process holds its own.

const WINDOW_MS = 60_000;

/** What one lease request gets: `granted` requests usable until `resetAt`, or, with none granted, `wait` seconds. */
export interface Lease {
  granted: number;
  resetAt: number;
  wait: number;
}

export interface RateLimiter {
  /** Counts one request; returns (or resolves to, when the counters live in the cluster primary) 0 when allowed, else
   * the seconds to wait. */
  take(key: string, now?: number): number | Promise<number>;
}

export interface WindowCounter {
  /** Grants up to `want(left)` requests of `key`'s window, `left` being how many it still has. */
  lease(key: string, want: number | ((left: number) => number), now?: number): Lease;
}

/** Bounded memory: windows are dropped when they expire, and at most `maxKeys` addresses are tracked. */
export function createWindowCounter(perMinute: number, maxKeys = 100_000): WindowCounter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    lease(key, want, now = Date.now()) {
      let entry = windows.get(key);
      if (!entry || now - entry.start >= WINDOW_MS) {
        if (windows.size >= maxKeys) {
          for (const [k, w] of windows) if (now - w.start >= WINDOW_MS) windows.delete(k);
          if (windows.size >= maxKeys) windows.clear();
        }
        entry = { start: now, count: 0 };
        windows.set(key, entry);
      }
      const resetAt = entry.start + WINDOW_MS;
      const left = perMinute - entry.count;
      const granted = Math.max(0, Math.min(typeof want === 'number' ? want : want(left), left));
      entry.count += granted;
      return { granted, resetAt, wait: granted > 0 ? 0 : Math.max(1, Math.ceil((resetAt - now) / 1000)) };
    },
  };
}

/** The counters themselves, in this process: one request at a time, answered at once. */
export interface LocalRateLimiter extends RateLimiter {
  take(key: string, now?: number): number;
}

export function createRateLimiter(perMinute: number, maxKeys?: number): LocalRateLimiter {
  const counter = createWindowCounter(perMinute, maxKeys);
  return { take: (key, now) => counter.lease(key, 1, now).wait };
}

/** Open sessions per address, at most `limit` each. */
export interface SessionCounter {
  /** Counts a session of `key` when under the limit; resolves false when the address already has `limit` open. */
  open(key: string): boolean | Promise<boolean>;
  /** Releases one session of `key`. */
  close(key: string): void;
}

/** The counter itself, in this process: answers at once. */
export interface LocalSessionCounter extends SessionCounter {
  open(key: string): boolean;
}

export function createSessionCounter(limit: number): LocalSessionCounter {
  const open = new Map<string, number>();
  return {
    open(key) {
      const count = open.get(key) ?? 0;
      if (count >= limit) return false;
      open.set(key, count + 1);
      return true;
    },
    close(key) {
      const left = (open.get(key) ?? 1) - 1;
      if (left <= 0) open.delete(key);
      else open.set(key, left);
    },
  };
}
