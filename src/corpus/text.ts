// Text helpers for the plan parser: line cleaning, wrap joining, department annotations (numerals: src/text/numerals.ts).
import type { Departments } from './types.ts';

/**
 * A source line made comparable: Markdown bold removed, ideographic spaces and tabs turned into spaces,
 * whitespace runs collapsed, ends trimmed. Clause text is built from these, so it stays verbatim apart from whitespace.
 */
export function cleanLine(raw: string): string {
  return raw
    .replace(/\*\*/g, '')
    .replace(/[\t\u3000\u00a0]/g, ' ')
    .replace(/ {2,}/g, '  ')
    .trim();
}

/** Collapses every whitespace run to one space (for clause text). */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Display width: CJK characters count 1, ASCII 0.5 (used to detect fixed-width hard wraps). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.charCodeAt(0) < 0x2000 ? 0.5 : 1;
  return width;
}

const ASCII_WORD_END = /[A-Za-z0-9%]$/;
const ASCII_WORD_START = /^[A-Za-z0-9]/;

/** Joins a hard-wrapped continuation: no space between CJK text, one space between two Latin/number words. */
export function joinWrapped(previous: string, next: string): string {
  if (previous === '') return next;
  if (next === '') return previous;
  return ASCII_WORD_END.test(previous) && ASCII_WORD_START.test(next) ? `${previous} ${next}` : previous + next;
}

/** Sentence-final punctuation at the end of a line (a paragraph may end there). */
export function endsSentence(text: string): boolean {
  return /[。！？；：]["”’）)]*$/.test(text);
}

/** Removes all whitespace (incl. U+3000) and applies NFKC: how quotes are compared with clause text. */
export function matchKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

const ANNOTATION = /[（(](?:牵头部门|牵头单位|责任单位)[：:][^（）()]*[）)]/g;
const LABEL = /(牵头部门|牵头单位|责任单位|参与部门|参与单位|配合单位|配合部门)[：:]/g;

/** True when the text contains a 牵头部门/牵头单位/责任单位 annotation. */
export function hasAnnotation(text: string): boolean {
  return new RegExp(ANNOTATION.source).test(text.replace(/\s+/g, ''));
}

/** True when the text ends with a department annotation (the clause is complete). */
export function endsWithAnnotation(text: string): boolean {
  return /[（(](?:牵头部门|牵头单位|责任单位)[：:][^（）()]*[）)]$/.test(text.replace(/\s+/g, ''));
}

/**
 * Reads 牵头部门/参与部门 (济宁, 青州), 责任单位 and 牵头单位/参与单位 (永济) annotations.
 * 责任单位 lists the responsible units; they are reported as lead. Returns null when the text has none.
 */
export function parseDepartments(text: string): Departments | null {
  const compact = text.replace(/\s+/g, '');
  const annotations = compact.match(ANNOTATION);
  if (!annotations) return null;
  const lead: string[] = [];
  const participating: string[] = [];
  for (const annotation of annotations) {
    const inner = annotation.slice(1, -1);
    const labels = [...inner.matchAll(LABEL)];
    labels.forEach((label, index) => {
      const start = (label.index ?? 0) + label[0].length;
      const end = labels[index + 1]?.index ?? inner.length;
      const names = inner
        .slice(start, end)
        .split(/[、，,；;]/)
        .map((name) => name.trim())
        .filter(Boolean);
      const target = label[1]?.startsWith('参与') || label[1]?.startsWith('配合') ? participating : lead;
      for (const name of names) if (!target.includes(name)) target.push(name);
    });
  }
  return lead.length + participating.length > 0 ? { lead, participating } : null;
}
