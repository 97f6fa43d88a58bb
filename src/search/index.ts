// The clause index: one MiniSearch over citable clauses, every field tokenized by the one tokenizer.
import MiniSearch from 'minisearch';
import type { Options, SearchResult } from 'minisearch';
import type { Clause } from '../corpus/types.ts';
import { heading } from '../corpus/parse.ts';
import type { QueryTerms, Tokenizer } from './types.ts';

/** Field boosts: a clause's lead phrase says what it is about. */
export const FIELD_BOOSTS = { title: 2.5, path: 0.6, text: 1, departments: 1.2 } as const;
/** BM25 with stronger length normalisation than the default, so two-line table rows do not outrank real clauses. */
export const BM25 = { k: 1.2, b: 0.85, d: 0.5 } as const;
/** Weight of everyday-word expansions relative to the user's own words. */
export const EXPANSION_BOOST = 0.9;
/**
 * Terms found in more than this share of clauses (残疾人, 残疾, 服务 …) say nothing about relevance and cost most of the
 * search time (every clause must be scored for them): queries leave them out.
 */
export const UBIQUITOUS_SHARE = 0.3;
/** Bumped whenever the fields, tokenization or snapshot shape change. */
export const SNAPSHOT_VERSION = 1;

interface IndexedClause {
  id: string;
  title: string;
  path: string;
  text: string;
  departments: string;
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
  /** True for a word in more than UBIQUITOUS_SHARE of the clauses (it says nothing about relevance). */
  isCommon(term: string): boolean;
  /** Snapshot to reload with `loadIndex` (same options). */
  toJSON(): unknown;
}

/** The one options object used both to build and to reload the index. */
export function indexOptions(tokenizer: Tokenizer): Options<IndexedClause> {
  return {
    idField: 'id',
    fields: ['title', 'path', 'text', 'departments'],
    storeFields: [],
    tokenize: (text) => tokenizer.words(text),
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
    title: heading(clause),
    path: clause.path.join(' '),
    text: clause.text,
    departments,
  };
}

/** Words found in more than UBIQUITOUS_SHARE of the documents. */
function ubiquitousTerms(documents: IndexedClause[], tokenizer: Tokenizer): Set<string> {
  const counts = new Map<string, number>();
  for (const doc of documents) {
    const terms = new Set(tokenizer.words(doc.text));
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  const limit = documents.length * UBIQUITOUS_SHARE;
  return new Set([...counts].filter(([, n]) => n > limit).map(([term]) => term));
}

function wrap(mini: MiniSearch<IndexedClause>, clauses: readonly Clause[], common: ReadonlySet<string>): ClauseIndex {
  const byId = new Map(clauses.map((clause) => [clause.id, clause]));
  const rare = (terms: string[]) => terms.filter((term) => !common.has(term));
  const wordFields = ['title', 'path', 'text', 'departments'];
  return {
    search(query, options) {
      const allowed = options.planIds ? new Set(options.planIds) : null;
      const queries = [
        { combineWith: 'OR' as const, queries: rare(query.words), fields: wordFields, prefix: options.prefix ?? false },
        {
          combineWith: 'OR' as const,
          queries: rare(query.expansions),
          fields: wordFields,
          boost: scaled(EXPANSION_BOOST),
        },
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
    isCommon: (term) => common.has(term),
    toJSON: () => ({ version: SNAPSHOT_VERSION, mini: mini.toJSON(), common: [...common] }),
  };
}

function scaled(factor: number): Record<string, number> {
  return Object.fromEntries(Object.entries(FIELD_BOOSTS).map(([field, boost]) => [field, boost * factor]));
}

/** Builds the index over the given clauses (once, at start-up). */
export function buildIndex(clauses: readonly Clause[], tokenizer: Tokenizer): ClauseIndex {
  const mini = new MiniSearch<IndexedClause>(indexOptions(tokenizer));
  const documents = clauses.map(toDocument);
  mini.addAll(documents);
  return wrap(mini, clauses, ubiquitousTerms(documents, tokenizer));
}

/** Reloads a snapshot made by `toJSON`, with the same options. Throws when it is not a snapshot of this version. */
export function loadIndex(snapshot: string, clauses: readonly Clause[], tokenizer: Tokenizer): ClauseIndex {
  const data = JSON.parse(snapshot) as { version?: number; mini?: unknown; common?: unknown };
  if (data.version !== SNAPSHOT_VERSION || !Array.isArray(data.common) || typeof data.mini !== 'object') {
    throw new Error('index: snapshot is not of this version');
  }
  const mini = MiniSearch.loadJS<IndexedClause>(data.mini as never, indexOptions(tokenizer));
  return wrap(mini, clauses, new Set(data.common as string[]));
}
