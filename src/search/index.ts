// The clause index: one MiniSearch over citable clauses, word fields from the one tokenizer plus a character-bigram field.
import MiniSearch from 'minisearch';
import type { Options, SearchResult } from 'minisearch';
import type { Clause } from '../corpus/types.ts';
import { heading } from '../corpus/parse.ts';
import type { QueryTerms, Tokenizer } from './types.ts';

/** Field boosts: a clause's lead phrase says what it is about; bigrams only rescue words segmented differently. */
export const FIELD_BOOSTS = { title: 2.5, path: 0.6, text: 1, departments: 1.2, grams: 0.25 } as const;
/** BM25 with stronger length normalisation than the default, so two-line table rows do not outrank real clauses. */
export const BM25 = { k: 1.2, b: 0.85, d: 0.5 } as const;
/** Weight of everyday-word expansions relative to the user's own words. */
export const EXPANSION_BOOST = 0.9;

interface IndexedClause {
  id: string;
  planId: string;
  title: string;
  path: string;
  text: string;
  departments: string;
  grams: string;
}

export interface IndexHit {
  clause: Clause;
  score: number;
  /** The query terms this clause matched. */
  terms: string[];
}

export interface SearchOptions {
  /** Plan ids to search; null for all. */
  planIds: readonly string[] | null;
  limit: number;
  /** Prefix matching of the last words (type-ahead). */
  prefix?: boolean;
}

export interface ClauseIndex {
  search(query: QueryTerms, options: SearchOptions): IndexHit[];
  /** Snapshot to reload with `loadIndex` (same options). */
  toJSON(): unknown;
}

/** Character bigrams of the Han runs of a text (the tokenizer normalizes first). */
export function bigrams(normalized: string): string[] {
  const out: string[] = [];
  for (const [run] of normalized.matchAll(/\p{Script=Han}+/gu)) {
    for (let i = 0; i + 1 < run.length; i += 1) out.push(run.slice(i, i + 2));
  }
  return out;
}

/** The one options object used both to build and to reload the index. */
export function indexOptions(tokenizer: Tokenizer): Options<IndexedClause> {
  return {
    idField: 'id',
    fields: ['title', 'path', 'text', 'departments', 'grams'],
    storeFields: [],
    tokenize: (text, field) => (field === 'grams' ? bigrams(tokenizer.normalize(text)) : tokenizer.words(text)),
    processTerm: (term) => term,
    searchOptions: {
      tokenize: (text) => [text],
      processTerm: (term) => term,
      boost: FIELD_BOOSTS,
      bm25: BM25,
    },
  };
}

function toDocument(clause: Clause): IndexedClause {
  const departments = clause.departments
    ? [...clause.departments.lead, ...clause.departments.participating].join(' ')
    : '';
  return {
    id: clause.id,
    planId: clause.planId,
    title: heading(clause),
    path: clause.path.join(' '),
    text: clause.text,
    departments,
    grams: clause.text,
  };
}

function wrap(mini: MiniSearch<IndexedClause>, clauses: readonly Clause[]): ClauseIndex {
  const byId = new Map(clauses.map((clause) => [clause.id, clause]));
  const wordFields = ['title', 'path', 'text', 'departments'];
  return {
    search(query, options) {
      const allowed = options.planIds ? new Set(options.planIds) : null;
      const grams = [...new Set(bigrams(query.normalized))];
      const queries = [
        { combineWith: 'OR' as const, queries: query.words, fields: wordFields, prefix: options.prefix ?? false },
        { combineWith: 'OR' as const, queries: query.expansions, fields: wordFields, boost: scaled(EXPANSION_BOOST) },
        { combineWith: 'OR' as const, queries: grams, fields: ['grams'] },
      ].filter((q) => q.queries.length > 0);
      if (queries.length === 0) return [];
      const results: SearchResult[] = mini.search(
        { combineWith: 'OR', queries },
        { filter: allowed ? (result) => allowed.has(byId.get(result.id)?.planId ?? '') : undefined },
      );
      return results.slice(0, options.limit).flatMap((result) => {
        const clause = byId.get(result.id as string);
        return clause ? [{ clause, score: result.score, terms: result.terms }] : [];
      });
    },
    toJSON: () => mini.toJSON(),
  };
}

function scaled(factor: number): Record<string, number> {
  return Object.fromEntries(Object.entries(FIELD_BOOSTS).map(([field, boost]) => [field, boost * factor]));
}

/** Builds the index over the given clauses (once, at start-up). */
export function buildIndex(clauses: readonly Clause[], tokenizer: Tokenizer): ClauseIndex {
  const mini = new MiniSearch<IndexedClause>(indexOptions(tokenizer));
  mini.addAll(clauses.map(toDocument));
  return wrap(mini, clauses);
}

/** Reloads a snapshot made by `toJSON`, with the same options. */
export function loadIndex(snapshot: string, clauses: readonly Clause[], tokenizer: Tokenizer): ClauseIndex {
  const mini = MiniSearch.loadJSON<IndexedClause>(snapshot, indexOptions(tokenizer));
  return wrap(mini, clauses);
}
