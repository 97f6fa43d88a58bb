// Types shared by the tokenizer, the index and its callers.

/** One tokenizer for indexing, querying, the operator search and tests (see tokenize.ts). */
export interface Tokenizer {
  /** NFKC, full→half width, traditional→simplified, lower-case Latin. */
  normalize(text: string): string;
  /** Index-time words of a text: segmented with the domain dictionary, stopwords and punctuation removed. */
  words(text: string): string[];
  /**
   * Query-time analysis: the user's own words plus the plan terms their everyday words map to
   * (自闭症 → 孤独症, 坐公交 → 公共交通, wheelchair → 轮椅 → 辅助器具).
   */
  query(text: string): QueryTerms;
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
