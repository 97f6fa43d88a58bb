// The Redis limits against a real Redis 7: two instances' limiters share one count per address, atomically; with Redis
// stopped each counts on its own (a warning, never an error) and they share again once it is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { createRateLimiter, createSessionCounter } from '../../src/server/rate-limit.ts';
import { openRedisLimits, type RedisLimits } from '../../src/store/redis-limits.ts';
import { HAS_SERVERS, startRedis, type Redis } from './servers.ts';

const PER_MINUTE = 10;
const SESSIONS = 2;

describe.runIf(HAS_SERVERS)('Redis limits', () => {
  let redis: Redis;
  const warnings: string[] = [];
  const log = { ...createLogger('error'), warn: (event: string) => void warnings.push(event) };
  const instance = (): RedisLimits =>
    openRedisLimits(
      redis.url,
      { perMinute: PER_MINUTE, sessionsPerAddress: SESSIONS },
      { requests: createRateLimiter(PER_MINUTE), sessions: createSessionCounter(SESSIONS) },
      log,
    );
  let a: RedisLimits;
  let b: RedisLimits;

  beforeAll(async () => {
    redis = await startRedis();
    a = instance();
    b = instance();
    for (let i = 0; i < 200 && !(a.shared() && b.shared()); i++) await new Promise((r) => setTimeout(r, 20));
  }, 30_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.stop();
  });

  it('allows an address PER_MINUTE requests across two instances, not per instance', async () => {
    const waits = await Promise.all(
      Array.from({ length: PER_MINUTE + 4 }, (_, i) => (i % 2 ? a : b).requests.take('203.0.113.7')),
    );
    expect(waits.filter((w) => w === 0)).toHaveLength(PER_MINUTE);
    expect(waits.filter((w) => w > 0 && w <= 60)).toHaveLength(4);
  });

  it('allows an address SESSIONS voice sessions across two instances and frees one on close', async () => {
    expect(await a.sessions.open('198.51.100.1')).toBe(true);
    expect(await b.sessions.open('198.51.100.1')).toBe(true);
    expect(await a.sessions.open('198.51.100.1')).toBe(false);
    b.sessions.close('198.51.100.1');
    await expect.poll(() => a.sessions.open('198.51.100.1')).toBe(true);
  });

  it('counts per instance with a warning while Redis is stopped, and shares again when it is back', async () => {
    await redis.stop();
    await expect.poll(() => a.shared()).toBe(false);
    const waits = await Promise.all(Array.from({ length: PER_MINUTE }, () => a.requests.take('192.0.2.9')));
    expect(waits).toEqual(Array.from({ length: PER_MINUTE }, () => 0));
    expect(await a.requests.take('192.0.2.9')).toBeGreaterThan(0);
    expect(await b.requests.take('192.0.2.9')).toBe(0);
    expect(warnings).toContain('redis_unavailable');
    await redis.start();
    await expect.poll(() => a.shared() && b.shared(), { timeout: 10_000 }).toBe(true);
    // A fresh Redis (no persistence): the shared count starts again.
    const shared = await Promise.all(
      Array.from({ length: PER_MINUTE + 1 }, (_, i) => (i % 2 ? a : b).requests.take('192.0.2.10')),
    );
    expect(shared.filter((w) => w === 0)).toHaveLength(PER_MINUTE);
  }, 30_000);
});
