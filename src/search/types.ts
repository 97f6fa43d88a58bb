// Types shared by the tokenizer, the index and its callers.

/** One tokenizer for indexing, querying, the operator search and tests (see tokenize.ts). */
export interface Tokenizer {
  /** NFKC, full→half width, traditional→simplified, lower-case Latin. */
  normalize(text: string): string;
  /** `normalize` of each text, in one pass over them all (start-up: the lexicon, the gazetteer's place names). */
  normalizeAll(texts: readonly string[]): string[];
  /** Index-time words of a text: segmented with the domain dictionary, stopwords and punctuation removed. */
  words(text: string): string[];
  /**
   * Query-time analysis: the user's own words plus the plan terms their everyday words map to
   * (自闭症 → 孤独症, 坐公交 → 公共交通, wheelchair → 轮椅 → 辅助器具).
   */
  query(text: string): QueryTerms;
  /** Word segments of a normalized text with their positions (jieba's cut, not the overlapping cutForSearch). */
  segments(normalized: string): Segment[];
  /** The everyday phrases of a normalized text and the plan terms each stands for (longest match, no overlaps). */
  synonymSpans(normalized: string): Span[];
  /**
   * Character bigrams of a text (single-character Han runs and Latin/digit runs stay whole): the second signal. `normalized`
   * says the text has been through `normalize` already (a word of an analysed question).
   */
  grams(text: string, normalized?: boolean): string[];
  isStopword(word: string): boolean;
  /** jieba's part-of-speech tags of the word's parts (火星 → n, 以后 → f, 马上 → d), remembered per word. */
  tags(word: string): readonly string[];
  /** Plan and dictionary terms of the lexicon (userdict and synonym left sides), normalized. */
  terms: ReadonlySet<string>;
  /** Every everyday word of the synonym table (normalized) with the plan terms it stands for. */
  everyday(): IterableIterator<[string, string[]]>;
}

/** A word of a text at [start, end), with the shorter dictionary words inside it. */
export interface Segment {
  word: string;
  start: number;
  end: number;
  /** The word itself and the dictionary words inside it (cutForSearch parts and long sub-terms). */
  forms: string[];
  stopword: boolean;
}

/** A stretch of text at [start, end) that stands for plan terms (an everyday phrase, or a homophone of a plan term). */
export interface Span {
  start: number;
  end: number;
  terms: string[];
  /** For a stretch heard as another word (拖养的地方 as 托养的地方): that word, which the concept is read as. */
  heard?: string;
}

export interface QueryTerms {
  /** Normalized question text, everyday phrases left as typed. */
  normalized: string;
  /** Words of the question itself (stopwords removed). */
  words: string[];
  /** Plan terms added by the synonym table, not already in `words`. */
  expansions: string[];
}

/** A city a question can name: plan id, the name as /api/cities gives it, and every alias (市, traditional, counties). */
export interface CityAlias {
  planId: string;
  name: string;
  aliases: string[];
}
