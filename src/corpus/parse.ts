// Parses one plan's text into citable clauses: walks the classified lines and tracks the open chapter, section,
// item, 专栏 box and article, handing each new clause to the ClauseBuilder (src/corpus/clause-builder.ts).
import type { ParseWarning, PlanMeta } from './types.ts';
import { displayWidth, endsSentence, endsWithAnnotation } from './text.ts';
import { splitTableLine } from './indicators.ts';
import {
  FOOTER,
  MAX_BOX_HEADING_CHARS,
  PAGE_NUMBER,
  TOC_ENTRY,
  TOC_TITLE,
  classifyLine,
  leadPhrase,
} from './classify-line.ts';
import { ClauseBuilder, heading } from './clause-builder.ts';
import type { Draft } from './clause-builder.ts';
import {
  detectWrapWidth,
  findBodyStart,
  findTitleEnd,
  isBoxEntry,
  isImplicitTableHeader,
  isRow,
  readLines,
} from './lines.ts';
import type { Line } from './lines.ts';
import type { Clause } from './types.ts';

export { leadPhrase };
export { MAX_CLAUSE_CHARS, heading } from './clause-builder.ts';

export interface ParseResult {
  clauses: Clause[];
  skipped: { line: number; reason: string }[];
  warnings: ParseWarning[];
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
  const skipped: ParseResult['skipped'] = [];
  const built = new ClauseBuilder(meta);
  const lines = readLines(source);

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
  /** The open 第N条 article of rules: its （一） and 1. items stay inside it. */
  let article = null as Draft | null;
  let articleN = 0;
  const paragraphCounts = new Map<string, number>();

  const path = (...drafts: (Draft | null)[]) =>
    drafts.filter((d): d is Draft => d !== null).map((d) => heading(d.clause));

  function container(): Draft | null {
    return box?.heading ?? box?.draft ?? section ?? chapter;
  }

  function addParagraph(line: Line) {
    const parent = container();
    const key = parent?.clause.id ?? meta.id;
    const n = (paragraphCounts.get(key) ?? 0) + 1;
    paragraphCounts.set(key, n);
    const ancestors = path(chapter, section, box?.draft ?? null, box?.heading ?? null);
    built.addUnnumbered({ id: `${key}-p${n}`, kind: 'paragraph', line, parent, path: ancestors, absorb: 'paragraph' });
  }

  /** An item, or an article of rules: numbered, titled by its lead phrase, taking the lines that follow it. */
  function addItem(id: string, token: { number: string; rest: string }, line: Line): Draft {
    return built.addClause({
      id,
      kind: 'item',
      number: token.number,
      title: leadPhrase(token.rest),
      text: line.text,
      line,
      parent: section ?? chapter,
      path: path(chapter, section),
      absorb: 'always',
    });
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
    const draft = built.addClause({
      id,
      kind: 'box',
      number,
      title,
      text,
      line,
      parent: section ?? chapter,
      path: path(chapter, section),
      depth: 2,
      absorb: 'never',
      virtual: implicit && !table,
    });
    if (implicit) draft.clause.lines = [line.no, line.no - 1];
    box = { draft, n, table, numbered: null, heading: null, headingN: 0, entryN: 0, cells: [] };
  }

