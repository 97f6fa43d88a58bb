// Request and voice-session limits per client address counted across instances in Redis (REDIS_URL), atomically
// (rate-limiter-flexible's Lua INCR with expiry over ioredis). While Redis does not answer, each instance counts on its
// own (the cluster primary's counters, src/server/cluster-limits.ts), with a warning in the log and no error to the
// client; it goes back to shared counting as soon as Redis answers again.
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../log.ts';
import type { RateLimiter, SessionCounter } from '../server/rate-limit.ts';

/** The request window (as the in-process counters: a fixed minute per address). */
const WINDOW_S = 60;
/**
 * A voice session's count expires after this long without its close (an instance killed with sessions open releases
 * them no later than this).
 */
export const SESSION_TTL_S = 3_600;
/** Longest wait for Redis (connecting, or one command) before the instance counts on its own. */
export const REDIS_TIMEOUT_MS = 500;
/** Wait between reconnection attempts while Redis is down. */
export const REDIS_RETRY_MS = 1_000;

export interface RedisLimits {
  requests: RateLimiter;
  sessions: SessionCounter;
  /** Whether counting is shared right now. */
  shared(): boolean;
  close(): Promise<void>;
}

/** Connects to `url` (not waiting for it) and builds the limiters, falling back to `fallback` while Redis is down. */
export function openRedisLimits(
  url: string,
  limits: { perMinute: number; sessionsPerAddress: number },
  fallback: { requests: RateLimiter; sessions: SessionCounter },
  log: Logger,
): RedisLimits {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: REDIS_TIMEOUT_MS,
    commandTimeout: REDIS_TIMEOUT_MS,
    retryStrategy: () => REDIS_RETRY_MS,
    lazyConnect: false,
  });
  let up = false;
  let warned = false;
  redis.on('ready', () => {
    up = true;
    if (warned) log.info('redis_available', { limits: 'shared' });
    warned = false;
  });
  const down = (error?: Error) => {
    up = false;
    if (!warned) log.warn('redis_unavailable', { limits: 'per_instance', name: error?.name ?? 'closed' });
    warned = true;
  };
  redis.on('error', down);
  redis.on('close', () => down());

  const requests = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: 'limit:req',
    points: limits.perMinute,
    duration: WINDOW_S,
    rejectIfRedisNotReady: true,
  });
  // Sessions: one atomic step each, so a refused open counts nothing (a rate limiter's consume would count it).
  const openScript = `local n = tonumber(redis.call('get', KEYS[1]) or '0')
if n >= tonumber(ARGV[1]) then return 0 end
redis.call('incr', KEYS[1])
redis.call('expire', KEYS[1], ARGV[2])
return 1`;
  const closeScript = `local n = tonumber(redis.call('get', KEYS[1]) or '0')
if n > 0 then redis.call('decr', KEYS[1]) end
return n`;
  const sessionKey = (key: string) => `limit:voice:${key}`;
  /** Sessions this process opened in Redis (their close goes there too), by address. */
  const openedShared = new Map<string, number>();

  return {
    shared: () => up,
    requests: {
      take(key) {
        if (!up) return fallback.requests.take(key);
        return requests.consume(key).then(
          () => 0,
          (refused: unknown) => {
            if (refused instanceof RateLimiterRes) return Math.max(1, Math.ceil(refused.msBeforeNext / 1000));
            down(refused as Error);
            return fallback.requests.take(key);
          },
        );
      },
    },
    sessions: {
      async open(key) {
        if (up) {
          try {
            const opened = await redis.eval(openScript, 1, sessionKey(key), limits.sessionsPerAddress, SESSION_TTL_S);
            if (opened !== 1) return false;
            openedShared.set(key, (openedShared.get(key) ?? 0) + 1);
            return true;
          } catch (error) {
            down(error as Error);
          }
        }
        return fallback.sessions.open(key);
      },
      close(key) {
        const shared = openedShared.get(key) ?? 0;
        if (shared === 0) return fallback.sessions.close(key);
        if (shared === 1) openedShared.delete(key);
        else openedShared.set(key, shared - 1);
        redis.eval(closeScript, 1, sessionKey(key)).catch(() => undefined);
      },
    },
    async close() {
      redis.disconnect();
    },
  };
}
