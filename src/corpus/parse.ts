// Parses one plan's text into citable clauses: finds where the body starts, then hands each classified line to the
// PlanWalker (src/corpus/plan-walker.ts), which tracks what is open and builds the clauses (clause-builder.ts).
import type { Clause, ParseWarning, PlanMeta } from './types.ts';
import { classifyLine, leadPhrase } from './classify-line.ts';
import { ClauseBuilder } from './clause-builder.ts';
import { detectWrapWidth, findBodyStart, findTitleEnd, readLines } from './lines.ts';
import type { Line } from './lines.ts';
import { PlanWalker } from './plan-walker.ts';

export { leadPhrase };
export { MAX_CLAUSE_CHARS, heading } from './clause-builder.ts';

export interface ParseResult {
  clauses: Clause[];
  skipped: { line: number; reason: string }[];
  warnings: ParseWarning[];
}

/**
 * Parses a plan. Pure: text in, clauses out. Every non-blank line ends up in exactly one clause or in `skipped`.
 * `meta.title` locates the end of the title block (everything before it is the cover/notice).
 */
export function parsePlan(source: string, meta: Pick<PlanMeta, 'id' | 'city' | 'title'>): ParseResult {
  const built = new ClauseBuilder(meta);
  const lines = readLines(source);
  // A document with no chapter or article heading starts after its title line (if it has one) and loads as paragraphs.
  const found = findBodyStart(lines);
  const bodyStart = found >= 0 ? found : findTitleEnd(lines.slice(0, 10), meta.title) + 1;
  const titleEnd = findTitleEnd(lines.slice(0, bodyStart), meta.title);
  const walker = new PlanWalker(meta, built, detectWrapWidth(lines));

  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as Line;
    if (index < bodyStart) {
      walker.beforeBody(line, index <= titleEnd);
      continue;
    }
    if (walker.footer(lines, index)) break;
    if (walker.pageNumber(line)) continue;
    const token = classifyLine(line.text);
    if (walker.tableCells(token, line) || walker.implicitTable(lines, index)) continue;
    walker.line(token, line, lines, index);
  }
  walker.end();

  const { clauses, warnings } = built.finish();
  return { clauses, skipped: walker.skipped, warnings };
}
