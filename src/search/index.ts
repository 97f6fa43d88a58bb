// The clause index, one part per plan (a question about one city costs the same at 5 or 500 plans): word-level BM25 over
// citable clauses (every field tokenized by the one tokenizer), a second BM25 over character bigrams that does not depend
// on word segmentation; and each word's document frequency over all clauses. Both signals are compact inverted lists
// (postings.ts) scored with MiniSearch's formula (bm25.ts); a plan's part is its range of document numbers.
import type { Clause } from '../corpus/types.ts';
import { heading } from '../corpus/parse.ts';
import { searchPostings } from './bm25.ts';
import type { Bm25Params, SubQuery } from './bm25.ts';
import { pack, unpack } from './packed.ts';
import type { PackedArray } from './packed.ts';
import { PostingsBuilder, textFrequency, withLookups } from './postings.ts';
import type { Postings, PostingsData } from './postings.ts';
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
export const SNAPSHOT_VERSION = 4;
/** BM25 for the bigram signal: bigrams repeat within a clause more than words do, so term frequency saturates early. */
export const GRAM_BM25 = { k: 1.0, b: 0.75, d: 0.5 } as const;

/** The word signal's fields, in scoring order; `text` is the one document frequencies count. */
const WORD_FIELDS = ['title', 'path', 'text', 'departments'] as const;
const TEXT_FIELD = 2;
const WORD_BOOSTS = WORD_FIELDS.map((field) => FIELD_BOOSTS[field]);
const EXPANSION_BOOSTS = WORD_FIELDS.map((field) => FIELD_BOOSTS[field] * EXPANSION_BOOST);

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
  /** Every word of the clauses (for homophone matching), in order of first occurrence. */
  vocabulary(): IterableIterator<string>;
  /** The snapshot `loadIndex` reloads (a binary file: see packed.ts). */
  snapshot(): Uint8Array;
  /** The same snapshot as a JSON value (base64). */
  toJSON(): unknown;
}

/** Clauses in document order: grouped by plan (in order of first appearance), each plan's in corpus order. */
function documentOrder(clauses: readonly Clause[]): { docs: Clause[]; planIds: string[]; ranges: Range[] } {
  const groups = new Map<string, Clause[]>();
  for (const clause of clauses) {
    const group = groups.get(clause.planId);
    if (group) group.push(clause);
    else groups.set(clause.planId, [clause]);
  }
  const docs: Clause[] = [];
  const ranges: Range[] = [];
  for (const group of groups.values()) {
    ranges.push({ start: docs.length, end: docs.length + group.length });
    docs.push(...group);
  }
  return { docs, planIds: [...groups.keys()], ranges };
}

interface Range {
  start: number;
  end: number;
}

interface Parts {
  docs: Clause[];
  planIds: string[];
  words: Postings;
  grams: Postings;
}

function wrap({ docs, planIds, words, grams }: Parts): ClauseIndex {
  const partition = new Map(planIds.map((id, i) => [id, i]));
  const all = planIds.map((_, i) => i);
  const limit = docs.length * UBIQUITOUS_SHARE;
  const frequency = (term: string) => textFrequency(words, TEXT_FIELD, term);
  const isCommon = (term: string) => frequency(term) > limit;
  const rare = (terms: readonly string[]) => terms.filter((term) => !isCommon(term));
  const partsFor = (options: SearchOptions) =>
    options.planIds
      ? options.planIds.flatMap((id) => {
          const p = partition.get(id);
          return p === undefined ? [] : [p];
        })
      : all;
  /** The best `limit` hits over the parts searched (as if each part gave its best `limit` and these were merged). */
  const merged = (
    postings: Postings,
    queries: SubQuery[],
    params: Bm25Params,
    options: SearchOptions,
    withTerms: boolean,
  ) => searchPostings(postings, queries, partsFor(options), params, options.limit, withTerms);
  const snapshot = () => {
    const header = {
      version: SNAPSHOT_VERSION,
      planIds,
      documents: docs.length,
      words: { terms: words.terms, textTerms: words.textTerms },
      grams: { terms: grams.terms, textTerms: grams.textTerms },
    };
    const arrays = (p: Postings): PackedArray[] => [p.offsets, p.docs, p.freqs, p.lengths];
    return pack(header, [...arrays(words), ...arrays(grams)]);
  };
  return {
    search(query, options) {
      const queries: SubQuery[] = [
        { terms: rare(query.words), boosts: WORD_BOOSTS, prefix: options.prefix ?? false },
        { terms: rare(query.expansions), boosts: EXPANSION_BOOSTS, prefix: false },
      ].filter((q) => q.terms.length > 0);
      if (queries.length === 0) return [];
      return merged(words, queries, BM25, options, true).map((hit) => ({
        clause: docs[hit.doc] as Clause,
        score: hit.score,
        terms: hit.terms,
      }));
    },
    searchGrams(query, options) {
      const useful = [...new Set(query)].filter((gram) => {
        const n = textFrequency(grams, 0, gram);
        return n > 0 && n <= limit;
      });
      if (useful.length === 0) return [];
      const queries = [{ terms: useful, boosts: [1], prefix: false }];
      return merged(grams, queries, GRAM_BM25, options, false).map((hit) => ({
        clause: docs[hit.doc] as Clause,
        score: hit.score,
      }));
    },
    isCommon,
    frequency,
    size: docs.length,
    vocabulary: () => words.terms.slice(0, words.textTerms).values(),
    snapshot,
    toJSON: () => ({ version: SNAPSHOT_VERSION, packed: Buffer.from(snapshot()).toString('base64') }),
  };
}

