// Reading espeak-ng's output: 16-bit mono PCM WAV, parsed as it streams in.
import { TtsError } from './tts-error.ts';

/** Largest WAV accepted from espeak-ng (about four minutes of speech). */
export const MAX_WAV_BYTES = 12 * 1024 * 1024;
/** Little-endian 16-bit samples from bytes at any offset (copied, so the result is aligned). */
function toSamples(bytes: Uint8Array): Int16Array {
  const copy = new Uint8Array(bytes);
  return new Int16Array(copy.buffer, 0, copy.length >> 1);
}

/**
 * Parses a 16-bit mono PCM WAV as it streams in, by walking its RIFF chunks. espeak-ng's `--stdout` header carries a
 * placeholder length, so everything after the data chunk's header is audio, whatever the header says.
 */
export class WavStream {
  sampleRate = 0;
  private header: Buffer = Buffer.alloc(0);
  private inData = false;
  private odd: number | null = null;

  /** Feeds bytes; returns the samples they complete (empty while the header is still arriving). Throws TtsError. */
  push(chunk: Buffer): Int16Array {
    let bytes = chunk;
    if (!this.inData) {
      this.header = Buffer.concat([this.header, chunk]);
      const start = this.findData();
      if (start < 0) return new Int16Array(0);
      this.inData = true;
      bytes = this.header.subarray(start);
      this.header = Buffer.alloc(0);
    }
    if (this.odd !== null) {
      bytes = Buffer.concat([Buffer.from([this.odd]), bytes]);
      this.odd = null;
    }
    if (bytes.length % 2 === 1) {
      this.odd = bytes[bytes.length - 1]!;
      bytes = bytes.subarray(0, bytes.length - 1);
    }
    return toSamples(bytes);
  }

  /** Offset of the first audio byte in the header buffer, or -1 while more header is needed. */
  private findData(): number {
    const wav = this.header;
    if (wav.length < 12) return -1;
    if (wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') {
      throw new TtsError('failed', 'tts: espeak-ng did not write a RIFF/WAVE stream.');
    }
    let offset = 12;
    while (offset + 8 <= wav.length) {
      const id = wav.toString('ascii', offset, offset + 4);
      const size = wav.readUInt32LE(offset + 4);
      const body = offset + 8;
      if (id === 'data') {
        if (this.sampleRate === 0) throw new TtsError('failed', 'tts: the WAV data chunk comes before its fmt chunk.');
        return body;
      }
      if (body + size > wav.length) return -1;
      if (id === 'fmt ') {
        const format = wav.readUInt16LE(body);
        const channels = wav.readUInt16LE(body + 2);
        const bits = wav.readUInt16LE(body + 14);
        if (format !== 1 || channels !== 1 || bits !== 16) {
          throw new TtsError(
            'failed',
            `tts: expected 16-bit mono PCM, got format ${format}, ${channels} ch, ${bits} bit.`,
          );
        }
        this.sampleRate = wav.readUInt32LE(body + 4);
      }
      offset = body + size + (size % 2);
    }
    return -1;
  }
}

/** Parses a whole WAV buffer (see WavStream). */
export function parseWav(wav: Buffer): { sampleRate: number; samples: Int16Array } {
  const stream = new WavStream();
  const samples = stream.push(wav);
  if (stream.sampleRate === 0) throw new TtsError('failed', 'tts: WAV stream has no data chunk.');
  return { sampleRate: stream.sampleRate, samples };
}
