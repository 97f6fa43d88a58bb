// Server speech: WAV parsing despite espeak-ng's placeholder length, the resampler, the cache, and a missing engine.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { Resampler, resample } from '../../src/audio/resample.ts';
import { TTS_FIRST_SENTENCE_SLOTS, Tts } from '../../src/voice/tts.ts';
import { TtsError } from '../../src/voice/tts-error.ts';
import { WavStream, parseWav } from '../../src/voice/wav.ts';
import { HAS_ESPEAK } from './helpers.ts';

/** A WAV header exactly as espeak-ng's --stdout writes it: RIFF and data sizes are the placeholder 0x7ffff000-ish. */
function espeakStyleWav(samples: Int16Array, rate = 22050): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(0x7ffff024, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(0x7ffff000, 40);
  return Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]);
}

function sine(frequency: number, rate: number, seconds: number, amplitude = 10_000): Int16Array {
  const out = new Int16Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = Math.round(amplitude * Math.sin((2 * Math.PI * frequency * i) / rate));
  return out;
}

describe('WAV parsing', () => {
  it('takes the data chunk to the end of the stream whatever its header length says', () => {
    const samples = Int16Array.from([1, -2, 300, -32768, 32767]);
    const pcm = parseWav(espeakStyleWav(samples));
    expect(pcm.sampleRate).toBe(22050);
    expect([...pcm.samples]).toEqual([1, -2, 300, -32768, 32767]);
  });

  it('parses a stream split at odd byte offsets, including inside the header', () => {
    const samples = sine(440, 22050, 0.01);
    const wav = espeakStyleWav(samples);
    const stream = new WavStream();
    const parts: number[] = [];
    for (let offset = 0; offset < wav.length; offset += 7) parts.push(...stream.push(wav.subarray(offset, offset + 7)));
    expect(stream.sampleRate).toBe(22050);
    expect(parts).toEqual([...samples]);
  });

  it('skips unknown chunks and refuses what is not 16-bit mono PCM', () => {
    const wav = espeakStyleWav(Int16Array.from([5, 6]));
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([4, 0, 0, 0]), Buffer.from('abcd')]);
    const withList = Buffer.concat([wav.subarray(0, 36), list, wav.subarray(36)]);
    expect([...parseWav(withList).samples]).toEqual([5, 6]);
    const stereo = Buffer.from(wav);
    stereo.writeUInt16LE(2, 22);
    expect(() => parseWav(stereo)).toThrow(TtsError);
    expect(() => parseWav(Buffer.from('not a wav file at all'))).toThrow(/RIFF/);
  });
});

describe('resampling', () => {
  it.each([
    [16000, 16000],
    [8000, 8000],
  ])('turns one second at 22050 Hz into %i samples at %i Hz', (length, rate) => {
    expect(resample(sine(440, 22050, 1), 22050, rate)).toHaveLength(length);
  });

  it('keeps a 1 kHz tone within one step of the exact sine', () => {
    const out = resample(sine(1000, 22050, 0.5), 22050, 16000);
    let error = 0;
    for (let i = 100; i < out.length - 100; i++) {
      error = Math.max(error, Math.abs(out[i]! - 10_000 * Math.sin((2 * Math.PI * 1000 * i) / 16000)));
    }
    expect(error).toBeLessThan(30);
  });

  it('filters out what 8 kHz cannot carry (a 6 kHz tone) instead of folding it back', () => {
    const out = resample(sine(6000, 22050, 0.5), 22050, 8000);
    expect(Math.max(...out.subarray(100, out.length - 100).map(Math.abs))).toBeLessThan(100);
  });

  it('gives the same samples streamed in pieces as all at once', () => {
    const input = sine(700, 22050, 0.3);
    const whole = resample(input, 22050, 8000);
    const stream = new Resampler(22050, 8000);
    const pieces: number[] = [];
    for (let offset = 0; offset < input.length; offset += 1000)
      pieces.push(...stream.push(input.subarray(offset, offset + 1000)));
    pieces.push(...stream.end());
    expect(pieces).toEqual([...whole]);
  });
});

