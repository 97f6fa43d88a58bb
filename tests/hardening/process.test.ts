// The real server as a process: SIGTERM drains in-flight asks and closes voice with 1001; SIGKILL mid-write loses nothing.
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { RECORDS_FILE } from '../../src/records.ts';
import { killGroup, spawnServer } from '../../src/server/spawn.ts';
import type { SpawnedServer } from '../../src/server/spawn.ts';

const running: SpawnedServer[] = [];
afterEach(() => {
  for (const server of running.splice(0)) killGroup(server);
});

/** Sends the headers and the first half of an ask, and returns a function that sends the rest and reads the answer. */
function halfSentAsk(url: string): { finish: () => Promise<{ status: number; body: string; connection: string }> } {
  const body = Buffer.from(JSON.stringify({ question: '重度残疾人有护理补贴吗？', city: '济宁' }));
  const req = http.request(`${url}/api/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': body.length },
    agent: new http.Agent({ keepAlive: true }),
  });
  const response = new Promise<{ status: number; body: string; connection: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: text, connection: String(res.headers.connection) }),
      );
    });
    req.on('error', reject);
  });
  req.write(body.subarray(0, 10));
  return {
    finish: () => {
      req.end(body.subarray(10));
      return response;
    },
  };
}

function connectRefused(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(`${url}/healthz`, { agent: false }, (res) => {
      res.resume();
      resolve(false);
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe('graceful shutdown on SIGTERM', () => {
  it('finishes an in-flight ask, closes voice sessions with 1001, refuses new connections and exits 0', async () => {
    const server = await spawnServer({ WORKERS: '2', LIMIT_SHUTDOWN_MS: '5000' });
    running.push(server);
    const ws = new WebSocket(server.url.replace('http', 'ws') + '/ws/voice');
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    const ask = halfSentAsk(server.url);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const signalled = Date.now();
    server.child.kill('SIGTERM');
    expect(await closed).toBe(1001);
    const answer = await ask.finish();
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.body) as { answered: boolean }).answered).toBe(true);
    expect(answer.connection).toBe('close');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(5_000);
    expect(await connectRefused(server.url)).toBe(true);
    expect(server.lines.filter((line) => line.includes('"event":"stopped"'))).toHaveLength(2);
  }, 40_000);
});

describe('SIGKILL while feedback is being written', () => {
  it('keeps every acknowledged row, and the database passes integrity_check', async () => {
    const server = await spawnServer({ WORKERS: '2' });
    running.push(server);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const acknowledged: string[] = [];
    let stop = false;
    const send = (reason: string) =>
      new Promise<number>((resolve) => {
        const body = JSON.stringify({ rating: 'down', question: '护理补贴 13812345678', citationIds: [], reason });
        const req = http.request(
          `${server.url}/api/feedback`,
          { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', () => resolve(0));
        req.end(body);
      });
    const writer = async (lane: number) => {
      for (let i = 0; !stop; i++) {
        const reason = `ack-${lane}-${i}`;
        if ((await send(reason)) === 204) acknowledged.push(reason);
      }
    };
    const writers = [0, 1, 2, 3, 4, 5, 6, 7].map(writer);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    killGroup(server, 'SIGKILL');
    stop = true;
    await Promise.all(writers);
    agent.destroy();
    expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(acknowledged.length).toBeGreaterThan(100);

    const db = new Database(path.join(server.dataDir, RECORDS_FILE));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const stored = new Set(db.prepare('SELECT reason FROM feedback').pluck().all() as string[]);
    const questions = db.prepare('SELECT DISTINCT question FROM feedback').pluck().all();
    db.close();
    expect(acknowledged.filter((reason) => !stored.has(reason))).toEqual([]);
    console.info(`kill mid-write: ${acknowledged.length} acknowledged, ${stored.size} stored, integrity ok`);
    expect(questions).toEqual(['护理补贴 [手机号]']);
  }, 40_000);
});
