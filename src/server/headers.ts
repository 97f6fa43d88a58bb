// The security-header middleware: every response gets nosniff and Referrer-Policy, JSON ones the JSON headers of json.ts
// (pages set their own CSP, frame-ancestors and Permissions-Policy in pages.ts).
import type { MiddlewareHandler } from 'hono';
import { JSON_SECURITY_HEADERS, jsonResponses } from './json.ts';

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
