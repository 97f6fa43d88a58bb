// Parses one plan's text into citable clauses: chapters, sections, items, 专栏 boxes, indicator rows, paragraphs.
import type { Clause, ClauseKind, IndicatorRow, ParseWarning, PlanMeta } from './types.ts';
import {
  cleanLine,
  collapseSpaces,
  displayWidth,
  endsSentence,
  endsWithAnnotation,
  hasAnnotation,
  joinWrapped,
  matchKey,
  parseDepartments,
} from './text.ts';
import { parseIndicatorCells, splitTableLine } from './indicators.ts';
import {
  BODY_START,
  ENTRY_NOUNS,
  FOOTER,
  ITEM_VERBS,
  MAX_BOX_HEADING_CHARS,
  PAGE_NUMBER,
  TOC_ENTRY,
  TOC_TITLE,
  leadPhrase,
  tokenize,
} from './tokens.ts';

export { leadPhrase };

/** The longest clause text allowed; longer clauses are split at sentence ends. */
export const MAX_CLAUSE_CHARS = 1500;

export interface ParseResult {
  clauses: Clause[];
  skipped: { line: number; reason: string }[];
  warnings: ParseWarning[];
}

interface Line {
  no: number;
  raw: string;
  text: string;
  width: number;
  /** Blank lines directly before this one. */
  blanksBefore: number;
}

interface Draft {
  clause: Clause;
  /** A container that is no clause (a box whose 专栏 heading was lost); children attach to its parent. */
  virtual: boolean;
  /** How a following unnumbered line is treated: absorbed (items), split at paragraph ends, or never (headings). */
  absorb: 'always' | 'paragraph' | 'never';
  lastLine: Line | null;
}

interface BoxState {
  draft: Draft;
  n: number;
  table: boolean;
  numbered: boolean | null;
  heading: Draft | null;
  headingN: number;
  entryN: number;
  /** Indicator-table cells seen so far and the line each came from. */
  cells: { text: string; line: number }[];
}

/**
 * Parses a plan. Pure: text in, clauses out. Every non-blank line ends up in exactly one clause or in `skipped`.
 * `meta.title` locates the end of the title block (everything before it is the cover/notice).
 */
