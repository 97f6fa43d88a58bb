// Per-address rate limits across the cluster: the primary keeps the one set of counters (a fixed-window limiter) and
// workers ask it over node:cluster IPC, so an address gets the limit once, not once per worker. In a single process
// (WORKERS=1, tests) the counters are local.
import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import { createRateLimiter } from './rate-limit.ts';
import type { RateLimiter } from './rate-limit.ts';

/** A worker that gets no answer from the primary within this time lets the request through (the primary is gone or
 * stuck, and the worker is about to stop anyway: a limit must not turn into an outage). */
export const PRIMARY_ANSWER_MS = 1_000;

interface TakeMessage {
  type: 'rate.take';
  id: number;
  key: string;
}
interface TookMessage {
  type: 'rate.took';
  id: number;
  wait: number;
}

function isTake(message: unknown): message is TakeMessage {
  const m = message as Partial<TakeMessage> | null;
  return m?.type === 'rate.take' && typeof m.id === 'number' && typeof m.key === 'string';
}

function isTook(message: unknown): message is TookMessage {
  const m = message as Partial<TookMessage> | null;
  return m?.type === 'rate.took' && typeof m.id === 'number' && typeof m.wait === 'number';
}

/** In the cluster primary: answers every worker's `rate.take` from one limiter of `perMinute` requests per address. */
export function serveClusterRateLimits(perMinute: number): void {
  const limiter = createRateLimiter(perMinute);
  cluster.on('message', (worker: Worker, message: unknown) => {
    if (!isTake(message)) return;
    const wait = limiter.take(message.key);
    if (worker.isConnected()) worker.send({ type: 'rate.took', id: message.id, wait } satisfies TookMessage);
  });
}

/** The limiter a worker uses: the primary's counters when this process is a cluster worker, else local ones. */
export function createSharedRateLimiter(perMinute: number): RateLimiter {
  if (!cluster.isWorker || !process.send) return createRateLimiter(perMinute);
  const pending = new Map<number, (wait: number) => void>();
  let nextId = 0;
  process.on('message', (message: unknown) => {
    if (!isTook(message)) return;
    pending.get(message.id)?.(message.wait);
    pending.delete(message.id);
  });
  return {
    take(key) {
      const id = (nextId = (nextId + 1) % Number.MAX_SAFE_INTEGER);
      return new Promise<number>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(0);
        }, PRIMARY_ANSWER_MS);
        timer.unref();
        pending.set(id, (wait) => {
          clearTimeout(timer);
          resolve(wait);
        });
        process.send?.({ type: 'rate.take', id, key } satisfies TakeMessage, undefined, undefined, (error) => {
          if (error) pending.get(id)?.(0);
        });
      });
    },
  };
}
