// Tables in a text PDF read from the text's positions (pdf.js getTextContent transforms), not from a flat dump: a Word
// table exported by LibreOffice or Office keeps each column's text at one x, and a cell that wraps continues on the
// next lines in its own column only. Each table row becomes one line of tab-separated cells, wrapped parts joined.
import { joinWrapped } from '../corpus/text.ts';

export interface PdfItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** The items of one printed line (one y), left to right, with the font size of its first item. */
export interface PrintedLine {
  y: number;
  size: number;
  items: PdfItem[];
}

interface Segment {
  x: number;
  text: string;
}

/** A gap wider than this many font heights between two items separates two cells of a table row. */
export const TABLE_GAP = 0.6;
/** A cell's text starts within this many points of its column's left edge. */
export const COLUMN_TOLERANCE = 2;
/** A table has at least this many columns and this many rows that fill two or more of them. */
const MIN_COLUMNS = 3;
const MIN_FULL_ROWS = 2;
/** A line whose first cell starts like this begins a new row (1. 一、 （一）), never continues the row above. */
const ROW_START = /^(?:\d{1,3}\s*[.．、]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)])/;

const xOf = (item: PdfItem) => item.transform[4] ?? 0;

/** The line's runs of text separated by gaps wider than TABLE_GAP font heights. */
export function segmentsOf(line: PrintedLine): Segment[] {
  const segments: Segment[] = [];
  let right = -Infinity;
  for (const item of line.items) {
    if (item.str.trim() === '') continue;
    const x = xOf(item);
    const last = segments[segments.length - 1];
    if (last && x - right <= line.size * TABLE_GAP) last.text += item.str;
    else segments.push({ x, text: item.str });
    right = x + item.width;
  }
  return segments.map((s) => ({ x: s.x, text: s.text.trim() }));
}

/** The column a segment starts in (the last column edge at or left of it), or -1 when it starts left of the table. */
function columnOf(columns: readonly number[], x: number): number {
  let found = -1;
  columns.forEach((edge, i) => {
    if (x >= edge - COLUMN_TOLERANCE) found = i;
  });
  return found;
}

/** Whether every segment starts on a column edge, each in its own column. */
function aligned(columns: readonly number[], segments: readonly Segment[]): boolean {
  const used = segments.map((s) => columnOf(columns, s.x));
  const onEdge = segments.every((s, i) => Math.abs(s.x - (columns[used[i] ?? -1] ?? -Infinity)) <= COLUMN_TOLERANCE);
  return onEdge && new Set(used).size === used.length && !used.includes(-1);
}

/**
 * The table that starts at `lines[start]`, if one does: its rows as cells and the index after its last line. A line
 * with one cell in a column (and no row number) continues the cells of the row above: a wrapped name ("（%）").
 */
function tableAt(lines: readonly Segment[][], start: number): { rows: string[][]; end: number } | null {
  const first = lines[start] ?? [];
  if (first.length < MIN_COLUMNS) return null;
  const columns = first.map((s) => s.x);
  const rows: string[][] = [];
  let full = 0;
  let end = start;
  for (let i = start; i < lines.length; i += 1) {
    const segments = lines[i] ?? [];
    if (segments.length === 0 || !aligned(columns, segments)) break;
    const startsRow = segments.length >= 2 || ROW_START.test(segments[0]?.text ?? '') || rows.length === 0;
    const row = startsRow ? columns.map(() => '') : (rows[rows.length - 1] as string[]);
    if (startsRow) rows.push(row);
    if (segments.length >= 2) full += 1;
    for (const s of segments) {
      const column = columnOf(columns, s.x);
      row[column] = joinWrapped(row[column] ?? '', s.text);
    }
    end = i + 1;
  }
  return full >= MIN_FULL_ROWS ? { rows, end } : null;
}

/**
 * A page's lines as text: table rows as tab-separated cells (empty trailing cells dropped), every other line as
 * `render` writes it.
 */
export function pageText(lines: readonly PrintedLine[], render: (line: PrintedLine) => string): string[] {
  const segments = lines.map(segmentsOf);
  const out: string[] = [];
  for (let i = 0; i < lines.length;) {
    const table = tableAt(segments, i);
    if (table) {
      for (const row of table.rows) out.push(row.join('\t').replace(/\t+$/, ''));
      i = table.end;
    } else {
      out.push(render(lines[i] as PrintedLine));
      i += 1;
    }
  }
  return out;
}
