// Every inbound message of every channel, as zod schemas: HTTP bodies and queries, and /ws/voice messages. The limits
// come from config, so the schemas are made once per config (createSchemas). A failure becomes an AppError whose code
// is the same whichever channel the field arrived on (QUESTION_TOO_LONG by HTTP is QUESTION_TOO_LONG by voice).
import { z } from 'zod';
import type { Config } from '../config.ts';
import { AppError, type ErrorCode } from '../errors.ts';
import { stripInvisible } from '../text/invisible.ts';

export type Limits = Config['limits'];

/** Sample rates a voice session may ask for (telephone 8 kHz, wideband 16 kHz). */
export type SampleRate = 8000 | 16000;
export const SAMPLE_RATES: readonly SampleRate[] = [8000, 16000];

/** Field bounds of voice messages that no configured limit covers. */
export const MAX_MESSAGE_CHARS = 256 * 1024;
export const MAX_CITY_CHARS = 64;
export const MAX_ID_CHARS = 64;
/** A document's id as staff give it on upload (src/admin/fields.ts). */
const PLAN_ID = /^[a-z][a-z0-9-]{1,40}$/;
/** Most clause ids one feedback names; most questions per city the staff report lists. */
export const MAX_FEEDBACK_CITATIONS = 20;
export const REPORT_LIMIT_MAX = 100;

const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

/** Removes invisible and control characters (src/text/invisible.ts), tabs and lone surrogates; trims. */
export function cleanText(text: string): string {
  return stripInvisible(text)
    .replace(/\t/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .trim();
}

/** Characters as a resident counts them: code points, not UTF-16 units. */
export function charCount(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      count--;
      i++;
    }
  }
  return count;
}

type Ctx = z.RefinementCtx;

/** Adds a problem with its own error code; null leaves the code to the channel (BAD_REQUEST, BAD_MESSAGE). */
function issue(ctx: Ctx, code: ErrorCode | null, message: string): typeof z.NEVER {
  ctx.addIssue(code ? { code: 'custom', message, params: { code } } : { code: 'custom', message });
  return z.NEVER;
}

/** One of `values`, else `code`. */
function oneOf<T extends string>(values: readonly T[], code: ErrorCode | null, message: string) {
  return z.custom<T>((value) => values.includes(value as T), { params: code ? { code } : {}, error: message });
}

/** A cleaned question of at most `questionChars` code points; QUESTION_REQUIRED when nothing is left. */
function question(limits: Limits) {
  const tooLong = `问题最多 ${limits.questionChars} 个字。`;
  return z
    .unknown()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === null) return issue(ctx, 'QUESTION_REQUIRED', '请填写问题（question）。');
      if (typeof value !== 'string') return issue(ctx, null, 'question 必须是文字。');
      // Cheap bound first, so a megabyte of text is never cleaned.
      if (value.length > limits.questionChars * 4) return issue(ctx, 'QUESTION_TOO_LONG', tooLong);
      const text = cleanText(value);
      if (text === '') return issue(ctx, 'QUESTION_REQUIRED', '请填写问题（question）。');
      if (charCount(text) > limits.questionChars) return issue(ctx, 'QUESTION_TOO_LONG', tooLong);
      return text;
    });
}

/** Earlier user turns, oldest first: cleaned, empty ones dropped. */
function history(limits: Limits) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === null) return [];
      if (!Array.isArray(value) || value.some((turn) => typeof turn !== 'string')) {
        return issue(ctx, null, 'history 必须是文字的列表。');
      }
      if (value.length > limits.historyTurns) {
        return issue(ctx, 'HISTORY_TOO_LONG', `history 最多 ${limits.historyTurns} 条。`);
      }
      const tooLong = `history 每条最多 ${limits.historyTurnChars} 个字。`;
      if ((value as string[]).some((turn) => turn.length > limits.historyTurnChars * 4)) {
        return issue(ctx, 'HISTORY_TOO_LONG', tooLong);
      }
      const turns = (value as string[]).map(cleanText);
      if (turns.some((turn) => charCount(turn) > limits.historyTurnChars))
        return issue(ctx, 'HISTORY_TOO_LONG', tooLong);
      return turns.filter(Boolean);
    });
}

/** A city name or id as given (resolved against the corpus by the ask flow); null when absent or empty. */
const city = z
  .string({ error: 'city 必须是文字。' })
  .max(MAX_CITY_CHARS, { error: `city 最多 ${MAX_CITY_CHARS} 个字。` })
  .nullish()
  .transform((value) => (value ? cleanText(value) || null : null));

const mode = oneOf(['standard', 'easy'] as const, 'BAD_MODE', 'mode 只能是 "standard" 或 "easy"。');
const rating = oneOf(['up', 'down'] as const, null, 'rating 只能是 "up" 或 "down"。');

