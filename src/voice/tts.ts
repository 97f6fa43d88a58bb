// Server speech: espeak-ng's Mandarin voice as a capped, timed child process → WAV parsed → resampled PCM, cached per sentence.
import { spawn } from 'node:child_process';
import { speakable } from './speakable.ts';
import type { SampleRate } from './protocol.ts';

/** The espeak-ng voice that reads Chinese characters as Mandarin (plain `cmn` reads them as English pinyin letters). */
export const ESPEAK_VOICE = 'cmn-latn-pinyin';
export const DEFAULT_ESPEAK_PATH = 'espeak-ng';
/** Bytes of resampled PCM kept in the sentence cache. */
export const DEFAULT_TTS_CACHE_BYTES = 32 * 1024 * 1024;
/** Synthesis jobs that may wait for a free slot, per slot, before callers are told the speech engine is busy. */
export const TTS_QUEUE_PER_SLOT = 256;
/** Largest WAV accepted from espeak-ng (about four minutes of speech). */
export const MAX_WAV_BYTES = 12 * 1024 * 1024;
/** Half the taps of the windowed-sinc resampling filter. */
const RESAMPLE_HALF_TAPS = 16;

export type TtsFailure = 'missing' | 'timeout' | 'busy' | 'failed';

export class TtsError extends Error {
  override name = 'TtsError';
  constructor(
    readonly reason: TtsFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface Pcm {
  sampleRate: number;
  samples: Int16Array;
}

/**
 * Reads a 16-bit mono PCM WAV by walking its RIFF chunks. espeak-ng's `--stdout` header carries a placeholder length,
 * so the data chunk is taken to the end of the buffer, whatever its header says.
 */
export function parseWav(wav: Buffer): Pcm {
  if (wav.length < 12 || wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') {
    throw new TtsError('failed', 'tts: espeak-ng did not write a RIFF/WAVE stream.');
  }
  let offset = 12;
  let sampleRate = 0;
  while (offset + 8 <= wav.length) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (body + 16 > wav.length) break;
      const format = wav.readUInt16LE(body);
      const channels = wav.readUInt16LE(body + 2);
      const bits = wav.readUInt16LE(body + 14);
      if (format !== 1 || channels !== 1 || bits !== 16) {
        throw new TtsError(
          'failed',
          `tts: expected 16-bit mono PCM, got format ${format}, ${channels} ch, ${bits} bit.`,
        );
      }
      sampleRate = wav.readUInt32LE(body + 4);
    } else if (id === 'data') {
      if (sampleRate === 0) throw new TtsError('failed', 'tts: WAV data chunk comes before its fmt chunk.');
      const end = body + (wav.length - body - ((wav.length - body) % 2));
      const bytes = wav.subarray(body, end);
      // Copy into an aligned buffer: the child's output chunks need not be 2-byte aligned.
      const samples = new Int16Array(bytes.length / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2);
      return { sampleRate, samples };
    }
    offset = body + size + (size % 2);
  }
  throw new TtsError('failed', 'tts: WAV stream has no data chunk.');
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

const filterCache = new Map<string, Float32Array[]>();

/** One windowed-sinc filter per output phase of the rational ratio up/down (polyphase, computed once per rate pair). */
function polyphaseFilters(up: number, down: number): Float32Array[] {
  const key = `${up}/${down}`;
  const cached = filterCache.get(key);
  if (cached) return cached;
  // Cut-off below the lower Nyquist frequency, as a fraction of the input rate's Nyquist.
  const cutoff = Math.min(1, up / down) * 0.92;
  const taps = RESAMPLE_HALF_TAPS * 2;
  const filters: Float32Array[] = [];
  for (let phase = 0; phase < up; phase++) {
    const frac = phase / up;
    const filter = new Float32Array(taps);
    let sum = 0;
    for (let j = 0; j < taps; j++) {
      const x = j - (RESAMPLE_HALF_TAPS - 1) - frac;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * cutoff * x) / (Math.PI * cutoff * x);
      const w = (x + RESAMPLE_HALF_TAPS) / (2 * RESAMPLE_HALF_TAPS);
      const blackman = 0.42 - 0.5 * Math.cos(2 * Math.PI * w) + 0.08 * Math.cos(4 * Math.PI * w);
      filter[j] = sinc * Math.max(0, blackman);
      sum += filter[j]!;
    }
    for (let j = 0; j < taps; j++) filter[j]! /= sum;
    filters.push(filter);
  }
  filterCache.set(key, filters);
  return filters;
}

