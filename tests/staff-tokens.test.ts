// Staff tokens: stored as scrypt hashes in STAFF_TOKENS, each with an id, a name and a role; the staff routes let an
// editor upload but not publish; DATABASE_URL and REDIS_URL are read (and refused) by the one config.
import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { loadConfig } from '../src/config.ts';
import { AppError } from '../src/errors.ts';
import type { AppEnv } from '../src/server/env.ts';
import { staffOnly } from '../src/server/staff-auth.ts';
import { createStaffToken, createStaffVerifier, parseStaffEntry } from '../src/staff-tokens.ts';

const editor = createStaffToken('wang', '王编辑', 'editor');
const publisher = createStaffToken('li', '李发布', 'publisher');

describe('staff tokens', () => {
  it('keeps only the salt and the scrypt hash, never the token', () => {
    const secret = editor.token.split('.')[1]!;
    expect(editor.token.startsWith('wang.')).toBe(true);
    expect(editor.entry).not.toContain(secret);
    expect(editor.entry.split(':').slice(0, 3)).toEqual(['wang', '王编辑', 'editor']);
    expect(parseStaffEntry(editor.entry)).toEqual(editor.parsed);
    expect(parseStaffEntry('wang:王编辑:owner:aaaaaaaaaaaaaaaaaaaa:bbbbbbbbbbbbbbbbbbbbbbbb')).toBeNull();
  });

  it('names the person a token belongs to, and nobody for a changed or unknown one', () => {
    const verify = createStaffVerifier([editor.parsed, publisher.parsed]);
    expect(verify(editor.token)).toEqual({ id: 'wang', name: '王编辑', role: 'editor' });
    expect(verify(publisher.token)).toEqual({ id: 'li', name: '李发布', role: 'publisher' });
    expect(verify(`${editor.token}x`)).toBeNull();
    expect(verify(`li.${editor.token.split('.')[1]}`)).toBeNull();
    expect(verify('nobody.abc')).toBeNull();
    expect(verify('x'.repeat(500))).toBeNull();
  });

  it('lets an editor upload and refuses it publishing with 403 FORBIDDEN; a publisher may do both', async () => {
    const config = { adminToken: null, staffTokens: [editor.parsed, publisher.parsed] };
    const app = new Hono<AppEnv>();
    app.onError((error) => Response.json({ code: (error as AppError).code }, { status: (error as AppError).status }));
    app.post('/upload', staffOnly(config), (c) => c.text(c.get('staff')?.name ?? ''));
    app.post('/publish', staffOnly(config, 'publisher'), (c) => c.text(c.get('staff')?.name ?? ''));
    const call = async (path: string, token: string) => {
      const res = await app.request(path, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      return [res.status, await res.text()];
    };
    expect(await call('/upload', editor.token)).toEqual([200, '王编辑']);
    expect(await call('/publish', editor.token)).toEqual([403, '{"code":"FORBIDDEN"}']);
    expect(await call('/publish', publisher.token)).toEqual([200, '李发布']);
    expect(await call('/upload', 'wang.wrong')).toEqual([401, '{"code":"UNAUTHORIZED"}']);
  });
});

describe('loadConfig for many instances', () => {
  it('sets nothing shared by default', () => {
    const config = loadConfig({});
    expect([config.databaseUrl, config.redisUrl, config.staffTokens, config.limits.recordQueue]).toEqual([
      null,
      null,
      [],
      10_000,
    ]);
  });

  it('reads DATABASE_URL, REDIS_URL and STAFF_TOKENS, and names a bad one', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://assistant@db:5432/assistant',
      REDIS_URL: 'redis://cache:6379',
      STAFF_TOKENS: `${editor.entry}, ${publisher.entry}`,
    });
    expect(config.staffTokens.map((t) => t.id)).toEqual(['wang', 'li']);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db' })).toThrow(
      'config: DATABASE_URL must be a postgres:// or postgresql:// address.',
    );
    expect(() => loadConfig({ REDIS_URL: 'cache:6379' })).toThrow(
      'config: REDIS_URL must be a redis:// or rediss:// address.',
    );
    expect(() => loadConfig({ STAFF_TOKENS: `${editor.entry},${editor.entry}` })).toThrow('"wang" twice');
    expect(() => loadConfig({ STAFF_TOKENS: 'wang:王编辑:editor' })).toThrow('STAFF_TOKENS must list entries');
  });
});
