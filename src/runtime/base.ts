// What the service builds once per process and keeps while staff publish plans: the config and log, the lexicon (read
// from corpus/lexicon once, for the tokenizer, the glossary and the recogniser's hotwords), the tokenizer, the records
// database and the health state /healthz reports.
import path from 'node:path';
import { todayOf, type Config } from '../config.ts';
import { createLogger, type Logger } from '../log.ts';
import { loadGlossary } from '../answer/vocabulary.ts';
import { loadLexicon, type Lexicon } from '../search/lexicon.ts';
import { createTokenizer } from '../search/tokenize.ts';
import type { Tokenizer } from '../search/types.ts';
import { createRecordStore, type RecordStore } from '../records.ts';
import { createHealth, type Health } from '../server/health.ts';

export interface BaseOptions {
  log?: Logger;
  /** Where feedback and unanswered questions go; null keeps them in memory only (tests, eval, bench). */
  dataDir?: string | null;
  /** The records store to use instead of SQLite in `dataDir` (PostgreSQL, src/store/shared.ts). */
  records?: RecordStore;
}

/** What does not change when the plans do. */
export interface ServiceBase {
  config: Config;
  log: Logger;
  lexicon: Lexicon;
  lexiconDir: string;
  tokenizer: Tokenizer;
  glossary: ReturnType<typeof loadGlossary>;
  records: RecordStore;
  dataDir: string | null;
  /** What /healthz reports for this process: ready after the first build, stopping once it drains. */
  health: Health;
  /** The one clock of answers and staff pages (TODAY, else the date now), YYYY-MM-DD. */
  today: () => string;
}

/** Loads the lexicon and the tokenizer and opens the records. Throws with a sentence naming the file. */
export function createServiceBase(config: Config, options: BaseOptions = {}): ServiceBase {
  const log = options.log ?? createLogger(config.logLevel);
  const lexiconDir = path.join(config.corpusDir, 'lexicon');
  const lexicon = loadLexicon(lexiconDir);
  const dataDir = options.dataDir === undefined ? config.dataDir : options.dataDir;
  return {
    config,
    log,
    lexicon,
    lexiconDir,
    tokenizer: createTokenizer(lexicon),
    glossary: loadGlossary(lexiconDir),
    records:
      options.records ??
      createRecordStore(dataDir, {
        retentionDays: config.limits.retentionDays,
        maxRows: config.limits.retentionRows,
      }),
    dataDir,
    health: createHealth(),
    today: todayOf(config),
  };
}
