// Start-up of speech input: the configured recogniser (with the plans' terms as hotwords) and the AudioSocket listener.
import path from 'node:path';
import type { AskFlow } from '../ask/flow.ts';
import { planHotwords } from '../asr/hotwords.ts';
import { createRecognizer } from '../asr/create.ts';
import type { Recognizer } from '../asr/recognizer.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { loadLexicon } from '../search/lexicon.ts';
import type { Tts } from '../voice/tts.ts';
import { listenPhone, type PhoneServer } from './server.ts';

export interface SpeechIn {
  recognizer: Recognizer | null;
  /** Listens for phone calls when PHONE_AUDIOSOCKET_PORT is set (null otherwise), speaking with `tts`. */
  listenPhone(tts: Tts): Promise<PhoneServer | null>;
}

export function startSpeechIn(config: Config, flow: AskFlow, log: Logger): SpeechIn {
  const hotwords =
    config.asr.backend === 'funasr' ? planHotwords(loadLexicon(path.join(config.corpusDir, 'lexicon'))) : {};
  const recognizer = createRecognizer(config, hotwords, log);
  if (recognizer) log.info('asr.configured', { backend: config.asr.backend, hotwords: Object.keys(hotwords).length });
  return {
    recognizer,
    async listenPhone(tts) {
      const { port, host } = config.phone;
      if (port === null) return null;
      return listenPhone({
        host,
        port,
        maxCalls: config.limits.phoneCalls,
        flow,
        recognizer,
        tts,
        limits: config.limits,
        log,
      });
    },
  };
}
