// Where each problem of an upload report is in the preview: the clause its line falls in (the innermost one), else the
// last clause before it (a line left out of every clause sits after it), so the report can link to that place.
import type { Clause } from '../corpus/types.ts';
import type { ReportEntry, ValidationReport } from './report.ts';

/** The id of the clause the preview shows `line` in or right after; null for line 0 (the whole document). */
export function placeOf(clauses: readonly Pick<Clause, 'id' | 'lines'>[], line: number): string | null {
  if (line <= 0 || clauses.length === 0) return null;
  let inside: Pick<Clause, 'id' | 'lines'> | null = null;
  let before: Pick<Clause, 'id' | 'lines'> | null = null;
  for (const clause of clauses) {
    const [from, to] = clause.lines;
    if (from <= line && line <= to && (!inside || to - from < inside.lines[1] - inside.lines[0])) inside = clause;
    if (from <= line && (!before || from >= before.lines[0])) before = clause;
  }
  return (inside ?? before ?? clauses[0])?.id ?? null;
}

/** The report with each entry's place in the preview (`clause`), where it has one. */
export function withPlaces(
  report: ValidationReport,
  clauses: readonly Pick<Clause, 'id' | 'lines'>[],
): ValidationReport {
  const place = (entry: ReportEntry): ReportEntry => {
    const clause = placeOf(clauses, entry.line);
    return clause ? { ...entry, clause } : entry;
  };
  return { ...report, warnings: report.warnings.map(place), errors: report.errors.map(place) };
}
