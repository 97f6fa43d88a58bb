// Server speech: espeak-ng's Mandarin voice as capped, timed child processes queued by urgency, streamed through a WAV
// parser and resampler.
import { LRUCache } from 'lru-cache';
import { EspeakHost, type EspeakEnd } from './espeak-host.ts';
import { firstClauseEnd, speakable } from './speakable.ts';
import type { SampleRate } from './protocol.ts';
import { Resampler } from '../audio/resample.ts';
import { TtsError } from './tts-error.ts';
import { MAX_WAV_BYTES, WavStream } from './wav.ts';

/** The espeak-ng voice that reads Chinese characters as Mandarin (plain `cmn` reads them as English pinyin letters). */
export const ESPEAK_VOICE = 'cmn-latn-pinyin';
/**
 * Words per minute for espeak-ng. Its default (175) reads Mandarin at about 3.7 characters a second, slower than a
 * hotline operator speaks; 200 gives about 4.2. Listeners who need it slower or faster use the player's speed control.
 */
export const ESPEAK_SPEED = 200;
export const DEFAULT_ESPEAK_PATH = 'espeak-ng';
/** Bytes of resampled PCM kept in the sentence cache (a 100-character sentence is about 0.9 MB at 16 kHz). */
export const DEFAULT_TTS_CACHE_BYTES = 64 * 1024 * 1024;
/** Sentences that may wait for a free synthesis slot, per slot, before callers are told the engine is busy. */
export const TTS_QUEUE_PER_SLOT = 256;
/**
 * Slots kept for turns' first sentences on top of `concurrency`: a resident waiting for the first audio of an answer
 * never waits for other turns' later sentences to finish (they have seconds of audio ahead to be ready in). Several,
 * because what they mostly run is a first clause (a few milliseconds of espeak-ng) and what keeps a slot busy is the
 * round trip to espeak-ng and back through the event loop: a burst of new questions (200 sessions asking at once) gets
 * its first clauses synthesized side by side instead of one slot after another.
 */
export const TTS_FIRST_SENTENCE_SLOTS = 4;
/**
 * Priority of the rest of a first sentence whose first clause is synthesized on its own (see `speak()`): after every
 * turn's first clause, before any turn's second sentence, as it is needed as soon as that clause has been heard.
 */
