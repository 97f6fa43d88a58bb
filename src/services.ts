// Wires the domain together: corpus → tokenizer → index → answer engine, plus records and logs. The lexicon, tokenizer
// and records are made once; the corpus-bound part is rebuilt whenever staff publish a plan (src/admin/live.ts).
import path from 'node:path';
import type { Config } from './config.ts';
import type { AppDeps } from './app.ts';
import { createCorpus } from './corpus/corpus.ts';
import type { Plan } from './corpus/types.ts';
import { loadPlans } from './ops/load-plans.ts';
import { loadLexicon } from './search/lexicon.ts';
import type { Lexicon } from './search/lexicon.ts';
import { createTokenizer } from './search/tokenize.ts';
import type { Tokenizer } from './search/types.ts';
import { loadOrBuildIndex } from './search/snapshot.ts';
import { createAnswerEngine } from './answer/engine.ts';
import { loadGlossary, loadPlaces } from './answer/vocabulary.ts';
import { cachedAsk } from './answer/cache.ts';
import { createLogger } from './log.ts';
import type { Logger } from './log.ts';
import { createRecordStore } from './records.ts';
import type { RecordStore } from './records.ts';

export interface ServiceOptions {
  log?: Logger;
  /** Where feedback and unanswered questions go; null keeps them in memory only (tests, eval, bench). */
  dataDir?: string | null;
}

/** What does not change when the plans do. */
export interface ServiceBase {
  config: Config;
  log: Logger;
  lexicon: Lexicon;
  lexiconDir: string;
  tokenizer: Tokenizer;
  places: string[];
  glossary: ReturnType<typeof loadGlossary>;
  records: RecordStore;
  dataDir: string | null;
}

/** Loads the lexicon and the tokenizer and opens the records. Throws with a sentence naming the file. */
export function createServiceBase(config: Config, options: ServiceOptions = {}): ServiceBase {
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
    places: loadPlaces(lexiconDir),
    glossary: loadGlossary(lexiconDir),
    records: createRecordStore(dataDir, {
      retentionDays: config.limits.retentionDays,
      maxRows: config.limits.retentionRows,
    }),
    dataDir,
  };
}

/** Builds the corpus, index and answer engine over `plans`: an immutable set served as one whole. */
export function servicesFor(base: ServiceBase, plans: Plan[]): AppDeps {
  const started = performance.now();
  const { config, lexicon, tokenizer } = base;
  // A plan uploaded for a city corpus/lexicon does not list is named by its city (with and without 市).
  const known = new Set(lexicon.cities.map((c) => c.planId));
  const cities = [
    ...lexicon.cities.filter((c) => plans.some((p) => p.id === c.planId)),
    ...plans
      .filter((p) => !known.has(p.id))
      .map((p) => ({ planId: p.id, name: p.city, aliases: [p.city, `${p.city}市`] })),
  ];
  const served = new Set(plans.map((p) => p.city));
  const corpus = createCorpus(plans, cities);
  const { index, from } = loadOrBuildIndex(corpus.citable, tokenizer, {
    cacheDir: base.dataDir ? path.join(base.dataDir, 'index-cache') : null,
    lexiconDir: base.lexiconDir,
  });
  const engine = createAnswerEngine({
    corpus,
    index,
    tokenizer,
    cities,
    places: base.places.filter((place) => !served.has(place)),
    glossary: base.glossary,
  });
  base.log.info('ready', {
    plans: plans.length,
    clauses: corpus.clauseCount,
    index: from,
    ms: Math.round(performance.now() - started),
  });
  return {
    config,
    plans,
    corpus,
    ask: cachedAsk(engine.ask, config.limits.answerCacheEntries),
    search: engine.search,
    records: base.records,
    log: base.log,
    ready: () => true,
  };
}

/** Loads the shipped corpus and builds the index. Throws with a sentence naming the file when something is wrong. */
export async function createServices(config: Config, options: ServiceOptions = {}): Promise<AppDeps> {
  const base = createServiceBase(config, options);
  // A broken plan is skipped with a warning; a broken manifest or lexicon stops start-up (src/ops/load-plans.ts).
  return servicesFor(base, loadPlans(config.corpusDir, base.log).plans);
}
