// What staff need and nothing more: feedback and unanswered questions in SQLite, identifiers redacted, no IP, no session.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export interface FeedbackRecord {
  rating: 'up' | 'down';
  question: string;
  citationIds: string[];
  reason: string;
  /** The city of the cited clauses (null: none cited, or several cities). */
  city?: string | null;
  context?: AskedContext;
}

/** A document version served when a question was asked. */
export interface LiveVersion {
  id: string;
  /** 0 for the shipped text of corpus/. */
  version: number;
}

/** What the ask flow read of a (redacted) question when it recorded it; never who asked. */
export interface AskedContext {
  /** The question's main concept (the query analysis), null when it has none. */
  topic: string | null;
  /** The question without places, spaces and punctuation: near-duplicates share it. */
  key: string;
  /** The fact asked for (amount, time, documents, …; src/answer/understand.ts), null for none. */
  asked: string | null;
  /** The versions of the city's documents (every document when no city) that were live. */
  versions: LiveVersion[];
}

export interface UnansweredRecord {
  question: string;
  city: string | null;
  /** Declined ('unanswered', the default) or answered with a confidence below the insight page's threshold ('low'). */
  outcome?: 'unanswered' | 'low';
  context?: AskedContext;
}

/** Why a question is on the staff insight page. */
export type InsightKind = 'unanswered' | 'low' | 'down';

/** One question for the insight page, as stored (redacted). */
export interface InsightRow {
  kind: InsightKind;
  time: number;
  city: string | null;
  question: string;
  key: string;
  topic: string | null;
  asked: string | null;
  /** The thumbs-down reason ('' for none and for the other kinds). */
  reason: string;
  versions: LiveVersion[];
}

/** One city's most frequent unanswered questions (`city` null: asked without a city or across several). */
export interface UnansweredCity {
  city: string | null;
  /** Unanswered questions stored for this city within the retention window. */
  total: number;
  questions: { question: string; count: number; lastAsked: string }[];
}

type MaybePromise<T> = T | Promise<T>;

/**
 * Where the records go: SQLite in DATA_DIR (this file, the embedded default) or PostgreSQL (src/store/pg-records.ts,
 * DATABASE_URL). Both redact identifiers before storing and apply the same retention.
 */
export interface RecordStore {
  /** Resolves once the row is committed; throws (AppError STORE_UNAVAILABLE for PostgreSQL) when it was not. */
  feedback(record: FeedbackRecord): MaybePromise<void>;
  /** Never waits for the database: the resident's answer does not depend on it (PostgreSQL queues it when down). */
  unanswered(record: UnansweredRecord): void;
  /** Most frequent unanswered questions per city, at most `perCity` each; cities by their total, largest first. */
  unansweredReport(perCity: number, city?: string | null): MaybePromise<UnansweredCity[]>;
  /** Questions unanswered, answered with low confidence or given a thumbs-down since `since`, oldest first, at most `limit`. */
  insightRows(since: number, limit: number): MaybePromise<InsightRow[]>;
  /** Deletes rows older than the retention window and beyond the row limit; returns how many were deleted. */
  prune(now?: number): MaybePromise<number>;
  /** Rows stored (for tests and the report's header). */
  counts(): MaybePromise<{ feedback: number; unanswered: number }>;
  close(): MaybePromise<void>;
}

/** The SQLite store: every call answers at once. */
export interface LocalRecordStore extends RecordStore {
  feedback(record: FeedbackRecord): void;
  unansweredReport(perCity: number, city?: string | null): UnansweredCity[];
  insightRows(since: number, limit: number): InsightRow[];
  prune(now?: number): number;
  counts(): { feedback: number; unanswered: number };
  close(): void;
}

export interface RecordStoreOptions {
  /** Rows older than this many days are deleted. */
  retentionDays: number;
  /** At most this many rows per table (the oldest go first). */
  maxRows: number;
  /** Milliseconds a writer waits for another process's lock before failing (several workers share one file). */
  busyTimeoutMs: number;
}

export const DEFAULT_RECORD_OPTIONS: RecordStoreOptions = {
  retentionDays: 365,
  maxRows: 100_000,
  busyTimeoutMs: 5_000,
};

/** File name of the database inside the data directory. */
export const RECORDS_FILE = 'records.sqlite';

/** Writes between two retention passes (a pass also runs when the store opens). */
export const PRUNE_EVERY = 500;

export const DAY_MS = 86_400_000;

/** Full-width digits and the characters around identifiers, read as their ASCII forms before matching. */
const FULL_WIDTH = /[\uff10-\uff19\uff20\uff0b\uff0d\uff38\uff58\uff08\uff09]/g;

const NOT_DIGIT_BEFORE = '(?<![0-9])';
const NOT_DIGIT_AFTER = '(?![0-9])';

