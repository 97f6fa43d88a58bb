// The voice channel over real sockets on port 0: a full spoken turn, barge-in, every limit, and speech being unavailable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskRequest } from '../../src/answer/types.ts';
import type { FeedbackRecord } from '../../src/records.ts';
import { speakable } from '../../src/voice/speakable.ts';
import { createApp } from '../../src/app.ts';
import { rewire, type Services } from '../../src/runtime/services.ts';
import {
  HAS_ESPEAK,
  VoiceClient,
  plainAsk,
  realServices,
  startVoiceServer,
  testConfig,
  type TestServer,
} from './helpers.ts';

const QUESTION = '重度残疾人有护理补贴吗';
/** Asked with no city, this one is answered from all five plans: well over a minute of speech. */
const LONG_QUESTION = '残疾儿童康复救助';

let deps: Services;
beforeAll(async () => {
  deps = await realServices();
});

/** Every answer sentence, spaces aside. */
const compact = (text: string) => text.replace(/\s+/g, '');

/** Spoken syllables (CJK characters after speakable()) of a text. */
function syllables(text: string): number {
  return [...speakable(text)].filter((c) => /[\u3400-\u9fff]/.test(c)).length;
}

describe('voice channel', () => {
  let server: TestServer;
  const feedback: FeedbackRecord[] = [];

  beforeAll(async () => {
    server = await startVoiceServer({
      config: testConfig({ LIMIT_WS_SESSIONS_PER_IP: '1000' }),
      ask: deps.ask,
      corpus: deps.corpus,
      records: { feedback: (record) => void feedback.push(record), unanswered: () => undefined },
    });
  });
  afterAll(() => server.close());

  it('refuses upgrades on other paths', async () => {
    await expect(VoiceClient.connect(server.url.replace('/ws/voice', '/ws/other'))).rejects.toThrow();
  });

  it('answers a question as text, sentence by sentence, for the city the session names', async () => {
    const client = await VoiceClient.connect(server.url);
    const ready = await client.start({ city: 'jining' });
    expect(ready).toMatchObject({
      city: '济宁',
      mode: 'standard',
      tts: false,
      audio: { sampleRate: 16000, encoding: 'pcm_s16le' },
    });
    client.send({ type: 'user.text', text: '重度', final: false });
    client.send({ type: 'user.text', text: `  ${QUESTION}  `, final: true });
    const end = await client.waitFor('answer.end');
    const start = await client.waitFor('answer.start');
    expect(start).toEqual({ type: 'answer.start', turnId: 't1', question: QUESTION });
    expect(end).toMatchObject({ turnId: 't1', answered: true, city: '济宁' });
    expect(end.citations.length).toBeGreaterThan(0);
    expect(end.citations.every((c) => c.city === '济宁')).toBe(true);
    const deltas = client.messages.flatMap((m) => (m.type === 'answer.delta' ? [m] : []));
    expect(deltas.map((d) => d.seq)).toEqual(deltas.map((_d, i) => i));
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.every((d) => /[。！？”]$/.test(d.text))).toBe(true);
    expect(compact(deltas.map((d) => d.text).join(''))).toBe(compact(end.answer));
    expect(client.messages.some((m) => m.type === 'tts.start')).toBe(false);
    client.close();
  });

  it('answers a follow-up as POST /api/ask does when session.start carries the earlier turns', async () => {
    const history = ['济宁重度残疾人有护理补贴吗？'];
    const followUp = '那孩子呢？';
    const response = await createApp(rewire(deps, { config: testConfig() })).request('/api/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: followUp, history }),
    });
    const http = (await response.json()) as { city: string | null; answer: string };
    expect(http.city).toBe('济宁');

    const withHistory = await VoiceClient.connect(server.url);
    await withHistory.start({ history });
    withHistory.send({ type: 'user.text', text: followUp, final: true });
    expect(await withHistory.waitFor('answer.end')).toMatchObject({ city: '济宁', answer: http.answer });
    withHistory.close();

    // Without the history the same words are a question about every city.
    const without = await VoiceClient.connect(server.url);
    await without.start();
    without.send({ type: 'user.text', text: followUp, final: true });
    expect((await without.waitFor('answer.end')).city).toBeNull();
    without.close();
  });

  it('refuses a history longer than the configured limit with HISTORY_TOO_LONG and keeps the session', async () => {
    const client = await VoiceClient.connect(server.url);
    client.send({ type: 'session.start', history: Array(11).fill('济宁') });
    expect(await client.waitFor('error')).toMatchObject({ code: 'HISTORY_TOO_LONG', fatal: false });
    expect((await client.start({ history: ['济宁'] })).city).toBeNull();
    client.close();
  });

  it('refuses an unknown city with UNKNOWN_CITY, as POST /api/ask does, without closing the session', async () => {
    const client = await VoiceClient.connect(server.url);
    client.send({ type: 'session.start', city: '北京' });
    const error = await client.waitFor('error');
    expect(error).toMatchObject({ code: 'UNKNOWN_CITY', fatal: false });
    expect(error.message).toMatch(/^没有这个城市的规划：可选 .*先按所有城市回答。$/);
    expect((await client.waitFor('session.ready')).city).toBeNull();
    client.close();
  });

  it.each([
    ['jining', '济宁'],
    ['济宁市', '济宁'],
    ['ZhangYe', '张掖'],
    [null, null],
  ])('names the city %s as %s in session.ready', async (city, name) => {
    const client = await VoiceClient.connect(server.url);
    expect((await client.start({ city })).city).toBe(name);
    expect(client.messages.some((m) => m.type === 'error')).toBe(false);
    client.close();
  });

  it('asks for session.start before a question', async () => {
    const client = await VoiceClient.connect(server.url);
    client.send({ type: 'user.text', text: QUESTION, final: true });
    expect(await client.waitFor('error')).toMatchObject({ code: 'BAD_MESSAGE', fatal: false });
    client.close();
  });

  it('answers malformed JSON with BAD_MESSAGE and keeps answering', async () => {
    const client = await VoiceClient.connect(server.url);
    await client.start();
    client.send('{"type":"user.text","text":');
    expect(await client.waitFor('error')).toMatchObject({ code: 'BAD_MESSAGE', fatal: false });
    client.send({ type: 'user.text', text: QUESTION, final: true });
    expect((await client.waitFor('answer.end')).answered).toBe(true);
    client.close();
  });

  it('closes with 1009 when a message is larger than maxPayload', async () => {
    const client = await VoiceClient.connect(server.url);
    client.send({ type: 'user.text', text: 'x'.repeat(70 * 1024), final: true });
    expect((await client.closed).code).toBe(1009);
  });

  it('says RATE_LIMITED to a flood and keeps the session open', async () => {
    const client = await VoiceClient.connect(server.url);
    for (let i = 0; i < 30; i++) client.send({ type: 'ping', t: i });
    const error = await client.waitFor('error');
    expect(error).toMatchObject({ code: 'RATE_LIMITED', fatal: false });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(client.messages.filter((m) => m.type === 'pong')).toHaveLength(20);
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    client.close();
  });

  it('closes with 1008 on abuse (five times the message rate in one second)', async () => {
    const client = await VoiceClient.connect(server.url);
    for (let i = 0; i < 200; i++) client.send({ type: 'ping', t: i });
    expect((await client.closed).code).toBe(1008);
    expect(client.messages.some((m) => m.type === 'error' && m.code === 'RATE_LIMITED' && m.fatal)).toBe(true);
  });

  it('answers audio frames with ASR_UNAVAILABLE once per utterance', async () => {
    const client = await VoiceClient.connect(server.url);
    await client.start();
    client.send({ type: 'audio.start' });
    for (let i = 0; i < 5; i++) client.ws.send(Buffer.alloc(640));
    client.send({ type: 'audio.end' });
    client.send({ type: 'ping', t: 'after' });
    await client.waitFor('pong');
    const errors = client.messages.filter((m) => m.type === 'error');
    expect(errors).toEqual([expect.objectContaining({ code: 'ASR_UNAVAILABLE', fatal: false })]);
    client.close();
  });

  it('records feedback on a turn like POST /api/feedback', async () => {
    const client = await VoiceClient.connect(server.url);
    await client.start({ city: '济宁' });
    client.send({ type: 'user.text', text: QUESTION, final: true });
    const end = await client.waitFor('answer.end');
    client.send({ type: 'feedback', turnId: end.turnId, rating: 'down', reason: '没有金额' });
    client.send({ type: 'feedback', turnId: 't99', rating: 'up' });
    await client.waitFor('error');
    expect(feedback.at(-1)).toEqual({
      rating: 'down',
      question: QUESTION,
      citationIds: end.citations.map((c) => c.id),
      reason: '没有金额',
      city: '济宁', // the turn's city, for the staff insight page
    });
    client.close();
  });

  it('refuses a foreign Origin with 1008 and accepts its own and no Origin', async () => {
    const foreign = await VoiceClient.connect(server.url, { Origin: 'https://evil.example' });
    expect((await foreign.closed).code).toBe(1008);
    const own = await VoiceClient.connect(server.url, { Origin: `http://127.0.0.1:${server.port}` });
    expect((await own.start()).type).toBe('session.ready');
    own.close();
  });
});

