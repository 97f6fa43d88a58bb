// The plans' own terms as recogniser hotwords, so 护理补贴 is heard rather than 互利补贴.
import type { Lexicon } from '../search/lexicon.ts';

/** Most hotwords sent (FunASR's hotword list is meant to be short; the plan terms come first). */
export const MAX_HOTWORDS = 300;
/** Weight of a plan term residents' everyday words point to (synonyms.txt, left of `|`), and of another term. */
export const SYNONYM_TERM_WEIGHT = 30;
export const DICTIONARY_TERM_WEIGHT = 20;

/** Plan terms from the lexicon with weights: the synonym groups' plan terms, then the user dictionary's words. */
export function planHotwords(lexicon: Pick<Lexicon, 'terms' | 'synonyms'>): Record<string, number> {
  const weights = new Map<string, number>();
  const add = (term: string, weight: number) => {
    // Single characters and Latin words only add false alarms.
    if (weights.size >= MAX_HOTWORDS || weights.has(term) || !/^[\u3400-\u9fff]{2,}$/.test(term)) return;
    weights.set(term, weight);
  };
  for (const group of lexicon.synonyms) for (const term of group.planTerms) add(term, SYNONYM_TERM_WEIGHT);
  for (const term of lexicon.terms) add(term, DICTIONARY_TERM_WEIGHT);
  return Object.fromEntries(weights);
}
