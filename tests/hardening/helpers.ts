// Shared by the hardening tests: the real services behind an app whose limits a test can change, and request helpers.
import { createApp, type App } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { rewire } from '../../src/runtime/services.ts';
import { testServices } from '../services.ts';

/** The app over the shared real services, with `env` settings (rate limit raised unless given). */
export async function hardenedApp(env: Record<string, string> = {}): Promise<App> {
  const deps = await testServices();
  return createApp(rewire(deps, { config: loadConfig({ LIMIT_REQUESTS_PER_MINUTE: '1000000', ...env }) }));
}

/** POST `body` (a string is sent as is) to `path` as JSON, or with another content type. */
export function post(app: App, path: string, body: unknown, type: string | null = 'application/json') {
  return app.request(path, {
    method: 'POST',
    headers: type === null ? {} : { 'content-type': type },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The error code of a JSON error response, or null for a success body. */
export async function errorCode(res: Response): Promise<string | null> {
  if (res.status === 204) return null;
  const body = (await res.clone().json()) as { error?: { code?: string } };
  return body.error?.code ?? null;
}

/** A question every plan answers; asked after each hostile input to show the service still works. */
export const NORMAL = { question: '重度残疾人有护理补贴吗？', city: '济宁' };
