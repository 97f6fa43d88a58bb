// The recogniser client against a FunASR-protocol server over a real WebSocket: protocol, final text, down, slow, busy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { funasrDialect } from '../../src/asr/funasr.ts';
import type { AsrError, Recognizer } from '../../src/asr/recognizer.ts';
import { BACKOFF_START_MS, WsRecognizer } from '../../src/asr/ws-recognizer.ts';
import { FakeFunasr, downUrl } from './fake-funasr.ts';
import { synthesize } from './speech.ts';

const HOTWORDS = { 护理补贴: 30, 阳光家园: 20 };

interface Outcome {
  partials: string[];
  final?: string;
  error?: AsrError;
  ms: number;
}

/** Recognises `pcm` in 100 ms frames and waits for the final text or the error. */
function recognise(recognizer: Recognizer, pcm: Buffer, sampleRate = 16000): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const outcome: Outcome = { partials: [], ms: 0 };
    const done = () => resolve({ ...outcome, ms: Date.now() - started });
    const utterance = recognizer.start(sampleRate, {
      partial: (text) => outcome.partials.push(text),
      final: (text) => ((outcome.final = text), done()),
      error: (error) => ((outcome.error = error), done()),
    });
    const frame = (sampleRate / 10) * 2;
    for (let offset = 0; offset < pcm.length; offset += frame) utterance.write(pcm.subarray(offset, offset + frame));
    utterance.end();
  });
}

function recognizer(url: string, timeoutMs = 2000, concurrency = 4): WsRecognizer {
  return new WsRecognizer({ url, dialect: funasrDialect(HOTWORDS), timeoutMs, concurrency });
}

describe('WsRecognizer with the FunASR protocol', () => {
  let fake: FakeFunasr;
  const speech = synthesize('重度残疾人有护理补贴吗', 16000);
  /** Audio the fake has no registered text for: it hears what the test queued with next(). */
  const other = synthesize('护理补贴怎么申请', 16000);
  beforeAll(async () => {
    fake = await FakeFunasr.start({ partialEveryBytes: 16000 });
  });
  afterAll(() => fake.close());

  it('sends the config, the audio and the end, and takes a 2pass-offline reply as final though is_final is false', async () => {
    fake.register(speech, '重度残疾人有护理补贴吗');
    const outcome = await recognise(recognizer(fake.url), speech);
    expect(outcome.final).toBe('重度残疾人有护理补贴吗');
    expect(outcome.error).toBeUndefined();
    const heard = fake.utterances.at(-1)!;
    expect(heard.config).toEqual({
      mode: '2pass',
      chunk_size: [5, 10, 5],
      chunk_interval: 10,
      wav_name: 'utterance',
      wav_format: 'pcm',
      audio_fs: 16000,
      is_speaking: true,
      hotwords: '{"护理补贴":30,"阳光家园":20}',
      itn: true,
    });
    expect(heard.bytes).toBe(speech.length);
    expect(heard.ended).toBe(true);
  });

  it('passes 2pass-online replies on as partials before the final text', async () => {
    fake.next('护理补贴怎么申请');
    const outcome = await recognise(recognizer(fake.url), other);
    expect(outcome.partials.length).toBe(Math.floor(other.length / 16000));
    expect(outcome.partials[0]).toBe('护理补贴');
    expect(outcome.final).toBe('护理补贴怎么申请');
  });

  it('says the recogniser is too slow after LIMIT_ASR_TIMEOUT_MS', async () => {
    const slow = await FakeFunasr.start({ finalDelayMs: 2000 });
    try {
      const outcome = await recognise(recognizer(slow.url, 300), other);
      expect(outcome.error?.reason).toBe('timeout');
      expect(outcome.error?.message).toBe('asr: no text within 300 ms.');
      expect(outcome.ms).toBeGreaterThanOrEqual(300);
      expect(outcome.ms).toBeLessThan(1500);
    } finally {
      await slow.close();
    }
  });

  it('refuses an utterance beyond its concurrency with busy, and serves again once one is done', async () => {
    const one = recognizer(fake.url, 2000, 1);
    fake.next('一');
    const first = recognise(one, other);
    const second = await recognise(one, other);
    expect(second.error?.reason).toBe('busy');
    expect(second.error?.message).toBe('asr: at most 1 utterances are recognised at once.');
    expect((await first).final).toBe('一');
    fake.next('二');
    expect((await recognise(one, other)).final).toBe('二');
    expect(one.active).toBe(0);
  });
});

describe('WsRecognizer when the server is down', () => {
  it('fails with unavailable, then fails fast during the backoff, then tries again', async () => {
    const down = recognizer(await downUrl(), 1000);
    const pcm = Buffer.alloc(3200);
    const first = await recognise(down, pcm);
    expect(first.error?.reason).toBe('unavailable');
    expect(first.error?.message).toBe('asr: speech recognition server is unavailable.');
    const second = await recognise(down, pcm);
    expect(second.error?.reason).toBe('unavailable');
    expect(second.ms).toBeLessThan(20);
    await new Promise((resolve) => setTimeout(resolve, BACKOFF_START_MS + 50));
    const third = await recognise(down, pcm);
    expect(third.error?.reason).toBe('unavailable');
    expect(down.active).toBe(0);
  });
});
