// Server speech recognition for one voice session: audio.start, PCM frames, audio.end → transcripts, within limits.
import type { AsrError, Recognizer, Utterance } from '../asr/recognizer.ts';
import type { Config } from '../config.ts';
import type { VoiceErrorCode } from './protocol.ts';

export interface HearingEvents {
  transcript(text: string, final: boolean): void;
  /** The final text of an utterance, not empty: ask it as a question. */
  heard(text: string): void;
  error(code: VoiceErrorCode, message: string): void;
}

export type HearingLimits = Pick<Config['limits'], 'utteranceMs' | 'utteranceBytes'>;

/** Bytes one utterance may hold at `sampleRate`: LIMIT_UTTERANCE_BYTES or LIMIT_UTTERANCE_MS of audio, the smaller. */
export function utteranceByteLimit(limits: HearingLimits, sampleRate: number): number {
  return Math.min(limits.utteranceBytes, Math.floor((limits.utteranceMs * sampleRate) / 1000) * 2);
}

/** The message an ASR failure gets on the voice channel. */
export function asrErrorMessage(error: AsrError): { code: VoiceErrorCode; message: string } {
  if (error.reason === 'busy')
    return { code: 'BUSY', message: '语音识别正忙，请稍后再说，或直接输入问题。 (voice: recogniser busy)' };
  const why = error.reason === 'timeout' ? 'too slow' : 'unavailable';
  return {
    code: 'ASR_UNAVAILABLE',
    message: `语音识别暂不可用，请直接输入问题。 (voice: speech recognition is ${why}; send user.text instead)`,
  };
}

/**
 * One utterance at a time. Without a recogniser every utterance gets one ASR_UNAVAILABLE (as before server ASR
 * existed). With one: frames outside audio.start … audio.end, and frames that are not whole 16-bit samples, are dropped
 * with one BAD_MESSAGE each; an utterance that reaches its limit is ended there (one TOO_LARGE) and recognised.
 */
export class Hearing {
  /** The utterance whose text is still to come. */
  private utterance: Utterance | null = null;
  /** Between audio.start and audio.end. */
  private open = false;
  private bytes = 0;
  private limit = 0;
  private sampleRate = 0;
  /** Ends an utterance whose audio.end never comes. */
  private timer: NodeJS.Timeout | undefined;
  /** Complaints already made since the last audio.start (each is made once). */
  private readonly told = new Set<string>();

  constructor(
    private readonly recognizer: Recognizer | null,
    private readonly limits: HearingLimits,
    private readonly events: HearingEvents,
  ) {}

  /** True while an utterance is being recognised (its audio or its final text is still to come). */
  get listening(): boolean {
    return this.utterance !== null;
  }

  start(sampleRate: number): void {
    this.abort();
    this.told.clear();
    if (!this.recognizer) return this.notConfigured();
    this.open = true;
    this.bytes = 0;
    this.sampleRate = sampleRate;
    this.limit = utteranceByteLimit(this.limits, sampleRate);
    const utterance: Utterance = this.recognizer.start(sampleRate, {
      partial: (text) => {
        if (this.utterance === utterance) this.events.transcript(text, false);
      },
      final: (text) => {
        if (this.utterance !== utterance) return;
        this.utterance = null;
        this.events.transcript(text, true);
        if (text !== '') this.events.heard(text);
      },
      error: (error) => {
        if (this.utterance !== utterance) return;
        this.utterance = null;
        const { code, message } = asrErrorMessage(error);
        this.events.error(code, message);
      },
    });
    this.utterance = utterance;
    // A client that stops sending without audio.end must not hold a recogniser slot until the socket idles out.
    this.timer = setTimeout(() => {
      if (!this.open) return;
      this.tellOnce(
        'long',
        'TOO_LARGE',
        `voice: an utterance may last at most ${this.limits.utteranceMs / 1000} s; it was ended there.`,
      );
      this.end();
    }, this.limits.utteranceMs);
  }

  audio(frame: Buffer): void {
    if (frame.length === 0) return;
    if (!this.recognizer) return this.notConfigured();
    if (!this.open) return this.tellOnce('stray', 'BAD_MESSAGE', 'voice: send audio.start before audio frames.');
    if (frame.length % 2 !== 0) {
      return this.tellOnce(
        'odd',
        'BAD_MESSAGE',
        'voice: audio frames must hold whole 16-bit samples; one was dropped.',
      );
    }
    const room = this.limit - this.bytes;
    if (room <= 0) return;
    this.bytes += Math.min(room, frame.length);
    this.utterance?.write(frame.length > room ? frame.subarray(0, room) : frame);
    if (this.bytes >= this.limit) {
      const seconds = Math.round((this.limit / 2 / this.sampleRate) * 10) / 10;
      this.tellOnce(
        'long',
        'TOO_LARGE',
        `voice: an utterance may hold at most ${seconds} s of audio; it was ended there.`,
      );
      this.utterance?.end();
    }
  }

  end(): void {
    if (!this.recognizer) {
      this.told.clear();
      return;
    }
    this.open = false;
    clearTimeout(this.timer);
    this.utterance?.end();
  }

  /** Drops the utterance in flight (a new audio.start, or the session closing). */
  abort(): void {
    this.open = false;
    clearTimeout(this.timer);
    this.utterance?.abort();
    this.utterance = null;
  }

  /** Once per utterance, as before server recognition existed. */
  private notConfigured(): void {
    const message = 'voice: no speech recognition server is configured; send user.text instead.';
    this.tellOnce('unavailable', 'ASR_UNAVAILABLE', message);
  }

  private tellOnce(key: string, code: VoiceErrorCode, message: string): void {
    if (this.told.has(key)) return;
    this.told.add(key);
    this.events.error(code, message);
  }
}
