// The clause index, one MiniSearch per plan (a question about one city costs the same at 5 or 500 plans) over its
// citable clauses: word fields tokenized by the one tokenizer, and a field of character bigrams (a second signal that does
// not depend on word segmentation); and each word's and bigram's document frequency over all clauses. MiniSearch scores
// each field with that field's own statistics, so searching only the word fields, or only the bigrams, ranks exactly as
// two separate indexes would, while a term that is both a word and a bigram (康复, 补贴) is kept once.
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
export const SNAPSHOT_VERSION = 5;
/** BM25 for the bigram signal: bigrams repeat within a clause more than words do, so term frequency saturates early. */
export const GRAM_BM25 = { k: 1.0, b: 0.75, d: 0.5 } as const;

interface IndexedClause {
  id: string;
  title: string;
  path: string;
  text: string;
  departments: string;
  /** The text's character bigrams, joined by spaces. */
  grams: string;
}

/**
 * Joins a query's terms (no term contains it): MiniSearch merges its options once per query string and once per term,
 * so handing it every term in one string halves that work and ranks the same (the terms are still ORed in order).
 */
const TERM_SEPARATOR = '\u0000';
const joined = (terms: readonly string[]) => [terms.join(TERM_SEPARATOR)];

/** The fields a question's words are looked up in (and boosted by FIELD_BOOSTS); `grams` is searched on its own. */
const WORD_FIELDS = ['title', 'path', 'text', 'departments'];
const GRAM_FIELD = 'grams';

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
  /**
   * Loads one plan's part not loaded yet from the snapshot (a part is otherwise loaded when first searched); false once
   * every part is loaded. Call it while idle after start-up.
   */
  warm(): boolean;
  /** Snapshot to reload with `loadIndex` (same options): a header line, then one line per plan. */
  serialize(): string;
}

/** The one options object used both to build and to reload the index. */
export function indexOptions(tokenizer: Tokenizer): Options<IndexedClause> {
  return {
    idField: 'id',
    fields: [...WORD_FIELDS, GRAM_FIELD],
    storeFields: [],
    // The bigrams are split already; every other field goes through the one tokenizer.
    tokenize: (text, field) => (field === GRAM_FIELD ? text.split(' ') : tokenizer.words(text)),
    processTerm: (term) => term,
    // A query is its terms joined by TERM_SEPARATOR: one query string per search, not one query object per term.
    searchOptions: { tokenize: (text) => text.split(TERM_SEPARATOR), processTerm: (term) => term },
  };
}

function toDocument(clause: Clause, tokenizer: Tokenizer): IndexedClause {
  const departments = clause.departments
    ? [...clause.departments.lead, ...clause.departments.participating].join(' ')
    : '';
  return {
    id: clause.id,
    title: heading(clause),
    path: clause.path.join(' '),
    text: clause.text,
    departments,
    grams: tokenizer.grams(clause.text).join(' '),
  };
}

/** In how many texts each item of `split(text)` occurs. */
function documentFrequencies(texts: readonly string[], split: (text: string) => string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) for (const term of new Set(split(text))) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

interface Parts {
  /**
   * Plan id → its part of the index, in corpus order (a question about one city searches its plan's part only), or the
   * part's snapshot line until it is first needed: loading every part is most of a start-up from a snapshot.
   */
  partitions: Map<string, MiniSearch<IndexedClause> | string>;
  df: Map<string, number>;
  gramDf: Map<string, number>;
}