/** Builds the index over the given clauses (once, at start-up): one part per plan, document frequencies over all. */
export function buildIndex(clauses: readonly Clause[], tokenizer: Tokenizer): ClauseIndex {
  const { docs, planIds, ranges } = documentOrder(clauses);
  const words = new PostingsBuilder(WORD_FIELDS.length, TEXT_FIELD);
  const grams = new PostingsBuilder(1, 0);
  // Paths and department lists repeat from clause to clause: each distinct one is segmented once.
  const seen = new Map<string, string[]>();
  const cached = (text: string) => {
    let tokens = seen.get(text);
    if (!tokens) seen.set(text, (tokens = tokenizer.words(text)));
    return tokens;
  };
  for (const clause of docs) {
    const departments = clause.departments
      ? [...clause.departments.lead, ...clause.departments.participating].join(' ')
      : '';
    words.add([
      tokenizer.words(heading(clause)),
      cached(clause.path.join(' ')),
      tokenizer.words(clause.text),
      cached(departments),
    ]);
    // The bigram field as MiniSearch saw it: the bigrams joined by spaces, split again (no bigram gives one empty token).
    grams.add([tokenizer.grams(clause.text).join(' ').split(' ')]);
  }
  return wrap({
    docs,
    planIds,
    words: withLookups(words.finish(), ranges),
    grams: withLookups(grams.finish(), ranges),
  });
}

interface Header {
  version?: number;
  planIds?: string[];
  documents?: number;
  words?: { terms: string[]; textTerms: number };
  grams?: { terms: string[]; textTerms: number };
}

/**
 * Reloads a snapshot made by `snapshot()` (bytes) or `toJSON()` (its JSON text) over the same clauses. Throws when it is
 * not a snapshot of this version or of these clauses.
 */
export function loadIndex(
  snapshot: Uint8Array | string,
  clauses: readonly Clause[],
  tokenizer: Tokenizer,
): ClauseIndex {
  void tokenizer; // the snapshot holds the tokens: the tokenizer is only needed to build
  const bytes =
    typeof snapshot === 'string'
      ? Buffer.from((JSON.parse(snapshot) as { packed?: string }).packed ?? '', 'base64')
      : snapshot;
  const { header, arrays } = unpack(bytes);
  const h = header as Header;
  const { docs, planIds, ranges } = documentOrder(clauses);
  if (
    h.version !== SNAPSHOT_VERSION ||
    h.documents !== docs.length ||
    !h.words ||
    !h.grams ||
    JSON.stringify(h.planIds) !== JSON.stringify(planIds) ||
    arrays.length !== 8
  ) {
    throw new Error('index: snapshot is not of this version');
  }
  const data = (meta: { terms: string[]; textTerms: number }, fields: number, at: number): PostingsData => ({
    terms: meta.terms,
    textTerms: meta.textTerms,
    fields,
    offsets: arrays[at] as Uint32Array,
    docs: arrays[at + 1] as Uint32Array,
    freqs: arrays[at + 2] as Uint16Array,
    lengths: arrays[at + 3] as Uint16Array,
  });
  return wrap({
    docs,
    planIds,
    words: withLookups(data(h.words, WORD_FIELDS.length, 0), ranges),
    grams: withLookups(data(h.grams, 1, 4), ranges),
  });
}
