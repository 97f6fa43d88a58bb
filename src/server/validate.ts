// Validation of HTTP inputs into plain request values; every failure is an AppError with a stable code.
import { AppError } from '../errors.ts';
import type { Config } from '../config.ts';
import type { Corpus } from '../corpus/corpus.ts';
import type { AskRequest, Mode } from '../answer/types.ts';
import type { FeedbackRecord } from '../records.ts';

type Limits = Config['limits'];

const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'];

/** A JSON object body (not an array, not null), without prototype-pollution keys. */
export function asObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('BAD_REQUEST', '请求体必须是 JSON 对象。');
  }
  for (const key of FORBIDDEN_KEYS) {
    if (Object.prototype.hasOwnProperty.call(body, key))
      throw new AppError('BAD_REQUEST', `请求体不能包含字段 ${key}。`);
  }
  return body as Record<string, unknown>;
}

/** Removes control characters (except line breaks), bidi overrides and zero-width characters; trims. */
export function cleanText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '')
      .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .trim()
  );
}

function question(value: unknown, limits: Limits): string {
  if (value === undefined || value === null) throw new AppError('QUESTION_REQUIRED', '请填写问题（question）。');
  if (typeof value !== 'string') throw new AppError('BAD_REQUEST', 'question 必须是文字。');
  if (value.length > limits.questionChars * 4) {
    throw new AppError('QUESTION_TOO_LONG', `问题最多 ${limits.questionChars} 个字。`);
  }
  const text = cleanText(value);
  if (text === '') throw new AppError('QUESTION_REQUIRED', '请填写问题（question）。');
  if ([...text].length > limits.questionChars) {
    throw new AppError('QUESTION_TOO_LONG', `问题最多 ${limits.questionChars} 个字。`);
  }
  return text;
}

/** Resolves a city name or id to the name /api/cities gives; UNKNOWN_CITY otherwise. */
export function city(value: unknown, corpus: Corpus): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new AppError('BAD_REQUEST', 'city 必须是文字。');
  const plan = corpus.plan(cleanText(value));
  if (!plan) {
    const names = corpus.plans.map((p) => p.city).join('、');
    throw new AppError('UNKNOWN_CITY', `没有这个城市的规划：可选 ${names}。`);
  }
  return plan.city;
}

/** Validates the body of POST /api/ask. */
export function askRequest(body: unknown, limits: Limits, corpus: Corpus): AskRequest {
  const input = asObject(body);
  const history = input.history ?? [];
  if (!Array.isArray(history) || history.some((turn) => typeof turn !== 'string')) {
    throw new AppError('BAD_REQUEST', 'history 必须是文字的列表。');
  }
  if (history.length > limits.historyTurns) {
    throw new AppError('HISTORY_TOO_LONG', `history 最多 ${limits.historyTurns} 条。`);
  }
  if ((history as string[]).some((turn) => [...turn].length > limits.historyTurnChars)) {
    throw new AppError('HISTORY_TOO_LONG', `history 每条最多 ${limits.historyTurnChars} 个字。`);
  }
  const mode = input.mode ?? 'standard';
  if (mode !== 'standard' && mode !== 'easy') throw new AppError('BAD_MODE', 'mode 只能是 "standard" 或 "easy"。');
  return {
    question: question(input.question, limits),
    city: city(input.city, corpus),
    history: (history as string[]).map(cleanText).filter(Boolean),
    mode: mode as Mode,
  };
}

/** Validates the query of GET /api/search. */
export function searchQuery(
  params: Record<string, string | undefined>,
  limits: Limits,
  corpus: Corpus,
): { q: string; city: string | null; limit: number } {
  const q = cleanText(params.q ?? '');
  if (q === '') throw new AppError('QUESTION_REQUIRED', '请填写要查的词（q）。');
  if ([...q].length > limits.searchQueryChars) {
    throw new AppError('QUESTION_TOO_LONG', `查询最多 ${limits.searchQueryChars} 个字。`);
  }
  const rawLimit = params.limit ?? '10';
  const limit = /^\d{1,3}$/.test(rawLimit) ? Number(rawLimit) : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > limits.searchLimitMax) {
    throw new AppError('BAD_LIMIT', `limit 必须是 1 到 ${limits.searchLimitMax} 的整数。`);
  }
  return { q, city: city(params.city, corpus), limit };
}

/** Validates the body of POST /api/feedback. */
export function feedback(body: unknown, limits: Limits, corpus: Corpus): FeedbackRecord {
  const input = asObject(body);
  if (input.rating !== 'up' && input.rating !== 'down')
    throw new AppError('BAD_REQUEST', 'rating 只能是 "up" 或 "down"。');
  const ids = input.citationIds ?? [];
  if (!Array.isArray(ids) || ids.length > 20 || ids.some((id) => typeof id !== 'string' || !corpus.clause(id))) {
    throw new AppError('BAD_REQUEST', 'citationIds 必须是已知条款编号的列表（最多 20 个）。');
  }
  const reason = input.reason ?? '';
  if (typeof reason !== 'string') throw new AppError('BAD_REQUEST', 'reason 必须是文字。');
  if ([...reason].length > limits.feedbackReasonChars) {
    throw new AppError('BAD_REQUEST', `reason 最多 ${limits.feedbackReasonChars} 个字。`);
  }
  const q = input.question ?? '';
  if (typeof q !== 'string' || [...q].length > limits.questionChars) {
    throw new AppError('BAD_REQUEST', `question 必须是不超过 ${limits.questionChars} 个字的文字。`);
  }
  return { rating: input.rating, question: cleanText(q), citationIds: ids as string[], reason: cleanText(reason) };
}

/** Most questions per city the staff report lists. */
export const REPORT_LIMIT_MAX = 100;

/** Validates the query of GET /api/admin/unanswered: an optional city, and `limit` questions per city (default 20). */
export function reportQuery(
  params: Record<string, string | undefined>,
  _limits: Limits,
  corpus: Corpus,
): { city: string | null; limit: number } {
  const rawLimit = params.limit ?? '20';
  const limit = /^\d{1,3}$/.test(rawLimit) ? Number(rawLimit) : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > REPORT_LIMIT_MAX) {
    throw new AppError('BAD_LIMIT', `limit 必须是 1 到 ${REPORT_LIMIT_MAX} 的整数。`);
  }
  return { city: city(params.city, corpus), limit };
}
