// The voice channel hearing speech through a FunASR-protocol server over real sockets: transcripts, answers, barge-in,
// hostile audio and a recogniser that is down. The audio is espeak-ng speech; the recogniser is tests/asr's fake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/runtime/services.ts';
import { createRecordStore } from '../../src/records.ts';
import { FakeFunasr, downUrl, funasrClient } from '../asr/fake-funasr.ts';
import { synthesize } from '../asr/speech.ts';
import { VoiceClient, realServices, startVoiceServer, testConfig, type TestServer } from './helpers.ts';

const QUESTION = '重度残疾人有护理补贴吗';
const LONG_QUESTION = '残疾儿童康复救助';
// Audio sent all at once (ten minutes of it in one test): a burst of an hour keeps the audio rate out of the way here
// (tests/voice/audio-rate.test.ts is where it is tested).
const CONFIG = testConfig({
  LIMIT_WS_MESSAGES_PER_SECOND: '10000',
  LIMIT_WS_SESSIONS_PER_IP: '1000',
  LIMIT_AUDIO_BURST_MS: '3600000',
});

/** Sends `pcm` as binary frames of `frameBytes`. */
function sendPcm(client: VoiceClient, pcm: Buffer, frameBytes = 3200): void {
  for (let offset = 0; offset < pcm.length; offset += frameBytes)
    client.ws.send(pcm.subarray(offset, offset + frameBytes));
}

function errors(client: VoiceClient) {
  return client.messages.flatMap((m) => (m.type === 'error' ? [{ code: m.code, message: m.message }] : []));
}

let deps: Services;
let fake: FakeFunasr;
let server: TestServer;
const records = createRecordStore(null);
const speech = synthesize(QUESTION, 16000);

beforeAll(async () => {
  deps = await realServices();
  fake = await FakeFunasr.start({ partialEveryBytes: 16000 });
  server = await startVoiceServer({
    config: CONFIG,
    ask: deps.ask,
    corpus: deps.corpus,
    recognizer: funasrClient(fake.url),
    records,
  });
});
afterAll(async () => {
  await server.close();
  await fake.close();
  records.close();
});

describe('voice channel with a recogniser', () => {
  it('turns audio.start, 16 kHz speech and audio.end into partials, a final transcript and a cited, spoken answer', async () => {
    fake.register(speech, QUESTION);
    const client = await VoiceClient.connect(server.url);
    await client.start({ city: 'jining', tts: true });
    client.send({ type: 'audio.start' });
    sendPcm(client, speech);
    client.send({ type: 'audio.end' });
    const final = await client.waitFor('transcript', (m) => m.final);
    expect(final).toEqual({ type: 'transcript', text: QUESTION, final: true });
    const partials = client.messages.filter((m) => m.type === 'transcript' && !m.final);
    expect(partials.length).toBe(Math.floor(speech.length / 16000));
    expect(await client.waitFor('answer.start')).toEqual({ type: 'answer.start', turnId: 't1', question: QUESTION });
    const end = await client.waitFor('answer.end');
    expect(end).toMatchObject({ answered: true, city: '济宁' });
    expect(end.citations[0]?.city).toBe('济宁');
    await client.waitFor('tts.start');
    expect(fake.utterances.at(-1)?.bytes).toBe(speech.length);
    expect(fake.utterances.at(-1)?.config.audio_fs).toBe(16000);
    client.close();
  });

  it('stops the answer being spoken when the resident starts speaking (barge-in)', async () => {
    const client = await VoiceClient.connect(server.url);
    await client.start({ tts: true });
    client.send({ type: 'user.text', text: LONG_QUESTION, final: true });
    await client.waitFor('tts.start');
    client.send({ type: 'audio.start' });
    expect(await client.waitFor('interrupted')).toEqual({ type: 'interrupted', turnId: 't1' });
    fake.next(QUESTION);
    sendPcm(client, Buffer.alloc(6400));
    client.send({ type: 'audio.end' });
    expect((await client.waitFor('answer.start', (m) => m.turnId === 't2')).question).toBe(QUESTION);
    client.close();
  });

  it('records an unanswered spoken question redacted, like a typed one', async () => {
    const heard = '火星基地有补贴吗我的电话13812345678';
    expect(deps.ask({ question: heard }).answered).toBe(false);
    fake.next(heard);
    const client = await VoiceClient.connect(server.url);
    await client.start();
    client.send({ type: 'audio.start' });
    sendPcm(client, Buffer.alloc(3200));
    client.send({ type: 'audio.end' });
    expect((await client.waitFor('answer.end')).answered).toBe(false);
    const stored = records.unansweredReport(10).flatMap((city) => city.questions.map((q) => q.question));
    expect(stored).toEqual(['火星基地有补贴吗我的电话[手机号]']);
    client.close();
  });
});

