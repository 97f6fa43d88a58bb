// FunASR's runtime WebSocket protocol (runtime/docs/websocket_protocol.md): JSON config, PCM16, {"is_speaking":false}.
import { jsonObject, replyText, type Dialect, type DialectUtterance } from './dialect.ts';

/** FunASR's streaming chunking ([left, chunk, right] × 60 ms) and how often the online model decodes. */
export const FUNASR_CHUNK_SIZE = [5, 10, 5];
export const FUNASR_CHUNK_INTERVAL = 10;

/**
 * A FunASR 2pass client: `2pass-online` replies are partials; an `offline`/`2pass-offline` reply closes a sentence.
 * After the ending is sent, the next such reply is the utterance's final text whatever its `is_final` says (FunASR
 * versions differ in setting it); one that comes earlier (the server's own VAD found a pause) is kept and prefixed.
 * `hotwords` maps plan terms to weights (FunASR takes them as a JSON string).
 */
export function funasrDialect(hotwords: Readonly<Record<string, number>>): Dialect {
  const hotwordText = JSON.stringify(hotwords);
  return {
    name: 'funasr',
    begin(sampleRate: number): DialectUtterance {
      let sentences = '';
      return {
        opening: () => [
          JSON.stringify({
            mode: '2pass',
            chunk_size: FUNASR_CHUNK_SIZE,
            chunk_interval: FUNASR_CHUNK_INTERVAL,
            wav_name: 'utterance',
            wav_format: 'pcm',
            audio_fs: sampleRate,
            is_speaking: true,
            hotwords: hotwordText,
            itn: true,
          }),
        ],
        audio: (pcm) => pcm,
        ending: () => [JSON.stringify({ is_speaking: false })],
        read(data, ended) {
          const reply = jsonObject(data);
          const text = reply ? replyText(reply) : null;
          if (!reply || text === null) return null;
          const sentence = reply.mode === 'offline' || reply.mode === '2pass-offline';
          if (sentence && !ended && reply.is_final !== true) {
            sentences += text;
            return { final: false, text: sentences };
          }
          if (sentence || reply.is_final === true) return { final: true, text: sentences + text };
          return { final: false, text: sentences + text };
        },
        closed: (ended) => (ended && sentences !== '' ? sentences : null),
      };
    },
  };
}
