// The application's small error vocabulary: a stable code, mapped to an HTTP status here and to a WS close code in voice/.
import type { ClientErrorStatusCode, ServerErrorStatusCode } from 'hono/utils/http-status';

export type ErrorCode =
  | 'BAD_JSON'
  | 'BAD_REQUEST'
  | 'QUESTION_REQUIRED'
  | 'QUESTION_TOO_LONG'
  | 'HISTORY_TOO_LONG'
  | 'UNKNOWN_CITY'
  | 'BAD_MODE'
  | 'BAD_LIMIT'
  | 'NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_READY'
  // PostgreSQL (DATABASE_URL) does not answer: nothing was saved
  | 'STORE_UNAVAILABLE'
  | 'TIMEOUT'
  // A request head Node refuses before any route runs (src/server/client-error.ts)
  | 'HEADERS_TOO_LARGE'
  | 'REQUEST_TIMEOUT'
  | 'INTERNAL'
  // Plan uploads (src/admin, src/ingest)
  | 'UNSUPPORTED_FILE_TYPE'
  | 'FILE_TYPE_MISMATCH'
  | 'FILE_EMPTY'
  | 'NOT_UTF8'
  | 'PDF_ENCRYPTED'
  | 'PDF_NO_TEXT'
  | 'ARCHIVE_TOO_LARGE'
  | 'BAD_PLAN_ID'
  | 'PLAN_CONFLICT'
  | 'NO_DRAFT'
  | 'DRAFT_HAS_ERRORS'
  | 'NO_EARLIER_VERSION'
  // The voice channel (src/voice, docs/voice-protocol.md): a malformed or oversized message, a full server, speech
  // services that are down. Sent in `error` messages, and as the HTTP status where a route can meet them.
  | 'BAD_MESSAGE'
  | 'TOO_LARGE'
  | 'BUSY'
  | 'ASR_UNAVAILABLE'
  | 'TTS_UNAVAILABLE';

/** The statuses an AppError can have. */
export type ErrorStatus = ClientErrorStatusCode | ServerErrorStatusCode;

const STATUS: Record<ErrorCode, ErrorStatus> = {
  BAD_JSON: 400,
  BAD_REQUEST: 400,
  QUESTION_REQUIRED: 400,
  QUESTION_TOO_LONG: 400,
  HISTORY_TOO_LONG: 400,
  UNKNOWN_CITY: 400,
  BAD_MODE: 400,
  BAD_LIMIT: 400,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_READY: 503,
  STORE_UNAVAILABLE: 503,
  TIMEOUT: 503,
  HEADERS_TOO_LARGE: 431,
  REQUEST_TIMEOUT: 408,
  INTERNAL: 500,
  UNSUPPORTED_FILE_TYPE: 415,
  FILE_TYPE_MISMATCH: 415,
  FILE_EMPTY: 422,
  NOT_UTF8: 422,
  PDF_ENCRYPTED: 422,
  PDF_NO_TEXT: 422,
  ARCHIVE_TOO_LARGE: 413,
  BAD_PLAN_ID: 400,
  PLAN_CONFLICT: 409,
  NO_DRAFT: 409,
  DRAFT_HAS_ERRORS: 409,
  NO_EARLIER_VERSION: 409,
  BAD_MESSAGE: 400,
  TOO_LARGE: 413,
  BUSY: 503,
  ASR_UNAVAILABLE: 503,
  TTS_UNAVAILABLE: 503,
};

/** Every code there is (what a client may meet in `{"error":{"code"}}` or a voice `error` message). */
export const ERROR_CODES: ReadonlySet<ErrorCode> = new Set(Object.keys(STATUS) as ErrorCode[]);

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Seconds the client should wait before trying again (sent as Retry-After with RATE_LIMITED and NOT_READY). */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  get status(): ErrorStatus {
    return STATUS[this.code];
  }
}
