// The parser's and corpus:check's problems (src/corpus/problems.ts) worded in Chinese for staff reading a report: one
// sentence per code, its {placeholders} filled from the problem's values. Every code has its sentence (type-checked).
import type { PlanProblem, ProblemCode } from '../corpus/problems.ts';
import { format } from '../server/page-text.ts';

const WORDING: Record<ProblemCode, string> = {
  CHAPTER_OUT_OF_ORDER: '章的编号不连续：“{number}”排在第 {previous} 章之后。',
  CHAPTER_JOINED: '这一行像是编号错位的“{number}”，已并入上一条的正文。',
  SECTION_OUT_OF_ORDER: '节的编号不连续：“{number}”排在第 {previous} 节之后。',
  ARTICLE_OUT_OF_ORDER: '条的编号不连续：“{number}”排在第 {previous} 条之后。',
  ITEM_OUT_OF_ORDER: '条目编号不连续：第 {number} 项排在第 {previous} 项之后。',
  ITEM_JOINED: '“{number}”不接第 {previous} 项的编号，已并入上一条的正文。',
  BOX_OUT_OF_ORDER: '专栏编号不连续：专栏{number} 排在专栏{previous} 之后。',
  BOX_ENTRY_OUT_OF_ORDER: '专栏条目编号不连续：第 {number} 项排在第 {previous} 项之后。',
  BOX_WITHOUT_HEADING: '这里的专栏条目没有“专栏”标题，按专栏{number} 收录。',
  INDICATOR_VALUE_COUNT: '指标“{name}”有 {count} 个数值，表头要求 {expected} 个。',
  INDICATOR_NO_ATTRIBUTE: '“{before}”之前的指标行没有写明约束性或预期性。',
  INDICATOR_ATTRIBUTE_OUTSIDE: '“{text}”不在任何指标行里。',
  INDICATOR_TABLE_ENDS_IN_ROW: '指标表在一行的中间结束了，请检查最后一行是否完整。',
  INDICATOR_CELL_ORPHAN: '指标表里的“{text}”不属于任何一行。',
  CLAUSE_ID_RENAMED: '条款编号 {id} 用了两次，第二处暂记为 {renamed}。',
  CLAUSE_EMPTY: '条款 {id} 没有内容。',
  CLAUSE_TOO_LONG: '条款 {id} 有 {chars} 个字，超过一条引用的上限 {limit} 字，请分段。',
  LINE_NOT_PLACED: '这一行没有归入任何条款：“{text}”。请检查它的编号或格式。',
  DUPLICATE_CLAUSE_ID: '条款编号 {id} 重复（第一次出现在第 {first} 行），请检查编号是否写重。',
};

/** The Chinese sentence for one problem. */
export function sentence(found: Pick<PlanProblem, 'code' | 'values'>): string {
  return format(WORDING[found.code], found.values);
}