export function parsePlan(source: string, meta: Pick<PlanMeta, 'id' | 'city' | 'title'>): ParseResult {
  const clauses: Clause[] = [];
  const skipped: ParseResult['skipped'] = [];
  const warnings: ParseWarning[] = [];
  const ids = new Set<string>();

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

  const wrapWidth = detectWrapWidth(lines);
  // A document with no chapter or article heading starts after its title line (if it has one) and loads as paragraphs.
  const found = findBodyStart(lines);
  const bodyStart = found >= 0 ? found : findTitleEnd(lines.slice(0, 10), meta.title) + 1;
  const titleEnd = findTitleEnd(lines.slice(0, bodyStart), meta.title);

  let chapter: Draft | null = null;
  let chapterN = 0;
  let section: Draft | null = null;
  let sectionN = 0;
  let itemN = 0;
  let box = null as BoxState | null;
  let lastBoxN = 0;
  let current = null as Draft | null;
  /** The open 第N条 article of rules: its （一） and 1. items stay inside it. */
  let article = null as Draft | null;
  let articleN = 0;
  const paragraphCounts = new Map<string, number>();

  const path = (...drafts: (Draft | null)[]) =>
    drafts.filter((d): d is Draft => d !== null).map((d) => heading(d.clause));

  function addClause(
    id: string,
    kind: ClauseKind,
    number: string | null,
    title: string,
    text: string,
    line: Line,
    parent: Draft | null,
    ancestors: string[],
    depth: number,
    absorb: Draft['absorb'],
    virtual = false,
  ): Draft {
    let unique = id;
    if (ids.has(unique)) {
      let k = 2;
      while (ids.has(`${id}-dup${k}`)) k += 1;
      unique = `${id}-dup${k}`;
      warnings.push({ line: line.no, message: `duplicate clause id ${id}; stored as ${unique}` });
    }
    ids.add(unique);
    const clause: Clause = {
      id: unique,
      planId: meta.id,
      city: meta.city,
      kind,
      number,
      title,
      path: ancestors,
      text,
      lines: [line.no, line.no],
      departments: null,
      indicator: null,
      parentId: (parent?.virtual ? parent.clause.parentId : parent?.clause.id) ?? null,
      order: clauses.length,
      depth,
    };
    if (!virtual) clauses.push(clause);
    const draft: Draft = { clause, virtual, absorb, lastLine: line };
    current = draft;
    return draft;
  }

  function append(draft: Draft, line: Line) {
    draft.clause.text = joinWrapped(draft.clause.text, line.text);
    draft.clause.lines[1] = line.no;
    draft.lastLine = line;
    if (draft.absorb === 'always' && endsWithAnnotation(draft.clause.text)) draft.absorb = 'paragraph';
  }

  function container(): Draft | null {
    return box?.heading ?? box?.draft ?? section ?? chapter;
  }

  function addParagraph(line: Line) {
    const parent = container();
    const key = parent?.clause.id ?? meta.id;
    const n = (paragraphCounts.get(key) ?? 0) + 1;
    paragraphCounts.set(key, n);
    const ancestors = path(chapter, section, box?.draft ?? null, box?.heading ?? null);
    addClause(
      `${key}-p${n}`,
      'paragraph',
      null,
      leadPhrase(line.text),
      line.text,
      line,
      parent,
      ancestors,
      0,
      'paragraph',
    );
  }

  /** Whether an unnumbered line continues the current clause. */
  function continues(draft: Draft | null): draft is Draft {
    if (!draft || draft.absorb === 'never' || !draft.lastLine) return false;
    if (draft.absorb === 'always') return true;
    const previous = draft.lastLine;
    if (!endsSentence(previous.text)) return true;
    return wrapWidth !== null && previous.width >= wrapWidth - 1;
  }

  function closeBox() {
    if (box?.table) flushTable();
    box = null;
  }

  function openBox(n: number, title: string, line: Line, table: boolean, implicit: boolean) {
    closeBox();
    lastBoxN = n;
    const id = `${meta.id}-box${n}`;
    const number = `专栏${n}`;
    const text = implicit ? '' : line.text;
    // A box whose 专栏 heading was lost (青州) is a container only: its entries keep box ids but it is no clause.
    const draft = addClause(
      id,
      'box',
      number,
      title,
      text,
      line,
      section ?? chapter,
      path(chapter, section),
      2,
      'never',
      implicit && !table,
    );
    if (implicit) draft.clause.lines = [line.no, line.no - 1];
    box = { draft, n, table, numbered: null, heading: null, headingN: 0, entryN: 0, cells: [] };
  }

  function flushTable() {
    if (!box) return;
    const result = parseIndicatorCells(box.cells);
    const boxState = box;
    for (const cell of result.header) {
      extendRange(boxState.draft.clause, cell.line);
      boxState.draft.clause.text = [boxState.draft.clause.text, cell.text].filter(Boolean).join(' ');
    }
    result.rows.forEach((row, index) => {
      const first = row.cells[0];
      const last = row.cells[row.cells.length - 1];
      if (!first || !last) return;
      const fakeLine: Line = { no: first.line, raw: '', text: '', width: 0, blanksBefore: 0 };
      const draft = addClause(
        `${boxState.draft.clause.id}-${index + 1}`,
        'indicator',
        row.number,
        row.record.name,
        row.cells.map((c) => c.text).join(' '),
        fakeLine,
        boxState.draft,
        path(chapter, section, boxState.draft),
        0,
        'never',
      );
      draft.clause.lines = [first.line, last.line];
      draft.clause.indicator = row.record satisfies IndicatorRow;
    });
    for (const problem of result.problems) warnings.push(problem);
    box.cells = [];
    current = null;
  }

  function isImplicitTableHeader(index: number): boolean {
    const compact = (lines[index]?.text ?? '').replace(/\s+/g, '');
    if (compact !== '指标' && !compact.startsWith('类别') && !/^指标.*2025/.test(compact)) return false;
    return lines
      .slice(index, index + 6)
      .map((l) => l.text)
      .join(' ')
      .includes('2025');
  }

  function blockText(index: number): string {
    let text = lines[index]?.text ?? '';
    for (let j = index + 1; j < lines.length; j += 1) {
      const next = lines[j];
      if (!next || tokenize(next.text).type !== 'text') break;
      text += next.text;
    }
    return text;
  }

  /** Inside a numbered box: is this numbered line the box's next entry (true) or the section's next item (false)? */
  function isBoxEntry(n: number, index: number, rest: string): boolean {
    if (!box) return false;
    const boxNext = box.entryN + 1;
    const sectionNext = itemN + 1;
    if (n === boxNext && n !== sectionNext) return true;
    if (n === sectionNext && n !== boxNext) return false;
    if (n !== boxNext) return true;
    // Both sequences expect this number: decide by the shape of the clause.
    const line = lines[index];
    if (line && line.blanksBefore >= 2) return false;
    if (hasAnnotation(blockText(index))) return false;
    const title = leadPhrase(rest);
    if (ENTRY_NOUNS.test(title)) return true;
    return !ITEM_VERBS.test(title);
  }

  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] as Line;
    if (index < bodyStart) {
      if (index <= titleEnd) {
        skipped.push({ line: line.no, reason: 'title block (cover and notice)' });
        continue;
      }
      if (TOC_TITLE.test(line.text) || (TOC_ENTRY.test(line.text) && /[、）)]/.test(line.text))) {
        skipped.push({ line: line.no, reason: 'table of contents' });
        continue;
      }
      // Before the first chapter there is no container: these are the plan's own paragraphs (preamble).
      if (continues(current)) append(current, line);
      else addParagraph(line);
      continue;
    }
    if (FOOTER.test(line.text)) {
      for (let j = index; j < lines.length; j += 1)
        skipped.push({ line: (lines[j] as Line).no, reason: 'footer (抄送)' });
      break;
    }

    if (PAGE_NUMBER.test(line.text)) {
      skipped.push({ line: line.no, reason: 'page number' });
      continue;
    }
    const token = tokenize(line.text);

    if (box?.table) {
      const structural = token.type === 'chapter' || token.type === 'section' || token.type === 'box';
      const prose =
        token.type === 'text' && (line.text.includes('。') || (line.width > 40 && !line.raw.includes('\t')));
      if (!structural && !prose) {
        for (const cell of splitTableLine(line.raw)) box.cells.push({ text: cell, line: line.no });
        continue;
      }
      closeBox();
    }

    if (isImplicitTableHeader(index) && !box) {
      openBox(lastBoxN + 1, '主要指标', line, true, true);
      for (const cell of splitTableLine(line.raw)) (box as BoxState | null)?.cells.push({ text: cell, line: line.no });
      continue;
    }

    switch (token.type) {
      case 'box': {
        if (token.n !== lastBoxN + 1)
          warnings.push({ line: line.no, message: `专栏${token.n} follows 专栏${lastBoxN}` });
        openBox(token.n, token.title, line, /指标/.test(token.title), false);
        continue;
      }
      case 'chapter': {
        const b = box as BoxState | null;
        const boxHeading =
          b !== null && !b.table && token.n === b.headingN + 1 && token.title.length <= MAX_BOX_HEADING_CHARS;
        if (b && boxHeading) {
          b.headingN = token.n;
          b.entryN = 0;
          b.numbered = null;
          const id = `${b.draft.clause.id}-${token.n}`;
          b.heading = addClause(
            id,
            'box-heading',
            token.number,
            token.title,
            line.text,
            line,
            b.draft,
            path(chapter, section, b.draft),
            3,
            'never',
          );
          continue;
        }
        if (chapterN > 0 && token.n !== chapterN + 1) {
          if (current && token.title.length > 30) {
            warnings.push({
              line: line.no,
              message: `line looks like chapter ${token.number} out of order; joined to the clause before`,
            });
            append(current, line);
            continue;
          }
          warnings.push({ line: line.no, message: `chapter ${token.number} follows chapter ${chapterN}` });
        }
        closeBox();
        article = null;
        chapterN = token.n;
        section = null;
        sectionN = 0;
        itemN = 0;
        chapter = addClause(
          `${meta.id}-${token.n}`,
          'chapter',
          token.number,
          token.title,
          line.text,
          line,
          null,
          [],
          1,
          'never',
        );
        continue;
      }
      case 'section': {
        if (article && !token.number.startsWith('第')) {
          append(article, line);
          continue;
        }
        article = null;
        closeBox();
        if (token.n !== sectionN + 1)
          warnings.push({ line: line.no, message: `section ${token.number} follows section ${sectionN}` });
        sectionN = token.n;
        itemN = 0;
        const rest = token.rest.trim();
        const stop = rest.indexOf('。');
        const headingOnly = (stop === -1 && displayWidth(rest) <= 40) || stop === rest.length - 1;
        const title = stop === -1 ? rest : rest.slice(0, stop);
        const id = `${chapter?.clause.id ?? meta.id}-${token.n}`;
        section = addClause(
          id,
          'section',
          token.number,
          title,
          line.text,
          line,
          chapter,
          path(chapter),
          2,
          headingOnly ? 'never' : 'always',
        );
        // A section with body text takes its wrapped lines; a new paragraph after it is a clause of its own.
        if (!headingOnly) section.absorb = 'paragraph';
        continue;
      }
      case 'article': {
        closeBox();
        if (token.n !== articleN + 1)
          warnings.push({ line: line.no, message: `article ${token.number} follows article ${articleN}` });
        articleN = token.n;
        const parent = section ?? chapter;
        article = addClause(
          `${meta.id}-a${token.n}`,
          'item',
          token.number,
          leadPhrase(token.rest),
          line.text,
          line,
          parent,
          path(chapter, section),
          0,
          'always',
        );
        continue;
      }
      case 'numbered': {
        if (article && !box) {
          append(article, line);
          continue;
        }
        if (box && box.numbered !== false && isBoxEntry(token.n, index, token.rest)) {
          if (token.n !== box.entryN + 1)
            warnings.push({ line: line.no, message: `box entry ${token.n} follows ${box.entryN}` });
          box.numbered = true;
          box.entryN = token.n;
          const parent = box.heading ?? box.draft;
          const ancestors = path(chapter, section, box.draft, box.heading);
          addClause(
            `${parent.clause.id}-${token.n}`,
            'box-entry',
            token.number,
            leadPhrase(token.rest),
            line.text,
            line,
            parent,
            ancestors,
            0,
            'always',
          );
          continue;
        }
        if (box) closeBox();
        if (token.n !== itemN + 1 && token.n !== 1) {
          if (continues(current) && (current as Draft | null)?.absorb !== 'never') {
            warnings.push({
              line: line.no,
              message: `"${token.number}" does not continue item ${itemN}; joined as text`,
            });
            append(current as Draft, line);
            continue;
          }
          warnings.push({ line: line.no, message: `item ${token.n} follows item ${itemN}` });
        }
        itemN = token.n;
        const parent = section ?? chapter;
        const id = section ? `${section.clause.id}-${token.n}` : `${chapter?.clause.id ?? meta.id}-i${token.n}`;
        const draft = addClause(
          id,
          'item',
          token.number,
          leadPhrase(token.rest),
          line.text,
          line,
          parent,
          path(chapter, section),
          0,
          'always',
        );
        if (endsWithAnnotation(line.text)) draft.absorb = 'paragraph';
        continue;
      }
      case 'text': {
        if (/^[（(](牵头|责任|参与)/.test(line.text) && current) {
          append(current, line);
          continue;
        }
        if (!box && /^\s*\t/.test(line.raw.replace(/^ +/, ' ')) && /^[^。，；\s]{2,40}\s{2,}\S/.test(line.text)) {
          openBox(lastBoxN + 1, '', line, false, true);
          warnings.push({ line: line.no, message: `box entries without a 专栏 heading; read as 专栏${lastBoxN}` });
        }
        if (
          box &&
          box.numbered !== true &&
          !box.table &&
          (box.numbered === false || current === box.draft || current === box.heading)
        ) {
          box.numbered = false;
          box.entryN += 1;
          const parent = box.heading ?? box.draft;
          const ancestors = path(chapter, section, box.draft, box.heading);
          addClause(
            `${parent.clause.id}-${box.entryN}`,
            'box-entry',
            null,
            leadPhrase(line.text),
            line.text,
            line,
            parent,
            ancestors,
            0,
            'never',
          );
          continue;
        }
        // A table row outside any box (a DOCX or PDF table: cells split by tabs) is a clause of its own.
        if (continues(current) && !isRow(line)) append(current, line);
        else addParagraph(line);
        continue;
      }
    }
  }
  closeBox();

  for (const clause of clauses) {
    clause.text = collapseSpaces(clause.text);
    clause.departments = clause.kind === 'indicator' ? null : parseDepartments(clause.text);
    if (clause.text === '') warnings.push({ line: clause.lines[0], message: `clause ${clause.id} is empty` });
    if (clause.text.length > MAX_CLAUSE_CHARS)
      warnings.push({
        line: clause.lines[0],
        message: `clause ${clause.id} has ${clause.text.length} characters (limit ${MAX_CLAUSE_CHARS})`,
      });
  }
  return { clauses, skipped, warnings };
}

