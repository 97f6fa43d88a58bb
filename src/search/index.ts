// The clause index, one MiniSearch per plan (a question about one city costs the same at 5 or 500 plans) over its
// citable clauses: word fields tokenized by the one tokenizer, and a field of character bigrams (a second signal that does
// not depend on word segmentation); and each word's and bigram's document frequency over all clauses. MiniSearch scores
// each field with that field's own statistics, so searching only the word fields, or only the bigrams, ranks exactly as
// two separate indexes would, while a term that is both a word and a bigram (康复, 补贴) is kept once.
import MiniSearch from 'minisearch';
import type { Options, SearchResult } from 'minisearch';
import type { Clause } from '../corpus/types.ts';
import { heading } from '../corpus/parse.ts';
import { clauseIn } from '../corpus/corpus.ts';
import type { QueryTerms, Tokenizer } from './types.ts';
import type { WantedTerms } from './part-codec.ts';
import { createParts } from './parts.ts';
import type { PartSource } from './parts.ts';
import type { Residency } from './residency.ts';

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
export const SNAPSHOT_VERSION = 8;
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

/** What a question about a plan is routed by (src/answer/router.ts): the words of its headings and the plan terms it uses. */
export interface PlanOutline {
  headings: string[];
  terms: string[];
}

export interface ClauseIndex {
  search(query: QueryTerms, options: SearchOptions): IndexHit[];
  /** The bigram signal: clauses ranked by the character bigrams they share with `grams`. */
  searchGrams(grams: readonly string[], options: SearchOptions): GramHit[];
  /** True for a word in more than UBIQUITOUS_SHARE of the clauses (it says nothing about relevance). */
  isCommon(term: string): boolean;
  /** In how many citable clauses a word occurs. */
  frequency(term: string): number;
  /** How informative a word is over the clauses: log((size + 1) / (frequency + 0.5)). */
  idf(term: string): number;
  /** Number of indexed clauses. */
  size: number;
  /**
   * Is this word (one of the `candidates` the index was built with) one of the clauses' words that they also use other
   * than right before 县, 区, 市, 镇, 乡 or 旗 (高台 in 高台县 only is a place; 延长 in 延长期限 a word)? With `besides`,
   * only a use in another plan counts: a county's own city names things after it (山丹温馨, a 山丹 charity).
   */
  usedPlainly(word: string, besides?: string): boolean;
  /** Every word of the clauses (for homophone matching). */
  vocabulary(): IterableIterator<string>;
  /** Plan ids with a part, in corpus order. */
  planIds: readonly string[];
  /** A plan's outline, for the plan-level router. */
  outline(planId: string): PlanOutline | undefined;
  /** Resolves when these plans' parts are in memory, loading the missing ones off the request path. */
  prepare(planIds: readonly string[]): Promise<void>;
  /**
   * Loads one plan's part not in memory yet (a part is otherwise loaded when first searched) while the memory budget
   * has room; resolves false once it has none or every part is loaded. Call it while idle after start-up.
   */
  warm(): Promise<boolean>;
  /** Parts in memory, their estimated bytes, loads and drops so far. */
  residency(): ReturnType<Residency<unknown>['stats']>;
}

