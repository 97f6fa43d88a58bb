// The clause index, one part per plan (a question about one city costs the same at 5 or 500 plans): a word-level
// MiniSearch over citable clauses (every field tokenized by the one tokenizer), a second MiniSearch over character bigrams
// that does not depend on word segmentation; and each word's document frequency over all clauses.
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
export const SNAPSHOT_VERSION = 3;
/** BM25 for the bigram signal: bigrams repeat within a clause more than words do, so term frequency saturates early. */
export const GRAM_BM25 = { k: 1.0, b: 0.75, d: 0.5 } as const;

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

export interface GramHit {
  clause: Clause;
  score: number;
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
  /** The bigram signal: clauses ranked by the character bigrams they share with `grams`. */
  searchGrams(grams: readonly string[], options: SearchOptions): GramHit[];
  /** True for a word in more than UBIQUITOUS_SHARE of the clauses (it says nothing about relevance). */
  isCommon(term: string): boolean;
  /** In how many citable clauses a word occurs. */
  frequency(term: string): number;
  /** Number of indexed clauses. */
  size: number;
  /** Every word of the clauses (for homophone matching). */
  vocabulary(): IterableIterator<string>;
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

interface GramDocument {
  id: string;
  grams: string;
}

/** Options of the bigram index: documents are pre-split into bigrams, joined by spaces. */
function gramOptions(): Options<GramDocument> {
  return {
    idField: 'id',
    fields: ['grams'],
    storeFields: [],
    tokenize: (text) => text.split(' '),
    processTerm: (term) => term,
    searchOptions: { tokenize: (text) => [text], processTerm: (term) => term, bm25: GRAM_BM25 },
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

/** In how many texts each item of `split(text)` occurs. */
function documentFrequencies(texts: readonly string[], split: (text: string) => string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) for (const term of new Set(split(text))) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/** One plan's part of the index: a question about one city searches its plan's part only, whatever the corpus size. */
interface Partition {
  mini: MiniSearch<IndexedClause>;
  grams: MiniSearch<GramDocument>;
}

interface Parts {
  /** Plan id → its part, in corpus order. */
  partitions: Map<string, Partition>;
  df: Map<string, number>;
  gramDf: Map<string, number>;
}

function wrap({ partitions, df, gramDf }: Parts, clauses: readonly Clause[]): ClauseIndex {
  const byId = new Map(clauses.map((clause) => [clause.id, clause]));
  const limit = clauses.length * UBIQUITOUS_SHARE;
  const isCommon = (term: string) => (df.get(term) ?? 0) > limit;
  const rare = (terms: string[]) => terms.filter((term) => !isCommon(term));
  const partsFor = (options: SearchOptions) =>
    options.planIds
      ? options.planIds.flatMap((id) => {
          const part = partitions.get(id);
          return part ? [part] : [];
        })
      : [...partitions.values()];
  /** The best `limit` hits over the parts searched, each part contributing at most `limit`. */
  const merged = (options: SearchOptions, search: (part: Partition) => SearchResult[]) =>
    partsFor(options)
      .flatMap((part) => search(part).slice(0, options.limit))
      .sort((a, b) => b.score - a.score)
      .slice(0, options.limit);
  const wordFields = ['title', 'path', 'text', 'departments'];
  return {
    search(query, options) {
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
      return merged(options, (part) => part.mini.search({ combineWith: 'OR', queries })).flatMap((result) => {
        const clause = byId.get(result.id as string);
        return clause ? [{ clause, score: result.score, terms: result.terms }] : [];
      });
    },
    searchGrams(query, options) {
      const useful = [...new Set(query)].filter((gram) => (gramDf.get(gram) ?? 0) <= limit && gramDf.has(gram));
      if (useful.length === 0) return [];
      return merged(options, (part) => part.grams.search({ combineWith: 'OR', queries: useful })).flatMap((result) => {
        const clause = byId.get(result.id as string);
        return clause ? [{ clause, score: result.score }] : [];
      });
    },
    isCommon,
    frequency: (term) => df.get(term) ?? 0,
    size: clauses.length,
    vocabulary: () => df.keys(),
    toJSON: () => ({
      version: SNAPSHOT_VERSION,
      partitions: [...partitions].map(([planId, part]) => ({
        planId,
        mini: part.mini.toJSON(),
        grams: part.grams.toJSON(),
      })),
      df: [...df],
      gramDf: [...gramDf],
    }),
  };
}

function scaled(factor: number): Record<string, number> {
  return Object.fromEntries(Object.entries(FIELD_BOOSTS).map(([field, boost]) => [field, boost * factor]));
}

/** Builds the index over the given clauses (once, at start-up): one part per plan, document frequencies over all. */
export function buildIndex(clauses: readonly Clause[], tokenizer: Tokenizer): ClauseIndex {
  const partitions = new Map<string, Partition>();
  const texts: string[] = [];
  const gramTexts: string[] = [];
  for (const clause of clauses) {
    let part = partitions.get(clause.planId);
    if (!part) {
      part = { mini: new MiniSearch<IndexedClause>(indexOptions(tokenizer)), grams: new MiniSearch(gramOptions()) };
      partitions.set(clause.planId, part);
    }
    const grams = tokenizer.grams(clause.text).join(' ');
    part.mini.add(toDocument(clause));
    part.grams.add({ id: clause.id, grams });
    texts.push(clause.text);
    gramTexts.push(grams);
  }
  const df = documentFrequencies(texts, (text) => tokenizer.words(text));
  const gramDf = documentFrequencies(gramTexts, (text) => text.split(' '));
  return wrap({ partitions, df, gramDf }, clauses);
}

/** Reloads a snapshot made by `toJSON`, with the same options. Throws when it is not a snapshot of this version. */
export function loadIndex(snapshot: string, clauses: readonly Clause[], tokenizer: Tokenizer): ClauseIndex {
  const data = JSON.parse(snapshot) as { version?: number; partitions?: unknown; df?: unknown; gramDf?: unknown };
  if (
    data.version !== SNAPSHOT_VERSION ||
    !Array.isArray(data.partitions) ||
    !Array.isArray(data.df) ||
    !Array.isArray(data.gramDf)
  ) {
    throw new Error('index: snapshot is not of this version');
  }
  const partitions = new Map<string, Partition>(
    (data.partitions as { planId: string; mini: unknown; grams: unknown }[]).map((part) => [
      part.planId,
      {
        mini: MiniSearch.loadJS<IndexedClause>(part.mini as never, indexOptions(tokenizer)),
        grams: MiniSearch.loadJS<GramDocument>(part.grams as never, gramOptions()),
      },
    ]),
  );
  return wrap(
    { partitions, df: new Map(data.df as [string, number][]), gramDf: new Map(data.gramDf as [string, number][]) },
    clauses,
  );
}
