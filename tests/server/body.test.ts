// The body reader over a real socket (the Node request path): normal, chunked over the limit, declared over the limit.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type RunningServer } from '../../src/runtime/server.ts';
import { handlersOf, rewire } from '../../src/runtime/services.ts';
import { testServices } from '../services.ts';

let server: RunningServer;
let port = 0;
beforeAll(async () => {
  const deps = await testServices();
  const config = { ...deps.config, port: 0, host: '127.0.0.1' };
  server = await createServer({ config, log: deps.log, handlers: handlersOf(rewire(deps, { config })) });
  port = server.port;
});
afterAll(() => server.close());

function post(chunks: string[], headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        port,
        host: '127.0.0.1',
        path: '/api/ask',
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('request bodies on a real socket', () => {
  it('answers a JSON question sent in two chunks', async () => {
    const r = await post(['{"question":"坐公交', '免费吗","city":"济宁"}']);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).city).toBe('济宁');
  });

  it('refuses a chunked body that grows past 16 KiB with 413 PAYLOAD_TOO_LARGE', async () => {
    const r = await post(['{"question":"', 'x'.repeat(10_000), 'x'.repeat(10_000), '"}']);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a declared Content-Length over the limit before reading it', async () => {
    const body = JSON.stringify({ question: 'x'.repeat(17_000) });
    const r = await post([body], { 'content-length': String(Buffer.byteLength(body)) });
    expect(r.status).toBe(413);
  });
});