/** The one options object used both to build and to reload the index. */
export function indexOptions(
  tokenizer: Tokenizer,
  words: (text: string) => string[] = tokenizer.words,
): Options<IndexedClause> {
  return {
    idField: 'id',
    fields: [...WORD_FIELDS, GRAM_FIELD],
    storeFields: [],
    // The bigrams are split already; every other field goes through the one tokenizer (`words`: its words, remembered).
    tokenize: (text, field) => (field === GRAM_FIELD ? text.split(' ') : words(text)),
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

/**
 * Each plan's citable clauses, read when its part is built or rebuilt and when its search hits are returned: a national
 * corpus does not hold every plan's clauses (src/corpus/plan-cache.ts reads them on demand).
 */
export interface ClauseSource {
  /** Plan ids in corpus order. */
  planIds: readonly string[];
  clausesOf(planId: string): readonly Clause[];
  /** What a plan's clauses were parsed from, as a key (Plan.source), when known: the snapshot is keyed without them. */
  sourceOf?(planId: string): string | undefined;
}

/** A ClauseSource over clauses already in memory (tools, tests, eval), plans in the order their clauses come. */
export function clausesByPlan(clauses: readonly Clause[]): ClauseSource {
  const byPlan = new Map<string, Clause[]>();
  for (const clause of clauses) {
    const own = byPlan.get(clause.planId);
    if (own) own.push(clause);
    else byPlan.set(clause.planId, [clause]);
  }
  return { planIds: [...byPlan.keys()], clausesOf: (planId) => byPlan.get(planId) ?? [] };
}

/** A plan's part, its document frequencies' share and its outline, as building yields them one plan at a time. */
export interface BuiltPart {
  planId: string;
  part: MiniSearch<IndexedClause>;
  outline: PlanOutline;
}

/** The statistics over all clauses that every part shares. */
export interface IndexStatistics {
  df: Map<string, number>;
  gramDf: Map<string, number>;
  /** Each plan's outline (a snapshot reads one from its file when asked). */
  outlines: Pick<ReadonlyMap<string, PlanOutline>, 'get'>;
  /** Number of clauses. */
  size: number;
  /** The candidate words used plainly (ClauseIndex.usedPlainly) → the plans that use them so. */
  plain: Map<string, string[]>;
}

/** The character after a place name's stem that makes it a place (高台县, 任城区). */
const PLACE_SUFFIX = /[县区市镇乡旗]/;

/** The candidates `text` uses other than right before PLACE_SUFFIX (one pass over the text). */
function findPlain(text: string, candidates: ReadonlySet<string>, lengths: readonly number[]): Set<string> {
  const found = new Set<string>();
  for (let at = 0; at < text.length; at++) {
    for (const length of lengths) {
      const word = text.slice(at, at + length);
      if (word.length === length && candidates.has(word) && !PLACE_SUFFIX.test(text[at + length] ?? ''))
        found.add(word);
    }
  }
  return found;
}

/**
 * Builds the parts one plan at a time, handing each to `onPart` (which keeps or writes it): a national corpus's parts
 * never need to be in memory at once. Returns the statistics over all clauses.
 */
export function buildParts(
  source: ClauseSource,
  tokenizer: Tokenizer,
  onPart: (built: BuiltPart) => void,
  candidates: readonly string[] = [],
): IndexStatistics {
  const df = new Map<string, number>();
  const gramDf = new Map<string, number>();
  const outlines = new Map<string, PlanOutline>();
  const count = (counts: Map<string, number>, terms: readonly string[]) => {
    for (const term of new Set(terms)) counts.set(term, (counts.get(term) ?? 0) + 1);
  };
  const wanted = new Set(candidates);
  const lengths = [...new Set(candidates.map((word) => word.length))];
  const found = new Map<string, string[]>();
  let size = 0;
  // A clause's text is segmented once: for its document frequencies and, remembered, for its part.
  let last = { text: '', words: [] as string[] };
  const remembered = (text: string) => (text === last.text ? last.words : tokenizer.words(text));
  for (const planId of source.planIds) {
    const own = source.clausesOf(planId);
    size += own.length;
    if (wanted.size > 0)
      for (const word of findPlain(own.map((clause) => clause.text).join('\n'), wanted, lengths))
        found.set(word, [...(found.get(word) ?? []), planId]);
    const part = new MiniSearch<IndexedClause>(indexOptions(tokenizer, remembered));
    const words = new Set<string>();
    const headings = new Set<string>();
    for (const clause of own) {
      const textWords = tokenizer.words(clause.text);
      last = { text: clause.text, words: textWords };
      const document = toDocument(clause, tokenizer);
      part.add(document);
      count(df, textWords);
      count(gramDf, document.grams.split(' '));
      for (const word of textWords) words.add(word);
      headings.add(document.path).add(document.title);
    }
    const headingWords = new Set([...headings].flatMap((text) => tokenizer.words(text)));
    const outline = { headings: [...headingWords], terms: [...words].filter((word) => tokenizer.terms.has(word)) };
    outlines.set(planId, outline);
    onPart({ planId, part, outline });
  }
  return { df, gramDf, outlines, size, plain: new Map([...found].filter(([word]) => df.has(word))) };
}

/**
 * The index over `clauses`: each part from `source`, in memory under the source's budget (least recently searched
 * dropped first when the source can read it back), and the statistics over all clauses.
 */
export function createIndex(
  source: PartSource<IndexedClause>,
  statistics: IndexStatistics,
  clauses: ClauseSource,
  tokenizer: Tokenizer,
): ClauseIndex {
  const { df, gramDf, outlines, plain } = statistics;
  /** A part whose serialized form is damaged is rebuilt from its clauses: it costs this plan a rebuild, never an answer. */
  const rebuilt = (planId: string) => {
    const part = new MiniSearch<IndexedClause>(indexOptions(tokenizer));
    for (const clause of clauses.clausesOf(planId)) part.add(toDocument(clause, tokenizer));
    return part;
  };
  const parts = createParts(source, indexOptions(tokenizer), rebuilt);
  const clauseOf = (planId: string, id: string) => clauseIn(clauses.clausesOf(planId), id);
  const limit = statistics.size * UBIQUITOUS_SHARE;
  const isCommon = (term: string) => (df.get(term) ?? 0) > limit;
  const rare = (terms: string[]) => terms.filter((term) => !isCommon(term));
  /**
   * The best `limit` hits over the parts searched, each part contributing at most `limit`, with their clauses (a hit
   * whose clause is gone is left out).
   */
  const merged = (
    options: SearchOptions,
    wanted: WantedTerms,
    search: (part: MiniSearch<IndexedClause>) => SearchResult[],
  ) =>
    (options.planIds ?? source.ids)
      .flatMap((planId) => {
        const part = parts.forSearch(planId, wanted);
        return part
          ? search(part)
              .slice(0, options.limit)
              .map((result) => ({ result, clause: clauseOf(planId, result.id as string) }))
          : [];
      })
      .sort((a, b) => b.result.score - a.result.score)
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
      const wanted = { terms: [...words, ...expansions], prefixes: options.prefix ? words : [] };
      return merged(options, wanted, (part) => part.search(search)).flatMap(({ result, clause }) =>
        clause ? [{ clause, score: result.score, terms: result.terms }] : [],
      );
    },
    searchGrams(query, options) {
      const useful = [...new Set(query)].filter((gram) => (gramDf.get(gram) ?? 0) <= limit && gramDf.has(gram));
      if (useful.length === 0) return [];
      const search = { combineWith: 'OR' as const, queries: joined(useful), fields: [GRAM_FIELD], bm25: GRAM_BM25 };
      return merged(options, { terms: useful, prefixes: [] }, (part) => part.search(search)).flatMap(
        ({ result, clause }) => (clause ? [{ clause, score: result.score }] : []),
      );
    },
    isCommon,
    frequency: (term) => df.get(term) ?? 0,
    idf: (term) => Math.log((statistics.size + 1) / ((df.get(term) ?? 0) + 0.5)),
    size: statistics.size,
    usedPlainly: (word, besides) => (plain.get(word) ?? []).some((planId) => planId !== besides),
    vocabulary: () => df.keys(),
    planIds: source.ids,
    outline: (planId) => outlines.get(planId),
    prepare: (planIds) => parts.prepare(planIds),
    warm: () => parts.warm(),
    residency: () => parts.stats(),
  };
}

const EXPANSION_BOOSTS = Object.fromEntries(
  Object.entries(FIELD_BOOSTS).map(([field, boost]) => [field, boost * EXPANSION_BOOST]),
);

/**
 * Builds the index in memory, every part kept (tests, eval; no snapshot to reload from): over clauses, or over a
 * ClauseSource with the `candidates` of ClauseIndex.usedPlainly.
 */
export function buildIndex(
  clauses: readonly Clause[] | ClauseSource,
  tokenizer: Tokenizer,
  candidates: readonly string[] = [],
): ClauseIndex {
  const source = 'planIds' in clauses ? clauses : clausesByPlan(clauses);
  const loaded = new Map<string, MiniSearch<IndexedClause>>();
  const statistics = buildParts(source, tokenizer, ({ planId, part }) => loaded.set(planId, part), candidates);
  const parts = { ids: [...loaded.keys()], loaded, sizeOf: () => 1, budgetBytes: Number.MAX_SAFE_INTEGER };
  return createIndex(parts, statistics, source, tokenizer);
}
