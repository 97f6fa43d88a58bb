// The real ask flow (src/ask/flow.ts) over an answer function and a corpus of the tests' choosing, for the channel
// tests: records kept in memory (or handed in), logs dropped.
import type { AskFn } from '../src/answer/types.ts';
import { createAskFlow, type AskFlow } from '../src/ask/flow.ts';
import { DEFAULT_LIMITS, type Config } from '../src/config.ts';
import { createCorpus, type Corpus } from '../src/corpus/corpus.ts';
import { createLogger } from '../src/log.ts';
import { createRecordStore, type RecordStore } from '../src/records.ts';

export interface TestFlowOptions {
  ask: AskFn;
  /** The corpus cities resolve against (none: no plans, so any city is unknown). */
  corpus?: Corpus;
  limits?: Config['limits'];
  records?: Pick<RecordStore, 'feedback' | 'unanswered'>;
}

export function testFlow(options: TestFlowOptions): AskFlow {
  const corpus = options.corpus ?? createCorpus([]);
  return createAskFlow({
    limits: options.limits ?? DEFAULT_LIMITS,
    current: () => ({ ask: options.ask, corpus }),
    records: options.records ?? createRecordStore(null),
    log: createLogger('error'),
  });
}
