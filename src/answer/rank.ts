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

interface WordGroup {
  /** The longest word and the shorter segments inside it (cutForSearch gives both). */
  forms: string[];
  weight: number;
}

/** Content words grouped by containment (志愿者 with 志愿, 愿者); single characters weigh half. */
export function contentGroups(
  words: readonly string[],
  cityWords: ReadonlySet<string>,
  isCommon: (word: string) => boolean,
): WordGroup[] {
  const content = words.filter((word) => !isCommon(word) && !cityWords.has(word) && !/^\d+$/.test(word));
  const longest = content.filter((word) => !content.some((other) => other !== word && other.includes(word)));
  return longest.map((word) => ({
    forms: [word, ...content.filter((other) => other !== word && word.includes(other))],
    weight: word.length === 1 ? 0.5 : Math.min(word.length, 4),
  }));
}

/** Share of the question a clause covers: by the user's own words, or by the plan terms they expand to. */
export function coverageOf(text: string, groups: readonly WordGroup[], expansions: readonly string[]): number {
  const total = groups.reduce((sum, g) => sum + g.weight, 0);
  const own = groups.reduce((sum, g) => sum + (g.forms.some((form) => text.includes(form)) ? g.weight : 0), 0);
  const byWords = total === 0 ? 0 : own / total;
  const byExpansions =
    expansions.length === 0 ? 0 : expansions.filter((e) => text.includes(e)).length / expansions.length;
  if (total === 0) return byExpansions; // nothing but numbers, city names or filler: nothing to match
  return Math.max(byWords, Math.min(byExpansions, (own + total * byExpansions) / total));
}

/** Lower-cased clause texts (for Latin query words), computed once per clause. */
const lowerTexts = new WeakMap<Clause, string>();
function lowerText(clause: Clause): string {
  let text = lowerTexts.get(clause);
  if (text === undefined) {
    text = clause.text.toLowerCase();
    lowerTexts.set(clause, text);
  }
  return text;
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
  const groups = contentGroups(terms.words, input.cityWords, index.isCommon);
  const ranked = hits.map(({ clause, score }) => {
    const coverage = coverageOf(lowerText(clause), groups, terms.expansions);
    let factor = 0.4 + coverage;
    if (clause.kind === 'indicator' && intent === 'indicator') factor *= 2.2;
    if (intent === 'department' && clause.departments) factor *= 1.6;
    // 编制背景 reports what was done before 2021; it answers no question about entitlements today.
    if (clause.path[0]?.includes('编制背景')) factor *= 0.3;
    return { clause, score: score * factor, coverage };
  });
  // Indicator rows are targets, not entitlements: for any other intent they come after every real clause.
  const late = (r: Ranked) => (intent !== 'indicator' && r.clause.kind === 'indicator' ? 1 : 0);
  return ranked.sort((a, b) => late(a) - late(b) || b.score - a.score).slice(0, limit);
}
