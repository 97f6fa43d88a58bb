// Starts the live services (corpus/ plus DATA_DIR/plans) in this process and talks to them as a client would.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { createServiceBase } from '../../src/runtime/base.ts';
import { createLiveServices } from '../../src/runtime/live.ts';
import type { LiveServices } from '../../src/runtime/live.ts';

export const TOKEN = 'test-admin-token-0123456789';

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'admin-data-'));
}

export function startLive(dataDir: string, env: Record<string, string> = {}): LiveServices {
  const config = loadConfig({ LOG_LEVEL: 'error', ADMIN_TOKEN: TOKEN, DATA_DIR: dataDir, ...env });
  return createLiveServices(createServiceBase(config, { log: createLogger('error') }));
}

export function call(live: LiveServices, url: string, init: RequestInit & { admin?: boolean } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.admin !== false && url.startsWith('/api/admin')) headers.set('authorization', `Bearer ${TOKEN}`);
  return Promise.resolve(live.fetch(new Request(`http://localhost${url}`, { ...init, headers })));
}

export function upload(
  live: LiveServices,
  file: { name: string; bytes: Uint8Array | string },
  fields: Record<string, string>,
): Promise<Response> {
  const form = new FormData();
  form.set('file', new File([file.bytes as BlobPart], file.name));
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return call(live, '/api/admin/plans', { method: 'POST', body: form });
}

export async function askAbout(live: LiveServices, question: string) {
  const res = await call(live, '/api/ask', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question }),
  });
  return (await res.json()) as {
    answered: boolean;
    answer: string;
    city: string | null;
    citations: { id: string; city: string; url: string; version: number; kind: string; text: string }[];
  };
}

/** Every file under `dir`, relative, sorted (to show nothing was half-written). */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/')).sort();
}