describe('voice channel limits with their own config', () => {
  it('passes city, mode and earlier user turns to ask, as the HTTP API does', async () => {
    const calls: AskRequest[] = [];
    const server = await startVoiceServer({ config: testConfig(), ask: plainAsk(calls), corpus: deps.corpus });
    const client = await VoiceClient.connect(server.url);
    await client.start({ city: '张掖', mode: 'easy' });
    client.send({ type: 'user.text', text: '我在张掖', final: true });
    await client.waitFor('answer.end', (m) => m.turnId === 't1');
    client.send({ type: 'user.text', text: QUESTION, final: true });
    await client.waitFor('answer.end', (m) => m.turnId === 't2');
    expect(calls).toEqual([
      { question: '我在张掖', city: '张掖', history: [], mode: 'easy' },
      { question: QUESTION, city: '张掖', history: ['我在张掖'], mode: 'easy' },
    ]);
    client.close();
    await server.close();
  });

  it('allows EMBED_ORIGINS', async () => {
    const server = await startVoiceServer({
      config: testConfig({ EMBED_ORIGINS: 'https://www.jining.gov.cn' }),
      ask: deps.ask,
    });
    const embedded = await VoiceClient.connect(server.url, { Origin: 'https://www.jining.gov.cn' });
    expect((await embedded.start()).type).toBe('session.ready');
    await server.close();
    expect((await embedded.closed).code).toBe(1001);
  });

  it('closes an idle session with 4001', async () => {
    const server = await startVoiceServer({ config: testConfig({ LIMIT_WS_IDLE_MS: '150' }), ask: deps.ask });
    const client = await VoiceClient.connect(server.url);
    await client.start();
    expect((await client.closed).code).toBe(4001);
    await server.close();
  });

  it('counts sessions per client behind a trusted proxy (X-Forwarded-For), and per proxy when it is not trusted', async () => {
    const via = (forwardedFor: string) => ({ 'x-forwarded-for': forwardedFor });
    const trusted = await startVoiceServer({
      config: testConfig({ LIMIT_WS_SESSIONS_PER_IP: '1', TRUST_PROXY: '127.0.0.1' }),
      ask: deps.ask,
    });
    const a = await VoiceClient.connect(trusted.url, via('203.0.113.1'));
    const b = await VoiceClient.connect(trusted.url, via('203.0.113.2'));
    expect((await b.start()).type).toBe('session.ready');
    const again = await VoiceClient.connect(trusted.url, via('203.0.113.1'));
    expect((await again.closed).code).toBe(1008);
    expect(again.messages[0]).toMatchObject({ type: 'error', code: 'RATE_LIMITED', fatal: true });
    a.close();
    b.close();
    await trusted.close();

    const untrusted = await startVoiceServer({ config: testConfig({ LIMIT_WS_SESSIONS_PER_IP: '1' }), ask: deps.ask });
    const c = await VoiceClient.connect(untrusted.url, via('203.0.113.1'));
    // The header of a peer nobody trusts is ignored: both come from 127.0.0.1, and the second is one too many.
    const d = await VoiceClient.connect(untrusted.url, via('203.0.113.2'));
    expect((await d.closed).code).toBe(1008);
    c.close();
    await untrusted.close();
  });

  it('limits sessions per address', async () => {
    const server = await startVoiceServer({ config: testConfig({ LIMIT_WS_SESSIONS_PER_IP: '2' }), ask: deps.ask });
    const a = await VoiceClient.connect(server.url);
    const b = await VoiceClient.connect(server.url);
    const c = await VoiceClient.connect(server.url);
    expect((await c.closed).code).toBe(1008);
    expect(server.voice.sessions()).toBe(2);
    a.close();
    await a.closed;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const d = await VoiceClient.connect(server.url);
    expect((await d.start()).type).toBe('session.ready');
    b.close();
    d.close();
    await server.close();
  });

  it('says TTS_UNAVAILABLE when espeak-ng is missing and still answers in text', async () => {
    const server = await startVoiceServer({
      config: testConfig(),
      ask: deps.ask,
      espeakPath: '/nonexistent/espeak-ng',
    });
    const client = await VoiceClient.connect(server.url);
    const ready = await client.start({ tts: true });
    expect(ready.tts).toBe(false);
    expect(await client.waitFor('error')).toMatchObject({ code: 'TTS_UNAVAILABLE', fatal: false });
    client.send({ type: 'user.text', text: QUESTION, final: true });
    expect((await client.waitFor('answer.end')).answered).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(client.messages.some((m) => m.type === 'tts.start')).toBe(false);
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    client.close();
    await server.close();
  });
});

