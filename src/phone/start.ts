// Start-up of speech input: the configured recogniser (with the plans' terms as hotwords) and the AudioSocket listener.
import path from 'node:path';
import type { AppDeps } from '../app.ts';
import { planHotwords } from '../asr/hotwords.ts';
import { createRecognizer } from '../asr/create.ts';
import type { Recognizer } from '../asr/recognizer.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { UnansweredRecord } from '../records.ts';
import { loadLexicon } from '../search/lexicon.ts';
import type { Tts } from '../voice/tts.ts';
import { listenPhone, type PhoneServer } from './server.ts';

export interface SpeechIn {
  recognizer: Recognizer | null;
  /** Records a heard question without an answer (redacted by the store); a failing database never ends a turn. */
  onUnanswered: (record: UnansweredRecord) => void;
  /** Listens for phone calls when PHONE_AUDIOSOCKET_PORT is set (null otherwise), speaking with `tts`. */
  listenPhone(tts: Tts): Promise<PhoneServer | null>;
}

export function startSpeechIn(config: Config, deps: Pick<AppDeps, 'ask' | 'records'>, log: Logger): SpeechIn {
  const hotwords =
    config.asr.backend === 'funasr' ? planHotwords(loadLexicon(path.join(config.corpusDir, 'lexicon'))) : {};
  const recognizer = createRecognizer(config, hotwords, log);
  if (recognizer) log.info('asr.configured', { backend: config.asr.backend, hotwords: Object.keys(hotwords).length });
  const onUnanswered = (record: UnansweredRecord) => {
    try {
      deps.records.unanswered(record);
    } catch (error) {
      log.error('records_write_failed', { table: 'unanswered', name: (error as Error).name });
    }
  };
  return {
    recognizer,
    onUnanswered,
    async listenPhone(tts) {
      const { port, host } = config.phone;
      if (port === null) return null;
      return listenPhone({
        host,
        port,
        maxCalls: config.limits.phoneCalls,
        ask: deps.ask,
        recognizer,
        tts,
        limits: config.limits,
        onUnanswered,
        log,
      });
    },
  };
}