describe('Tts without espeak-ng', () => {
  it('reports the engine missing once probed, and speaking fails with reason "missing"', async () => {
    const tts = new Tts({ espeakPath: '/nonexistent/espeak-ng', timeoutMs: 1000, concurrency: 2 });
    expect(tts.available).toBeNull();
    expect(await tts.probe()).toBe(false);
    expect(tts.available).toBe(false);
    expect(tts.reason).toMatch(/not found at "\/nonexistent\/espeak-ng"/);
    const speak = async () => {
      for await (const chunk of tts.speak('你好。', 16000)) expect(chunk).toBeUndefined();
    };
    await expect(speak()).rejects.toMatchObject({ reason: 'missing' });
  });
});

describe.skipIf(!HAS_ESPEAK)('Tts with espeak-ng', () => {
  const tts = new Tts({ timeoutMs: 5000, concurrency: 2 });
  afterAll(() => tts.close());

  async function collect(text: string, rate: 8000 | 16000, signal?: AbortSignal): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of tts.speak(text, rate, signal)) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  it('speaks Mandarin: the text it synthesizes has Mandarin phonemes, not English letters', () => {
    const phonemes = execFileSync('espeak-ng', ['-v', tts.voice, '-q', '-x', '重度残疾人护理补贴'], {
      encoding: 'utf8',
    });
    expect(phonemes).toContain("ts.'ong51");
    expect(phonemes).not.toContain('(en)');
  });

  it('synthesizes a sentence at the session rate, about 0.2–0.4 s per syllable', async () => {
    expect(await tts.probe()).toBe(true);
    const pcm = await collect('重度残疾人有护理补贴吗？', 16000);
    const seconds = pcm.length / 2 / 16000;
    expect(seconds).toBeGreaterThan(11 * 0.15);
    expect(seconds).toBeLessThan(11 * 0.45);
    const narrow = await collect('重度残疾人有护理补贴吗？', 8000);
    expect(narrow.length / pcm.length).toBeCloseTo(0.5, 2);
  });

  it('serves a repeated sentence from its cache', async () => {
    const first = await collect('具体办理可以咨询当地残联。', 16000);
    const before = tts.cachedSentences;
    // From the cache: the whole sentence in one piece, nothing synthesized or waiting (no clock involved).
    const pieces: Buffer[] = [];
    for await (const chunk of tts.speak('具体办理可以咨询当地残联。', 16000)) {
      expect(tts.synthesesWaiting).toBe(0);
      pieces.push(chunk);
    }
    expect(pieces).toHaveLength(1);
    expect(pieces[0]!.equals(first)).toBe(true);
    expect(tts.cachedSentences).toBe(before);
  });

  it('reads numbers the way speakable() writes them (the same audio)', async () => {
    const digits = await collect('请拨打12385。', 16000);
    const words = await collect('请拨打一二三八五。', 16000);
    expect(digits.equals(words)).toBe(true);
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const speaking = collect('各市都在规划里写到了残疾儿童康复救助，'.repeat(6), 16000, controller.signal);
    controller.abort();
    await expect(speaking).rejects.toMatchObject({ reason: 'aborted' });
  });

  /** A Tts with one slot (plus those kept for first sentences) that records the order in which streams end. */
  async function oneSlot() {
    expect(BUSY).toHaveLength(1 + TTS_FIRST_SENTENCE_SLOTS);
    const one = new Tts({ timeoutMs: 5000, concurrency: 1, cacheBytes: 0 });
    expect(await one.probe()).toBe(true);
    const finished: string[] = [];
    const audio = new Map<string, Buffer>();
    const speak = async (name: string, text: string, priority: number) => {
      const chunks: Buffer[] = [];
      for await (const chunk of one.speak(text, 8000, undefined, priority)) chunks.push(chunk);
      audio.set(name, Buffer.concat(chunks));
      finished.push(name);
    };
    return { one, finished, audio, speak };
  }
  /** Distinct sentences, enough to fill the one slot and those kept for first sentences. */
  const BUSY = [
    '各市都在规划里写到了残疾儿童康复救助。',
    '残疾人两项补贴包括困难残疾人生活补贴。',
    '推进残疾人家庭无障碍改造。',
    '加强残疾人就业服务。',
    '提高残疾人职业技能水平。',
    '支持残疾人自主创业。',
    '扩大残疾人辅助器具适配。',
  ].slice(0, 1 + TTS_FIRST_SENTENCE_SLOTS);

  it("does not make a turn's first sentence wait for other turns' later sentences running in every slot", async () => {
    const { one, speak } = await oneSlot();
    const later = speak('A second sentence', BUSY[0]!, 1);
    const queued = speak('B third sentence', BUSY[1]!, 2);
    expect(one.synthesesWaiting).toBe(1);
    const first = speak('C first sentence', '重度残疾人有护理补贴吗？', 0);
    expect(one.synthesesWaiting).toBe(1);
    await Promise.all([later, queued, first]);
    one.close();
  });

  it("synthesizes a turn's first sentence before another turn's later sentence that was waiting longer", async () => {
    const { one, finished, speak } = await oneSlot();
    // Every slot is busy with first sentences; then turn A's third sentence queues, then turn B's first.
    const busy = BUSY.map((text, i) => speak(`busy ${i}`, text, 0));
    const later = speak('A third sentence', '具体办理可以咨询当地残联。', 2);
    const first = speak('B first sentence', '重度残疾人有护理补贴吗？', 0);
    expect(one.synthesesWaiting).toBe(2);
    await Promise.all([...busy, later, first]);
    expect(finished.indexOf('B first sentence')).toBeLessThan(finished.indexOf('A third sentence'));
    one.close();
  });

  it('synthesizes a sentence asked for by several turns at once only once, at the most urgent place', async () => {
    const { one, finished, audio, speak } = await oneSlot();
    const busy = BUSY.map((text, i) => speak(`busy ${i}`, text, 0));
    const other = speak('C second sentence', '请拨打一二三八五。', 1);
    // A prefetches the shared sentence as its second; B then needs it as its first: one synthesis, moved up for B.
    const shared = '具体办理可以咨询当地残联。';
    const a = speak('A second sentence', shared, 1);
    const b = speak('B first sentence', shared, 0);
    expect(one.synthesesWaiting).toBe(2);
    await Promise.all([...busy, other, a, b]);
    expect(finished.indexOf('A second sentence')).toBeLessThan(finished.indexOf('C second sentence'));
    expect(finished.indexOf('B first sentence')).toBeLessThan(finished.indexOf('C second sentence'));
    expect(audio.get('A second sentence')!.equals(audio.get('B first sentence')!)).toBe(true);
    one.close();
  });

  it('starts a first sentence with its first clause alone, and the sentence sounds exactly as when spoken whole', async () => {
    const sentence = '据济宁市的规划，重度残疾人护理补贴覆盖率不低于百分之九十五。';
    for (const rate of [8000, 16000] as const) {
      const split = new Tts({ timeoutMs: 5000, concurrency: 1, cacheBytes: 0 });
      const whole = new Tts({ timeoutMs: 5000, concurrency: 1, cacheBytes: 0 });
      expect(await split.probe()).toBe(true);
      expect(await whole.probe()).toBe(true);
      const first = split.speak(sentence, rate, undefined, 0);
      // The clause 据济宁市的规划， runs in the slot kept for first sentences; the whole sentence waits for a slot.
      expect(split.synthesesWaiting).toBe(1);
      const later = whole.speak(sentence, rate, undefined, 1);
      expect(whole.synthesesWaiting).toBe(0);
      const [a, b] = await Promise.all(
        [first, later].map(async (stream) => {
          const chunks: Buffer[] = [];
          for await (const chunk of stream) chunks.push(chunk);
          return Buffer.concat(chunks);
        }),
      );
      expect(a!.length).toBeGreaterThan(rate);
      expect(a!.equals(b!)).toBe(true);
      split.close();
      whole.close();
    }
  });

  it('kills a synthesis that takes longer than its timeout', async () => {
    const slow = new Tts({ timeoutMs: 1, concurrency: 1, cacheBytes: 0 });
    const speak = async () => {
      for await (const chunk of slow.speak('残疾儿童康复救助。'.repeat(40), 16000))
        expect(chunk.length).toBeGreaterThan(-1);
    };
    await expect(speak()).rejects.toMatchObject({ reason: 'timeout' });
    slow.close();
  });
});