describe.skipIf(!HAS_ESPEAK)('spoken answers (espeak-ng)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startVoiceServer({ config: testConfig({ LIMIT_WS_SESSIONS_PER_IP: '1000' }), ask: deps.ask });
  });
  afterAll(() => server.close());

  it('sends the answer text first, then PCM sentence by sentence with a mark after each', async () => {
    const client = await VoiceClient.connect(server.url);
    expect((await client.start({ tts: true, audio: { sampleRate: 16000 } })).tts).toBe(true);
    client.send({ type: 'user.text', text: QUESTION, final: true });
    await client.waitFor('tts.end');
    const end = await client.waitFor('answer.end');
    const deltas = client.messages.filter((m) => m.type === 'answer.delta');
    const types = client.events.map((e) => (e.kind === 'audio' ? 'audio' : e.message.type));
    const firstAudio = types.indexOf('audio');
    expect(types.indexOf('answer.end')).toBeLessThan(firstAudio);
    expect(types.indexOf('tts.start')).toBeLessThan(firstAudio);
    const marks = client.messages
      .filter((m) => m.type === 'tts.mark')
      .map((m) => (m.type === 'tts.mark' ? m.name : ''));
    expect(marks).toEqual(deltas.map((_d, i) => `s${i}`));
    // Audio for sentence n lies between mark n-1 and mark n.
    const markIndexes = client.events.flatMap((e, i) =>
      e.kind === 'message' && e.message.type === 'tts.mark' ? [i] : [],
    );
    expect(client.audioBytes(firstAudio, markIndexes[0])).toBeGreaterThan(0);
    expect(client.audioBytes(markIndexes[0], markIndexes[1])).toBeGreaterThan(0);
    const seconds = client.audioBytes() / 2 / 16000;
    const count = syllables(end.answer);
    expect(seconds).toBeGreaterThan(count * 0.12);
    expect(seconds).toBeLessThan(count * 0.5);
    client.close();
  });

  it('speaks at 8000 Hz with half the bytes of 16000 Hz', async () => {
    const client = await VoiceClient.connect(server.url);
    await client.start({ tts: true, audio: { sampleRate: 8000 } });
    client.send({ type: 'user.text', text: QUESTION, final: true });
    expect(await client.waitFor('tts.start')).toMatchObject({ sampleRate: 8000, encoding: 'pcm_s16le' });
    await client.waitFor('tts.end');
    const wide = await VoiceClient.connect(server.url);
    await wide.start({ tts: true, audio: { sampleRate: 16000 } });
    wide.send({ type: 'user.text', text: QUESTION, final: true });
    await wide.waitFor('tts.end');
    expect(client.audioBytes() / wide.audioBytes()).toBeCloseTo(0.5, 2);
    client.close();
    wide.close();
  });

  it('stops audio at once on interrupt and answers the next question', async () => {
    const client = await VoiceClient.connect(server.url);
    await client.start({ tts: true });
    client.send({ type: 'user.text', text: LONG_QUESTION, final: true });
    await client.waitFor('tts.start');
    client.send({ type: 'interrupt' });
    expect((await client.waitFor('interrupted')).turnId).toBe('t1');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const at = client.indexOf((m) => m.type === 'interrupted');
    expect(client.audioBytes(at)).toBe(0);
    expect(client.messages.some((m) => m.type === 'tts.end')).toBe(false);
    // The long answer is about a minute of speech; far less was sent.
    expect(client.audioBytes() / 2 / 16000).toBeLessThan(10);
    client.send({ type: 'user.text', text: QUESTION, final: true });
    await client.waitFor('tts.end', (m) => m.turnId === 't2');
    client.close();
  });

  it('cancels the spoken turn when a new question arrives (barge-in)', async () => {
    const client = await VoiceClient.connect(server.url);
    await client.start({ tts: true });
    client.send({ type: 'user.text', text: LONG_QUESTION, final: true });
    await client.waitFor('tts.start');
    client.send({ type: 'user.text', text: QUESTION, final: true });
    await client.waitFor('tts.end', (m) => m.turnId === 't2');
    const interrupted = client.indexOf((m) => m.type === 'interrupted' && m.turnId === 't1');
    const nextStart = client.indexOf((m) => m.type === 'tts.start' && m.turnId === 't2');
    expect(interrupted).toBeGreaterThan(0);
    expect(client.audioBytes(interrupted, nextStart)).toBe(0);
    expect(client.messages.some((m) => m.type === 'tts.end' && m.turnId === 't1')).toBe(false);
    client.close();
  });

  it('serves 200 concurrent sessions each completing a spoken turn', async () => {
    const clients = await Promise.all(Array.from({ length: 200 }, () => VoiceClient.connect(server.url)));
    await Promise.all(clients.map((c) => c.start({ city: '济宁', tts: true, audio: { sampleRate: 8000 } })));
    clients.forEach((c, i) => c.send({ type: 'user.text', text: i % 2 ? QUESTION : `${QUESTION}？`, final: true }));
    const done = await Promise.allSettled(clients.map((c) => c.waitFor('tts.end', () => true, 20_000)));
    expect(done.filter((d) => d.status === 'fulfilled')).toHaveLength(200);
    expect(clients.every((c) => c.audioBytes() > 8000)).toBe(true);
    expect(server.voice.sessions()).toBe(200);
    clients.forEach((c) => c.close());
  });
});

describe('voice channel transport limits', () => {
  it('terminates a client that stops answering heartbeat pings and keeps one that answers', async () => {
    const server = await startVoiceServer({ config: testConfig({ LIMIT_WS_HEARTBEAT_MS: '300' }), ask: deps.ask });
    const alive = await VoiceClient.connect(server.url);
    const client = await VoiceClient.connect(server.url);
    await client.start();
    const socket = (client.ws as unknown as { _socket: import('node:net').Socket })._socket;
    socket.pause();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(server.voice.sessions()).toBe(1);
    socket.resume();
    expect((await client.closed).code).toBe(1006);
    expect((await alive.start()).type).toBe('session.ready');
    alive.close();
    await server.close();
  });
});
