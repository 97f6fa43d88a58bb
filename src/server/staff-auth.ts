// Staff routes (the unanswered report, plan management) need `Authorization: Bearer <token>`: ADMIN_TOKEN (one
// publisher named admin) or one of STAFF_TOKENS (src/server/staff-tokens.ts); without any configured they are closed to
// everyone. A refusal is 401 UNAUTHORIZED with `WWW-Authenticate: Bearer`; a role that may not do it is 403 FORBIDDEN.
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../errors.ts';
import type { AppEnv } from './env.ts';
import { createStaffVerifier, type StaffIdentity, type StaffRole, type StaffTokenEntry } from '../staff-tokens.ts';

/** The one identity ADMIN_TOKEN stands for (kept from before staff tokens: it may do everything). */
export const ADMIN_IDENTITY: StaffIdentity = { id: 'admin', name: 'admin', role: 'publisher' };

/** Constant-time comparison of `Authorization: Bearer <token>` with the configured token (none configured: never). */
export function tokenMatches(header: string | undefined, expected: string | null): boolean {
  if (!expected || !header) return false;
  const given = Buffer.from(header.replace(/^Bearer\s+/i, ''));
  const wanted = Buffer.from(expected);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export interface StaffAuthConfig {
  adminToken: string | null;
  staffTokens: readonly StaffTokenEntry[];
}

/** Who the request's bearer token belongs to, or null. */
export function staffIdentifier(config: StaffAuthConfig): (header: string | undefined) => StaffIdentity | null {
  const verify = createStaffVerifier(config.staffTokens);
  return (header) => {
    if (!header) return null;
    if (tokenMatches(header, config.adminToken)) return ADMIN_IDENTITY;
    return verify(header.replace(/^Bearer\s+/i, ''));
  };
}

/** Lets a request with a staff token of `role` (a publisher may do what an editor may) through; refuses every other. */
export function staffOnly(config: StaffAuthConfig, role: StaffRole = 'editor'): MiddlewareHandler<AppEnv> {
  const identify = staffIdentifier(config);
  return async (c, next) => {
    const who = identify(c.req.header('authorization'));
    if (!who) throw new AppError('UNAUTHORIZED', '需要管理令牌。');
    if (role === 'publisher' && who.role !== 'publisher') {
      throw new AppError('FORBIDDEN', `令牌 ${who.id}（${who.name}）只能上传和预览；发布、回滚、撤下需要发布权限。`);
    }
    c.set('staff', who);
    await next();
  };
}