function wrap({ partitions, df, gramDf }: Parts, clauses: readonly Clause[], tokenizer: Tokenizer): ClauseIndex {
  const pending = [...partitions].filter(([, part]) => typeof part === 'string').map(([planId]) => planId);
  const load = (planId: string): MiniSearch<IndexedClause> | undefined => {
    const part = partitions.get(planId);
    if (typeof part !== 'string') return part;
    let loaded: MiniSearch<IndexedClause>;
    try {
      loaded = MiniSearch.loadJS<IndexedClause>(JSON.parse(part) as never, indexOptions(tokenizer));
    } catch {
      // A damaged line costs this plan a rebuild from its clauses, never an answer.
      loaded = new MiniSearch<IndexedClause>(indexOptions(tokenizer));
      for (const clause of clauses) {
        if (clause.planId === planId) loaded.add(toDocument(clause, tokenizer));
      }
    }
    partitions.set(planId, loaded);
    return loaded;
  };
  const byId = new Map(clauses.map((clause) => [clause.id, clause]));
  const limit = clauses.length * UBIQUITOUS_SHARE;
  const isCommon = (term: string) => (df.get(term) ?? 0) > limit;
  const rare = (terms: string[]) => terms.filter((term) => !isCommon(term));
  const partsFor = (options: SearchOptions) =>
    (options.planIds ?? [...partitions.keys()]).flatMap((id) => {
      const part = load(id);
      return part ? [part] : [];
    });
  /** The best `limit` hits over the parts searched, each part contributing at most `limit`. */
  const merged = (options: SearchOptions, search: (part: MiniSearch<IndexedClause>) => SearchResult[]) =>
    partsFor(options)
      .flatMap((part) => search(part).slice(0, options.limit))
      .sort((a, b) => b.score - a.score)
      .slice(0, options.limit);
  return {
    search(query, options) {
      const words = rare(query.words);
      const expansions = rare(query.expansions);
      const queries = [
        ...(words.length > 0 ? [{ queries: joined(words), boost: FIELD_BOOSTS, prefix: options.prefix ?? false }] : []),
        ...(expansions.length > 0 ? [{ queries: joined(expansions), boost: EXPANSION_BOOSTS }] : []),
      ];
      if (queries.length === 0) return [];
      const search = { combineWith: 'OR' as const, queries, fields: WORD_FIELDS, bm25: BM25 };
      return merged(options, (part) => part.search(search)).flatMap((result) => {
        const clause = byId.get(result.id as string);
        return clause ? [{ clause, score: result.score, terms: result.terms }] : [];
      });
    },
    searchGrams(query, options) {
      const useful = [...new Set(query)].filter((gram) => (gramDf.get(gram) ?? 0) <= limit && gramDf.has(gram));
      if (useful.length === 0) return [];
      const search = { combineWith: 'OR' as const, queries: joined(useful), fields: [GRAM_FIELD], bm25: GRAM_BM25 };
      return merged(options, (part) => part.search(search)).flatMap((result) => {
        const clause = byId.get(result.id as string);
        return clause ? [{ clause, score: result.score }] : [];
      });
    },
    isCommon,
    frequency: (term) => df.get(term) ?? 0,
    size: clauses.length,
    vocabulary: () => df.keys(),
    warm() {
      const planId = pending.shift();
      if (planId !== undefined) load(planId);
      return pending.length > 0;
    },
    serialize: () =>
      [
        JSON.stringify({ version: SNAPSHOT_VERSION, plans: [...partitions.keys()], df: [...df], gramDf: [...gramDf] }),
        ...[...partitions.keys()].map((planId) => JSON.stringify(load(planId)?.toJSON())),
      ].join('\n'),
  };
}

const EXPANSION_BOOSTS = Object.fromEntries(
  Object.entries(FIELD_BOOSTS).map(([field, boost]) => [field, boost * EXPANSION_BOOST]),
);

/** Builds the index over the given clauses (once, at start-up): one part per plan, document frequencies over all. */
export function buildIndex(clauses: readonly Clause[], tokenizer: Tokenizer): ClauseIndex {
  const partitions = new Map<string, MiniSearch<IndexedClause>>();
  const texts: string[] = [];
  const gramTexts: string[] = [];
  for (const clause of clauses) {
    let part = partitions.get(clause.planId);
    if (!part) {
      part = new MiniSearch<IndexedClause>(indexOptions(tokenizer));
      partitions.set(clause.planId, part);
    }
    const document = toDocument(clause, tokenizer);
    part.add(document);
    texts.push(clause.text);
    gramTexts.push(document.grams);
  }
  const df = documentFrequencies(texts, (text) => tokenizer.words(text));
  const gramDf = documentFrequencies(gramTexts, (text) => text.split(' '));
  return wrap({ partitions, df, gramDf }, clauses, tokenizer);
}

/**
 * Reloads a snapshot made by `serialize`, with the same options: the header now, each plan's part when first searched or
 * warmed. Throws when it is not a snapshot of this version.
 */
export function loadIndex(snapshot: string, clauses: readonly Clause[], tokenizer: Tokenizer): ClauseIndex {
  const lines = snapshot.split('\n');
  const header = JSON.parse(lines[0] ?? '') as { version?: number; plans?: unknown; df?: unknown; gramDf?: unknown };
  if (
    header.version !== SNAPSHOT_VERSION ||
    !Array.isArray(header.plans) ||
    header.plans.length !== lines.length - 1 ||
    !Array.isArray(header.df) ||
    !Array.isArray(header.gramDf)
  ) {
    throw new Error('index: snapshot is not of this version');
  }
  const partitions = new Map((header.plans as string[]).map((planId, i) => [planId, lines[i + 1] as string]));
  return wrap(
    { partitions, df: new Map(header.df as [string, number][]), gramDf: new Map(header.gramDf as [string, number][]) },
    clauses,
    tokenizer,
  );
}
