// Ranks clauses for a question: index search, then re-ranking by how much of the question a clause covers and by intent.
import type { Clause } from '../corpus/types.ts';
import type { ClauseIndex } from '../search/index.ts';
import type { QueryTerms } from '../search/types.ts';
import type { Intent } from './types.ts';

export interface Ranked {
  clause: Clause;
  score: number;
  /** Share of the question's content words (or their plan-term expansions) found in the clause, 0..1. */
  coverage: number;
}

/** Words too common in these plans to say anything about relevance. */
const GENERIC = new Set(['残疾人', '残疾', '规划', '市', '政策', '规定', '有没有', '怎么', '什么', '哪些', '能', '吗']);
/** How many index hits are re-ranked. */
export const RERANK_DEPTH = 60;

export interface RankInput {
  terms: QueryTerms;
  /** Terms from earlier turns (follow-ups), weighted lower. */
  context: string[];
  planIds: readonly string[] | null;
  intent: Intent;
  /** Words that name the cities (not topic words). */
  cityWords: ReadonlySet<string>;
}

function contentGroups(terms: QueryTerms, cityWords: ReadonlySet<string>): string[] {
  return terms.words.filter((word) => !GENERIC.has(word) && !cityWords.has(word) && !/^\d+$/.test(word));
}

/** Ranks with the index and re-ranks the top RERANK_DEPTH hits. */
export function rank(index: ClauseIndex, input: RankInput, limit: number): Ranked[] {
  const { terms, intent } = input;
  const query: QueryTerms = {
    normalized: terms.normalized,
    words: terms.words.filter((word) => !input.cityWords.has(word)),
    expansions: [...terms.expansions, ...input.context.filter((word) => !terms.words.includes(word))],
  };
  const hits = index.search(query, { planIds: input.planIds, limit: RERANK_DEPTH });
  const content = contentGroups(terms, input.cityWords);
  const ranked = hits.map(({ clause, score }) => {
    const text = clause.text.toLowerCase();
    const covered = content.filter((word) => text.includes(word)).length;
    const expansionHit = terms.expansions.some((word) => text.includes(word));
    const coverage = content.length === 0 ? (expansionHit ? 1 : 0.5) : Math.min(1, (covered + (expansionHit ? 1 : 0)) / content.length);
    let factor = 0.4 + coverage;
    if (clause.kind === 'indicator') factor *= intent === 'indicator' ? 2.2 : 0.45;
    if (intent === 'department' && clause.departments) factor *= 1.6;
    if (clause.path[0]?.includes('编制背景')) factor *= 0.6;
    return { clause, score: score * factor, coverage };
  });
  return ranked.sort((a, b) => b.score - a.score).slice(0, limit);
}
