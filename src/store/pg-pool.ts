// One PostgreSQL connection pool per process (DATABASE_URL), with timeouts short enough that a stopped server is an
// error within seconds instead of a request hanging, and an error listener so a dropped idle connection never crashes.
import pg from 'pg';
import type { Logger } from '../log.ts';

/** Longest wait for a connection (PostgreSQL down: a feedback gets its 503 within this). */
export const PG_CONNECT_MS = 2_000;
/** Longest a query may run before the client gives up on it. */
export const PG_QUERY_MS = 5_000;
/** Connections per process (each worker has its own pool). */
export const PG_POOL_SIZE = 5;

export function openPool(url: string, log: Logger): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: PG_POOL_SIZE,
    connectionTimeoutMillis: PG_CONNECT_MS,
    query_timeout: PG_QUERY_MS,
    idleTimeoutMillis: 30_000,
    application_name: 'policy-assistant',
  });
  // An idle client whose server went away emits here; without a listener the process would exit.
  pool.on('error', (error) => log.warn('pg_connection_lost', { name: error.name, code: pgCode(error) }));
  return pool;
}

/** PostgreSQL's SQLSTATE or Node's errno code of a failed query, for logs (never the query or its values). */
export function pgCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}