/** Most specific first: a 20-digit 残疾证号 contains an ID-card number, which looks like a bank card, and so on. */
const IDENTIFIERS: [RegExp, string][] = [
  // 残疾人证号: the 18-character ID-card number followed by the disability category and level digits.
  [new RegExp(`${NOT_DIGIT_BEFORE}[0-9]{17}[0-9Xx][1-7][1-4]${NOT_DIGIT_AFTER}`, 'g'), '[残疾证号]'],
  // 18-character ID-card numbers, also written in groups (370802 19900101 123X, 3708-0219-9001-0112-3X).
  [new RegExp(`${NOT_DIGIT_BEFORE}(?:[0-9][ -]?){17}[0-9Xx](?![0-9A-Za-z])`, 'g'), '[身份证号]'],
  // A mobile number with its country code written as 0086 or +86 (fifteen digits could otherwise read as an old ID).
  [
    new RegExp(`(?:\\+|${NOT_DIGIT_BEFORE}00)86[ -]?1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}${NOT_DIGIT_AFTER}`, 'g'),
    '[手机号]',
  ],
  // 15-digit ID-card numbers (issued before 1999).
  [new RegExp(`${NOT_DIGIT_BEFORE}[0-9]{15}${NOT_DIGIT_AFTER}`, 'g'), '[身份证号]'],
  // Bank and social-security card numbers: 16 to 19 digits, grouped or not.
  [new RegExp(`${NOT_DIGIT_BEFORE}(?:[0-9][ -]?){15,18}[0-9]${NOT_DIGIT_AFTER}`, 'g'), '[卡号]'],
  // Mobile numbers: 138 1234 5678, 138-1234-5678, +86 13812345678, 0086-138…
  [
    new RegExp(
      `${NOT_DIGIT_BEFORE}(?:(?:\\+|00)?86[ -]?)?1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}${NOT_DIGIT_AFTER}`,
      'g',
    ),
    '[手机号]',
  ],
  // Landlines with an area code: 0537-2345678, (0537)23456789, 0537 2345678转123.
  [
    new RegExp(
      `${NOT_DIGIT_BEFORE}(?:\\(0[0-9]{2,3}\\)|0[0-9]{2,3})[ -]?[0-9]{7,8}(?:(?:-|转)[0-9]{1,6})?${NOT_DIGIT_AFTER}`,
      'g',
    ),
    '[电话]',
  ],
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, '[邮箱]'],
  // Instant-messaging accounts named as such.
  [/(QQ|qq|微信号?|WeChat|wechat)(\s*(?:号|号码)?\s*[:：是为]?\s*)[A-Za-z0-9_-]{5,20}/g, '$1$2[账号]'],
  // Anything else with seven or more digits in a row (a landline without area code, a certificate or case number).
  [new RegExp(`${NOT_DIGIT_BEFORE}[0-9]{7,}${NOT_DIGIT_AFTER}`, 'g'), '[号码]'],
];

/**
 * Replaces what identifies a person before anything is stored: 残疾证号 and ID-card numbers, bank-card numbers, mobile
 * and landline numbers, e-mail addresses, QQ/WeChat accounts and any other run of seven or more digits. Full-width
 * digits are read as digits. Names and addresses are not recognized (see README, Hardening).
 */
