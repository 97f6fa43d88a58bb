// Staff routes (the unanswered report, plan management) need `Authorization: Bearer <ADMIN_TOKEN>`; without a
// configured token they are closed to everyone. A refusal is 401 UNAUTHORIZED with `WWW-Authenticate: Bearer`.
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors.ts';
import type { AppEnv } from './env.ts';

/** Constant-time comparison of `Authorization: Bearer <token>` with the configured token (none configured: never). */
export function tokenMatches(header: string | undefined, expected: string | null): boolean {
  if (!expected || !header) return false;
  const given = Buffer.from(header.replace(/^Bearer\s+/i, ''));
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** Lets a request with the staff token through; refuses every other. */
export function staffOnly(adminToken: string | null): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!tokenMatches(c.req.header('authorization'), adminToken)) throw new AppError('UNAUTHORIZED', '需要管理令牌。');
    await next();
  };
}
