// Resampling 16-bit PCM between the rates the channels use (espeak-ng's 22,050 Hz → 16 kHz or 8 kHz): polyphase
// windowed sinc, streaming.

/** Half the taps of the windowed-sinc resampling filter. */
const RESAMPLE_HALF_TAPS = 16;

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
 * A streaming polyphase windowed-sinc resampler (32 taps, Blackman window): exact for rational ratios such as
 * 22050 → 16000 (320/441) and 22050 → 8000 (160/441). In-process rather than sox: no second child process per
 * sentence under the concurrency cap, output as soon as the input arrives, and about 2 ms per second of speech.
 */
export class Resampler {
  private readonly up: number;
  private readonly down: number;
  private readonly filters: Float32Array[];
  private input = new Float32Array(4096);
  private length = 0;
  private next = 0;

  constructor(
    readonly from: number,
    readonly to: number,
  ) {
    const g = gcd(from, to);
    this.up = to / g;
    this.down = from / g;
    this.filters = from === to ? [] : polyphaseFilters(this.up, this.down);
  }

  /** Adds input samples; returns every output sample whose filter window is now complete. */
  push(samples: Int16Array): Int16Array {
    if (this.length + samples.length > this.input.length) {
      const grown = new Float32Array(Math.max(this.input.length * 2, this.length + samples.length));
      grown.set(this.input.subarray(0, this.length));
      this.input = grown;
    }
    this.input.set(samples, this.length);
    this.length += samples.length;
    return this.produce(false);
  }

  /** Flushes the tail (the input is taken to be silent past its end). */
  end(): Int16Array {
    return this.produce(true);
  }

  private produce(final: boolean): Int16Array {
    const { up, down, input } = this;
    const total = Math.floor((this.length * up) / down);
    let last = total;
    if (!final) {
      // Output k needs input up to floor(k*down/up) + HALF.
      last = Math.min(total, Math.floor(((this.length - 1 - RESAMPLE_HALF_TAPS) * up) / down) + 1);
    }
    const count = Math.max(0, last - this.next);
    const output = new Int16Array(count);
    if (this.from === this.to) {
      for (let i = 0; i < count; i++) output[i] = input[this.next + i]!;
      this.next += count;
      return output;
    }
    const taps = RESAMPLE_HALF_TAPS * 2;
    for (let n = 0; n < count; n++) {
      const k = this.next + n;
      const position = k * down;
      const start = Math.floor(position / up) - (RESAMPLE_HALF_TAPS - 1);
      const filter = this.filters[position % up]!;
      let acc = 0;
      if (start >= 0 && start + taps <= this.length) {
        for (let j = 0; j < taps; j++) acc += input[start + j]! * filter[j]!;
      } else {
        for (let j = 0; j < taps; j++) {
          const i = start + j;
          if (i >= 0 && i < this.length) acc += input[i]! * filter[j]!;
        }
      }
      output[n] = acc > 32767 ? 32767 : acc < -32768 ? -32768 : Math.round(acc);
    }
    this.next += count;
    return output;
  }
}

/** Resamples a whole buffer of 16-bit PCM (see Resampler). */
export function resample(input: Int16Array, from: number, to: number): Int16Array {
  const resampler = new Resampler(from, to);
  const head = resampler.push(input);
  const tail = resampler.end();
  const output = new Int16Array(head.length + tail.length);
  output.set(head);
  output.set(tail, head.length);
  return output;
}
