// Checks a parsed plan against its source: every line placed, ids unique, clauses non-empty and within the size limit.
import type { Plan } from './types.ts';
import { MAX_CLAUSE_CHARS } from './parse.ts';
import { problem, type PlanProblem, type ProblemCode } from './problems.ts';
import { cleanLine } from './text.ts';

export interface PlanCounts {
  chapters: number;
  sections: number;
  items: number;
  boxes: number;
  boxHeadings: number;
  boxEntries: number;
  indicators: number;
  paragraphs: number;
  /** Clauses that carry a 牵头部门/参与部门/责任单位/牵头单位 annotation. */
  departmentAnnotations: number;
}

export interface PlanCheck {
  counts: PlanCounts;
  /** Where the plan's text is (`corpus/jining.txt`), for the messages of `located`. */
  source: string;
  /** Things worth a look that do not make the plan unusable (the parser's own warnings). */
  warnings: PlanProblem[];
  /** Things that break the promise that every span of the plan is quotable from exactly one clause. */
  errors: PlanProblem[];
}

/** Parser warnings that this check reports as errors itself, so they are not listed twice. */
const REPORTED_AS_ERRORS = new Set<ProblemCode>(['CLAUSE_ID_RENAMED', 'CLAUSE_EMPTY', 'CLAUSE_TOO_LONG']);

/** A problem as corpus:check prints it: `corpus/jining.txt:88 message`. */
export function located(check: Pick<PlanCheck, 'source'>, found: PlanProblem): string {
  return `${check.source}:${found.line} ${found.message}`;
}

/**
 * Checks one parsed plan against the text it was parsed from. Pure: no file access; `plan.file` only names the
 * source in messages (`corpus/jining.txt:88 …`). Non-blank means non-blank after Markdown bold and whitespace are removed.
 */
export function checkPlan(plan: Plan, source: string, dir = 'corpus'): PlanCheck {
  const errors: PlanProblem[] = [];

  const placed = new Set<number>(plan.skipped.map((s) => s.line));
  for (const clause of plan.clauses) {
    for (let line = clause.lines[0]; line <= clause.lines[1]; line += 1) placed.add(line);
  }
  source.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (cleanLine(raw) === '' || placed.has(line)) return;
    const excerpt = cleanLine(raw);
    const shown = excerpt.length > 30 ? `${excerpt.slice(0, 30)}…` : excerpt;
    errors.push(problem(line, 'LINE_NOT_PLACED', { text: shown }));
  });

  const firstLine = new Map<string, number>();
  for (const clause of plan.clauses) {
    const seen = firstLine.get(clause.id);
    if (seen !== undefined) {
      errors.push(problem(clause.lines[0], 'DUPLICATE_CLAUSE_ID', { id: clause.id, first: seen }));
    } else {
      firstLine.set(clause.id, clause.lines[0]);
    }
    if (/-dup\d+$/.test(clause.id)) {
      errors.push(
        problem(clause.lines[0], 'CLAUSE_ID_RENAMED', { id: clause.id.replace(/-dup\d+$/, ''), renamed: clause.id }),
      );
    }
    if (clause.text.trim() === '') errors.push(problem(clause.lines[0], 'CLAUSE_EMPTY', { id: clause.id }));
    if (clause.text.length > MAX_CLAUSE_CHARS) {
      errors.push(
        problem(clause.lines[0], 'CLAUSE_TOO_LONG', {
          id: clause.id,
          chars: clause.text.length,
          limit: MAX_CLAUSE_CHARS,
        }),
      );
    }
  }

  const warnings = plan.warnings.filter((w) => !REPORTED_AS_ERRORS.has(w.code));
  return { counts: countClauses(plan), source: `${dir}/${plan.file}`, warnings, errors };
}

function countClauses(plan: Plan): PlanCounts {
  const count = (kind: string) => plan.clauses.filter((c) => c.kind === kind).length;
  return {
    chapters: count('chapter'),
    sections: count('section'),
    items: count('item'),
    boxes: count('box'),
    boxHeadings: count('box-heading'),
    boxEntries: count('box-entry'),
    indicators: count('indicator'),
    paragraphs: count('paragraph'),
    departmentAnnotations: plan.clauses.filter((c) => c.departments !== null).length,
  };
}
