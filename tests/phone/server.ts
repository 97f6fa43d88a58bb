// A phone listener on 127.0.0.1, port 0, hearing through the fake FunASR server (tests and the bench).
import type { AskFn } from '../../src/answer/types.ts';
import type { Config } from '../../src/config.ts';
import type { Corpus } from '../../src/corpus/corpus.ts';
import { listenPhone, type PhoneServer } from '../../src/phone/server.ts';
import type { RecordStore } from '../../src/records.ts';
import { testFlow } from '../ask-flow.ts';
import type { Tts } from '../../src/voice/tts.ts';
import { funasrClient } from '../asr/fake-funasr.ts';

export function startPhone(options: {
  config: Config;
  ask: AskFn;
  tts: Tts;
  asrUrl: string;
  corpus?: Corpus;
  records?: Pick<RecordStore, 'feedback' | 'unanswered'>;
}): Promise<PhoneServer> {
  const { config } = options;
  return listenPhone({
    host: '127.0.0.1',
    port: 0,
    maxCalls: config.limits.phoneCalls,
    flow: testFlow({ ask: options.ask, corpus: options.corpus, records: options.records, limits: config.limits }),
    recognizer: funasrClient(options.asrUrl, config.limits.asrTimeoutMs, config.limits.asrConcurrency),
    tts: options.tts,
    limits: config.limits,
  });
}
