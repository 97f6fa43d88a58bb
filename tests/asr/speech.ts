// Real speech for the tests: espeak-ng's Mandarin voice, resampled by the project's own resampler to 8 or 16 kHz.
import { execFileSync } from 'node:child_process';
import { resample } from '../../src/audio/resample.ts';
import { ESPEAK_VOICE } from '../../src/voice/tts.ts';
import { parseWav } from '../../src/voice/wav.ts';

/** Samples quieter than this at either end are cut, so the audio ends when the voice does. */
const QUIET = 300;

/** PCM16 LE mono of `text` spoken at `sampleRate`, without espeak-ng's leading and trailing silence. */
export function synthesize(text: string, sampleRate: number): Buffer {
  const wav = execFileSync('espeak-ng', ['-v', ESPEAK_VOICE, '--stdout', text], { maxBuffer: 64 * 1024 * 1024 });
  const { sampleRate: from, samples } = parseWav(wav);
  const pcm = resample(samples, from, sampleRate);
  let start = 0;
  let end = pcm.length;
  while (start < end && Math.abs(pcm[start]!) < QUIET) start++;
  while (end > start && Math.abs(pcm[end - 1]!) < QUIET) end--;
  return Buffer.from(pcm.buffer, pcm.byteOffset + start * 2, (end - start) * 2);
}

/** `ms` of digital silence at `sampleRate`. */
export function silence(ms: number, sampleRate: number): Buffer {
  return Buffer.alloc(Math.round((ms * sampleRate) / 1000) * 2);
}
