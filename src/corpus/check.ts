// Checks a parsed plan against its source: every line placed, ids unique, clauses non-empty and within the size limit.
import type { Plan } from './types.ts';
import { MAX_CLAUSE_CHARS } from './parse.ts';
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
  /** Things worth a look that do not make the plan unusable (the parser's own warnings). */
  warnings: string[];
  /** Things that break the promise that every span of the plan is quotable from exactly one clause. */
  errors: string[];
}

/** Parser warnings that this check reports as errors itself, so they are not listed twice. */
const REPORTED_AS_ERRORS = [/^duplicate clause id /, /^clause \S+ is empty$/, /^clause \S+ has \d+ characters/];

/**
 * Checks one parsed plan against the text it was parsed from. Pure: no file access; `plan.file` only names the
 * source in messages (`corpus/jining.txt:88 …`). Non-blank means non-blank after Markdown bold and whitespace are removed.
 */
export function checkPlan(plan: Plan, source: string, dir = 'corpus'): PlanCheck {
  const where = (line: number) => `${dir}/${plan.file}:${line}`;
  const errors: string[] = [];

  const placed = new Set<number>(plan.skipped.map((s) => s.line));
  for (const clause of plan.clauses) {
    for (let line = clause.lines[0]; line <= clause.lines[1]; line += 1) placed.add(line);
  }
  source.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (cleanLine(raw) === '' || placed.has(line)) return;
    const excerpt = cleanLine(raw);
    const shown = excerpt.length > 30 ? `${excerpt.slice(0, 30)}…` : excerpt;
    errors.push(`${where(line)} line is in no clause and not skipped: "${shown}"`);
  });

  const firstLine = new Map<string, number>();
  for (const clause of plan.clauses) {
    const seen = firstLine.get(clause.id);
    if (seen !== undefined) {
      errors.push(`${where(clause.lines[0])} duplicate clause id ${clause.id} (first at line ${seen})`);
    } else {
      firstLine.set(clause.id, clause.lines[0]);
    }
    if (/-dup\d+$/.test(clause.id)) {
      errors.push(
        `${where(clause.lines[0])} clause id ${clause.id.replace(/-dup\d+$/, '')} is used twice (renamed ${clause.id})`,
      );
    }
    if (clause.text.trim() === '') errors.push(`${where(clause.lines[0])} clause ${clause.id} is empty`);
    if (clause.text.length > MAX_CLAUSE_CHARS) {
      errors.push(
        `${where(clause.lines[0])} clause ${clause.id} has ${clause.text.length} characters (limit ${MAX_CLAUSE_CHARS})`,
      );
    }
  }

  const warnings = plan.warnings
    .filter((w) => !REPORTED_AS_ERRORS.some((pattern) => pattern.test(w.message)))
    .map((w) => `${where(w.line)} ${w.message}`);

  return { counts: countClauses(plan), warnings, errors };
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
