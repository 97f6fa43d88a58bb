// Audio on /ws/voice is bounded by bytes at the session's sample rate and by utterance length, not by frame count
// (issue 18): a gateway streaming 20 ms frames at real time (50 a second, more than LIMIT_WS_MESSAGES_PER_SECOND) is
// heard; a client sending faster than 3× real time gets RATE_LIMITED and the session goes on; an utterance over
// LIMIT_UTTERANCE_MS gets TOO_LARGE and the session goes on. Real sockets, the fake FunASR server, espeak-ng speech.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AudioRate } from '../../src/voice/audio-rate.ts';
import { FakeFunasr, funasrClient } from '../asr/fake-funasr.ts';
import { synthesize } from '../asr/speech.ts';
import { streamRealTime } from '../asr/stream.ts';
import { HAS_ESPEAK, VoiceClient, realServices, startVoiceServer, testConfig, type TestServer } from './helpers.ts';

const QUESTION = '重度残疾人有护理补贴吗';
/** The documented error (docs/voice-protocol.md) for 16 kHz audio: 3 × 32,000 bytes a second. */
const TOO_FAST =
  'voice: audio may arrive at most 3× real time (96000 bytes per second at 16000 Hz); frames beyond that were dropped.';

function errors(client: VoiceClient) {
  return client.messages.flatMap((m) => (m.type === 'error' ? [{ code: m.code, message: m.message }] : []));
}

describe('the audio allowance', () => {
  it('passes real time forever and refuses three times real time once the two-second burst is spent', () => {
    let now = 0;
    const rate = new AudioRate({ audioRateFactor: 3, audioBurstMs: 2000 }, () => now);
    // 20 ms at 16 kHz is 640 bytes; ten minutes of frames at real time all pass.
    for (let i = 0; i < 30_000; i++, now += 20) expect(rate.take(640, 16000)).toBe(true);
    const flood = new AudioRate({ audioRateFactor: 3, audioBurstMs: 2000 }, () => now);
    // All at once: the burst (2 s = 64,000 bytes = 100 frames) passes, the 101st frame does not.
    for (let i = 0; i < 100; i++) expect(flood.take(640, 16000)).toBe(true);
    expect(flood.take(640, 16000)).toBe(false);
    // 10 ms later the bucket holds 10 ms × 3 of audio (960 bytes): one more 20 ms frame.
    now += 10;
    expect(flood.take(640, 16000)).toBe(true);
    expect(flood.take(640, 16000)).toBe(false);
  });

  it('charges a tiny frame as 5 ms of audio', () => {
    const rate = new AudioRate({ audioRateFactor: 3, audioBurstMs: 1000 }, () => 0);
    // 1 s at 8 kHz = 16,000 bytes; a 2-byte frame costs 5 ms = 80 bytes: 200 of them.
    for (let i = 0; i < 200; i++) expect(rate.take(2, 8000)).toBe(true);
    expect(rate.take(2, 8000)).toBe(false);
  });
});

