// Questions that name no place, when there are more plans than a list can read out: instead of searching every plan,
// the answer asks where the resident lives and offers the places whose plans best match the question, found by a small
// plan-level MiniSearch over each plan's title, headings and plan terms (one document per plan). A national corpus's
// thousands of plans are added a few at a time after start-up, between requests; a question that needs the router
// before it is complete adds the rest at once.
import MiniSearch from 'minisearch';
import type { Plan } from '../corpus/types.ts';
import type { ClauseIndex } from '../search/index.ts';
import type { Tokenizer } from '../search/types.ts';
import type { Intent, Mode } from './types.ts';

/** More plans than this and a question naming no place is asked "which place?" (a list of 12 can still be read out). */
export const ROUTER_MIN_PLANS = 12;
/** Places offered in a "which place?" answer. */
export const ROUTER_OFFERS = 5;
/** Plans an operator's search with no city searches: the ones the router ranks first. */
export const ROUTER_SEARCH_PLANS = 12;
/** Field boosts of the plan-level index: the plan terms it uses say most about a question it answers, then its headings. */
export const ROUTER_BOOSTS = { title: 0.5, headings: 1, terms: 2 } as const;
/**
 * Words of a question the router searches for: its rarest ones in the plans. A word most plans use (残疾人, 补贴, 护理)
 * adds little to any plan's score (BM25 weighs it by its rarity) and costs a score for each plan using it: at 3,000
 * plans, searching every word of a question took 30-40 ms.
 */
export const ROUTER_QUERY_WORDS = 3;
/**
 * Milliseconds a slice of the plan-level index's building may hold the event loop (plans are added until it is spent;
 * a plan takes 2-5 ms): other requests wait at most about this long behind it.
 */
export const ROUTER_SLICE_MS = 4;

interface PlanDocument {
  id: string;
  title: string;
  headings: string;
  terms: string;
}

export interface PlanRouter {
  /**
   * Plan ids whose plans best match these words, best first (corpus order for plans that match none). Completes the
   * index first, unless `sofar`: then only the plans added so far are ranked (nothing held up while it is being built).
   */
  route(words: readonly string[], limit: number, sofar?: boolean): string[];
  /** Resolves once every plan is in the plan-level index (added a slice at a time, other requests running between). */
  ready(): Promise<void>;
  /** Is every plan in the plan-level index? */
  complete(): boolean;
}

/**
 * The plan-level index: one document per plan, words already segmented (the one tokenizer, at index build). Built in
 * slices of ROUTER_SLICE_MS once `ready` is first called, or at once by the first `route`.
 */
export function createPlanRouter(
  plans: readonly Plan[],
  index: Pick<ClauseIndex, 'outline'>,
  tokenizer: Tokenizer,
): PlanRouter {
  const router = new MiniSearch<PlanDocument>({
    fields: ['title', 'headings', 'terms'],
    storeFields: [],
    tokenize: (text) => text.split(' '),
    processTerm: (term) => term || null,
  });
  const documentOf = (plan: Plan): PlanDocument => {
    const outline = index.outline(plan.id);
    return {
      id: plan.id,
      title: tokenizer.words(plan.title.split(plan.city).join(' ')).join(' '),
      headings: outline?.headings.join(' ') ?? '',
      terms: outline?.terms.join(' ') ?? '',
    };
  };
  // Plans are added in corpus order whether in slices or at once: the same index either way.
  let added = 0;
  /** In how many plans' documents each word is. */
  const plansUsing = new Map<string, number>();
  /** Adds plans until every one is in or `until` (a performance.now() time) has passed. */
  const add = (until = Infinity) => {
    for (; added < plans.length && performance.now() < until; added++) {
      const document = documentOf(plans[added] as Plan);
      router.add(document);
      for (const word of new Set(`${document.title} ${document.headings} ${document.terms}`.split(' ')))
        plansUsing.set(word, (plansUsing.get(word) ?? 0) + 1);
    }
  };
  const rarest = (words: readonly string[]) =>
    [...new Set(words)]
      .filter((word) => plansUsing.has(word))
      .sort((a, b) => (plansUsing.get(a) as number) - (plansUsing.get(b) as number))
      .slice(0, ROUTER_QUERY_WORDS);
  let building: Promise<void> | undefined;
  const build = async () => {
    while (added < plans.length) {
      add(performance.now() + ROUTER_SLICE_MS);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  const order = plans.map((plan) => plan.id);
  return {
    ready: () => (building ??= build()),
    complete: () => added === plans.length,
    route(words, limit, sofar = false) {
      if (!sofar) add();
      const searched = rarest(words);
      const hits =
        searched.length > 0 ? router.search({ combineWith: 'OR', queries: searched }, { boost: ROUTER_BOOSTS }) : [];
      const ranked = hits.map((hit) => hit.id as string);
      if (ranked.length >= limit) return ranked.slice(0, limit);
      const seen = new Set(ranked);
      return [...ranked, ...order.filter((id) => !seen.has(id))].slice(0, limit);
    },
  };
}

/** The "which place?" text: where the resident lives, with the places whose plans best match (as suggestions too). */
export function whichPlace(
  offered: readonly Plan[],
  context: { total: number; question: string; intent: Intent; mode: Mode },
): { answer: string; suggestions: string[] } {
  const names = offered.map((plan) => plan.city).join('、');
  const comparing = context.intent === 'compare';
  // No places offered while the plan-level index is still being built after start-up: the question back alone.
  const matching = offered.length > 0 ? `规划中写到相关内容的有：${names}等。` : '';
  const example = offered.length > 0 ? `比如：${names}。` : '';
  const answer =
    context.mode === 'easy'
      ? comparing
        ? `请说出要比的几个地方。${example}`
        : `各地的政策不一样。请告诉我您住在哪里。${example}`
      : comparing
        ? `我们收录了${context.total}个地方的规划，请说出要比较的地方${
            offered.length >= 2 ? `（例如“${offered[0]?.city ?? ''}和${offered[1]?.city ?? ''}”）` : ''
          }。${matching}`
        : `各地政策不同，请问您在哪个市或区县？我们收录了${context.total}个地方的规划，${matching}请说出地名再问一次。`;
  const question = context.question.trim();
  const suggestions = comparing
    ? offered.length >= 2
      ? [`${offered[0]?.city}和${offered[1]?.city}${question}`]
      : []
    : offered.slice(0, 3).map((plan) => `${plan.city}${question}`);
  return { answer, suggestions };
}