export function redact(text: string): string {
  const ascii = text.replace(FULL_WIDTH, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
  return IDENTIFIERS.reduce((out, [pattern, label]) => out.replace(pattern, label), ascii);
}

/** The grouping key of a question: without spaces and punctuation, lower-case. */
export function questionKey(question: string): string {
  return question.replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS feedback (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
  question TEXT NOT NULL,
  citation_ids TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_time ON feedback (time);
CREATE TABLE IF NOT EXISTS unanswered (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  city TEXT,
  question TEXT NOT NULL,
  question_key TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS unanswered_time ON unanswered (time);
CREATE INDEX IF NOT EXISTS unanswered_group ON unanswered (city, question_key);
`;

/** Columns added for the insight page (src/store/migrations.ts 4 for PostgreSQL); added to an older file when it opens. */
export const INSIGHT_COLUMNS: readonly [table: 'feedback' | 'unanswered', column: string, type: string][] = [
  ['unanswered', 'outcome', "TEXT NOT NULL DEFAULT 'unanswered'"],
  ['unanswered', 'topic', 'TEXT'],
  ['unanswered', 'asked', 'TEXT'],
  ['unanswered', 'versions', "TEXT NOT NULL DEFAULT '[]'"],
  ['feedback', 'city', 'TEXT'],
  ['feedback', 'question_key', "TEXT NOT NULL DEFAULT ''"],
  ['feedback', 'topic', 'TEXT'],
  ['feedback', 'asked', 'TEXT'],
  ['feedback', 'versions', "TEXT NOT NULL DEFAULT '[]'"],
];

/** The insight rows of both tables in one query ($1: since, $2: limit; SQLite binds the same names). */
export const INSIGHT_SQL = `
  SELECT kind, time, city, question, key, topic, asked, reason, versions FROM (
    SELECT outcome AS kind, time, city, question, question_key AS key, topic, asked, '' AS reason, versions
      FROM unanswered WHERE time >= :since
    UNION ALL
    SELECT 'down' AS kind, time, city, question, question_key AS key, topic, asked, reason, versions
      FROM feedback WHERE rating = 'down' AND time >= :since
  ) AS insight ORDER BY time, kind LIMIT :limit`;

/** A stored insight row as the page reads it (an older row without a key gets one from its question). */
export function insightRow(row: Omit<InsightRow, 'versions'> & { versions: string | LiveVersion[] }): InsightRow {
  const versions = typeof row.versions === 'string' ? (JSON.parse(row.versions) as LiveVersion[]) : row.versions;
  return { ...row, time: Number(row.time), key: row.key || questionKey(row.question), versions };
}

/**
 * Opens (or creates) `dir`/records.sqlite in WAL mode with a busy timeout, so several worker processes can write to
 * it; `null` keeps everything in an in-memory database (tests, eval, bench). Writes are synchronous: when a call returns,
 * the row is committed and survives the process being killed (synchronous=NORMAL: a power cut may lose the last
 * commits, a crash does not).
 */
export function createRecordStore(dir: string | null, options: Partial<RecordStoreOptions> = {}): LocalRecordStore {
  const opts = { ...DEFAULT_RECORD_OPTIONS, ...options };
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const db = new Database(dir ? path.join(dir, RECORDS_FILE) : ':memory:');
  db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs))}`);
  if (dir) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  for (const [table, column, type] of INSIGHT_COLUMNS) {
    const has = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some((c) => c.name === column);
    if (!has) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }

  const insertFeedback = db.prepare(
    `INSERT INTO feedback (time, rating, question, citation_ids, reason, city, question_key, topic, asked, versions)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertUnanswered = db.prepare(
    `INSERT INTO unanswered (time, city, question, question_key, outcome, topic, asked, versions)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insight = db.prepare(INSIGHT_SQL);
  const tables = ['feedback', 'unanswered'] as const;
  const pruneOld = tables.map((table) => db.prepare(`DELETE FROM ${table} WHERE time < ?`));
  const pruneMany = tables.map((table) =>
    db.prepare(`DELETE FROM ${table} WHERE id <= (SELECT id FROM ${table} ORDER BY id DESC LIMIT 1 OFFSET ?)`),
  );
  const count = tables.map((table) => db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).pluck());
  const report = db.prepare(`
    SELECT city, question, count, last FROM (
      SELECT city, question_key, COUNT(*) AS count, MAX(time) AS last,
             (SELECT u2.question FROM unanswered u2 WHERE u2.outcome = 'unanswered' AND u2.city IS u.city AND u2.question_key = u.question_key
              ORDER BY u2.id DESC LIMIT 1) AS question
      FROM unanswered u
      WHERE outcome = 'unanswered' AND (? IS NULL OR city IS ?)
      GROUP BY city, question_key
    ) ORDER BY count DESC, last DESC`);
  const totals = db.prepare(
    "SELECT city, COUNT(*) AS total FROM unanswered WHERE outcome = 'unanswered' GROUP BY city ORDER BY total DESC, city",
  );

  const prune = (now = Date.now()): number => {
    let deleted = 0;
    const cutoff = now - opts.retentionDays * DAY_MS;
    db.transaction(() => {
      for (let i = 0; i < tables.length; i++) {
        deleted += pruneOld[i]!.run(cutoff).changes;
        deleted += pruneMany[i]!.run(opts.maxRows).changes;
      }
    }).immediate();
    return deleted;
  };
  let writes = 0;
  const wrote = () => {
    writes += 1;
    if (writes % PRUNE_EVERY === 0) prune();
  };
  prune();

  return {
    feedback(record) {
      const question = redact(record.question);
      const ctx = record.context;
      insertFeedback.run(
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
      );
      wrote();
    },
    unanswered(record) {
      const question = redact(record.question);
      const ctx = record.context;
      insertUnanswered.run(
        Date.now(),
        record.city,
        question,
        ctx?.key ?? questionKey(question),
        record.outcome ?? 'unanswered',
        ctx?.topic ?? null,
        ctx?.asked ?? null,
        JSON.stringify(ctx?.versions ?? []),
      );
      wrote();
    },
    unansweredReport(perCity, city = null) {
      const byCity = new Map<string | null, UnansweredCity>();
      for (const row of totals.all() as { city: string | null; total: number }[]) {
        if (city === null || row.city === city)
          byCity.set(row.city, { city: row.city, total: row.total, questions: [] });
      }
      const rows = report.all(city, city) as { city: string | null; question: string; count: number; last: number }[];
      for (const row of rows) {
        const entry = byCity.get(row.city);
        if (!entry || entry.questions.length >= perCity) continue;
        entry.questions.push({ question: row.question, count: row.count, lastAsked: new Date(row.last).toISOString() });
      }
      return [...byCity.values()];
    },
    insightRows(since, limit) {
      return (insight.all({ since, limit }) as Parameters<typeof insightRow>[0][]).map(insightRow);
    },
    prune,
    counts() {
      return { feedback: count[0]!.get() as number, unanswered: count[1]!.get() as number };
    },
    close() {
      if (db.open) db.close();
    },
  };
}
