// Reads a plan's indicator table (专栏1) from a stream of cells, whatever the layout: tab cells, one cell per line, spaces.
import { problem } from './problems.ts';
import type { IndicatorRow, ParseWarning } from './types.ts';
import { cleanLine } from './text.ts';

export interface Cell {
  text: string;
  line: number;
}

export interface IndicatorCells {
  header: Cell[];
  rows: { number: string; cells: Cell[]; record: IndicatorRow }[];
  problems: ParseWarning[];
}

const ROW_START = /^(\d{1,2})\s*[.．](?!\d)\s*/;
const ATTRIBUTE = /^(约束性|预期性)$/;
const HEADER_CELL = /^(类别|指标|属性|20\d\d年)$/;
const UNIT = /\s*[（(]([^（）()]+)[）)]\s*$/;

/** Cells of one table line: tab-separated cells, or the whole line when it has no tabs. */
export function splitTableLine(raw: string): string[] {
  return raw
    .split('\t')
    .map(cleanLine)
    .filter((cell) => cell !== '');
}

/** A row written on one line with spaces (济宁): "1. 名称（%） 100 100 预期性" → name, values, attribute. */
function splitSpacedRow(cell: Cell, valueCount: number): Cell[] {
  const tokens = cell.text.split(/\s+/);
  const attribute = tokens[tokens.length - 1] ?? '';
  if (!ATTRIBUTE.test(attribute) || tokens.length < valueCount + 2) return [cell];
  const values = tokens.slice(tokens.length - 1 - valueCount, tokens.length - 1);
  const name = tokens.slice(0, tokens.length - 1 - valueCount).join(' ');
  return [name, ...values, attribute].map((text) => ({ text, line: cell.line }));
}

/** Assembles indicator rows from the cells of a table, in order. Category cells carry over to the rows below them. */
export function parseIndicatorCells(cells: Cell[]): IndicatorCells {
  const header: Cell[] = [];
  const rows: IndicatorCells['rows'] = [];
  const problems: ParseWarning[] = [];
  const headerText = cells
    .slice(0, 8)
    .map((c) => c.text)
    .join(' ');
  const has2020 = /2020/.test(headerText);
  const valueCount = has2020 ? 2 : 1;

  let category: string | null = null;
  let pending: Cell[] = [];
  let row: Cell[] | null = null;

  const finish = (attribute: Cell) => {
    if (!row) return;
    row.push(attribute);
    const nameCell = row.find((c) => ROW_START.test(c.text)) as Cell;
    const numberMatch = ROW_START.exec(nameCell.text);
    const fullName = nameCell.text.slice(numberMatch?.[0].length ?? 0).trim();
    const unit = UNIT.exec(fullName);
    const values = row.slice(row.indexOf(nameCell) + 1, -1).map((c) => c.text);
    if (values.length !== valueCount) {
      problems.push(
        problem(nameCell.line, 'INDICATOR_VALUE_COUNT', { name: fullName, count: values.length, expected: valueCount }),
      );
    }
    rows.push({
      number: numberMatch?.[0].trim() ?? '',
      cells: row,
      record: {
        category,
        name: unit ? fullName.slice(0, unit.index).trim() : fullName,
        unit: unit?.[1] ?? null,
        value2020: has2020 ? (values[0] ?? null) : null,
        value2025: values[values.length - 1] ?? '',
        attribute: attribute.text as IndicatorRow['attribute'],
      },
    });
    row = null;
  };

  for (const original of cells) {
    const parts = ROW_START.test(original.text) ? splitSpacedRow(original, valueCount) : [original];
    for (const cell of parts) {
      if (ROW_START.test(cell.text)) {
        if (row) problems.push(problem(cell.line, 'INDICATOR_NO_ATTRIBUTE', { before: cell.text }));
        row = [...pending, cell];
        pending = [];
      } else if (ATTRIBUTE.test(cell.text)) {
        if (row) finish(cell);
        else problems.push(problem(cell.line, 'INDICATOR_ATTRIBUTE_OUTSIDE', { text: cell.text }));
      } else if (row) {
        row.push(cell);
      } else if (rows.length === 0 && HEADER_CELL.test(cell.text.replace(/\s+/g, ''))) {
        header.push(cell);
      } else if (rows.length === 0 && /^指标.*属性$/.test(cell.text.replace(/\s+/g, ''))) {
        header.push(cell);
      } else {
        category = cell.text;
        pending = [cell];
      }
    }
  }
  if (row) problems.push(problem((row as Cell[])[0]?.line ?? 0, 'INDICATOR_TABLE_ENDS_IN_ROW', {}));
  for (const cell of pending) problems.push(problem(cell.line, 'INDICATOR_CELL_ORPHAN', { text: cell.text }));
  return { header, rows, problems };
}