/** A line of two or more tab-separated cells. */
function isRow(line: Line): boolean {
  return line.raw.split('\t').filter((cell) => cell.trim() !== '').length >= 2;
}

function extendRange(clause: Clause, line: number) {
  if (clause.lines[1] < clause.lines[0]) clause.lines = [line, line];
  clause.lines = [Math.min(clause.lines[0], line), Math.max(clause.lines[1], line)];
}

/** The heading of a clause as it appears in a path: its number and title, e.g. "（一）强化残疾人社会保障". */
export function heading(clause: Pick<Clause, 'number' | 'title' | 'kind'>): string {
  if (!clause.number) return clause.title;
  const gap = clause.kind === 'box' || /\d[.．]$|^第.+[章节条]$/.test(clause.number) ? ' ' : '';
  return `${clause.number}${gap}${clause.title}`.trim();
}

/** Files hard-wrapped at a fixed width (济宁) have one width that most lines share. */
function detectWrapWidth(lines: Line[]): number | null {
  const counts = new Map<number, number>();
  for (const line of lines) counts.set(Math.round(line.width), (counts.get(Math.round(line.width)) ?? 0) + 1);
  let best: [number, number] = [0, 0];
  for (const entry of counts) if (entry[1] > best[1]) best = entry;
  return best[1] >= lines.length * 0.2 && best[0] >= 15 ? best[0] : null;
}

/** The first chapter heading (一、, 第一章) or article (第一条) that is not a table-of-contents entry, or -1. */
function findBodyStart(lines: Line[]): number {
  return lines.findIndex((line) => BODY_START.test(line.text) && !TOC_ENTRY.test(line.text));
}

/** The last front-matter line that completes the plan title (alone or with the line before it). */
function findTitleEnd(front: Line[], title: string): number {
  const key = matchKey(title);
  for (let i = front.length - 1; i >= 0; i -= 1) {
    const here = matchKey((front[i] as Line).text);
    const withPrevious = i > 0 ? matchKey((front[i - 1] as Line).text) + here : here;
    if (here === key || withPrevious === key) return i;
  }
  return -1;
}
