// The plan parser's walk over the classified lines of one plan: it keeps what is open (chapter, section, item count,
// 专栏 box, article) and has one method per kind of line, each handing new clauses to the ClauseBuilder. parse.ts runs it.
import type { PlanMeta } from './types.ts';
import { displayWidth, endsSentence, endsWithAnnotation } from './text.ts';
import { splitTableLine } from './indicators.ts';
import { FOOTER, MAX_BOX_HEADING_CHARS, PAGE_NUMBER, TOC_ENTRY, TOC_TITLE, leadPhrase } from './classify-line.ts';
import type { LineClass } from './classify-line.ts';
import { ClauseBuilder, heading } from './clause-builder.ts';
import type { Draft } from './clause-builder.ts';
import { isBoxEntry, isImplicitTableHeader, isRow } from './lines.ts';
import type { Line } from './lines.ts';

type Token<T extends LineClass['type']> = Extract<LineClass, { type: T }>;

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

/** What a section heading line says after its number: its title, and whether it is a heading alone (no body text). */
export function sectionHeading(rest: string): { title: string; headingOnly: boolean } {
  const text = rest.trim();
  const stop = text.indexOf('。');
  const headingOnly = (stop === -1 && displayWidth(text) <= 40) || stop === text.length - 1;
  return { title: stop === -1 ? text : text.slice(0, stop), headingOnly };
}

