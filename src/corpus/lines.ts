// A plan's text as lines the parser walks: cleaned, with their display width and the blank lines before them, and
// what the whole document says about them (its wrap width, where the title block ends and the body starts).
import { classifyLine, BODY_START, ENTRY_NOUNS, ITEM_VERBS, TOC_ENTRY, leadPhrase } from './classify-line.ts';
import { cleanLine, displayWidth, hasAnnotation, matchKey } from './text.ts';

export interface Line {
  no: number;
  raw: string;
  text: string;
  width: number;
  /** Blank lines directly before this one. */
  blanksBefore: number;
}

/** The non-blank lines of `source`, cleaned, numbered from 1 as in the file. */
export function readLines(source: string): Line[] {
  const lines: Line[] = [];
  let blanks = 0;
  source.split(/\r?\n/).forEach((raw, index) => {
    const text = cleanLine(raw);
    if (text === '') {
      blanks += 1;
      return;
    }
    lines.push({ no: index + 1, raw, text, width: displayWidth(text), blanksBefore: blanks });
    blanks = 0;
  });
  return lines;
}

/** Files hard-wrapped at a fixed width (济宁) have one width that most lines share. */
export function detectWrapWidth(lines: Line[]): number | null {
  const counts = new Map<number, number>();
  for (const line of lines) counts.set(Math.round(line.width), (counts.get(Math.round(line.width)) ?? 0) + 1);
  let best: [number, number] = [0, 0];
  for (const entry of counts) if (entry[1] > best[1]) best = entry;
  return best[1] >= lines.length * 0.2 && best[0] >= 15 ? best[0] : null;
}

/** The first chapter heading (一、, 第一章) or article (第一条) that is not a table-of-contents entry, or -1. */
export function findBodyStart(lines: Line[]): number {
  return lines.findIndex((line) => BODY_START.test(line.text) && !TOC_ENTRY.test(line.text));
}

/** The last front-matter line that completes the plan title (alone or with the line before it). */
export function findTitleEnd(front: Line[], title: string): number {
  const key = matchKey(title);
  for (let i = front.length - 1; i >= 0; i -= 1) {
    const here = matchKey((front[i] as Line).text);
    const withPrevious = i > 0 ? matchKey((front[i - 1] as Line).text) + here : here;
    if (here === key || withPrevious === key) return i;
  }
  return -1;
}

/** A line of two or more tab-separated cells. */
export function isRow(line: Line): boolean {
  return line.raw.split('\t').filter((cell) => cell.trim() !== '').length >= 2;
}

/** The header of an indicator table whose 专栏 heading was lost: 指标/类别… with 2025 within the next lines. */
export function isImplicitTableHeader(lines: Line[], index: number): boolean {
  const text = lines[index]?.text ?? '';
  // Whitespace aside, such a header starts with 指 or 类: other lines are refused before any copying.
  if (!/^\s*[指类]/.test(text)) return false;
  const compact = text.replace(/\s+/g, '');
  if (compact !== '指标' && !compact.startsWith('类别') && !/^指标.*2025/.test(compact)) return false;
  return lines
    .slice(index, index + 6)
    .map((l) => l.text)
    .join(' ')
    .includes('2025');
}

/** The line at `index` with the unnumbered lines that follow it. */
function blockText(lines: Line[], index: number): string {
  let text = lines[index]?.text ?? '';
  for (let j = index + 1; j < lines.length; j += 1) {
    const next = lines[j];
    if (!next || classifyLine(next.text).type !== 'text') break;
    text += next.text;
  }
  return text;
}

/**
 * Inside a numbered box: is the numbered line at `index` (number `n`, text after the number `rest`) the box's next
 * entry (true) or the section's next item (false)? `boxNext` and `sectionNext` are the numbers each one expects.
 */
export function isBoxEntry(
  lines: Line[],
  index: number,
  next: { n: number; boxNext: number; sectionNext: number; rest: string },
): boolean {
  const { n, boxNext, sectionNext, rest } = next;
  if (n === boxNext && n !== sectionNext) return true;
  if (n === sectionNext && n !== boxNext) return false;
  if (n !== boxNext) return true;
  // Both sequences expect this number: decide by the shape of the clause.
  const line = lines[index];
  if (line && line.blanksBefore >= 2) return false;
  if (hasAnnotation(blockText(lines, index))) return false;
  const title = leadPhrase(rest);
  if (ENTRY_NOUNS.test(title)) return true;
  return !ITEM_VERBS.test(title);
}
