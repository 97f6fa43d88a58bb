// sherpa-onnx's streaming WebSocket server: float32 samples at 16 kHz, "Done", JSON results per segment.
import { Resampler } from '../audio/resample.ts';
import { jsonObject, replyText, type Dialect, type DialectUtterance } from './dialect.ts';

/** The rate sherpa-onnx's streaming server decodes at. */
export const SHERPA_SAMPLE_RATE = 16000;

function float32(samples: Int16Array): Buffer {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! / 32768;
  return Buffer.from(out.buffer);
}

function int16(pcm: Buffer): Int16Array {
  const copy = new Uint8Array(pcm);
  return new Int16Array(copy.buffer, 0, copy.length >> 1);
}

/**
 * Each result carries the text of its `segment`; the utterance's text is every segment in order. The server answers
 * "Done" with its last results and "Done!" (or closes): that is the final text.
 */
export const sherpaDialect: Dialect = {
  name: 'sherpa',
  begin(sampleRate: number): DialectUtterance {
    const resampler = sampleRate === SHERPA_SAMPLE_RATE ? null : new Resampler(sampleRate, SHERPA_SAMPLE_RATE);
    const segments = new Map<number, string>();
    const joined = () =>
      [...segments.entries()]
        .sort((a, b) => a[0] - b[0])
        .map(([, text]) => text)
        .join('');
    return {
      opening: () => [],
      audio: (pcm) => float32(resampler ? resampler.push(int16(pcm)) : int16(pcm)),
      ending: () => (resampler ? [float32(resampler.end()), 'Done'] : ['Done']),
      read(data) {
        if (data === 'Done!') return { final: true, text: joined() };
        const reply = jsonObject(data);
        const text = reply ? replyText(reply) : null;
        if (!reply || text === null) return null;
        const segment = typeof reply.segment === 'number' && Number.isInteger(reply.segment) ? reply.segment : 0;
        if (segments.size < 1000 || segments.has(segment)) segments.set(segment, text);
        return { final: false, text: joined() };
      },
      closed: (ended) => (ended ? joined() : null),
    };
  },
};
