// The one config object: every setting and named limit, read from the environment once, validated, frozen.
import os from 'node:os';
import net from 'node:net';
import { parseStaffEntry, type StaffTokenEntry } from './staff-tokens.ts';

export type AsrBackend = 'none' | 'funasr' | 'sherpa';
export const ASR_BACKENDS: readonly AsrBackend[] = ['none', 'funasr', 'sherpa'];

export interface Config {
  port: number;
  host: string;
  corpusDir: string;
  dataDir: string;
  /** Origins allowed to frame /embed and to open /ws/voice besides our own. */
  embedOrigins: string[];
  /** Proxies (addresses, CIDR ranges) whose X-Forwarded-For / Forwarded names the client; empty: the peer is the client. */
  trustProxy: string[];
  limits: {
    questionChars: number;
    historyTurns: number;
    historyTurnChars: number;
    bodyBytes: number;
    searchLimitMax: number;
    searchQueryChars: number;
    feedbackReasonChars: number;
    requestsPerMinutePerIp: number;
    requestTimeoutMs: number;
    wsMaxPayloadBytes: number;
    /** Text messages a voice session may send per second (audio frames are bounded by bytes instead). */
    wsMessagesPerSecond: number;
    /** Audio may arrive at most this many times real time (bytes per second of the session's sample rate)… */
    audioRateFactor: number;
    /** …after a burst of this many milliseconds of audio (network jitter, a gateway's buffer). */
    audioBurstMs: number;
    wsQueuedBytes: number;
    wsIdleMs: number;
    wsHeartbeatMs: number;
    wsSessionsPerIp: number;
    ttsTimeoutMs: number;
    ttsConcurrency: number;
    /** Feedback and unanswered questions older than this are deleted. */
    retentionDays: number;
    /** At most this many rows per records table (the oldest are deleted first). */
    retentionRows: number;
    /** Longest a worker waits on SIGTERM for in-flight requests and voice sessions before it exits anyway. */
    shutdownMs: number;
    /** Answers remembered per worker for repeated identical requests (suggested questions, FAQs); 0 turns it off. */
    answerCacheEntries: number;
    /** Largest plan file staff may upload (POST /api/admin/plans). */
    uploadBytes: number;
    /** Longest wait for a recogniser's final text after an utterance ends (and for its connection to open). */
    asrTimeoutMs: number;
    /** Utterances recognised at once per worker; more get BUSY (voice) or an apology (phone). */
    asrConcurrency: number;
    /** Longest utterance, in milliseconds of audio, and in bytes, whichever comes first. */
    utteranceMs: number;
    utteranceBytes: number;
    /** Longest phone call, and longest a caller may stay silent with nothing playing. */
    callMs: number;
    callIdleMs: number;
    /** Phone calls served at once per worker; more are hung up after an apology. */
    phoneCalls: number;
    /**
     * Memory the plans' loaded index parts may take per worker, in MiB (estimated from their snapshot lines); the least
     * recently asked plans are dropped beyond it and read back from the snapshot when asked again.
     */
    indexMemoryMb: number;
    /** Longest Tesseract may take on one page of a scanned PDF (rendering included), and most pages recognised. */
    ocrPageMs: number;
    ocrPages: number;
    /** Unanswered questions kept in memory per worker while PostgreSQL is down (written when it is back). */
    recordQueue: number;
  };
  /** Speech recognition: `none` (audio gets ASR_UNAVAILABLE), or a FunASR or sherpa-onnx WebSocket server at `url`. */
  asr: { backend: AsrBackend; url: string | null };
  /** The page may use the browser's own recogniser (which sends audio to the browser maker's service). */
  browserAsr: boolean;
  /** Asterisk AudioSocket listener; `port` null: no phone calls. */
  phone: { port: number | null; host: string };
  workers: number;
  adminToken: string | null;
  /** Staff tokens (STAFF_TOKENS), stored as scrypt hashes, each with an id, a name and a role. */
  staffTokens: readonly StaffTokenEntry[];
  /** PostgreSQL for records, plans and the audit log (many instances); null: SQLite and files in DATA_DIR. */
  databaseUrl: string | null;
  /** Redis for request and voice-session limits across instances; null: counted in this machine's cluster primary. */
  redisUrl: string | null;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /**
   * The date answers and /admin take as today (TODAY, YYYY-MM-DD: which documents are in force); null: the clock's
   * date (UTC). Fixed by tests and for showing what residents will be told on a later day.
   */
  today: string | null;
}

