// JSON bodies that never contain raw markup: <, >, & and the JS line separators are written as \u escapes.

import type { AppError, ErrorCode, ErrorStatus } from '../errors.ts';

/** What every JSON response carries: nothing in it may run, be framed, be sniffed as HTML or leak the referring page. */
export const JSON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/** Every header of a JSON response: its type, the security headers above, no caching of answers. */
export const JSON_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'application/json; charset=utf-8',
  ...JSON_SECURITY_HEADERS,
  'Cache-Control': 'no-store',
};

const UNSAFE = /[<>&\u2028\u2029]/g;

/**
 * JSON.stringify, then `<` `>` `&` U+2028 U+2029 as `\uXXXX` (the same value once parsed). A question with
 * `<script>` in it is echoed as data, and no byte sequence in the body can be read as a tag if a client or a proxy ever
 * treats it as HTML.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Responses json() made: they carry every header already (securityHeaders() leaves them alone). */
export const jsonResponses = new WeakSet<Response>();

/**
 * A JSON response (body through safeJson) with the JSON security headers, built as one plain header object: Hono and
 * @hono/node-server write it without building a Headers instance per request. `extra` adds Retry-After and the like.
 */
export function json(value: unknown, status: 200 | ErrorStatus = 200, extra?: Record<string, string>): Response {
  const response = new Response(safeJson(value), {
    status,
    headers: extra ? { ...JSON_HEADERS, ...extra } : JSON_HEADERS,
  });
  jsonResponses.add(response);
  return response;
}

/** The one error body of the HTTP API, for every route and for a request head Node refuses: `{"error":{"code","message"}}`. */
export function errorBody(code: ErrorCode, message: string): { error: { code: ErrorCode; message: string } } {
  return { error: { code, message } };
}

/** An AppError as its JSON response: its status, Retry-After when it has one, the Bearer challenge for UNAUTHORIZED. */
export function errorResponse(error: AppError): Response {
  const extra: Record<string, string> = {};
  if (error.retryAfter !== undefined) extra['Retry-After'] = String(error.retryAfter);
  if (error.code === 'UNAUTHORIZED') extra['WWW-Authenticate'] = 'Bearer';
  return json(errorBody(error.code, error.message), error.status, extra);
}
