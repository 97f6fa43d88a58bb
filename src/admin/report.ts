// The validation report of an uploaded text: the corpus:check counts, and each warning and error with its line.
import { checkPlan } from '../corpus/check.ts';
import type { PlanCounts } from '../corpus/check.ts';
import type { PlanProblem } from '../corpus/problems.ts';
import type { Plan, PlanKind } from '../corpus/types.ts';
import { sentence } from './sentences.ts';
import { looksLikeGuide } from '../corpus/guide.ts';

export interface ReportEntry {
  /** 1-based line of the extracted text (0: the document as a whole). */
  line: number;
  message: string;
  /** The id of the clause the preview shows the line in (src/admin/report-places.ts): the report links there. */
  clause?: string;
}

export interface ValidationReport {
  counts: PlanCounts;
  clauses: number;
  warnings: ReportEntry[];
  errors: ReportEntry[];
}

/** A problem checkPlan found, with its line and its code worded in Chinese (src/admin/sentences.ts). */
function entry(found: PlanProblem): ReportEntry {
  return { line: found.line, message: sentence(found) };
}

/** Checks a parsed upload exactly as `npm run corpus:check` checks a shipped plan, plus whether it has any structure. */
export function validate(plan: Plan, text: string): ValidationReport {
  const check = checkPlan(plan, text, 'upload');
  const warnings = check.warnings.map(entry);
  const structured = plan.clauses.some((clause) => clause.kind !== 'paragraph');
  if (!structured) {
    warnings.unshift({
      line: 0,
      message: '没有识别出章节结构（一、/第一章/第一条），全文按段落收录：可以搜索和引用，但没有标题路径。',
    });
  }
  const errors = check.errors.map(entry);
  if (plan.clauses.length === 0) errors.push({ line: 0, message: '文件里没有可收录的文字。' });
  return { counts: check.counts, clauses: plan.clauses.length, warnings, errors };
}

const TITLE_ENDS = /(规划|办法|细则|规定|方案|通知|意见|条例|流程|指南)$/;

/** The document's own title: the first short line near the top that ends like a title, else the first line. */
export function detectTitle(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 40);
  const candidates = lines.filter((line) => line.length <= 60 && TITLE_ENDS.test(line));
  // The covering notice (关于印发…的通知) comes first in a published plan; the document's own title follows it.
  const own = candidates.find((line) => !/印发|通知$/.test(line));
  return (own ?? candidates[0] ?? lines[0] ?? '').slice(0, 100);
}

/** rules when it is written as articles (第一条), guide when it has 办事指南 fields, notice when its title is a 通知. */
export function detectKind(text: string, title: string): PlanKind {
  if (/^\s*第[一二三四五六七八九十百]+条/m.test(text)) return 'rules';
  if (looksLikeGuide(text)) return 'guide';
  return /通知$/.test(title) ? 'notice' : 'plan';
}

/** "2021-2025" from 2021—2025年 / 2021至2025年, or 十四五; empty when the text names no period. */
export function detectPeriod(text: string): string {
  const m = /(20\d\d)\s*[-—–至到~]\s*(20\d\d)\s*年/.exec(text);
  if (m) return `${m[1]}-${m[2]}`;
  return text.includes('十四五') ? '2021-2025' : '';
}