/** Defaults, one named constant per limit. */
export const DEFAULT_LIMITS: Config['limits'] = {
  questionChars: 500,
  historyTurns: 10,
  historyTurnChars: 500,
  bodyBytes: 16 * 1024,
  searchLimitMax: 50,
  searchQueryChars: 200,
  feedbackReasonChars: 1000,
  requestsPerMinutePerIp: 600,
  requestTimeoutMs: 10_000,
  wsMaxPayloadBytes: 64 * 1024,
  wsMessagesPerSecond: 20,
  audioRateFactor: 3,
  audioBurstMs: 2_000,
  wsQueuedBytes: 1024 * 1024,
  wsIdleMs: 120_000,
  wsHeartbeatMs: 30_000,
  wsSessionsPerIp: 20,
  ttsTimeoutMs: 5_000,
  ttsConcurrency: 2,
  retentionDays: 365,
  retentionRows: 100_000,
  shutdownMs: 10_000,
  answerCacheEntries: 2_000,
  uploadBytes: 20 * 1024 * 1024,
  asrTimeoutMs: 10_000,
  asrConcurrency: 64,
  utteranceMs: 30_000,
  utteranceBytes: 1024 * 1024,
  callMs: 600_000,
  callIdleMs: 30_000,
  phoneCalls: 100,
  // The five shipped plans' parts count 22 MiB; 192 MiB holds about 45 plans beside nodejieba's dictionaries and a
  // national corpus's clauses, for a worker within 1 GiB at 3,000 plans (README, "National scale").
  indexMemoryMb: 192,
  ocrPageMs: 60_000,
  ocrPages: 60,
  recordQueue: 10_000,
};

const LIMIT_VARS: Record<keyof Config['limits'], string> = {
  questionChars: 'LIMIT_QUESTION_CHARS',
  historyTurns: 'LIMIT_HISTORY_TURNS',
  historyTurnChars: 'LIMIT_HISTORY_TURN_CHARS',
  bodyBytes: 'LIMIT_BODY_BYTES',
  searchLimitMax: 'LIMIT_SEARCH_RESULTS',
  searchQueryChars: 'LIMIT_SEARCH_QUERY_CHARS',
  feedbackReasonChars: 'LIMIT_FEEDBACK_REASON_CHARS',
  requestsPerMinutePerIp: 'LIMIT_REQUESTS_PER_MINUTE',
  requestTimeoutMs: 'LIMIT_REQUEST_TIMEOUT_MS',
  wsMaxPayloadBytes: 'LIMIT_WS_MAX_PAYLOAD_BYTES',
  wsMessagesPerSecond: 'LIMIT_WS_MESSAGES_PER_SECOND',
  audioRateFactor: 'LIMIT_AUDIO_RATE_FACTOR',
  audioBurstMs: 'LIMIT_AUDIO_BURST_MS',
  wsQueuedBytes: 'LIMIT_WS_QUEUED_BYTES',
  wsIdleMs: 'LIMIT_WS_IDLE_MS',
  wsHeartbeatMs: 'LIMIT_WS_HEARTBEAT_MS',
  wsSessionsPerIp: 'LIMIT_WS_SESSIONS_PER_IP',
  ttsTimeoutMs: 'LIMIT_TTS_TIMEOUT_MS',
  ttsConcurrency: 'LIMIT_TTS_CONCURRENCY',
  retentionDays: 'LIMIT_RETENTION_DAYS',
  retentionRows: 'LIMIT_RETENTION_ROWS',
  shutdownMs: 'LIMIT_SHUTDOWN_MS',
  answerCacheEntries: 'LIMIT_ANSWER_CACHE_ENTRIES',
  uploadBytes: 'LIMIT_UPLOAD_BYTES',
  asrTimeoutMs: 'LIMIT_ASR_TIMEOUT_MS',
  asrConcurrency: 'LIMIT_ASR_CONCURRENCY',
  utteranceMs: 'LIMIT_UTTERANCE_MS',
  utteranceBytes: 'LIMIT_UTTERANCE_BYTES',
  callMs: 'LIMIT_CALL_MS',
  callIdleMs: 'LIMIT_CALL_IDLE_MS',
  phoneCalls: 'LIMIT_PHONE_CALLS',
  indexMemoryMb: 'LIMIT_INDEX_MEMORY_MB',
  ocrPageMs: 'LIMIT_OCR_PAGE_MS',
  ocrPages: 'LIMIT_OCR_PAGES',
  recordQueue: 'LIMIT_RECORD_QUEUE',
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function integer(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number) {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`config: ${name} must be a whole number from ${min} to ${max}, but it is "${raw}".`);
  }
  return value;
}

