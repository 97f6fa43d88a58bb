// The answer engine's hooks for a national corpus: a question naming no place is routed ("which place?") instead of
// searched across thousands of plans, an operator's search with no city searches the plans the router ranks first, a
// county answered from its prefecture's plan says so, and the plans a request needs are loaded before it is answered.
import type { Corpus } from '../corpus/corpus.ts';
import type { Plan } from '../corpus/types.ts';
import type { ClauseIndex } from '../search/index.ts';
import type { AnalyzedQuery } from '../search/analyze.ts';
import type { Tokenizer } from '../search/types.ts';
import type { PlaceFinder } from './places.ts';
import { ROUTER_MIN_PLANS, ROUTER_OFFERS, ROUTER_SEARCH_PLANS, createPlanRouter, whichPlace } from './router.ts';
import type { PlanRouter } from './router.ts';
import type { AskRequest, AskResponse, Intent, Mode } from './types.ts';
import { understand } from './understand.ts';

export interface ScaleDeps {
  corpus: Corpus;
  index: ClauseIndex;
  tokenizer: Tokenizer;
  places: PlaceFinder;
  /** Counties and districts answered from their prefecture's plan: name → full name (src/answer/places.ts). */
  counties?: ReadonlyMap<string, string> | undefined;
}

export interface Scale {
  /** The "which place?" answer for a question about no plan in particular, or null (a plan is chosen, or few plans). */
  route(
    query: AnalyzedQuery,
    planIds: readonly string[] | null,
    asked: { question: string; intent: Intent; mode: Mode },
  ): AskResponse | null;
  /** The plans an operator's search naming no city searches (null: all of them), by its normalized text. */
  searchPlans(normalized: string): string[] | null;
  /** The sentence saying a county's question is answered from its prefecture's plan, or null. */
  countyNote(normalized: string, plan: Plan | undefined): string | null;
  /** Resolves when the plans the request is about are in memory (loaded off the request path). */
  prepare(request: AskRequest): Promise<void>;
  /** Resolves when the plan-level router is complete (built a slice at a time after start-up; nothing without one). */
  ready(): Promise<void>;
}

/** Is the router complete? If not, its slices are started (or go on) off the request path. */
function built(router: PlanRouter): boolean {
  if (router.complete()) return true;
  void router.ready();
  return false;
}

export function createScale({ corpus, index, tokenizer, places, counties }: ScaleDeps): Scale {
  // More plans than a list can read out: a question naming no place is routed, not searched across every plan.
  const router = corpus.plans.length > ROUTER_MIN_PLANS ? createPlanRouter(corpus.plans, index, tokenizer) : null;
  const wordsOf = (query: AnalyzedQuery) => [...query.words, ...query.expansions];
  return {
    route(query, planIds, asked) {
      if (!router || planIds) return null;
      // While the plan-level index is still being built after start-up, the question back comes without offers at
      // once (building it whole here would hold every request for seconds at a few thousand plans).
      const offered = built(router)
        ? router.route(wordsOf(query), ROUTER_OFFERS).map((id) => corpus.plan(id) as Plan)
        : [];
      const { answer, suggestions } = whichPlace(offered, { total: corpus.plans.length, ...asked });
      return {
        answered: false,
        answer,
        city: null,
        intent: asked.intent,
        confidence: 0,
        citations: [],
        suggestions,
        places: offered.map((plan) => plan.city),
      };
    },
    searchPlans(normalized) {
      if (!router) return null;
      const { words, expansions } = tokenizer.query(normalized);
      // While the router is still being built after start-up, the plans in it so far are ranked: an operator's search
      // does not build the rest (seconds at 3,000 plans) on the request path.
      return router.route([...words, ...expansions], ROUTER_SEARCH_PLANS, !built(router));
    },
    countyNote(normalized, plan) {
      const county = plan && counties?.get(places.nameOf(normalized, plan.id) ?? '');
      return county ? `${county}没有单独的规划，以下是${plan.city}的规划。` : null;
    },
    ready: () => router?.ready() ?? Promise.resolve(),
    prepare(request) {
      // Every part in memory (a province's plans, the five shipped ones): nothing to load, so the question is not read
      // a second time before it is answered (that reading was most of what /api/ask added over the engine).
      if (index.residency().resident === index.planIds.length) return Promise.resolve();
      const chosen = request.city ? (corpus.plan(request.city)?.id ?? null) : null;
      const history = (request.history ?? []).map((turn) => tokenizer.normalize(turn));
      const { planIds } = understand(tokenizer.normalize(request.question), history, chosen, places);
      // No place: the router answers (nothing to load), or every plan is searched (a corpus small enough to keep).
      if (planIds.length === 0 && router) return Promise.resolve();
      return index.prepare(planIds.length > 0 ? planIds : index.planIds);
    },
  };
}