/** Optional free text (a feedback reason, the question it was about): cleaned, then at most `max` characters. */
function optionalText(name: string, max: number) {
  return z
    .string({ error: `${name} 必须是文字。` })
    .optional()
    .transform((value, ctx) => {
      const text = cleanText(value ?? '');
      if (charCount(text) > max) return issue(ctx, null, `${name} 最多 ${max} 个字。`);
      return text;
    });
}

/** A decimal count from a query string, 1…max. */
function count(max: number, fallback: string) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      const raw = value ?? fallback;
      const n = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
      if (!(n >= 1 && n <= max)) return issue(ctx, 'BAD_LIMIT', `limit 必须是 1 到 ${max} 的整数。`);
      return n;
    });
}

/** A bounded string field of a voice message (ids, mark names). */
function shortText(name: string) {
  return z.string({ error: `"${name}" must be a string.` }).max(MAX_ID_CHARS, {
    error: `"${name}" is longer than ${MAX_ID_CHARS} characters.`,
  });
}

/** Whether YYYY-MM-DD names a day on the calendar (not 2027-02-30). */
function calendarDay(day: string): boolean {
  const time = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === day;
}

/** Every schema, bound to one config's limits. */
export function createSchemas(limits: Limits) {
  const askBody = z.object({
    question: question(limits),
    city,
    history: history(limits),
    mode: mode.nullish().transform((value) => value ?? 'standard'),
  });
  const feedbackBody = z.object({
    rating,
    citationIds: z
      .array(z.string(), { error: 'citationIds 必须是条款编号的列表。' })
      .max(MAX_FEEDBACK_CITATIONS, { error: `citationIds 最多 ${MAX_FEEDBACK_CITATIONS} 个。` })
      .default([]),
    reason: optionalText('reason', limits.feedbackReasonChars),
    question: optionalText('question', limits.questionChars),
  });
  const searchQuery = z.object({
    q: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const text = cleanText(value ?? '');
        if (text === '') return issue(ctx, 'QUESTION_REQUIRED', '请填写要查的词（q）。');
        if (charCount(text) > limits.searchQueryChars) {
          return issue(ctx, 'QUESTION_TOO_LONG', `查询最多 ${limits.searchQueryChars} 个字。`);
        }
        return text;
      }),
    city,
    limit: count(limits.searchLimitMax, '10'),
  });
  const reportQuery = z.object({ city, limit: count(REPORT_LIMIT_MAX, '20') });
  const cityQuery = z.object({ city });

  // ---- /ws/voice client messages (docs/voice-protocol.md) ----
  const sessionStart = z.object({
    type: z.literal('session.start'),
    city: city.optional(),
    mode: mode.optional(),
    tts: z.boolean({ error: '"tts" must be true or false.' }).optional(),
    audio: z
      .object(
        {
          sampleRate: z.union(
            SAMPLE_RATES.map((rate) => z.literal(rate)),
            { error: '"audio.sampleRate" must be 8000 or 16000.' },
          ),
        },
        { error: '"audio" must be an object like {"sampleRate":16000}.' },
      )
      .optional(),
    history: history(limits).optional(),
  });
  const userText = z
    .object({
      type: z.literal('user.text'),
      text: z.string({ error: '"text" must be a string.' }),
      final: z.boolean({ error: '"final" must be true or false.' }),
    })
    .transform((message, ctx) => {
      // A partial transcript is shown, never asked: only a final text has to be a question.
      if (!message.final) return { ...message, text: cleanText(message.text).slice(0, limits.questionChars * 2) };
      const parsed = question(limits).safeParse(message.text);
      if (!parsed.success) {
        for (const problem of parsed.error.issues) ctx.addIssue({ ...problem, path: ['text'] } as never);
        return z.NEVER;
      }
      return { ...message, text: parsed.data };
    });
  const clientMessage = z.discriminatedUnion('type', [
    sessionStart,
    userText,
    z.object({
      type: z.literal('audio.start'),
      answer: z.boolean({ error: '"answer" must be true or false.' }).optional(),
    }),
    z.object({ type: z.literal('audio.end') }),
    z.object({ type: z.literal('interrupt'), turnId: shortText('turnId').optional() }),
    z.object({ type: z.literal('playback.mark'), turnId: shortText('turnId'), name: shortText('name') }),
    z.object({
      type: z.literal('feedback'),
      turnId: shortText('turnId'),
      rating,
      reason: optionalText('reason', limits.feedbackReasonChars).optional(),
    }),
    z.object({
      type: z.literal('ping'),
      t: z.union([z.number(), shortText('t')], { error: '"t" must be a number or a short string.' }).optional(),
    }),
  ]);
  // Staff say a document is replaced by another or in force until a day (POST /api/admin/plans/:id/force).
  const forceBody = z.strictObject(
    {
      supersededBy: z
        .string({ error: 'supersededBy 应是文件编号或 null。' })
        .regex(PLAN_ID, { error: 'supersededBy 应是文件编号（小写字母、数字和连字符）。' })
        .nullish()
        .transform((value) => value ?? null),
      until: z
        .string({ error: 'until 应是日期（如 2027-02-28）或 null。' })
        .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'until 应写成 2027-02-28 这样的日期。' })
        .refine((day) => calendarDay(day), {
          error: 'until 不是日历上有的日期。',
        })
        .nullish()
        .transform((value) => value ?? null),
    },
    { error: '只能填写 supersededBy 和 until。' },
  );
  return { askBody, feedbackBody, searchQuery, reportQuery, cityQuery, clientMessage, forceBody };
}