  function flushTable() {
    if (!box) return;
    built.addIndicatorTable(box.draft, box.cells, path(chapter, section, box.draft));
    box.cells = [];
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
      if (continues(built.current)) built.append(built.current, line);
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
    const token = classifyLine(line.text);

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

    if (isImplicitTableHeader(lines, index) && !box) {
      openBox(lastBoxN + 1, '主要指标', line, true, true);
      for (const cell of splitTableLine(line.raw)) (box as BoxState | null)?.cells.push({ text: cell, line: line.no });
      continue;
    }

    switch (token.type) {
      case 'box': {
        if (token.n !== lastBoxN + 1) built.warn(line.no, 'BOX_OUT_OF_ORDER', { number: token.n, previous: lastBoxN });
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
          b.heading = built.addClause({
            id,
            kind: 'box-heading',
            number: token.number,
            title: token.title,
            text: line.text,
            line,
            parent: b.draft,
            path: path(chapter, section, b.draft),
            depth: 3,
            absorb: 'never',
          });
          continue;
        }
        if (chapterN > 0 && token.n !== chapterN + 1) {
          if (built.current && token.title.length > 30) {
            built.warn(line.no, 'CHAPTER_JOINED', { number: token.number });
            built.append(built.current, line);
            continue;
          }
          built.warn(line.no, 'CHAPTER_OUT_OF_ORDER', { number: token.number, previous: chapterN });
        }
        closeBox();
        article = null;
        chapterN = token.n;
        section = null;
        sectionN = 0;
        itemN = 0;
        chapter = built.addClause({
          id: `${meta.id}-${token.n}`,
          kind: 'chapter',
          number: token.number,
          title: token.title,
          text: line.text,
          line,
          parent: null,
          path: [],
          depth: 1,
          absorb: 'never',
        });
        continue;
      }
      case 'section': {
        if (article && !token.number.startsWith('第')) {
          built.append(article, line);
          continue;
        }
        article = null;
        closeBox();
        if (token.n !== sectionN + 1)
          built.warn(line.no, 'SECTION_OUT_OF_ORDER', { number: token.number, previous: sectionN });
        sectionN = token.n;
        itemN = 0;
        const rest = token.rest.trim();
        const stop = rest.indexOf('。');
        const headingOnly = (stop === -1 && displayWidth(rest) <= 40) || stop === rest.length - 1;
        const title = stop === -1 ? rest : rest.slice(0, stop);
        const id = `${chapter?.clause.id ?? meta.id}-${token.n}`;
        section = built.addClause({
          id,
          kind: 'section',
          number: token.number,
          title,
          text: line.text,
          line,
          parent: chapter,
          path: path(chapter),
          depth: 2,
          absorb: headingOnly ? 'never' : 'always',
        });
        // A section with body text takes its wrapped lines; a new paragraph after it is a clause of its own.
        if (!headingOnly) section.absorb = 'paragraph';
        continue;
      }
      case 'article': {
        closeBox();
        if (token.n !== articleN + 1)
          built.warn(line.no, 'ARTICLE_OUT_OF_ORDER', { number: token.number, previous: articleN });
        articleN = token.n;
        article = addItem(`${meta.id}-a${token.n}`, token, line);
        continue;
      }
      case 'numbered': {
        if (article && !box) {
          built.append(article, line);
          continue;
        }
        if (
          box &&
          box.numbered !== false &&
          isBoxEntry(lines, index, { n: token.n, boxNext: box.entryN + 1, sectionNext: itemN + 1, rest: token.rest })
        ) {
          if (token.n !== box.entryN + 1)
            built.warn(line.no, 'BOX_ENTRY_OUT_OF_ORDER', { number: token.n, previous: box.entryN });
          box.numbered = true;
          box.entryN = token.n;
          const parent = box.heading ?? box.draft;
          const ancestors = path(chapter, section, box.draft, box.heading);
          built.addClause({
            id: `${parent.clause.id}-${token.n}`,
            kind: 'box-entry',
            number: token.number,
            title: leadPhrase(token.rest),
            text: line.text,
            line,
            parent,
            path: ancestors,
            absorb: 'always',
          });
          continue;
        }
        if (box) closeBox();
        if (token.n !== itemN + 1 && token.n !== 1) {
          if (continues(built.current) && (built.current as Draft | null)?.absorb !== 'never') {
            built.warn(line.no, 'ITEM_JOINED', { number: token.number, previous: itemN });
            built.append(built.current as Draft, line);
            continue;
          }
          built.warn(line.no, 'ITEM_OUT_OF_ORDER', { number: token.n, previous: itemN });
        }
        itemN = token.n;
        const id = section ? `${section.clause.id}-${token.n}` : `${chapter?.clause.id ?? meta.id}-i${token.n}`;
        const draft = addItem(id, token, line);
        if (endsWithAnnotation(line.text)) draft.absorb = 'paragraph';
        continue;
      }
      case 'text': {
        if (/^[（(](牵头|责任|参与)/.test(line.text) && built.current) {
          built.append(built.current, line);
          continue;
        }
        if (!box && /^\s*\t/.test(line.raw.replace(/^ +/, ' ')) && /^[^。，；\s]{2,40}\s{2,}\S/.test(line.text)) {
          openBox(lastBoxN + 1, '', line, false, true);
          built.warn(line.no, 'BOX_WITHOUT_HEADING', { number: lastBoxN });
        }
        if (
          box &&
          box.numbered !== true &&
          !box.table &&
          (box.numbered === false || built.current === box.draft || built.current === box.heading)
        ) {
          box.numbered = false;
          box.entryN += 1;
          const parent = box.heading ?? box.draft;
          const ancestors = path(chapter, section, box.draft, box.heading);
          built.addUnnumbered({
            id: `${parent.clause.id}-${box.entryN}`,
            kind: 'box-entry',
            line,
            parent,
            path: ancestors,
            absorb: 'never',
          });
          continue;
        }
        // A table row outside any box (a DOCX or PDF table: cells split by tabs) is a clause of its own.
        if (continues(built.current) && !isRow(line)) built.append(built.current, line);
        else addParagraph(line);
        continue;
      }
    }
  }
  closeBox();

  const { clauses, warnings } = built.finish();
  return { clauses, skipped, warnings };
}
