// The clause list of one plan as the parser builds it: unique ids (a clash is renamed …-dupN with a warning), parent
// links, document order, wrapped lines joined; at the end whitespace collapsed, departments read, sizes checked.
import { problem, type ProblemCode, type ProblemValues } from './problems.ts';
import type { Clause, ClauseKind, IndicatorRow, ParseWarning, PlanMeta } from './types.ts';
import { parseIndicatorCells } from './indicators.ts';
import { leadPhrase } from './classify-line.ts';
import { collapseSpaces, endsWithAnnotation, joinWrapped, parseDepartments } from './text.ts';
import type { Line } from './lines.ts';

/** The longest clause text allowed; longer clauses are split at sentence ends. */
export const MAX_CLAUSE_CHARS = 1500;

/** A clause being built, with what the parser needs to know to continue it. */
export interface Draft {
  clause: Clause;
  /** A container that is no clause (a box whose 专栏 heading was lost); children attach to its parent. */
  virtual: boolean;
  /** How a following unnumbered line is treated: absorbed (items), split at paragraph ends, or never (headings). */
  absorb: 'always' | 'paragraph' | 'never';
  lastLine: Line | null;
}

/** What addClause needs to start a clause. */
export interface NewClause {
  /** The wanted id; a clash gets `-dup2`, `-dup3`… */
  id: string;
  kind: ClauseKind;
  /** The number as written ("三、", "（一）", "2.", "专栏2"), or null. */
  number: string | null;
  title: string;
  text: string;
  /** The line it starts on. */
  line: Line;
  parent: Draft | null;
  /** The headings above it. */
  path: string[];
  /** 1 chapter, 2 section or box, 3 box heading; 0 (the default) for items, entries, rows and paragraphs. */
  depth?: number;
  absorb: Draft['absorb'];
  /** A container only (not listed as a clause). */
  virtual?: boolean;
}

export class ClauseBuilder {
  readonly clauses: Clause[] = [];
  readonly warnings: ParseWarning[] = [];
  /** The clause the next unnumbered line may continue. */
  current: Draft | null = null;
  private readonly ids = new Set<string>();

  constructor(private readonly meta: Pick<PlanMeta, 'id' | 'city'>) {}

  warn(line: number, code: ProblemCode, values: ProblemValues): void {
    this.warnings.push(problem(line, code, values));
  }

  /** Starts a clause (and makes it the current one). */
  addClause(options: NewClause): Draft {
    const { id, line, parent, virtual = false } = options;
    let unique = id;
    if (this.ids.has(unique)) {
      let k = 2;
      while (this.ids.has(`${id}-dup${k}`)) k += 1;
      unique = `${id}-dup${k}`;
      this.warn(line.no, 'CLAUSE_ID_RENAMED', { id, renamed: unique });
    }
    this.ids.add(unique);
    const clause: Clause = {
      id: unique,
      planId: this.meta.id,
      city: this.meta.city,
      kind: options.kind,
      number: options.number,
      title: options.title,
      path: options.path,
      text: options.text,
      lines: [line.no, line.no],
      departments: null,
      indicator: null,
      parentId: (parent?.virtual ? parent.clause.parentId : parent?.clause.id) ?? null,
      order: this.clauses.length,
      depth: options.depth ?? 0,
    };
    if (!virtual) this.clauses.push(clause);
    const draft: Draft = { clause, virtual, absorb: options.absorb, lastLine: line };
    this.current = draft;
    return draft;
  }

  /** Starts a clause that is one unnumbered line (a paragraph, an unnumbered box entry), titled by its lead phrase. */
  addUnnumbered(options: Omit<NewClause, 'number' | 'title' | 'text'>): Draft {
    const { line } = options;
    return this.addClause({ ...options, number: null, title: leadPhrase(line.text), text: line.text });
  }

  /** Joins `line` to `draft` (a wrapped line or a continuation). */
  append(draft: Draft, line: Line): void {
    draft.clause.text = joinWrapped(draft.clause.text, line.text);
    draft.clause.lines[1] = line.no;
    draft.lastLine = line;
    if (draft.absorb === 'always' && endsWithAnnotation(draft.clause.text)) draft.absorb = 'paragraph';
  }

  /**
   * The indicator table of `box` from its cells: header cells join the box's own text, each row becomes an indicator
   * clause under it (with its parsed record); the table's problems become warnings.
   */
  addIndicatorTable(box: Draft, cells: { text: string; line: number }[], path: string[]): void {
    const result = parseIndicatorCells(cells);
    for (const cell of result.header) {
      extendRange(box.clause, cell.line);
      box.clause.text = [box.clause.text, cell.text].filter(Boolean).join(' ');
    }
    result.rows.forEach((row, index) => {
      const first = row.cells[0];
      const last = row.cells[row.cells.length - 1];
      if (!first || !last) return;
      const line: Line = { no: first.line, raw: '', text: '', width: 0, blanksBefore: 0 };
      const draft = this.addClause({
        id: `${box.clause.id}-${index + 1}`,
        kind: 'indicator',
        number: row.number,
        title: row.record.name,
        text: row.cells.map((c) => c.text).join(' '),
        line,
        parent: box,
        path,
        absorb: 'never',
      });
      draft.clause.lines = [first.line, last.line];
      draft.clause.indicator = row.record satisfies IndicatorRow;
    });
    this.warnings.push(...result.problems);
    this.current = null;
  }

  /** The finished clauses: whitespace collapsed, departments read, empty and oversized clauses warned about. */
  finish(): { clauses: Clause[]; warnings: ParseWarning[] } {
    for (const clause of this.clauses) {
      clause.text = collapseSpaces(clause.text);
      clause.departments = clause.kind === 'indicator' ? null : parseDepartments(clause.text);
      if (clause.text === '') this.warn(clause.lines[0], 'CLAUSE_EMPTY', { id: clause.id });
      if (clause.text.length > MAX_CLAUSE_CHARS)
        this.warn(clause.lines[0], 'CLAUSE_TOO_LONG', {
          id: clause.id,
          chars: clause.text.length,
          limit: MAX_CLAUSE_CHARS,
        });
    }
    return { clauses: this.clauses, warnings: this.warnings };
  }
}

/** Widens a clause's line range to include `line` (a range still empty, end before start, becomes that line). */
export function extendRange(clause: Clause, line: number): void {
  if (clause.lines[1] < clause.lines[0]) clause.lines = [line, line];
  clause.lines = [Math.min(clause.lines[0], line), Math.max(clause.lines[1], line)];
}

/** The heading of a clause as it appears in a path: its number and title, e.g. "（一）强化残疾人社会保障". */
export function heading(clause: Pick<Clause, 'number' | 'title' | 'kind'>): string {
  if (!clause.number) return clause.title;
  const gap = clause.kind === 'box' || /\d[.．]$|^第.+[章节条]$/.test(clause.number) ? ' ' : '';
  return `${clause.number}${gap}${clause.title}`.trim();
}