export const TTS_REST_OF_FIRST_PRIORITY = 0.5;
/** One sentence being synthesized at one rate, shared by every session that asks for it meanwhile. */
class Synthesis {
  /** A first clause on its own: its audio is the start of its sentence's, so it is neither flushed nor cached. */
  constructor(readonly head: boolean) {}
  readonly chunks: Buffer[] = [];
  done = false;
  error: TtsError | null = null;
  waiters = 0;
  /** Ends a running synthesis early (kills its espeak-ng process); null while queued or done. */
  stop: ((error: TtsError) => void) | null = null;
  queued = false;
  /** The most urgent place any waiter gives it in its turn (0: a turn's first sentence, which nothing is playing yet). */
  priority = Number.POSITIVE_INFINITY;
  /** Order of arrival, so that equally urgent sentences are synthesized first come, first served. */
  order = 0;
  private wake: (() => void)[] = [];

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.notify();
  }

  finish(error: TtsError | null): void {
    if (this.done) return;
    this.done = true;
    this.error = error;
    this.notify();
  }

  changed(): Promise<void> {
    return new Promise((resolve) => this.wake.push(resolve));
  }

  notify(): void {
    const wake = this.wake;
    this.wake = [];
    for (const resolve of wake) resolve();
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

/** Speaks sentences with espeak-ng: one shared instance per server, so its cap and cache cover every session. */
export class Tts {
  readonly espeakPath: string;
  readonly voice: string;
  /** Finished sentences, least recently used evicted first, bounded by their total bytes. */
  private readonly cache: LRUCache<string, Buffer>;
  private readonly inFlight = new Map<string, Synthesis>();
  /** Sentences waiting for a slot; `next()` takes the most urgent (lowest priority, then earliest). */
  private readonly queue: { synthesis: Synthesis; text: string; key: string; rate: number }[] = [];
  private arrivals = 0;
  private running = 0;
  private probing: Promise<boolean> | null = null;
  private availableNow: boolean | null = null;
  private unavailableReason = '';
  /** Starts espeak-ng off this process's event loop, with spare processes waiting on stdin with the voice loaded. */
  private readonly host: EspeakHost;

  constructor(private readonly options: TtsOptions) {
    this.espeakPath = options.espeakPath ?? DEFAULT_ESPEAK_PATH;
    this.voice = options.voice ?? ESPEAK_VOICE;
    this.cache = new LRUCache<string, Buffer>({
      // 0 bytes (no cache): a budget of one byte, which no sentence fits.
      maxSize: Math.max(1, options.cacheBytes ?? DEFAULT_TTS_CACHE_BYTES),
      sizeCalculation: (audio) => Math.max(1, audio.length),
    });
    // One spare process per slot (about 9 MB each, mostly shared).
    const args = ['-v', this.voice, '-s', String(ESPEAK_SPEED), '--stdout', '--stdin'];
    this.host = new EspeakHost(this.espeakPath, args, options.concurrency + TTS_FIRST_SENTENCE_SLOTS);
  }

  /**
   * Checks once that espeak-ng runs and has the Mandarin voice (by synthesizing a word); later calls share the result.
   * Never rejects.
   */
  probe(): Promise<boolean> {
    this.probing ??= (async () => {
      try {
        let samples = 0;
        for await (const chunk of this.stream('你好', 16000)) samples += chunk.length / 2;
        if (samples === 0) this.unavailableReason = `espeak-ng voice ${this.voice} produced no audio`;
        else await this.host.warm('你好');
        this.availableNow = samples > 0;
      } catch (error) {
        this.availableNow = false;
        this.unavailableReason = error instanceof Error ? error.message : String(error);
      }
      return this.availableNow;
    })();
    return this.probing;
  }

  /** Stops the espeak-ng helper and its processes; a later synthesis starts it again. */
  close(): void {
    this.host.close();
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

  /** Syntheses waiting for a free slot (a sentence several turns wait for counts once). */
  get synthesesWaiting(): number {
    return this.queue.length;
  }

  /**
   * Speaks one sentence of answer text at `sampleRate` (speakable() rewrite, cache, synthesis, header strip, resample)
   * as 16-bit little-endian mono PCM chunks, streamed while espeak-ng is still writing. Synthesis starts at once (so a
   * caller can prefetch the next sentence); the stream throws TtsError. When every caller has aborted, a queued
   * synthesis is dropped and a running one is killed.
   *
   * `priority` is the sentence's place in its turn (0, the default, for the first): while sentences wait for a free
   * slot, a turn that has no audio yet goes before another turn's later sentences, which it prefetches while earlier
   * ones play. Equal priorities keep their order of arrival.
   *
   * A first sentence not yet synthesized starts with its first clause (see firstClauseEnd()) synthesized on its own,
   * so that its first audio does not wait for slots busy with long sentences: espeak-ng speaks clause by clause, so that
   * clause's audio is exactly the start of the whole sentence's (checked for every sentence the evaluation questions'
   * answers speak). The whole sentence follows at TTS_REST_OF_FIRST_PRIORITY, and its audio after that start is what is
   * streamed next: the same samples as without the split.
   */
  speak(sentence: string, sampleRate: SampleRate, signal?: AbortSignal, priority = 0): AsyncIterable<Buffer> {
    const spoken = speakable(sentence);
    if (spoken === '') return (async function* () {})();
    return this.stream(spoken, sampleRate, signal, priority);
  }

  private stream(spoken: string, rate: number, signal?: AbortSignal, priority = 0): AsyncIterable<Buffer> {
    const key = `${rate}\u0000${spoken}`;
    const cached = this.cache.get(key);
    if (cached) {
      return (async function* () {
        yield cached;
      })();
    }
    const cut = priority === 0 ? firstClauseEnd(spoken) : -1;
    const whole = this.inFlight.get(key);
    // Split unless the whole sentence is already being synthesized (its first audio is then moments away).
    if (cut > 0 && (!whole || whole.queued)) return this.streamFromHead(spoken, cut, rate, signal);
    return this.join(key, spoken, rate, false, signal, priority).chunks;
  }

  /** A first sentence as its first clause's audio, then the whole sentence's audio from where that clause's ends. */
  private streamFromHead(spoken: string, cut: number, rate: number, signal?: AbortSignal): AsyncIterable<Buffer> {
    const text = spoken.slice(0, cut);
    const head = this.join(`${rate}\u0000${text}\u0000head`, text, rate, true, signal, 0);
    const whole = this.join(`${rate}\u0000${spoken}`, spoken, rate, false, signal, TTS_REST_OF_FIRST_PRIORITY);
    return (async function* () {
      try {
        let skip = 0;
        for await (const chunk of head.chunks) {
          skip += chunk.length;
          yield chunk;
        }
        for await (const chunk of whole.chunks) {
          if (skip >= chunk.length) skip -= chunk.length;
          else {
            yield skip > 0 ? chunk.subarray(skip) : chunk;
            skip = 0;
          }
        }
      } finally {
        whole.release();
      }
    })();
  }

  /**
   * Waits for the synthesis of `key`, started (or moved up to `priority`) as needed: the audio as it comes, and a
   * release that gives up waiting (also on `signal`); the last waiter to give up cancels the synthesis.
   */
  private join(
    key: string,
    spoken: string,
    rate: number,
    head: boolean,
    signal: AbortSignal | undefined,
    priority: number,
  ): { chunks: AsyncIterable<Buffer>; release: () => void } {
    let synthesis = this.inFlight.get(key);
    if (synthesis) {
      // Already asked for by another turn (many answers begin alike): wait for the same synthesis, as urgently as needed.
      if (priority < synthesis.priority) {
        synthesis.priority = priority;
        if (synthesis.queued) this.next();
      }
    } else {
      synthesis = new Synthesis(head);
      synthesis.priority = priority;
      synthesis.order = this.arrivals++;
      this.inFlight.set(key, synthesis);
      this.schedule(synthesis, spoken, key, rate);
    }
    const shared = synthesis;
    shared.waiters++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      signal?.removeEventListener('abort', onAbort);
      shared.waiters--;
      if (shared.waiters <= 0 && !shared.done) this.cancel(shared, key);
    };
    const onAbort = () => {
      release();
      shared.notify();
    };
    if (signal?.aborted) release();
    else signal?.addEventListener('abort', onAbort, { once: true });
    const chunks = (async function* () {
      try {
        let index = 0;
        for (;;) {
          if (signal?.aborted) throw new TtsError('aborted', 'tts: aborted.');
          while (index < shared.chunks.length) yield shared.chunks[index++]!;
          if (shared.error) throw shared.error;
          if (shared.done) return;
          await shared.changed();
        }
      } finally {
        release();
      }
    })();
    return { chunks, release };
  }

  private schedule(synthesis: Synthesis, text: string, key: string, rate: number): void {
    if (this.availableNow === false) {
      this.fail(synthesis, key, new TtsError('missing', `tts: speech is unavailable (${this.unavailableReason}).`));
    } else if (this.running < this.slots(synthesis.priority)) {
      this.run(synthesis, text, key, rate);
    } else if (this.queue.length >= this.options.concurrency * TTS_QUEUE_PER_SLOT) {
      this.fail(synthesis, key, new TtsError('busy', 'tts: too many sentences are waiting for speech synthesis.'));
    } else {
      synthesis.queued = true;
      this.queue.push({ synthesis, text, key, rate });
    }
  }

  private fail(synthesis: Synthesis, key: string, error: TtsError): void {
    if (this.inFlight.get(key) === synthesis) this.inFlight.delete(key);
    synthesis.finish(error);
  }

  /** Nobody waits for this sentence any more (barge-in): drop it from the queue or kill its process. */
  private cancel(synthesis: Synthesis, key: string): void {
    if (synthesis.queued) {
      const index = this.queue.findIndex((job) => job.synthesis === synthesis);
      if (index >= 0) this.queue.splice(index, 1);
    }
    const aborted = new TtsError('aborted', 'tts: aborted.');
    if (synthesis.stop) synthesis.stop(aborted);
    else this.fail(synthesis, key, aborted);
  }

  /** How many syntheses may run while one of this priority starts. */
  private slots(priority: number): number {
    return this.options.concurrency + (priority === 0 ? TTS_FIRST_SENTENCE_SLOTS : 0);
  }

  private next(): void {
    while (this.queue.length > 0) {
      // The queue is short (at most TTS_QUEUE_PER_SLOT per slot) next to one synthesis: a scan is enough.
      let best = 0;
      for (let i = 1; i < this.queue.length; i++) {
        const a = this.queue[i]!.synthesis;
        const b = this.queue[best]!.synthesis;
        if (a.priority < b.priority || (a.priority === b.priority && a.order < b.order)) best = i;
      }
      if (this.running >= this.slots(this.queue[best]!.synthesis.priority)) return;
      const job = this.queue.splice(best, 1)[0]!;
      job.synthesis.queued = false;
      if (!job.synthesis.done) this.run(job.synthesis, job.text, job.key, job.rate);
    }
  }

  /** Runs espeak-ng for one sentence under the cap and the timeout, streaming resampled PCM into `synthesis`. */
  private run(synthesis: Synthesis, text: string, key: string, rate: number): void {
    this.running++;
    let finished = false;
    let bytes = 0;
    const wav = new WavStream();
    let resampler: Resampler | null = null;
    const emit = (samples: Int16Array) => {
      if (samples.length > 0) synthesis.push(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
    };
    const finish = (error: TtsError | null) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      synthesis.stop = null;
      this.running--;
      if (error) {
        run.kill();
        this.fail(synthesis, key, error);
      } else {
        // A first clause stops short of its last few samples, which depend on the audio after it.
        if (resampler && !synthesis.head) emit(resampler.end());
        if (this.inFlight.get(key) === synthesis) this.inFlight.delete(key);
        if (!synthesis.head) this.cache.set(key, Buffer.concat(synthesis.chunks));
        synthesis.finish(null);
      }
      this.next();
    };
    const data = (chunk: Buffer) => {
      if (finished) return;
      bytes += chunk.length;
      if (bytes > MAX_WAV_BYTES) {
        finish(new TtsError('failed', `tts: espeak-ng wrote more than ${MAX_WAV_BYTES} bytes.`));
        return;
      }
      try {
        const samples = wav.push(chunk);
        if (samples.length === 0) return;
        resampler ??= new Resampler(wav.sampleRate, rate);
        emit(resampler.push(samples));
      } catch (error) {
        finish(error instanceof TtsError ? error : new TtsError('failed', String(error)));
      }
    };
    const end = (result: EspeakEnd) => {
      if (result.error !== undefined) finish(this.startFailed(result.error, result.message));
      else if (result.code === 0 && resampler) finish(null);
      else if (result.code === 0) finish(new TtsError('failed', 'tts: espeak-ng wrote no audio.'));
      else finish(new TtsError('failed', `tts: espeak-ng exited with code ${result.code}.`));
    };
    const timer = setTimeout(() => {
      finish(new TtsError('timeout', `tts: espeak-ng took longer than ${this.options.timeoutMs} ms.`));
    }, this.options.timeoutMs);
    const run = this.host.run(text, data, end);
    synthesis.stop = finish;
  }

  private startFailed(code: string, message: string): TtsError {
    if (code === 'ENOENT' || code === 'EACCES') {
      return new TtsError('missing', `tts: espeak-ng not found at "${this.espeakPath}".`);
    }
    return new TtsError('failed', `tts: espeak-ng failed: ${message}`);
  }
}
