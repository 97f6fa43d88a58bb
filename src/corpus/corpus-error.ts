// Why a plan or the manifest cannot be loaded, as fields (file, line, code) and as one sentence naming the file and line.

export type CorpusErrorCode =
  | 'MANIFEST_UNREADABLE'
  | 'MANIFEST_INVALID'
  | 'DUPLICATE_PLAN_ID'
  | 'PLAN_UNREADABLE'
  | 'NOT_UTF8'
  | 'NO_CLAUSES'
  | 'NOT_A_PLAN'
  | 'CLAUSE_ID_TAKEN'
  | 'CITY_TAKEN'
  | 'NO_PLANS';

export class CorpusError extends Error {
  override name = 'CorpusError';
  constructor(
    readonly code: CorpusErrorCode,
    /** The file at fault (a plan's text or the manifest). */
    readonly file: string,
    /** The 1-based line at fault, or null when the whole file is (unreadable, no plans list). */
    readonly line: number | null,
    message: string,
  ) {
    super(message);
  }
}