export type Schemas = ReturnType<typeof createSchemas>;
export type AskBody = z.output<Schemas['askBody']>;
export type ClientMessage = z.output<Schemas['clientMessage']>;
export type ClientMessageType = ClientMessage['type'];

/** The AppError for a failed parse: the first problem's own code, else `fallback` (the channel's "malformed" code). */
export function toAppError(error: z.ZodError, fallback: ErrorCode): AppError {
  const first = error.issues[0];
  const own = (first as { params?: { code?: ErrorCode } } | undefined)?.params?.code;
  const code = own ?? (first?.code === 'too_big' && fallback === 'BAD_MESSAGE' ? 'TOO_LARGE' : fallback);
  return new AppError(code, first?.message ?? '请求的格式不对。');
}

/** Deepest nesting searched for a forbidden key (inbound messages are shallow; deeper input is refused as too deep). */
const MAX_DEPTH = 16;

/**
 * The first key anywhere in `value` that would pollute a prototype once copied (`__proto__`, `constructor`,
 * `prototype`: JSON.parse makes them own keys), or "depth" when the value nests deeper than anything we accept.
 */
function forbiddenKey(value: unknown, depth = 0): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_DEPTH) return 'depth';
  if (!Array.isArray(value)) {
    const key = FORBIDDEN_KEYS.find((name) => Object.prototype.hasOwnProperty.call(value, name));
    if (key) return key;
  }
  for (const child of Object.values(value)) {
    const found = forbiddenKey(child, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Parses `value` with `schema`; throws the AppError of its first problem (`fallback` when the problem is one of shape,
 * not of a field with its own code). Objects carrying `__proto__`, `constructor` or `prototype` are refused outright.
 */
export function parse<S extends z.ZodType>(schema: S, value: unknown, fallback: ErrorCode): z.output<S> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AppError(
      fallback,
      fallback === 'BAD_MESSAGE' ? 'voice: a message must be a JSON object with a "type".' : '请求体必须是 JSON 对象。',
    );
  }
  const key = forbiddenKey(value);
  if (key === 'depth') throw new AppError(fallback, `请求嵌套超过 ${MAX_DEPTH} 层。`);
  if (key) throw new AppError(fallback, `请求不能包含字段 ${key}。`);
  const result = schema.safeParse(value);
  if (!result.success) throw toAppError(result.error, fallback);
  return result.data;
}

/** The `type` of every client message of /ws/voice. */
export const MESSAGE_TYPES: ReadonlySet<string> = new Set([
  'session.start',
  'user.text',
  'audio.start',
  'audio.end',
  'interrupt',
  'playback.mark',
  'feedback',
  'ping',
]);

/**
 * Validates one /ws/voice TEXT frame. Never throws: bad JSON, wrong types, unknown types, prototype-pollution keys and
 * oversized fields all come back as an AppError (BAD_MESSAGE or TOO_LARGE for the message's shape, the field's own
 * code — QUESTION_TOO_LONG, HISTORY_TOO_LONG, BAD_MODE… — as POST /api/ask gives it).
 */
export function parseClientMessage(raw: string, schemas: Schemas): ClientMessage | AppError {
  if (typeof raw !== 'string') return new AppError('BAD_MESSAGE', 'voice: a message must be a JSON text frame.');
  if (raw.length > MAX_MESSAGE_CHARS) {
    return new AppError('TOO_LARGE', `voice: a message must be at most ${MAX_MESSAGE_CHARS} characters.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return new AppError('BAD_MESSAGE', 'voice: a message must be valid JSON.');
  }
  const type = (value as { type?: unknown } | null)?.type;
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && typeof type === 'string') {
    if (!MESSAGE_TYPES.has(type)) {
      return new AppError('BAD_MESSAGE', `voice: unknown message type "${type.slice(0, MAX_ID_CHARS)}".`);
    }
  }
  try {
    return parse(schemas.clientMessage, value, 'BAD_MESSAGE');
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}
