// Security headers for JSON responses (pages set their own CSP, frame-ancestors and Permissions-Policy in pages.ts).
import type { MiddlewareHandler } from 'hono';
import { jsonResponses } from './json.ts';

/** What every JSON response carries: nothing in it may run, be framed, be sniffed as HTML or leak the referring page. */
export const JSON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/** Every header of a JSON response (server/json.ts): its type, the security headers above, no caching of answers. */
export const JSON_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'application/json; charset=utf-8',
  ...JSON_SECURITY_HEADERS,
  'Cache-Control': 'no-store',
};

/**
 * Adds nosniff and Referrer-Policy to every response that lacks them, and the JSON headers above (restrictive CSP,
 * no framing, no caching of API answers) to JSON responses without a CSP of their own. Responses json() built have
 * them all and are passed over untouched (reading a response's headers makes Node build them anew).
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (jsonResponses.has(c.res)) return;
    const headers = c.res.headers;
    if (!headers.has('X-Content-Type-Options')) headers.set('X-Content-Type-Options', 'nosniff');
    if (!headers.has('Referrer-Policy')) headers.set('Referrer-Policy', 'no-referrer');
    const type = headers.get('Content-Type') ?? '';
    if (/^application\/json\b/i.test(type) && !headers.has('Content-Security-Policy')) {
      for (const [name, value] of Object.entries(JSON_SECURITY_HEADERS)) headers.set(name, value);
      if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
    }
  };
}