function flag(env: Record<string, string | undefined>, name: string): boolean {
  const raw = env[name]?.trim() ?? '';
  if (raw === '' || raw === '0') return false;
  if (raw === '1') return true;
  throw new ConfigError(`config: ${name} must be 1 (on) or 0 (off), but it is "${raw}".`);
}

/** The entries of a list setting (commas or white space between them); none when it is unset or blank. */
function entries(raw: string | undefined): string[] {
  return (raw ?? '').split(/[\s,]+/).filter(Boolean);
}

function origins(raw: string | undefined): string[] {
  return entries(raw).map((origin) => {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new ConfigError(
        `config: EMBED_ORIGINS must list origins like https://www.example.gov.cn, but "${origin}" is not a URL.`,
      );
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin.replace(/\/$/, '')) {
      throw new ConfigError(
        `config: EMBED_ORIGINS must list bare origins (scheme://host[:port]), but "${origin}" is not one.`,
      );
    }
    return url.origin;
  });
}

/** Reads one TRUST_PROXY entry: an address or `address/prefix`. Returns null when it is neither. */
export function parseProxyEntry(entry: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [address = '', prefixText, extra] = entry.split('/');
  const version = net.isIP(address);
  if (version === 0 || extra !== undefined) return null;
  const bits = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!/^\d+$/.test(prefixText ?? '0') || !Number.isInteger(prefix) || prefix < 0 || prefix > bits) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

function proxies(raw: string | undefined): string[] {
  return entries(raw).map((entry) => {
    if (!parseProxyEntry(entry)) {
      throw new ConfigError(
        `config: TRUST_PROXY must list proxy addresses or CIDR ranges like 10.0.0.1 or 10.0.0.0/8, but "${entry}" is not one.`,
      );
    }
    return entry;
  });
}

function staffTokens(raw: string | undefined): StaffTokenEntry[] {
  const parsed = entries(raw).map((entry) => {
    const token = parseStaffEntry(entry);
    if (!token) {
      throw new ConfigError(
        `config: STAFF_TOKENS must list entries id:name:role:salt:hash made by npm run staff-token, but "${entry.slice(0, 60)}" is not one.`,
      );
    }
    return token;
  });
  const ids = parsed.map((t) => t.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice || ids.includes('admin')) {
    throw new ConfigError(`config: STAFF_TOKENS has the id "${twice ?? 'admin'}" twice (admin is ADMIN_TOKEN's).`);
  }
  return parsed;
}

