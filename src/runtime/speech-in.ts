// Speech input: the configured recogniser (with the plans' terms from the one loaded lexicon as hotwords) and the
// AudioSocket listener of the phone line, answering through the service's one ask flow.
import type { AskFlow } from '../ask/flow.ts';
import { planHotwords } from '../asr/hotwords.ts';
import { createRecognizer } from '../asr/create.ts';
import type { Recognizer } from '../asr/recognizer.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Lexicon } from '../search/lexicon.ts';
import type { Tts } from '../voice/tts.ts';
import { listenPhone, type PhoneServer } from '../phone/server.ts';

export interface SpeechIn {
  recognizer: Recognizer | null;
  /** Listens for phone calls when PHONE_AUDIOSOCKET_PORT is set (null otherwise), speaking with `tts`. */
  listenPhone(tts: Tts): Promise<PhoneServer | null>;
}

export function startSpeechIn(
  config: Config,
  lexicon: Pick<Lexicon, 'terms' | 'synonyms'>,
  flow: AskFlow,
  log: Logger,
): SpeechIn {
  const hotwords = config.asr.backend === 'funasr' ? planHotwords(lexicon) : {};
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
