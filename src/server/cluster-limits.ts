// Per-address limits across the cluster: the primary keeps the one set of counters (requests per minute, open voice
// sessions) and workers ask it over node:cluster IPC, so an address gets each limit once, not once per worker. A
// worker takes requests in leases of several at once, so most requests cost no message at all. In a single process
// (WORKERS=1, tests) the counters are local.
import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import {
  createRateLimiter,
  createSessionCounter,
  createWindowCounter,
  type Lease,
  type RateLimiter,
  type SessionCounter,
} from './rate-limit.ts';

/** A worker that gets no answer from the primary within this time lets the request through (the primary is gone or
 * stuck, and the worker is about to stop anyway: a limit must not turn into an outage). */
export const PRIMARY_ANSWER_MS = 1_000;
/** Most requests one lease carries. */
export const MAX_LEASE = 32;

type Request =
  | { type: 'limits.lease'; id: number; key: string }
  | { type: 'limits.open'; id: number; key: string }
  | { type: 'limits.close'; key: string };
interface Reply {
  type: 'limits.reply';
  id: number;
  lease?: Lease;
  opened?: boolean;
}

function isRequest(message: unknown): message is Request {
  const m = message as Partial<Request> | null;
  return typeof m?.type === 'string' && m.type.startsWith('limits.') && typeof m.key === 'string';
}

function isReply(message: unknown): message is Reply {
  const m = message as Partial<Reply> | null;
  return m?.type === 'limits.reply' && typeof m.id === 'number';
}

/**
 * In the cluster primary: answers every worker's leases from one window counter of `perMinute` requests per address,
 * and counts open voice sessions per address (at most `sessionsPerAddress`), releasing a worker's sessions when it
 * exits. A lease is a share of what is left, so that leases idle in one worker hold back little of the limit.
 */
export function serveClusterLimits(limits: { perMinute: number; sessionsPerAddress: number; workers: number }): void {
  const counter = createWindowCounter(limits.perMinute);
  const sessions = createSessionCounter(limits.sessionsPerAddress);
  const byWorker = new Map<number, Map<string, number>>();
  cluster.on('message', (worker: Worker, message: unknown) => {
    if (!isRequest(message)) return;
    const held = byWorker.get(worker.id) ?? new Map<string, number>();
    byWorker.set(worker.id, held);
    let reply: Reply;
    switch (message.type) {
      case 'limits.lease': {
        const share = (left: number) => Math.min(MAX_LEASE, Math.max(1, Math.floor(left / (2 * limits.workers))));
        reply = { type: 'limits.reply', id: message.id, lease: counter.lease(message.key, share) };
        break;
      }
      case 'limits.open': {
        const opened = sessions.open(message.key);
        if (opened) held.set(message.key, (held.get(message.key) ?? 0) + 1);
        reply = { type: 'limits.reply', id: message.id, opened };
        break;
      }
      case 'limits.close':
        sessions.close(message.key);
        held.set(message.key, (held.get(message.key) ?? 1) - 1);
        return;
    }
    if (worker.isConnected()) worker.send(reply);
  });
  cluster.on('exit', (worker: Worker) => {
    for (const [key, count] of byWorker.get(worker.id) ?? []) for (let i = 0; i < count; i++) sessions.close(key);
    byWorker.delete(worker.id);
  });
}

/** Sends `request` to the primary; resolves with its reply, or with null after PRIMARY_ANSWER_MS or a send error. */
function askPrimary(): (request: Extract<Request, { id: number }>) => Promise<Reply | null> {
  const pending = new Map<number, (reply: Reply | null) => void>();
  process.on('message', (message: unknown) => {
    if (!isReply(message)) return;
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });
  return (request) =>
    new Promise((resolve) => {
      const id = request.id;
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(null);
      }, PRIMARY_ANSWER_MS);
      timer.unref();
      pending.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      process.send?.(request, undefined, undefined, (error) => {
        if (error) pending.get(id)?.(null);
      });
    });
}

let asker: ReturnType<typeof askPrimary> | undefined;
let nextId = 0;
const newId = () => (nextId = (nextId + 1) % Number.MAX_SAFE_INTEGER);

function inWorker(): boolean {
  return cluster.isWorker && typeof process.send === 'function';
}

/**
 * The request limiter a worker uses: leases from the primary's counters when this process is a cluster worker (a
 * request spends a leased one locally; only an empty lease asks again), else local counters.
 */
export function createSharedRateLimiter(perMinute: number): RateLimiter {
  if (!inWorker()) return createRateLimiter(perMinute);
  asker ??= askPrimary();
  const ask = asker;
  const leases = new Map<string, { left: number; resetAt: number; wait: number }>();
  const inFlight = new Map<string, Promise<void>>();
  const refill = (key: string): Promise<void> => {
    let pending = inFlight.get(key);
    if (!pending) {
      pending = ask({ type: 'limits.lease', id: newId(), key }).then((reply) => {
        inFlight.delete(key);
        const lease = reply?.lease;
        // No answer: let requests through for a moment rather than refuse everyone.
        if (!lease) leases.set(key, { left: 1, resetAt: Date.now() + PRIMARY_ANSWER_MS, wait: 0 });
        else leases.set(key, { left: lease.granted, resetAt: lease.resetAt, wait: lease.wait });
        if (leases.size > 100_000) for (const [k, l] of leases) if (l.resetAt <= Date.now()) leases.delete(k);
      });
      inFlight.set(key, pending);
    }
    return pending;
  };
  const spend = (key: string, now: number): number | null => {
    const lease = leases.get(key);
    if (!lease || lease.resetAt <= now) return null;
    if (lease.left > 0) {
      lease.left -= 1;
      return 0;
    }
    // Refused until the window resets: answered here, without asking the primary again.
    return lease.wait > 0 ? Math.max(1, Math.ceil((lease.resetAt - now) / 1000)) : null;
  };
  return {
    take(key) {
      const now = Date.now();
      const spent = spend(key, now);
      if (spent !== null) return spent;
      return (async () => {
        for (let tries = 0; tries < 3; tries++) {
          await refill(key);
          const again = spend(key, Date.now());
          if (again !== null) return again;
        }
        return 0;
      })();
    },
  };
}

/** The voice-session counter a worker uses: the primary's when this process is a cluster worker, else local. */
export function createSharedSessionCounter(limit: number): SessionCounter {
  if (!inWorker()) return createSessionCounter(limit);
  asker ??= askPrimary();
  const ask = asker;
  return {
    async open(key) {
      const reply = await ask({ type: 'limits.open', id: newId(), key });
      return reply?.opened ?? true;
    },
    close(key) {
      process.send?.({ type: 'limits.close', key } satisfies Request);
    },
  };
}
