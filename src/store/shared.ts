// What many instances share, opened at a worker's start when configured: PostgreSQL (DATABASE_URL: migrations, then
// the records and the plan registry) and Redis (REDIS_URL: limits). Neither set: null, and the embedded default
// (SQLite, files in DATA_DIR, limits in the cluster primary) is used unchanged.
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { createSharedRateLimiter, createSharedSessionCounter } from '../server/cluster-limits.ts';
import { migrate } from './migrations.ts';
import { openPgPlanStore, type PgPlanStore } from './pg-plans.ts';
import { openPool } from './pg-pool.ts';
import { createPgRecordStore, type PgRecordStore } from './pg-records.ts';
import { openRedisLimits, type RedisLimits } from './redis-limits.ts';

export interface SharedStores {
  records: PgRecordStore;
  plans: PgPlanStore;
  close(): Promise<void>;
}

/** What a worker shares with other instances (each absent when not configured). */
export interface Shared {
  stores: SharedStores | null;
  limits: RedisLimits | null;
}

/** Opens what is configured: nothing when neither DATABASE_URL nor REDIS_URL is set. */
export async function openShared(config: Config, log: Logger): Promise<Shared> {
  return { stores: await openSharedStores(config, log), limits: openSharedLimits(config, log) };
}

/** Opens Redis limits alone (REDIS_URL without DATABASE_URL), or null. */
export function openSharedLimits(config: Config, log: Logger): RedisLimits | null {
  if (!config.redisUrl) return null;
  const fallback = {
    requests: createSharedRateLimiter(config.limits.requestsPerMinutePerIp),
    sessions: createSharedSessionCounter(config.limits.wsSessionsPerIp),
  };
  return openRedisLimits(
    config.redisUrl,
    { perMinute: config.limits.requestsPerMinutePerIp, sessionsPerAddress: config.limits.wsSessionsPerIp },
    fallback,
    log,
  );
}

/**
 * Connects to PostgreSQL, applies the migrations (under the advisory lock) and loads the plan registry. PostgreSQL
 * unreachable at start-up is an error (the instance cannot know what is published); later outages are survived.
 */
export async function openSharedStores(config: Config, log: Logger): Promise<SharedStores | null> {
  if (!config.databaseUrl) return null;
  const pool = openPool(config.databaseUrl, log);
  const applied = await migrate(pool);
  if (applied.length > 0) log.info('migrations_applied', { versions: applied.join(',') });
  const records = createPgRecordStore(pool, log, {
    retentionDays: config.limits.retentionDays,
    maxRows: config.limits.retentionRows,
    busyTimeoutMs: 0,
    queueMax: config.limits.recordQueue,
  });
  const plans = await openPgPlanStore(pool, config.databaseUrl, log);
  return {
    records,
    plans,
    async close() {
      await records.close();
      await pool.end();
    },
  };
}
