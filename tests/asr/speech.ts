// Real speech for the tests: espeak-ng's Mandarin voice, resampled by the project's own resampler to 8 or 16 kHz.
import { execFileSync } from 'node:child_process';
import { ESPEAK_VOICE, parseWav, resample } from '../../src/voice/tts.ts';

/** PCM16 LE mono of `text` spoken at `sampleRate`. */
export function synthesize(text: string, sampleRate: number): Buffer {
  const wav = execFileSync('espeak-ng', ['-v', ESPEAK_VOICE, '--stdout', text], { maxBuffer: 64 * 1024 * 1024 });
  const { sampleRate: from, samples } = parseWav(wav);
  const pcm = resample(samples, from, sampleRate);
  return Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
}

/** `ms` of digital silence at `sampleRate`. */
export function silence(ms: number, sampleRate: number): Buffer {
  return Buffer.alloc(Math.round((ms * sampleRate) / 1000) * 2);
}