/**
 * Resamples 16-bit PCM with a polyphase windowed-sinc low-pass filter (32 taps, Blackman window): exact for rational
 * ratios such as 22050 → 16000 (320/441) and 22050 → 8000 (160/441), and fast enough to run per sentence in-process.
 */
export function resample(input: Int16Array, from: number, to: number): Int16Array {
  if (from === to) return input.slice();
  const g = gcd(from, to);
  const up = to / g;
  const down = from / g;
  const filters = polyphaseFilters(up, down);
  const length = Math.floor((input.length * up) / down);
  const output = new Int16Array(length);
  const last = input.length - 1;
  for (let k = 0; k < length; k++) {
    const position = k * down;
    const base = Math.floor(position / up);
    const filter = filters[position % up]!;
    let acc = 0;
    const start = base - (RESAMPLE_HALF_TAPS - 1);
    for (let j = 0; j < filter.length; j++) {
      const i = start + j;
      if (i >= 0 && i <= last) acc += input[i]! * filter[j]!;
    }
    output[k] = acc > 32767 ? 32767 : acc < -32768 ? -32768 : Math.round(acc);
  }
  return output;
}

/** A least-recently-used map bounded by the total byte size of its values. */
export class LruBytes {
  private readonly map = new Map<string, Buffer>();
  private bytes = 0;
  constructor(private readonly maxBytes: number) {}

  get(key: string): Buffer | undefined {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  set(key: string, value: Buffer): void {
    if (value.length > this.maxBytes) return;
    const old = this.map.get(key);
    if (old) {
      this.bytes -= old.length;
      this.map.delete(key);
    }
    this.map.set(key, value);
    this.bytes += value.length;
    for (const [oldest, buffer] of this.map) {
      if (this.bytes <= this.maxBytes) break;
      this.map.delete(oldest);
      this.bytes -= buffer.length;
    }
  }

  get size(): number {
    return this.map.size;
  }
}

export interface TtsOptions {
  /** The espeak-ng binary (name on PATH or absolute path); injectable so a test can simulate a missing engine. */
  espeakPath?: string;
  voice?: string;
  /** Kill a synthesis that takes longer than this. */
  timeoutMs: number;
  /** Child processes running at once. */
  concurrency: number;
  cacheBytes?: number;
}

interface Job {
  start: () => void;
  drop: () => void;
  waiters: number;
}

/** Speaks sentences with espeak-ng: one shared instance per server, so its cap and cache cover every session. */
export class Tts {
  readonly espeakPath: string;
  readonly voice: string;
  private readonly cache: LruBytes;
  private readonly inFlight = new Map<string, { promise: Promise<Buffer>; job: Job | null }>();
  private readonly queue: Job[] = [];
  private running = 0;
  private probing: Promise<boolean> | null = null;
  private availableNow: boolean | null = null;
  private unavailableReason = '';

  constructor(private readonly options: TtsOptions) {
    this.espeakPath = options.espeakPath ?? DEFAULT_ESPEAK_PATH;
    this.voice = options.voice ?? ESPEAK_VOICE;
    this.cache = new LruBytes(options.cacheBytes ?? DEFAULT_TTS_CACHE_BYTES);
  }

  /**
   * Checks once that espeak-ng runs and has the Mandarin voice (by synthesizing a word); later calls share the result.
   * Never rejects.
   */
  probe(): Promise<boolean> {
    this.probing ??= this.runEspeak('你好').then(
      (wav) => {
        const ok = parseWav(wav).samples.length > 0;
        this.availableNow = ok;
        if (!ok) this.unavailableReason = `espeak-ng voice ${this.voice} produced no audio`;
        return ok;
      },
      (error: unknown) => {
        this.availableNow = false;
        this.unavailableReason = error instanceof Error ? error.message : String(error);
        return false;
      },
    );
    return this.probing;
  }

  /** true / false once probed; null before. */
  get available(): boolean | null {
    return this.availableNow;
  }

  /** Why speech is unavailable (empty when it is available). */
  get reason(): string {
    return this.unavailableReason;
  }

  get cachedSentences(): number {
    return this.cache.size;
  }

