// Feedback and unanswered questions in PostgreSQL (DATABASE_URL): the SQLite store's rows, redaction and retention, for
// many instances. Feedback is written before it is acknowledged (PostgreSQL down: STORE_UNAVAILABLE, 503, never a
// false "saved"); unanswered questions go through a bounded memory queue so answers never wait for the database, and
// what PostgreSQL could not take is written when it is back.
import type pg from 'pg';
import { AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { DAY_MS, INSIGHT_SQL, PRUNE_EVERY, insightRow, questionKey, redact } from '../records.ts';
import type { AskedContext, InsightRow, RecordStore, RecordStoreOptions } from '../records.ts';
import type { UnansweredCity, UnansweredRecord } from '../records.ts';
import { pgCode } from './pg-pool.ts';

/** How often the queue is retried, and the server probed, while PostgreSQL does not answer. */
export const RETRY_MS = 1_000;
/** How often a healthy server is probed (so /healthz says degraded even when nobody writes). */
export const PROBE_MS = 2_000;
/** Rows sent in one INSERT when the queue drains. */
const BATCH_ROWS = 500;

export interface PgRecordStore extends RecordStore {
  feedback(record: Parameters<RecordStore['feedback']>[0]): Promise<void>;
  unansweredReport(perCity: number, city?: string | null): Promise<UnansweredCity[]>;
  insightRows(since: number, limit: number): Promise<InsightRow[]>;
  prune(now?: number): Promise<number>;
  counts(): Promise<{ feedback: number; unanswered: number }>;
  close(): Promise<void>;
  /** False since a query failed and until one succeeds. */
  available(): boolean;
  /** Unanswered questions waiting in memory for PostgreSQL. */
  queued(): number;
}

interface Queued {
  time: number;
  city: string | null;
  question: string;
  outcome: 'unanswered' | 'low';
  context: AskedContext | undefined;
}

/** INSIGHT_SQL with PostgreSQL's numbered parameters. */
const PG_INSIGHT_SQL = INSIGHT_SQL.replaceAll(':since', '$1').replaceAll(':limit', '$2');
/** Values an unanswered row is inserted with. */
const UNANSWERED_COLUMNS = 8;

export interface PgRecordOptions extends RecordStoreOptions {
  /** Most unanswered questions kept in memory while PostgreSQL is down (the oldest are dropped beyond it). */
  queueMax: number;
}

const TABLES = ['feedback', 'unanswered'] as const;

/** The store over `pool` (migrated beforehand, src/store/migrations.ts). */
export function createPgRecordStore(pool: pg.Pool, log: Logger, opts: PgRecordOptions): PgRecordStore {
  const queue: Queued[] = [];
  let up = true;
  let dropped = 0;
  let writes = 0;
  let flushing: Promise<void> | null = null;
  let closed = false;

  const failed = (what: string, error: unknown) => {
    if (up) log.warn('pg_unavailable', { during: what, name: (error as Error)?.name, code: pgCode(error) });
    up = false;
  };
  const recovered = () => {
    if (!up) log.info('pg_available', { queued: queue.length, dropped });
    up = true;
  };

  const prune = async (now = Date.now()): Promise<number> => {
    const cutoff = now - opts.retentionDays * DAY_MS;
    let deleted = 0;
    for (const table of TABLES) {
      deleted += (await pool.query(`DELETE FROM ${table} WHERE time < $1`, [cutoff])).rowCount ?? 0;
      const many = await pool.query(
        `DELETE FROM ${table} WHERE id <= (SELECT id FROM ${table} ORDER BY id DESC LIMIT 1 OFFSET $1)`,
        [opts.maxRows],
      );
      deleted += many.rowCount ?? 0;
    }
    return deleted;
  };
  const wrote = () => {
    writes += 1;
    if (writes % PRUNE_EVERY === 0) prune().catch((error: unknown) => failed('prune', error));
  };

  const writeBatch = async (rows: Queued[]) => {
    const values: unknown[] = [];
    const tuples = rows.map((row, i) => {
      const ctx = row.context;
      values.push(row.time, row.city, row.question, ctx?.key ?? questionKey(row.question), row.outcome);
      values.push(ctx?.topic ?? null, ctx?.asked ?? null, JSON.stringify(ctx?.versions ?? []));
      const base = i * UNANSWERED_COLUMNS;
      return `(${Array.from({ length: UNANSWERED_COLUMNS }, (_, k) => `$${base + k + 1}`).join(', ')})`;
    });
    await pool.query(
      `INSERT INTO unanswered (time, city, question, question_key, outcome, topic, asked, versions)
       VALUES ${tuples.join(', ')}`,
      values,
    );
  };
  /** Writes the queue, oldest first; on failure the rows stay queued and a retry is scheduled. */
  const flush = (): Promise<void> => {
    flushing ??= (async () => {
      while (queue.length > 0 && !closed) {
        const rows = queue.slice(0, BATCH_ROWS);
        try {
          await writeBatch(rows);
        } catch (error) {
          failed('unanswered', error);
          setTimeout(() => void flush(), RETRY_MS).unref();
          return;
        }
        queue.splice(0, rows.length);
        for (let i = 0; i < rows.length; i++) wrote();
        recovered();
      }
    })().finally(() => {
      flushing = null;
    });
    return flushing;
  };

  const report = async (perCity: number, city: string | null): Promise<UnansweredCity[]> => {
    const totals = await pool.query<{ city: string | null; total: number }>(
      `SELECT city, COUNT(*)::int AS total FROM unanswered WHERE outcome = 'unanswered' GROUP BY city ORDER BY total DESC, city COLLATE "C" NULLS FIRST`,
    );
    const byCity = new Map<string | null, UnansweredCity>();
    for (const row of totals.rows) {
      if (city === null || row.city === city) byCity.set(row.city, { city: row.city, total: row.total, questions: [] });
    }
    const rows = await pool.query<{ city: string | null; question: string; count: number; last: string }>(
      `WITH grouped AS (
           SELECT city, question_key, COUNT(*)::int AS count, MAX(time) AS last, MAX(id) AS last_id
           FROM unanswered WHERE outcome = 'unanswered' AND ($1::text IS NULL OR city IS NOT DISTINCT FROM $1::text)
           GROUP BY city, question_key)
         SELECT g.city, u.question, g.count, g.last FROM grouped g JOIN unanswered u ON u.id = g.last_id
         ORDER BY g.count DESC, g.last DESC`,
      [city],
    );
    for (const row of rows.rows) {
      const entry = byCity.get(row.city);
      if (!entry || entry.questions.length >= perCity) continue;
      entry.questions.push({
        question: row.question,
        count: row.count,
        lastAsked: new Date(Number(row.last)).toISOString(),
      });
    }
    return [...byCity.values()];
  };

  const probe = setInterval(
    () => {
      if (flushing) return;
      pool.query('SELECT 1').then(
        () => {
          recovered();
          if (queue.length > 0) void flush();
        },
        (error: unknown) => failed('probe', error),
      );
    },
    Math.min(PROBE_MS, RETRY_MS * 2),
  );
  probe.unref();
  prune().catch((error: unknown) => failed('prune', error));

  return {
    async feedback(record) {
      try {
        const question = redact(record.question);
        const ctx = record.context;
        await pool.query(
          `INSERT INTO feedback (time, rating, question, citation_ids, reason, city, question_key, topic, asked, versions)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            Date.now(),
            record.rating,
            question,
            JSON.stringify(record.citationIds),
            redact(record.reason),
            record.city ?? null,
            ctx?.key ?? questionKey(question),
            ctx?.topic ?? null,
            ctx?.asked ?? null,
            JSON.stringify(ctx?.versions ?? []),
          ],
        );
      } catch (error) {
        failed('feedback', error);
        throw new AppError('STORE_UNAVAILABLE', '反馈暂时没能保存（记录数据库连不上），请稍后再试。');
      }
      recovered();
      wrote();
    },
    unanswered(record: UnansweredRecord) {
      if (queue.length >= opts.queueMax) {
        queue.shift();
        dropped += 1;
        if (dropped === 1 || dropped % 100 === 0) log.warn('unanswered_queue_full', { max: opts.queueMax, dropped });
      }
      queue.push({
        time: Date.now(),
        city: record.city,
        question: redact(record.question),
        outcome: record.outcome ?? 'unanswered',
        context: record.context,
      });
      if (up) void flush();
    },
    async unansweredReport(perCity, city = null) {
      try {
        return await report(perCity, city);
      } catch (error) {
        failed('report', error);
        throw new AppError('STORE_UNAVAILABLE', '记录数据库暂时连不上，请稍后再看报告。');
      }
    },
    async insightRows(since, limit): Promise<InsightRow[]> {
      try {
        const result = await pool.query<Parameters<typeof insightRow>[0]>(PG_INSIGHT_SQL, [since, limit]);
        return result.rows.map(insightRow);
      } catch (error) {
        failed('insight', error);
        throw new AppError('STORE_UNAVAILABLE', '记录数据库暂时连不上，请稍后再看报告。');
      }
    },
    prune,
    async counts() {
      const result = await pool.query<{ feedback: number; unanswered: number }>(
        'SELECT (SELECT COUNT(*)::int FROM feedback) AS feedback, (SELECT COUNT(*)::int FROM unanswered) AS unanswered',
      );
      return result.rows[0]!;
    },
    async close() {
      clearInterval(probe);
      if (up && queue.length > 0) await flush();
      // Memory is all they were in: say how many go with the process (the count only, never the questions).
      if (queue.length > 0) log.warn('unanswered_lost_on_exit', { queued: queue.length });
      closed = true;
    },
    available: () => up,
    queued: () => queue.length,
  };
}
