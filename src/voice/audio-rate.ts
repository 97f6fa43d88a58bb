// How fast a voice client may send audio: bytes of 16-bit PCM at the session's declared sample rate, not frames. A token
// bucket refills at LIMIT_AUDIO_RATE_FACTOR × real time and holds LIMIT_AUDIO_BURST_MS of real-time audio, so a
// gateway streaming 20 ms frames (50 a second) at real time, with network bursts, is never refused, and one sending
// faster than the factor for longer than the burst has its frames dropped with RATE_LIMITED.
import type { Config } from '../config.ts';

/** A frame is charged at least this much audio: a flood of tiny frames costs what its count costs, not its bytes. */
export const MIN_FRAME_CHARGE_MS = 5;

export type AudioRateLimits = Pick<Config['limits'], 'audioRateFactor' | 'audioBurstMs'>;

/** Bytes per second of 16-bit mono PCM at `sampleRate`. */
function bytesPerSecond(sampleRate: number): number {
  return sampleRate * 2;
}

/** The sentence the RATE_LIMITED error carries (docs/voice-protocol.md). */
export function audioRateMessage(limits: AudioRateLimits, sampleRate: number): string {
  const perSecond = bytesPerSecond(sampleRate) * limits.audioRateFactor;
  return `voice: audio may arrive at most ${limits.audioRateFactor}× real time (${perSecond} bytes per second at ${sampleRate} Hz); frames beyond that were dropped.`;
}

/** One socket's audio allowance. `take` answers whether a frame may pass, charging it when it does. */
export class AudioRate {
  private tokens: number | null = null;
  private last = 0;

  constructor(
    private readonly limits: AudioRateLimits,
    private readonly now: () => number = () => performance.now(),
  ) {}

  take(frameBytes: number, sampleRate: number): boolean {
    const perSecond = bytesPerSecond(sampleRate);
    const capacity = (perSecond * this.limits.audioBurstMs) / 1000;
    const now = this.now();
    // A full bucket to begin with: the first second of a burst is not the client's fault.
    this.tokens =
      this.tokens === null
        ? capacity
        : Math.min(capacity, this.tokens + ((now - this.last) / 1000) * perSecond * this.limits.audioRateFactor);
    this.last = now;
    const charge = Math.max(frameBytes, (perSecond * MIN_FRAME_CHARGE_MS) / 1000);
    if (charge > this.tokens) return false;
    this.tokens -= charge;
    return true;
  }
}
