// The PostgreSQL schema as numbered migrations, applied at start-up under an advisory lock: two instances starting at
// once apply each migration exactly once (the second waits for the lock, then finds them applied).
import type pg from 'pg';

/** The advisory lock key every instance takes while migrating (any constant 64-bit number, ours). */
export const MIGRATION_LOCK = 2_112_385;

/** Numbered migrations, oldest first; a migration once released is never edited, only followed by a new one. */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'records',
    sql: `
CREATE TABLE feedback (
  id BIGSERIAL PRIMARY KEY,
  time BIGINT NOT NULL,
  rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
  question TEXT NOT NULL,
  citation_ids JSONB NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX feedback_time ON feedback (time);
CREATE TABLE unanswered (
  id BIGSERIAL PRIMARY KEY,
  time BIGINT NOT NULL,
  city TEXT,
  question TEXT NOT NULL,
  question_key TEXT NOT NULL
);
CREATE INDEX unanswered_time ON unanswered (time);
CREATE INDEX unanswered_group ON unanswered (city, question_key);`,
  },
  {
    version: 2,
    name: 'plans',
    sql: `
CREATE TABLE plan_registry (
  singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
  generation BIGINT NOT NULL,
  registry JSONB NOT NULL
);
CREATE TABLE plan_texts (
  plan_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (plan_id, version)
);`,
  },
  {
    version: 3,
    name: 'audit',
    sql: `
CREATE TABLE audit_log (
  id BIGSERIAL PRIMARY KEY,
  time TIMESTAMPTZ NOT NULL DEFAULT now(),
  token_id TEXT NOT NULL,
  staff_name TEXT NOT NULL,
  action TEXT NOT NULL,
  plan_id TEXT,
  version INTEGER
);
CREATE INDEX audit_log_time ON audit_log (time);`,
  },
  {
    version: 4,
    name: 'insight',
    // The staff insight page: why a question is listed, what it is about, and the document versions live when asked.
    sql: `
ALTER TABLE unanswered ADD COLUMN outcome TEXT NOT NULL DEFAULT 'unanswered';
ALTER TABLE unanswered ADD COLUMN topic TEXT;
ALTER TABLE unanswered ADD COLUMN asked TEXT;
ALTER TABLE unanswered ADD COLUMN versions JSONB NOT NULL DEFAULT '[]';
ALTER TABLE feedback ADD COLUMN city TEXT;
ALTER TABLE feedback ADD COLUMN question_key TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN topic TEXT;
ALTER TABLE feedback ADD COLUMN asked TEXT;
ALTER TABLE feedback ADD COLUMN versions JSONB NOT NULL DEFAULT '[]';`,
  },
];

/**
 * Applies the migrations not yet applied, each in its own transaction, holding the advisory lock throughout. Returns
 * the versions it applied (none when another instance got there first).
 */
export async function migrate(pool: pg.Pool): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
    );
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`store: migration ${migration.version} (${migration.name}) failed`, { cause: error });
      }
      applied.push(migration.version);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
  return applied;
}
