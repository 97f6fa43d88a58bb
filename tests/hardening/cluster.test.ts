// The real server with two workers: one per-address rate limit across both (counters in the primary), and a request
// head too long for Node, or not HTTP at all, answered in JSON like every other error (the clientError handler).
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killGroup, spawnServer } from '../../src/server/spawn.ts';
import type { SpawnedServer } from '../../src/server/spawn.ts';
import { VoiceClient } from '../voice/helpers.ts';

const LIMIT = 10;
const SESSIONS = 2;
let server: SpawnedServer;

/** GET on a fresh connection each time (no keep-alive), so the cluster hands connections to both workers in turn. */
function get(path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${server.url}${path}`, { agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body }));
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  server = await spawnServer(
    { WORKERS: '2', LIMIT_REQUESTS_PER_MINUTE: String(LIMIT), LIMIT_WS_SESSIONS_PER_IP: String(SESSIONS) },
    { timeoutMs: 120_000 },
  );
}, 130_000);

afterAll(async () => {
  killGroup(server, 'SIGTERM');
  await server.exited;
});

describe('two workers', () => {
  it('both listen, and together allow an address the limit once, not once per worker', async () => {
    expect(server.lines.filter((line) => line.includes('"event":"worker_listening"'))).toHaveLength(2);
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 6; i++) statuses.push((await get('/api/cities')).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(LIMIT);
    expect(statuses.slice(LIMIT)).toEqual([429, 429, 429, 429, 429, 429]);
  });

  it('together allow an address LIMIT_WS_SESSIONS_PER_IP voice sessions, not that many per worker', async () => {
    const url = `${server.url.replace('http', 'ws')}/ws/voice`;
    // Each socket is a new connection, and the cluster deals connections to the workers in turn.
    const open: VoiceClient[] = [];
    for (let i = 0; i < SESSIONS; i++) open.push(await VoiceClient.connect(url));
    for (const client of open) expect((await client.start()).type).toBe('session.ready');
    const extra = await VoiceClient.connect(url);
    expect((await extra.closed).code).toBe(1008);
    expect(extra.messages[0]).toMatchObject({ type: 'error', code: 'RATE_LIMITED' });
    open[0]!.close();
    await open[0]!.closed;
    // A closed session frees its place in whichever worker it was.
    let reopened: VoiceClient | null = null;
    for (let i = 0; i < 20 && !reopened; i++) {
      const next = await VoiceClient.connect(url);
      const outcome = await Promise.race([next.start().then(() => 'ready'), next.closed.then(() => 'closed')]);
      if (outcome === 'ready') reopened = next;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(reopened).not.toBeNull();
    reopened?.close();
    open[1]!.close();
  });

  it('answers a 20 KB request line with 431 and the JSON error body', async () => {
    const res = await get(`/api/search?q=${'护理补贴'.repeat(2_000)}`);
    expect(res.status).toBe(431);
    expect(res.type).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.body)).toEqual({
      error: { code: 'HEADERS_TOO_LARGE', message: '请求行或请求头太长（例如网址中的查询过长），请缩短后再试。' },
    });
  });

  it('answers a request head that is not HTTP with 400 and the JSON error body', async () => {
    const { port, hostname } = new URL(server.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), hostname, () => socket.write('HELLO THERE\r\n\r\n'));
      let data = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (data += chunk));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    const [head, body] = raw.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(head).toContain('Content-Type: application/json; charset=utf-8');
    expect(JSON.parse(body ?? '')).toEqual({ error: { code: 'BAD_REQUEST', message: '请求格式不正确。' } });
  });
});