describe.runIf(HAS_ESPEAK)('audio over a real socket at the default limits', () => {
  let fake: FakeFunasr;
  let server: TestServer;
  let short: TestServer;
  const speech = HAS_ESPEAK ? synthesize(QUESTION, 16000) : Buffer.alloc(0);

  beforeAll(async () => {
    const deps = await realServices();
    fake = await FakeFunasr.start();
    const recognizer = funasrClient(fake.url);
    server = await startVoiceServer({ config: testConfig(), ask: deps.ask, corpus: deps.corpus, recognizer });
    short = await startVoiceServer({
      config: testConfig({ LIMIT_UTTERANCE_MS: '1000' }),
      ask: deps.ask,
      corpus: deps.corpus,
      recognizer: funasrClient(fake.url),
    });
  });
  afterAll(async () => {
    await server?.close();
    await short?.close();
    await fake?.close();
  });

  it('hears 20 ms frames sent at real time (50 a second) and answers with a citation', async () => {
    expect(speech.length).toBeGreaterThan(32_000); // over a second of speech: more than 50 frames
    fake.register(speech, QUESTION);
    const client = await VoiceClient.connect(server.url);
    await client.start({ city: '济宁' });
    client.send({ type: 'audio.start' });
    await streamRealTime((frame) => client.ws.send(frame), speech, 16000);
    client.send({ type: 'audio.end' });
    expect(await client.waitFor('transcript', (m) => m.final, 15_000)).toEqual({
      type: 'transcript',
      text: QUESTION,
      final: true,
    });
    const end = await client.waitFor('answer.end', () => true, 15_000);
    expect(end.answered).toBe(true);
    expect(end.citations[0]?.city).toBe('济宁');
    expect(errors(client)).toEqual([]);
    expect(fake.utterances.at(-1)?.bytes).toBe(speech.length);
    client.close();
  });

  it('refuses audio faster than 3× real time with RATE_LIMITED, and hears the next utterance at real time', async () => {
    const client = await VoiceClient.connect(server.url);
    await client.start({ city: '济宁' });
    client.send({ type: 'audio.start' });
    // Six seconds of audio in one go: the burst (2 s) passes, the rest is dropped.
    const flood = Buffer.alloc(6 * 32_000);
    for (let offset = 0; offset < flood.length; offset += 640) client.ws.send(flood.subarray(offset, offset + 640));
    client.send({ type: 'audio.end' });
    expect(await client.waitFor('error')).toEqual({
      type: 'error',
      code: 'RATE_LIMITED',
      message: TOO_FAST,
      fatal: false,
    });
    await client.waitFor('transcript', (m) => m.final, 15_000);
    const dropped = fake.utterances.at(-1)?.bytes ?? 0;
    expect(dropped).toBeGreaterThanOrEqual(64_000);
    expect(dropped).toBeLessThan(flood.length);
    // The session goes on: the same socket is heard at real time.
    fake.register(speech, QUESTION);
    client.send({ type: 'audio.start' });
    await streamRealTime((frame) => client.ws.send(frame), speech, 16000);
    client.send({ type: 'audio.end' });
    expect((await client.waitFor('transcript', (m) => m.final && m.text === QUESTION, 15_000)).text).toBe(QUESTION);
    expect((await client.waitFor('answer.end', () => true, 15_000)).answered).toBe(true);
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    client.close();
  });

  it('ends an utterance at LIMIT_UTTERANCE_MS with TOO_LARGE, recognises what came before, and goes on', async () => {
    const client = await VoiceClient.connect(short.url);
    await client.start({ city: '济宁' });
    fake.next('护理补贴');
    client.send({ type: 'audio.start' });
    // 1.5 s at real time against a 1 s limit: ended at 1 s (32,000 bytes).
    await streamRealTime((frame) => client.ws.send(frame), Buffer.alloc(48_000), 16000);
    client.send({ type: 'audio.end' });
    expect((await client.waitFor('transcript', (m) => m.final, 15_000)).text).toBe('护理补贴');
    const tooLarge = client.messages.find((m) => m.type === 'error');
    expect(tooLarge).toMatchObject({ type: 'error', code: 'TOO_LARGE', fatal: false });
    expect([
      'voice: an utterance may hold at most 1 s of audio; it was ended there.',
      'voice: an utterance may last at most 1 s; it was ended there.',
    ]).toContain(tooLarge?.type === 'error' ? tooLarge.message : '');
    expect(fake.utterances.at(-1)?.bytes).toBeLessThanOrEqual(32_000);
    await client.waitFor('answer.end', () => true, 15_000);
    // The session goes on: a typed question is answered on the same socket.
    client.send({ type: 'user.text', text: QUESTION, final: true });
    expect((await client.waitFor('answer.end', (m) => m.turnId === 't2', 15_000)).answered).toBe(true);
    client.close();
  });
});
