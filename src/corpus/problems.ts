// What the plan parser and corpus:check find wrong with a plan, as a stable code with the line and the values it
// names. The English sentence is for developers (logs, npm run corpus:check); staff read the code worded in Chinese
// (src/admin/sentences.ts), so no message is ever parsed back.

/** The values a problem names: clause ids, heading numbers, counts, an excerpt of the line. */
export type ProblemValues = Readonly<Record<string, string | number>>;

const MESSAGES = {
  CHAPTER_OUT_OF_ORDER: (v) => `chapter ${v.number} follows chapter ${v.previous}`,
  CHAPTER_JOINED: (v) => `line looks like chapter ${v.number} out of order; joined to the clause before`,
  SECTION_OUT_OF_ORDER: (v) => `section ${v.number} follows section ${v.previous}`,
  ARTICLE_OUT_OF_ORDER: (v) => `article ${v.number} follows article ${v.previous}`,
  ITEM_OUT_OF_ORDER: (v) => `item ${v.number} follows item ${v.previous}`,
  ITEM_JOINED: (v) => `"${v.number}" does not continue item ${v.previous}; joined as text`,
  BOX_OUT_OF_ORDER: (v) => `专栏${v.number} follows 专栏${v.previous}`,
  BOX_ENTRY_OUT_OF_ORDER: (v) => `box entry ${v.number} follows ${v.previous}`,
  BOX_WITHOUT_HEADING: (v) => `box entries without a 专栏 heading; read as 专栏${v.number}`,
  INDICATOR_VALUE_COUNT: (v) => `indicator "${v.name}" has ${v.count} values, expected ${v.expected}`,
  INDICATOR_NO_ATTRIBUTE: (v) => `indicator row before "${v.before}" has no 约束性/预期性`,
  INDICATOR_ATTRIBUTE_OUTSIDE: (v) => `attribute "${v.text}" outside an indicator row`,
  INDICATOR_TABLE_ENDS_IN_ROW: () => 'indicator table ends inside a row',
  INDICATOR_CELL_ORPHAN: (v) => `indicator cell "${v.text}" belongs to no row`,
  CLAUSE_ID_RENAMED: (v) => `duplicate clause id ${v.id}; stored as ${v.renamed}`,
  CLAUSE_EMPTY: (v) => `clause ${v.id} is empty`,
  CLAUSE_TOO_LONG: (v) => `clause ${v.id} has ${v.chars} characters (limit ${v.limit})`,
  LINE_NOT_PLACED: (v) => `line is in no clause and not skipped: "${v.text}"`,
  DUPLICATE_CLAUSE_ID: (v) => `duplicate clause id ${v.id} (first at line ${v.first})`,
} satisfies Record<string, (values: ProblemValues) => string>;

export type ProblemCode = keyof typeof MESSAGES;

export interface PlanProblem {
  /** 1-based line of the plan's text (0: the document as a whole). */
  line: number;
  code: ProblemCode;
  values: ProblemValues;
  /** The problem as an English sentence for developers. */
  message: string;
}

export function problem(line: number, code: ProblemCode, values: ProblemValues): PlanProblem {
  return { line, code, values, message: MESSAGES[code](values) };
}