/** A department annotation on a line of its own: （牵头单位：…）, （责任单位：…）, （参与部门：…）. */
export function isAnnotationLine(text: string): boolean {
  return /^[（(](牵头|责任|参与)/.test(text);
}

/** An indented `name  description` line: a 专栏 entry whose box lost its heading (青州). */
export function startsUnheadedBox(line: Pick<Line, 'raw' | 'text'>): boolean {
  return /^\s*\t/.test(line.raw.replace(/^ +/, ' ')) && /^[^。，；\s]{2,40}\s{2,}\S/.test(line.text);
}

/** Whether a line inside an indicator table ends it: a heading, or prose rather than cells. */
export function endsTable(token: LineClass, line: Pick<Line, 'raw' | 'text' | 'width'>): boolean {
  const structural = token.type === 'chapter' || token.type === 'section' || token.type === 'box';
  const prose = token.type === 'text' && (line.text.includes('。') || (line.width > 40 && !line.raw.includes('\t')));
  return structural || prose;
}

export class PlanWalker {
  readonly skipped: { line: number; reason: string }[] = [];
  private chapter: Draft | null = null;
  private chapterN = 0;
  private section: Draft | null = null;
  private sectionN = 0;
  private itemN = 0;
  private box: BoxState | null = null;
  private lastBoxN = 0;
  /** The open 第N条 article of rules: its （一） and 1. items stay inside it. */
  private article: Draft | null = null;
  private articleN = 0;
  private readonly paragraphCounts = new Map<string, number>();

  constructor(
    private readonly meta: Pick<PlanMeta, 'id' | 'city' | 'title'>,
    private readonly built: ClauseBuilder,
    /** The document's hard-wrap width, when it has one (lines.ts detectWrapWidth). */
    private readonly wrapWidth: number | null,
  ) {}

  /** A line before the body: the title block, the table of contents, or the plan's own preamble paragraphs. */
  beforeBody(line: Line, inTitleBlock: boolean): void {
    if (inTitleBlock) {
      this.skipped.push({ line: line.no, reason: 'title block (cover and notice)' });
      return;
    }
    if (TOC_TITLE.test(line.text) || (TOC_ENTRY.test(line.text) && /[、）)]/.test(line.text))) {
      this.skipped.push({ line: line.no, reason: 'table of contents' });
      return;
    }
    // Before the first chapter there is no container: these are the plan's own paragraphs (preamble).
    if (this.continues(this.built.current)) this.built.append(this.built.current, line);
    else this.addParagraph(line);
  }

  /** The footer (抄送 …) and everything after it are skipped; true when `line` starts it. */
  footer(lines: Line[], index: number): boolean {
    if (!FOOTER.test((lines[index] as Line).text)) return false;
    for (let j = index; j < lines.length; j += 1)
      this.skipped.push({ line: (lines[j] as Line).no, reason: 'footer (抄送)' });
    return true;
  }

  /** A page number line is skipped; true when `line` is one. */
  pageNumber(line: Line): boolean {
    if (!PAGE_NUMBER.test(line.text)) return false;
    this.skipped.push({ line: line.no, reason: 'page number' });
    return true;
  }

  /** Inside an indicator table, a line of cells is taken as cells (true); anything else closes the table. */
  tableCells(token: LineClass, line: Line): boolean {
    if (!this.box?.table) return false;
    if (!endsTable(token, line)) {
      for (const cell of splitTableLine(line.raw)) this.box.cells.push({ text: cell, line: line.no });
      return true;
    }
    this.closeBox();
    return false;
  }

  /** The header row of an indicator table with no 专栏 heading opens a box of its own (true). */
  implicitTable(lines: Line[], index: number): boolean {
    if (this.box || !isImplicitTableHeader(lines, index)) return false;
    const line = lines[index] as Line;
    const box = this.openBox(this.lastBoxN + 1, '主要指标', line, true, true);
    for (const cell of splitTableLine(line.raw)) box.cells.push({ text: cell, line: line.no });
    return true;
  }

  /** One line of the body, by what it starts with. */
  line(token: LineClass, line: Line, lines: Line[], index: number): void {
    switch (token.type) {
      case 'box':
        return this.boxLine(token, line);
      case 'chapter':
        return this.chapterLine(token, line);
      case 'section':
        return this.sectionLine(token, line);
      case 'article':
        return this.articleLine(token, line);
      case 'numbered':
        return this.numberedLine(token, line, lines, index);
      case 'text':
        return this.textLine(line);
    }
  }

  /** Closes what is open at the end of the document. */
  end(): void {
    this.closeBox();
  }

  private boxLine(token: Token<'box'>, line: Line): void {
    if (token.n !== this.lastBoxN + 1)
      this.built.warn(line.no, 'BOX_OUT_OF_ORDER', { number: token.n, previous: this.lastBoxN });
    this.openBox(token.n, token.title, line, /指标/.test(token.title), false);
  }

  private chapterLine(token: Token<'chapter'>, line: Line): void {
    const { built } = this;
    const b = this.box;
    if (b && !b.table && token.n === b.headingN + 1 && token.title.length <= MAX_BOX_HEADING_CHARS) {
      b.headingN = token.n;
      b.entryN = 0;
      b.numbered = null;
      b.heading = built.addClause({
        id: `${b.draft.clause.id}-${token.n}`,
        kind: 'box-heading',
        number: token.number,
        title: token.title,
        text: line.text,
        line,
        parent: b.draft,
        path: this.path(this.chapter, this.section, b.draft),
        depth: 3,
        absorb: 'never',
      });
      return;
    }
    if (this.chapterN > 0 && token.n !== this.chapterN + 1) {
      if (built.current && token.title.length > 30) {
        built.warn(line.no, 'CHAPTER_JOINED', { number: token.number });
        built.append(built.current, line);
        return;
      }
      built.warn(line.no, 'CHAPTER_OUT_OF_ORDER', { number: token.number, previous: this.chapterN });
    }
    this.closeBox();
    this.article = null;
    this.chapterN = token.n;
    this.section = null;
    this.sectionN = 0;
    this.itemN = 0;
    this.chapter = built.addClause({
      id: `${this.meta.id}-${token.n}`,
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
  }

  private sectionLine(token: Token<'section'>, line: Line): void {
    if (this.article && !token.number.startsWith('第')) {
      this.built.append(this.article, line);
      return;
    }
    this.article = null;
    this.closeBox();
    if (token.n !== this.sectionN + 1)
      this.built.warn(line.no, 'SECTION_OUT_OF_ORDER', { number: token.number, previous: this.sectionN });
    this.sectionN = token.n;
    this.itemN = 0;
    const { title, headingOnly } = sectionHeading(token.rest);
    this.section = this.built.addClause({
      id: `${this.chapter?.clause.id ?? this.meta.id}-${token.n}`,
      kind: 'section',
      number: token.number,
      title,
      text: line.text,
      line,
      parent: this.chapter,
      path: this.path(this.chapter),
      depth: 2,
      // A section with body text takes its wrapped lines; a new paragraph after it is a clause of its own.
      absorb: headingOnly ? 'never' : 'paragraph',
    });
  }

  private articleLine(token: Token<'article'>, line: Line): void {
    this.closeBox();
    if (token.n !== this.articleN + 1)
      this.built.warn(line.no, 'ARTICLE_OUT_OF_ORDER', { number: token.number, previous: this.articleN });
    this.articleN = token.n;
    this.article = this.addItem(`${this.meta.id}-a${token.n}`, token, line);
  }

  private numberedLine(token: Token<'numbered'>, line: Line, lines: Line[], index: number): void {
    const { built, box } = this;
    if (this.article && !box) {
      built.append(this.article, line);
      return;
    }
    const context = { n: token.n, boxNext: (box?.entryN ?? 0) + 1, sectionNext: this.itemN + 1, rest: token.rest };
    if (box && box.numbered !== false && isBoxEntry(lines, index, context)) {
      if (token.n !== box.entryN + 1)
        built.warn(line.no, 'BOX_ENTRY_OUT_OF_ORDER', { number: token.n, previous: box.entryN });
      box.numbered = true;
      box.entryN = token.n;
      const parent = box.heading ?? box.draft;
      built.addClause({
        id: `${parent.clause.id}-${token.n}`,
        kind: 'box-entry',
        number: token.number,
        title: leadPhrase(token.rest),
        text: line.text,
        line,
        parent,
        path: this.path(this.chapter, this.section, box.draft, box.heading),
        absorb: 'always',
      });
      return;
    }
    if (box) this.closeBox();
    if (token.n !== this.itemN + 1 && token.n !== 1) {
      if (this.continues(built.current) && built.current.absorb !== 'never') {
        built.warn(line.no, 'ITEM_JOINED', { number: token.number, previous: this.itemN });
        built.append(built.current, line);
        return;
      }
      built.warn(line.no, 'ITEM_OUT_OF_ORDER', { number: token.n, previous: this.itemN });
    }
    this.itemN = token.n;
    const id = this.section
      ? `${this.section.clause.id}-${token.n}`
      : `${this.chapter?.clause.id ?? this.meta.id}-i${token.n}`;
    const draft = this.addItem(id, token, line);
    if (endsWithAnnotation(line.text)) draft.absorb = 'paragraph';
  }

  private textLine(line: Line): void {
    const { built } = this;
    if (isAnnotationLine(line.text) && built.current) {
      built.append(built.current, line);
      return;
    }
    if (!this.box && startsUnheadedBox(line)) {
      this.openBox(this.lastBoxN + 1, '', line, false, true);
      built.warn(line.no, 'BOX_WITHOUT_HEADING', { number: this.lastBoxN });
    }
    const box = this.box;
    if (
      box &&
      box.numbered !== true &&
      !box.table &&
      (box.numbered === false || built.current === box.draft || built.current === box.heading)
    ) {
      box.numbered = false;
      box.entryN += 1;
      const parent = box.heading ?? box.draft;
      built.addUnnumbered({
        id: `${parent.clause.id}-${box.entryN}`,
        kind: 'box-entry',
        line,
        parent,
        path: this.path(this.chapter, this.section, box.draft, box.heading),
        absorb: 'never',
      });
      return;
    }
    // A table row outside any box (a DOCX or PDF table: cells split by tabs) is a clause of its own.
    if (this.continues(built.current) && !isRow(line)) built.append(built.current, line);
    else this.addParagraph(line);
  }

  private path(...drafts: (Draft | null)[]): string[] {
    return drafts.filter((d): d is Draft => d !== null).map((d) => heading(d.clause));
  }

  private container(): Draft | null {
    return this.box?.heading ?? this.box?.draft ?? this.section ?? this.chapter;
  }

  private addParagraph(line: Line): void {
    const parent = this.container();
    const key = parent?.clause.id ?? this.meta.id;
    const n = (this.paragraphCounts.get(key) ?? 0) + 1;
    this.paragraphCounts.set(key, n);
    const ancestors = this.path(this.chapter, this.section, this.box?.draft ?? null, this.box?.heading ?? null);
    this.built.addUnnumbered({
      id: `${key}-p${n}`,
      kind: 'paragraph',
      line,
      parent,
      path: ancestors,
      absorb: 'paragraph',
    });
  }

  /** An item, or an article of rules: numbered, titled by its lead phrase, taking the lines that follow it. */
  private addItem(id: string, token: { number: string; rest: string }, line: Line): Draft {
    return this.built.addClause({
      id,
      kind: 'item',
      number: token.number,
      title: leadPhrase(token.rest),
      text: line.text,
      line,
      parent: this.section ?? this.chapter,
      path: this.path(this.chapter, this.section),
      absorb: 'always',
    });
  }

  /** Whether an unnumbered line continues the current clause. */
  private continues(draft: Draft | null): draft is Draft {
    if (!draft || draft.absorb === 'never' || !draft.lastLine) return false;
    if (draft.absorb === 'always') return true;
    const previous = draft.lastLine;
    if (!endsSentence(previous.text)) return true;
    return this.wrapWidth !== null && previous.width >= this.wrapWidth - 1;
  }

  private closeBox(): void {
    if (this.box?.table) this.flushTable();
    this.box = null;
  }

  private openBox(n: number, title: string, line: Line, table: boolean, implicit: boolean): BoxState {
    this.closeBox();
    this.lastBoxN = n;
    // A box whose 专栏 heading was lost (青州) is a container only: its entries keep box ids but it is no clause.
    const draft = this.built.addClause({
      id: `${this.meta.id}-box${n}`,
      kind: 'box',
      number: `专栏${n}`,
      title,
      text: implicit ? '' : line.text,
      line,
      parent: this.section ?? this.chapter,
      path: this.path(this.chapter, this.section),
      depth: 2,
      absorb: 'never',
      virtual: implicit && !table,
    });
    if (implicit) draft.clause.lines = [line.no, line.no - 1];
    this.box = { draft, n, table, numbered: null, heading: null, headingN: 0, entryN: 0, cells: [] };
    return this.box;
  }

  private flushTable(): void {
    if (!this.box) return;
    this.built.addIndicatorTable(this.box.draft, this.box.cells, this.path(this.chapter, this.section, this.box.draft));
    this.box.cells = [];
  }
}
