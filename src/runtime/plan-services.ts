// The part of the service built for one set of plans: corpus → index (from a snapshot when one matches) → answer
// engine, with the homophone tables and places of those plans. Built at start-up and again whenever staff publish.
import path from 'node:path';
import { citableOf, createCorpus, type Corpus } from '../corpus/corpus.ts';
import type { Clause, Plan } from '../corpus/types.ts';
import { primaryDocuments } from '../corpus/documents.ts';
import { loadPlans } from '../corpus/load.ts';
import { loadOrBuildIndex } from '../search/snapshot.ts';
import type { ClauseSource } from '../search/index.ts';
import { createHomophoneMatcher } from '../search/homophones.ts';
import { createAnswerEngine, type EngineDeps } from '../answer/engine.ts';
import { countyShortForms, loadGazetteer } from '../answer/places.ts';
import { cachedAsk } from '../answer/cache.ts';
import type { AskFn, AskRequest, SearchFn, TopicFn } from '../answer/types.ts';
import { loadConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { createServiceBase, type ServiceBase } from './base.ts';

/** One immutable set of plans and what answers from them: what a snapshot serves as one whole. */
export interface PlanServices {
  plans: Plan[];
  corpus: Corpus;
  ask: AskFn;
  /** Resolves when the plans a request is about are in memory (loaded off the request path; src/search/residency.ts). */
  prepare: (request: AskRequest) => Promise<void>;
  /** Plans' index parts in memory, their estimated bytes, loads and drops. */
  residency: () => { resident: number; bytes: number; loads: number; drops: number };
  /** Resolves when the plan-level router is complete (built in slices after start-up; at once without one). */
  routerReady: () => Promise<void>;
  search: SearchFn;
  topic: TopicFn;
}

/** How long after start-up the index's parts not yet searched start loading in the background. */
const WARM_AFTER_MS = 1000;

/** The plans' citable clauses as the index reads them: a plan's own when its part is built or searched. */
export function clauseSourceOf(plans: readonly Plan[]): ClauseSource {
  const byId = new Map(plans.map((plan) => [plan.id, plan]));
  // Per clauses array: the same citable array while the plan keeps its clauses (the index keys its lookups by it).
  const citable = new WeakMap<readonly Clause[], Clause[]>();
  return {
    planIds: plans.map((plan) => plan.id),
    clausesOf(planId) {
      const plan = byId.get(planId);
      if (!plan) return [];
      const clauses = plan.clauses;
      let own = citable.get(clauses);
      if (!own) citable.set(clauses, (own = citableOf(plan)));
      return own;
    },
    sourceOf: (planId) => byId.get(planId)?.source,
  };
}

/**
 * Everything the answer engine reads for `plans`: corpus, index (from a snapshot under `dataDir/index-cache` when one
 * matches), homophone tables of its words, and the places of the gazetteer (the plans' cities' counties and towns).
 */
export function engineDepsFor(base: ServiceBase, plans: Plan[]): { deps: EngineDeps; from: 'snapshot' | 'build' } {
  const { lexicon, tokenizer } = base;
  // A plan uploaded for a city corpus/lexicon does not list is named by its city (with and without 市).
  // A city with several documents (plan, rules, guide) is named once, for its plan (src/corpus/documents.ts).
  const known = new Set(lexicon.cities.map((c) => c.planId));
  const primary = primaryDocuments(plans);
  const cities = [
    ...lexicon.cities.filter((c) => primary.some((p) => p.id === c.planId)),
    ...primary
      .filter((p) => !known.has(p.id))
      .map((p) => ({ planId: p.id, name: p.city, aliases: [p.city, `${p.city}市`] })),
  ];
  const corpus = createCorpus(plans, cities);
  const { index, from } = loadOrBuildIndex(clauseSourceOf(corpus.plans), tokenizer, {
    cacheDir: base.dataDir ? path.join(base.dataDir, 'index-cache') : null,
    lexiconDir: base.lexiconDir,
    budgetBytes: base.config.limits.indexMemoryMb * 1024 * 1024,
    candidates: countyShortForms(),
  });
  // A short place name is an ordinary word when the plans or the lexicon use it, or when jieba knows it as one word
  // that is no noun (延长, 前进, 平安, 东方 are counties too): 补贴能延长吗 asks about no other place.
  const ordinary = (word: string) => {
    const tags = tokenizer.tags(word);
    return tags.length === 1 && !/^[nx]/.test(tags[0] ?? 'n');
  };
  // The plans name their own counties (高台县、民乐县): a word they use only before 县, 区 … is a place, not a word
  // (found while the index was built, kept in its snapshot); so is one only the county's own plan uses otherwise
  // (山丹温馨, a 山丹 charity in 张掖's plan).
  const gazetteer = loadGazetteer(
    cities,
    (word, planId) =>
      index.usedPlainly(word, planId ?? undefined) ||
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
    counties: gazetteer.counties,
    holders: gazetteer.holders,
    glossary: base.glossary,
    today: base.today,
    homophones: createHomophoneMatcher([
      // A word of one clause only may be a mis-cut (应急方案中将残疾人: 中将), no word a resident would mean.
      ...[...[...index.vocabulary()].filter((word) => index.frequency(word) >= 2), ...tokenizer.terms].map(
        (word) => [word, [word]] as const,
      ),
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

/** Builds the corpus, index and answer engine over `plans`, and marks the process ready. */
export function servicesFor(base: ServiceBase, plans: Plan[]): PlanServices {
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
  // Parts of an index loaded from its snapshot are read when first searched; from a second after start-up, off the
  // request path, the plan-level router is built a few plans at a time, then the other parts load one at a time until
  // the memory budget is full or the worker drains.
  const warm = () => {
    if (base.health.state() !== 'ready') return;
    deps.index.warm().then(
      (more) => {
        if (more) setImmediate(warm);
      },
      () => undefined,
    );
  };
  setTimeout(() => {
    // The plan-level router first (a question naming no place needs it whole), then the parts.
    engine.ready().then(warm, () => undefined);
  }, WARM_AFTER_MS).unref();
  return {
    plans,
    corpus,
    ask: cachedAsk(engine.ask, base.config.limits.answerCacheEntries, base.today),
    prepare: engine.prepare,
    residency: () => deps.index.residency(),
    routerReady: engine.ready,
    search: engine.search,
    topic: engine.topic,
  };
}
