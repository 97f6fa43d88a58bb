// Voice-activity detection on the caller's 20 ms frames: speech starts after a few loud frames, ends after 700 ms quiet.

/** Root-mean-square level (of 32,768) above which a frame counts as speech (about −38 dBFS). */
export const VAD_THRESHOLD_RMS = 400;
/** Loud time that starts an utterance (a click or a breath is shorter). */
export const VAD_START_MS = 60;
/** Quiet time after speech that ends an utterance. */
export const VAD_END_SILENCE_MS = 700;

export type VadEvent = 'start' | 'end' | null;

export function rms(pcm: Buffer): number {
  const samples = pcm.length >> 1;
  if (samples === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples; i++) {
    const s = pcm.readInt16LE(i * 2);
    sum += s * s;
  }
  return Math.sqrt(sum / samples);
}

/** Reads frames of `frameMs` each; `push` says when an utterance starts and when it has ended. */
export class Vad {
  speaking = false;
  private loudMs = 0;
  private quietMs = 0;

  constructor(private readonly frameMs: number) {}

  push(frame: Buffer): VadEvent {
    const loud = rms(frame) >= VAD_THRESHOLD_RMS;
    if (!this.speaking) {
      this.loudMs = loud ? this.loudMs + this.frameMs : 0;
      if (this.loudMs < VAD_START_MS) return null;
      this.speaking = true;
      this.quietMs = 0;
      return 'start';
    }
    this.quietMs = loud ? 0 : this.quietMs + this.frameMs;
    if (this.quietMs < VAD_END_SILENCE_MS) return null;
    this.speaking = false;
    this.loudMs = 0;
    return 'end';
  }

  reset(): void {
    this.speaking = false;
    this.loudMs = 0;
    this.quietMs = 0;
  }
}
