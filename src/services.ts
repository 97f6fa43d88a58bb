// Wires the domain together: corpus → tokenizer → index → answer engine, plus records and logs. The lexicon, tokenizer
// and records are made once; the corpus-bound part is rebuilt whenever staff publish a plan (src/admin/live.ts).
import path from 'node:path';
import type { Config } from './config.ts';
import type { AppDeps } from './app.ts';
import { createCorpus } from './corpus/corpus.ts';
import type { Plan } from './corpus/types.ts';
import { loadPlans } from './corpus/load.ts';
import { loadLexicon } from './search/lexicon.ts';
import type { Lexicon } from './search/lexicon.ts';
import { createTokenizer } from './search/tokenize.ts';
import type { Tokenizer } from './search/types.ts';
import { loadOrBuildIndex } from './search/snapshot.ts';
import { createAnswerEngine } from './answer/engine.ts';
import type { EngineDeps } from './answer/engine.ts';
import { createHomophoneMatcher } from './search/homophones.ts';
import { loadGazetteer } from './answer/places.ts';
import { loadConfig } from './config.ts';
import { loadGlossary } from './answer/vocabulary.ts';
import { cachedAsk } from './answer/cache.ts';
import { createLogger } from './log.ts';
import type { Logger } from './log.ts';
import { createRecordStore } from './records.ts';
import type { RecordStore } from './records.ts';
import { createHealth } from './server/health.ts';
import type { Health } from './server/health.ts';

export interface ServiceOptions {
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
    glossary: loadGlossary(lexiconDir),
    records:
      options.records ??
      createRecordStore(dataDir, {
        retentionDays: config.limits.retentionDays,
        maxRows: config.limits.retentionRows,
      }),
    dataDir,
    health: createHealth(),
  };
}

/**
 * Everything the answer engine reads for `plans`: corpus, index (from a snapshot under `dataDir/index-cache` when one
 * matches), homophone tables of its words, and the places of the gazetteer (the plans' cities' counties and towns).
 */
export function engineDepsFor(base: ServiceBase, plans: Plan[]): { deps: EngineDeps; from: 'snapshot' | 'build' } {
  const { lexicon, tokenizer } = base;
  // A plan uploaded for a city corpus/lexicon does not list is named by its city (with and without 市).
  const known = new Set(lexicon.cities.map((c) => c.planId));
  const cities = [
    ...lexicon.cities.filter((c) => plans.some((p) => p.id === c.planId)),
    ...plans
      .filter((p) => !known.has(p.id))
      .map((p) => ({ planId: p.id, name: p.city, aliases: [p.city, `${p.city}市`] })),
  ];
  const corpus = createCorpus(plans, cities);
  const { index, from } = loadOrBuildIndex(corpus.citable, tokenizer, {
    cacheDir: base.dataDir ? path.join(base.dataDir, 'index-cache') : null,
    lexiconDir: base.lexiconDir,
  });
  // A short place name is an ordinary word when the plans or the lexicon use it, or when jieba knows it as one word
  // that is no noun (延长, 前进, 平安, 东方 are counties too): 补贴能延长吗 asks about no other place.
  const ordinary = (word: string) => {
    const tags = tokenizer.tags(word);
    return tags.length === 1 && !/^[nx]/.test(tags[0] ?? 'n');
  };
  // The plans name their own counties (高台县、民乐县): a word they use only before 县, 区 … is a place, not a word.
  const texts = corpus.citable.map((c) => c.text).join('\n');
  const usedPlainly = (word: string) => {
    for (let at = texts.indexOf(word); at !== -1; at = texts.indexOf(word, at + 1)) {
      if (!/[县区市镇乡旗]/.test(texts[at + word.length] ?? '')) return true;
    }
    return false;
  };
  const gazetteer = loadGazetteer(
    cities,
    (word) =>
      (index.frequency(word) > 0 && usedPlainly(word)) ||
      tokenizer.terms.has(word) ||
      tokenizer.isStopword(word) ||
      ordinary(word),
  );
  const deps: EngineDeps = {
    corpus,
    index,
    tokenizer,
    cities: gazetteer.cities,
    places: gazetteer.places,
    glossary: base.glossary,
    homophones: createHomophoneMatcher([
      ...[...index.vocabulary(), ...tokenizer.terms].map((word) => [word, [word]] as const),
      ...tokenizer.everyday(),
    ]),
  };
  return { deps, from };
}

/** The engine's inputs for the plans in `corpusDir` (eval, bench): no records, no data directory unless given. */
export function loadEngineDeps(corpusDir: string, dataDir: string | null, log: Logger) {
  const base = createServiceBase(loadConfig({ CORPUS_DIR: corpusDir, LOG_LEVEL: 'error' }), { log, dataDir });
  return engineDepsFor(base, loadPlans(corpusDir, log).plans);
}

/** How long after start-up the index's parts not yet searched start loading in the background. */
const WARM_AFTER_MS = 1000;

/** Builds the corpus, index and answer engine over `plans`: an immutable set served as one whole. */
export function servicesFor(base: ServiceBase, plans: Plan[]): AppDeps {
  const started = performance.now();
  const { deps, from } = engineDepsFor(base, plans);
  const { corpus } = deps;
  const engine = createAnswerEngine(deps);
  base.health.markReady();
  base.log.info('ready', {
    plans: plans.length,
    clauses: corpus.clauseCount,
    index: from,
    ms: Math.round(performance.now() - started),
  });
  // Parts of an index loaded from its snapshot are read when first searched; the rest load one at a time (tens of ms
  // each) from a second after start-up, between requests, until the worker drains.
  const warm = () => {
    if (base.health.state() === 'ready' && deps.index.warm()) setImmediate(warm);
  };
  setTimeout(warm, WARM_AFTER_MS).unref();
  return {
    config: base.config,
    plans,
    corpus,
    ask: cachedAsk(engine.ask, base.config.limits.answerCacheEntries),
    search: engine.search,
    records: base.records,
    log: base.log,
    ready: base.health.state,
    degraded: base.health.degraded,
  };
}

/** Loads the shipped corpus and builds the index. Throws with a sentence naming the file when something is wrong. */
export async function createServices(config: Config, options: ServiceOptions = {}): Promise<AppDeps> {
  const base = createServiceBase(config, options);
  // A broken plan is skipped with a warning; a broken manifest or lexicon stops start-up (src/corpus/load.ts).
  return servicesFor(base, loadPlans(config.corpusDir, base.log).plans);
}
