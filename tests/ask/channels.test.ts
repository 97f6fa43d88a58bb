// The same question behaves the same by HTTP and by voice (one ask flow, one schema module): a real server on port 0
// (createServer, the real plans and engine) and a real WebSocket client. Each case used to differ between the channels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { createServer, type RunningServer } from '../../src/runtime/server.ts';
import { createServices, handlersOf } from '../../src/runtime/services.ts';
import { VoiceClient } from '../voice/helpers.ts';

const TOKEN = 'staff-token-0123456789';
/** Asked of no plan (the plans say nothing of driving tests), so it goes to the unanswered report. */
const UNANSWERABLE = '驾照考试怎么报名';
let server: RunningServer;

async function ask(body: Record<string, unknown>): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/api/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function voice(): Promise<VoiceClient> {
  return VoiceClient.connect(`${server.url.replace('http', 'ws')}/ws/voice`);
}

/** Sends one final question on a started session; resolves with the turn's end or the error it got. */
async function askByVoice(client: VoiceClient, text: string) {
  const before = client.messages.length;
  client.send({ type: 'user.text', text, final: true });
  for (let i = 0; i < 200; i++) {
    const got = client.messages.slice(before).find((m) => m.type === 'answer.end' || m.type === 'error');
    if (got) return got;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no answer.end or error');
}

beforeAll(async () => {
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    ADMIN_TOKEN: TOKEN,
    LIMIT_REQUESTS_PER_MINUTE: '100000',
    LIMIT_WS_SESSIONS_PER_IP: '100',
  });
  const log = createLogger('error');
  server = await createServer({
    config,
    log,
    handlers: handlersOf(await createServices(config, { log, dataDir: null })),
  });
}, 60_000);

afterAll(() => server?.close());

describe('one ask flow for HTTP and voice', () => {
  it('puts a question nobody could answer in the staff report whichever channel it came by', async () => {
    expect((await ask({ question: UNANSWERABLE })).json.answered).toBe(false);
    const client = await voice();
    await client.start();
    expect(await askByVoice(client, UNANSWERABLE)).toMatchObject({ type: 'answer.end', answered: false });
    client.close();
    const res = await fetch(`${server.url}/api/admin/unanswered`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const report = (await res.json()) as {
      cities: { city: string | null; questions: { question: string; count: number }[] }[];
    };
    const all = report.cities.flatMap((c) => c.questions);
    expect(all.find((q) => q.question === UNANSWERABLE)?.count).toBe(2);
  });

  it('takes 濟寧 (traditional characters) as 济宁 by HTTP and in session.start', async () => {
    const http = await ask({ question: '重度残疾人有护理补贴吗', city: '濟寧' });
    expect(http.status).toBe(200);
    expect(http.json.city).toBe('济宁');
    const client = await voice();
    expect((await client.start({ city: '濟寧' })).city).toBe('济宁');
    expect(await askByVoice(client, '重度残疾人有护理补贴吗')).toMatchObject({ type: 'answer.end', city: '济宁' });
    client.close();
  });

  it('refuses a city no plan covers with UNKNOWN_CITY on both channels (voice keeps the session, for all cities)', async () => {
    const http = await ask({ question: '护理补贴', city: '鞍山' });
    expect(http.status).toBe(400);
    expect(http.json.error).toMatchObject({ code: 'UNKNOWN_CITY' });
    const client = await voice();
    const ready = await client.start({ city: '鞍山' });
    expect(ready.city).toBeNull();
    expect(client.messages.find((m) => m.type === 'error')).toMatchObject({ code: 'UNKNOWN_CITY', fatal: false });
    client.close();
  });

  it('counts a question in characters after cleaning, the same on both channels', async () => {
    // 500 characters outside the Basic Multilingual Plane are 1,000 UTF-16 units: within the 500-character limit.
    const astral = '𠀀'.repeat(499) + '吗';
    // Zero-width and control characters are removed before counting.
    const padded = '\u200b'.repeat(300) + '护'.repeat(499) + '理';
    const over = '护'.repeat(501);
    expect((await ask({ question: astral })).status).toBe(200);
    expect((await ask({ question: padded })).status).toBe(200);
    expect((await ask({ question: over })).json.error).toMatchObject({ code: 'QUESTION_TOO_LONG' });
    const client = await voice();
    await client.start();
    expect(await askByVoice(client, astral)).toMatchObject({ type: 'answer.end' });
    expect(await askByVoice(client, padded)).toMatchObject({ type: 'answer.end' });
    expect(await askByVoice(client, over)).toMatchObject({ type: 'error', code: 'QUESTION_TOO_LONG' });
    client.close();
  });

  it('bounds a feedback reason by LIMIT_FEEDBACK_REASON_CHARS (1,000) on both channels', async () => {
    const feedback = (reason: string) =>
      fetch(`${server.url}/api/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rating: 'down', reason }),
      });
    expect((await feedback('慢'.repeat(1000))).status).toBe(204);
    // Cleaned before it is counted: zero-width and control characters are not the resident's words.
    expect((await feedback('\u200b\u0007' + '慢'.repeat(1000))).status).toBe(204);
    expect((await feedback('慢'.repeat(1001))).status).toBe(400);
    const client = await voice();
    await client.start();
    const turn = await askByVoice(client, '重度残疾人有护理补贴吗');
    const turnId = turn.type === 'answer.end' ? turn.turnId : '';
    client.send({ type: 'feedback', turnId, rating: 'down', reason: '慢'.repeat(1000) });
    client.send({ type: 'feedback', turnId, rating: 'down', reason: '\u200b\u0007' + '慢'.repeat(1000) });
    client.send({ type: 'feedback', turnId, rating: 'down', reason: '慢'.repeat(1001) });
    client.send({ type: 'ping', t: 1 });
    await client.waitFor('pong');
    const errors = client.messages.filter((m) => m.type === 'error');
    expect(errors).toEqual([{ type: 'error', code: 'BAD_MESSAGE', message: 'reason 最多 1000 个字。', fatal: false }]);
    client.close();
  });
});
