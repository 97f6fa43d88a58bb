// What the voice channel and the phone need from a speech recogniser: one utterance in, partial and final text out.

/** Why an utterance got no text: no server (or it is down), too many at once, too slow, or a broken reply. */
export type AsrFailure = 'unavailable' | 'busy' | 'timeout' | 'failed';

export class AsrError extends Error {
  override name = 'AsrError';
  constructor(
    readonly reason: AsrFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Called back for one utterance; exactly one of `final` and `error` is called, once, unless the utterance is aborted. */
export interface UtteranceListener {
  partial(text: string): void;
  final(text: string): void;
  error(error: AsrError): void;
}

/** One utterance being recognised. */
export interface Utterance {
  /** Adds PCM16 LE mono samples (whole samples: an even number of bytes) at the utterance's sample rate. */
  write(pcm: Buffer): void;
  /** No more audio: the final text (or an error) follows. */
  end(): void;
  /** Drops the utterance: no more callbacks. */
  abort(): void;
}

export interface Recognizer {
  /** Starts an utterance of PCM16 at `sampleRate` (8000 or 16000). */
  start(sampleRate: number, listener: UtteranceListener): Utterance;
  /** Utterances in flight. */
  readonly active: number;
  /** Aborts every utterance in flight. */
  close(): void;
}