  /**
   * Speaks one sentence of answer text at `sampleRate`: speakable() rewrite, cache, synthesis, header strip, resample.
   * Resolves to 16-bit little-endian mono PCM (empty when nothing in the sentence is speakable). Rejects with TtsError.
   * An aborted signal stops waiting; a queued synthesis nobody waits for any more is dropped.
   */
  async speak(sentence: string, sampleRate: SampleRate, signal?: AbortSignal): Promise<Buffer> {
    const spoken = speakable(sentence);
    if (spoken === '') return Buffer.alloc(0);
    const key = `${sampleRate}\u0000${spoken}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    let entry = this.inFlight.get(key);
    if (!entry) {
      const created: { promise: Promise<Buffer>; job: Job | null } = {
        promise: Promise.resolve(Buffer.alloc(0)),
        job: null,
      };
      created.promise = this.schedule(created, spoken)
        .then((wav) => {
          const pcm = parseWav(wav);
          const samples = resample(pcm.samples, pcm.sampleRate, sampleRate);
          const buffer = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
          this.cache.set(key, buffer);
          return buffer;
        })
        .finally(() => this.inFlight.delete(key));
      // Callers attach their own handlers; this one keeps a dropped, unawaited job from being an unhandled rejection.
      created.promise.catch(() => undefined);
      entry = created;
      this.inFlight.set(key, entry);
    }
    const { promise, job } = entry;
    if (job) job.waiters++;
    if (!signal) return promise;
    if (signal.aborted) {
      if (job) job.waiters--;
      throw new TtsError('failed', 'tts: aborted.');
    }
    return new Promise<Buffer>((resolve, reject) => {
      const onAbort = () => {
        if (job) job.waiters--;
        reject(new TtsError('failed', 'tts: aborted.'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error instanceof Error ? error : new TtsError('failed', String(error)));
        },
      );
    });
  }

  private schedule(entry: { job: Job | null }, text: string): Promise<Buffer> {
    if (this.availableNow === false) {
      return Promise.reject(new TtsError('missing', `tts: speech is unavailable (${this.unavailableReason}).`));
    }
    if (this.queue.length >= this.options.concurrency * TTS_QUEUE_PER_SLOT) {
      return Promise.reject(new TtsError('busy', 'tts: too many sentences are waiting for speech synthesis.'));
    }
    return new Promise<Buffer>((resolve, reject) => {
      const job: Job = {
        waiters: 0,
        start: () => {
          entry.job = null;
          this.runEspeak(text).then(resolve, reject);
        },
        drop: () => reject(new TtsError('failed', 'tts: dropped, nobody waits for this sentence any more.')),
      };
      if (this.running < this.options.concurrency) job.start();
      else {
        entry.job = job;
        this.queue.push(job);
      }
    });
  }

  /** Starts queued jobs while slots are free, skipping jobs whose callers have all given up (barge-in). */
  private next(): void {
    while (this.running < this.options.concurrency && this.queue.length > 0) {
      const job = this.queue.shift()!;
      if (job.waiters <= 0) job.drop();
      else job.start();
    }
  }

  /** Runs espeak-ng once under the concurrency cap and the timeout; resolves to its raw WAV output. */
  private runEspeak(text: string): Promise<Buffer> {
    this.running++;
    return new Promise<Buffer>((resolve, reject) => {
      let settled = false;
      const chunks: Buffer[] = [];
      let bytes = 0;
      const child = spawn(this.espeakPath, ['-v', this.voice, '--stdout', '--stdin'], {
        stdio: ['pipe', 'pipe', 'ignore'],
      });
      const finish = (error: TtsError | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.running--;
        this.next();
        if (error) reject(error);
        else resolve(Buffer.concat(chunks, bytes));
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        finish(new TtsError('timeout', `tts: espeak-ng took longer than ${this.options.timeoutMs} ms.`));
      }, this.options.timeoutMs);
      child.on('error', (error: NodeJS.ErrnoException) => {
        const missing = error.code === 'ENOENT' || error.code === 'EACCES';
        finish(
          new TtsError(
            missing ? 'missing' : 'failed',
            missing ? `tts: espeak-ng not found at "${this.espeakPath}".` : `tts: espeak-ng failed: ${error.message}`,
          ),
        );
      });
      child.stdout.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > MAX_WAV_BYTES) {
          child.kill('SIGKILL');
          finish(new TtsError('failed', `tts: espeak-ng wrote more than ${MAX_WAV_BYTES} bytes.`));
          return;
        }
        chunks.push(chunk);
      });
      child.on('close', (code) => {
        if (code === 0) finish(null);
        else finish(new TtsError('failed', `tts: espeak-ng exited with code ${code}.`));
      });
      child.stdin.on('error', () => {
        // The child may exit before reading its input (e.g. a bad voice); 'close' reports it.
      });
      child.stdin.end(text);
    });
  }
}