/** A postgres:// or redis:// address, or null when unset. */
function serverUrl(env: Record<string, string | undefined>, name: string, schemes: string[]): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  let url: URL | null;
  try {
    url = new URL(raw);
  } catch {
    url = null;
  }
  if (!url || !schemes.includes(url.protocol)) {
    throw new ConfigError(`config: ${name} must be a ${schemes.map((s) => `${s}//`).join(' or ')} address.`);
  }
  return raw;
}

/** ASR, ASR_URL: the backend and its WebSocket address (required unless ASR is none). */
function asr(env: Record<string, string | undefined>): Config['asr'] {
  const backend = (env.ASR?.trim() || 'none') as AsrBackend;
  if (!ASR_BACKENDS.includes(backend)) {
    throw new ConfigError(`config: ASR must be one of ${ASR_BACKENDS.join(', ')}, but it is "${env.ASR}".`);
  }
  const raw = env.ASR_URL?.trim() || null;
  if (backend === 'none') return { backend, url: null };
  let url: URL | null;
  try {
    url = raw ? new URL(raw) : null;
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'ws:' && url.protocol !== 'wss:')) {
    throw new ConfigError(
      `config: ASR_URL must be a ws:// or wss:// address when ASR is ${backend}, but it is "${raw ?? ''}".`,
    );
  }
  return { backend, url: url.href };
}

/** Reads every setting from `env` (default: nothing set). Throws ConfigError naming the bad variable. */
export function loadConfig(env: Record<string, string | undefined> = {}): Config {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(LIMIT_VARS) as (keyof Config['limits'])[]) {
    const min = key === 'answerCacheEntries' ? 0 : 1;
    limits[key] = integer(env, LIMIT_VARS[key], DEFAULT_LIMITS[key], min, 1_000_000_000);
  }
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) {
    throw new ConfigError(`config: LOG_LEVEL must be one of debug, info, warn, error, but it is "${logLevel}".`);
  }
  const adminToken = env.ADMIN_TOKEN?.trim() || null;
  if (adminToken !== null && adminToken.length < 16) {
    throw new ConfigError('config: ADMIN_TOKEN must be at least 16 characters long.');
  }
  return Object.freeze({
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '0.0.0.0',
    corpusDir: env.CORPUS_DIR?.trim() || 'corpus',
    dataDir: env.DATA_DIR?.trim() || 'data',
    embedOrigins: origins(env.EMBED_ORIGINS),
    asr: asr(env),
    browserAsr: flag(env, 'BROWSER_ASR'),
    phone: {
      port: env.PHONE_AUDIOSOCKET_PORT?.trim() ? integer(env, 'PHONE_AUDIOSOCKET_PORT', 0, 0, 65535) : null,
      host: env.PHONE_AUDIOSOCKET_HOST?.trim() || '127.0.0.1',
    },
    trustProxy: proxies(env.TRUST_PROXY),
    limits: Object.freeze(limits),
    workers: integer(env, 'WORKERS', os.availableParallelism(), 1, 64),
    adminToken,
    staffTokens: Object.freeze(staffTokens(env.STAFF_TOKENS)),
    databaseUrl: serverUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    redisUrl: serverUrl(env, 'REDIS_URL', ['redis:', 'rediss:']),
    logLevel: logLevel as Config['logLevel'],
    today: isoDay(env.TODAY),
  });
}

/** TODAY as a calendar date (YYYY-MM-DD that exists), or null when unset. */
function isoDay(raw: string | undefined): string | null {
  const day = raw?.trim();
  if (!day) return null;
  const parsed = new Date(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) {
    throw new ConfigError(`config: TODAY must be a date written YYYY-MM-DD (like 2026-06-01), but it is "${raw}".`);
  }
  return day;
}

/** The one clock of answers and staff pages: TODAY when set, else the date now (UTC), as YYYY-MM-DD. */
export function todayOf(config: Pick<Config, 'today'>): () => string {
  return () => config.today ?? new Date().toISOString().slice(0, 10);
}
