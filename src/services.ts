// Wires the domain together once at start-up: corpus → tokenizer → index → answer engine, plus records and logs.
import path from 'node:path';
import type { Config } from './config.ts';
import type { AppDeps } from './app.ts';
import { createCorpus } from './corpus/corpus.ts';
import { loadPlans } from './ops/load-plans.ts';
import { loadLexicon } from './search/lexicon.ts';
import { createTokenizer } from './search/tokenize.ts';
import { loadOrBuildIndex } from './search/snapshot.ts';
import { createAnswerEngine } from './answer/engine.ts';
import type { EngineDeps } from './answer/engine.ts';
import { createHomophoneMatcher } from './search/homophones.ts';
import { loadGlossary } from './answer/vocabulary.ts';
import { loadGazetteer } from './answer/places.ts';
import { cachedAsk } from './answer/cache.ts';
import { createLogger } from './log.ts';
import type { Logger } from './log.ts';
import { createRecordStore } from './records.ts';

export interface ServiceOptions {
  log?: Logger;
  /** Where feedback and unanswered questions go; null keeps them in memory only (tests, eval, bench). */
  dataDir?: string | null;
}

/**
 * Everything the answer engine reads, loaded once: plans, lexicon, tokenizer, index (from a snapshot under
 * `dataDir/index-cache` when one matches), homophone tables, places, glossary.
 */
export function loadEngineDeps(
  corpusDir: string,
  dataDir: string | null,
  log: Logger,
): { deps: EngineDeps; from: 'snapshot' | 'build' } {
  // A broken plan is skipped with a warning; a broken manifest or lexicon stops start-up (src/ops/load-plans.ts).
  const { plans } = loadPlans(corpusDir, log);
  const lexiconDir = path.join(corpusDir, 'lexicon');
  const lexicon = loadLexicon(lexiconDir);
  const corpus = createCorpus(plans, lexicon.cities);
  const tokenizer = createTokenizer(lexicon);
  const { index, from } = loadOrBuildIndex(corpus.citable, tokenizer, {
    cacheDir: dataDir ? path.join(dataDir, 'index-cache') : null,
    lexiconDir,
  });
  const gazetteer = loadGazetteer(
    lexicon.cities,
    (word) => index.frequency(word) > 0 || tokenizer.terms.has(word) || tokenizer.isStopword(word),
  );
  const deps: EngineDeps = {
    corpus,
    index,
    tokenizer,
    cities: gazetteer.cities,
    places: gazetteer.places,
    glossary: loadGlossary(lexiconDir),
    homophones: createHomophoneMatcher([
      ...[...index.vocabulary(), ...tokenizer.terms].map((word) => [word, [word]] as const),
      ...lexicon.synonyms.flatMap((group) =>
        group.everyday.map((word) => [tokenizer.normalize(word), group.planTerms.map(tokenizer.normalize)] as const),
      ),
    ]),
  };
  return { deps, from };
}

/** Loads the corpus and builds the index. Throws with a sentence naming the file when something is wrong. */
export async function createServices(config: Config, options: ServiceOptions = {}): Promise<AppDeps> {
  const log = options.log ?? createLogger(config.logLevel);
  const started = performance.now();
  const dataDir = options.dataDir === undefined ? config.dataDir : options.dataDir;
  const { deps, from } = loadEngineDeps(config.corpusDir, dataDir, log);
  const { corpus } = deps;
  const plans = corpus.plans;
  const engine = createAnswerEngine(deps);
  log.info('ready', {
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
    records: createRecordStore(dataDir, {
      retentionDays: config.limits.retentionDays,
      maxRows: config.limits.retentionRows,
    }),
    log,
    ready: () => true,
  };
}
