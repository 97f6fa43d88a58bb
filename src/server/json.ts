// JSON bodies that never contain raw markup: <, >, & and the JS line separators are written as \u escapes.

import type { ErrorStatus } from '../errors.ts';
import { JSON_HEADERS } from './headers.ts';

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