describe('hostile audio', () => {
  it('drops frames before audio.start and odd-length frames with one BAD_MESSAGE each, and still hears the rest', async () => {
    const client = await VoiceClient.connect(server.url);
    await client.start();
    sendPcm(client, Buffer.alloc(3200 * 3));
    client.send({ type: 'audio.start' });
    client.ws.send(Buffer.alloc(3201));
    client.ws.send(Buffer.alloc(1));
    fake.next('护理补贴');
    sendPcm(client, Buffer.alloc(6400));
    client.send({ type: 'audio.end' });
    await client.waitFor('answer.end');
    expect(errors(client)).toEqual([
      { code: 'BAD_MESSAGE', message: 'voice: send audio.start before audio frames.' },
      { code: 'BAD_MESSAGE', message: 'voice: audio frames must hold whole 16-bit samples; one was dropped.' },
    ]);
    expect(fake.utterances.at(-1)?.bytes).toBe(6400);
    client.close();
  });

  it('cuts ten minutes of audio at LIMIT_UTTERANCE_MS with one TOO_LARGE, and recognises what came before', async () => {
    const client = await VoiceClient.connect(server.url);
    await client.start();
    client.send({ type: 'audio.start' });
    fake.next('护理补贴');
    const frame = Buffer.alloc(60_000);
    for (let sent = 0; sent < 10 * 60 * 16000 * 2; sent += frame.length) client.ws.send(frame);
    client.send({ type: 'audio.end' });
    expect((await client.waitFor('transcript', (m) => m.final, 20_000)).text).toBe('护理补贴');
    expect(errors(client)).toEqual([
      { code: 'TOO_LARGE', message: 'voice: an utterance may hold at most 30 s of audio; it was ended there.' },
    ]);
    expect(fake.utterances.at(-1)?.bytes).toBe(30 * 16000 * 2);
    client.close();
  });

  it('ends an utterance whose audio.end never comes after LIMIT_UTTERANCE_MS, with one TOO_LARGE', async () => {
    const short = await startVoiceServer({
      config: testConfig({ LIMIT_UTTERANCE_MS: '500' }),
      ask: deps.ask,
      recognizer: funasrClient(fake.url),
    });
    try {
      const client = await VoiceClient.connect(short.url);
      await client.start();
      fake.next('护理补贴');
      client.send({ type: 'audio.start' });
      sendPcm(client, Buffer.alloc(3200));
      expect((await client.waitFor('transcript', (m) => m.final, 5000)).text).toBe('护理补贴');
      expect(errors(client)).toEqual([
        { code: 'TOO_LARGE', message: 'voice: an utterance may last at most 0.5 s; it was ended there.' },
      ]);
      expect(fake.utterances.at(-1)?.bytes).toBe(3200);
      client.close();
    } finally {
      await short.close();
    }
  });

  it('refuses a sample rate other than 8000 or 16000 and keeps the session', async () => {
    const client = await VoiceClient.connect(server.url);
    client.send({ type: 'session.start', audio: { sampleRate: 44100 } });
    expect(await client.waitFor('error')).toMatchObject({
      code: 'BAD_MESSAGE',
      message: '"audio.sampleRate" must be 8000 or 16000.',
    });
    expect((await client.start({ audio: { sampleRate: 8000 } })).audio.sampleRate).toBe(8000);
    client.close();
  });
});

describe('voice channel with its recogniser slow or down', () => {
  it.each([
    ['too slow', async () => ({ fake: await FakeFunasr.start({ finalDelayMs: 3000 }), url: '' })],
    ['unavailable', async () => ({ fake: null, url: await downUrl() })],
  ])('says ASR_UNAVAILABLE (%s) for an utterance and still answers typed questions', async (why, recogniser) => {
    const { fake: slow, url } = await recogniser();
    const voice = await startVoiceServer({
      config: CONFIG,
      ask: deps.ask,
      recognizer: funasrClient(slow?.url ?? url, 300),
    });
    try {
      const client = await VoiceClient.connect(voice.url);
      await client.start();
      client.send({ type: 'audio.start' });
      sendPcm(client, speech);
      client.send({ type: 'audio.end' });
      expect(await client.waitFor('error')).toEqual({
        type: 'error',
        code: 'ASR_UNAVAILABLE',
        message: `语音识别暂不可用，请直接输入问题。 (voice: speech recognition is ${why}; send user.text instead)`,
        fatal: false,
      });
      client.send({ type: 'user.text', text: QUESTION, final: true });
      expect((await client.waitFor('answer.end')).answered).toBe(true);
      client.close();
    } finally {
      await voice.close();
      await slow?.close();
    }
  });
});
