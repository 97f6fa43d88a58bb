// The plan parser's line classifier: what kind of line this is by what it starts with (一、 chapter, （一） section, 1. item, 专栏N box,
// 第一章/第一节/第一条 of rules, （1）/① items) and the lead phrase of a clause.
import { chineseNumeral } from '../text/numerals.ts';
import { collapseSpaces } from './text.ts';

export type LineClass =
  | { type: 'chapter'; n: number; number: string; title: string }
  | { type: 'section'; n: number; number: string; rest: string }
  | { type: 'numbered'; n: number; number: string; rest: string }
  | { type: 'article'; n: number; number: string; rest: string }
  | { type: 'box'; n: number; title: string }
  | { type: 'text' };

const CHAPTER = /^([一二三四五六七八九十]{1,3})、\s*(.+)$/;
const SECTION = /^([（(]\s*([一二三四五六七八九十]{1,3})\s*[）)])\s*(.*)$/;
const NUMBERED = /^(\d{1,2})\s*[.．、](?![\d.．])\s*(\S.*)$/;
// Implementing rules and plans numbered 第一章/第一节/第一条, with （1） or ① items. None of the shipped plans has a
// line that starts like these, so they parse exactly as before.
const CHAPTER_ZHANG = /^(第\s*([一二三四五六七八九十]{1,3})\s*章)\s*(.*)$/;
const SECTION_JIE = /^(第\s*([一二三四五六七八九十]{1,3})\s*节)\s*(.*)$/;
const ARTICLE = /^(第\s*([一二三四五六七八九十百零]{1,6})\s*条)\s*(.*)$/;
const PAREN_DIGIT = /^([（(]\s*(\d{1,2})\s*[）)])\s*(\S.*)$/;
const CIRCLED = /^([①-⑳])\s*(\S.*)$/;
/** The first line of a document's body: its first chapter or, for rules without chapters, its first article. */
export const BODY_START = /^(一、|第\s*一\s*章|第\s*一\s*条)/;
export const BOX = /^专栏\s*(\d{1,2})\s*(.*)$/;
export const FOOTER = /^(抄送|公开属性)[：:]/;
/** A page number left in the text by PDF extraction (济宁: "- 25 -"). */
export const PAGE_NUMBER = /^[-—–]\s*\d{1,3}\s*[-—–]$/;
export const TOC_TITLE = /^目\s*录$/;
export const TOC_ENTRY = /\s\d{1,3}$/;
/** Box sub-headings (一、资金类) are short labels, never sentences. */
export const MAX_BOX_HEADING_CHARS = 14;
/** Action verbs that open a task item (提升…, 健全…); box entries are usually noun phrases (…项目, …补贴). */
export const ITEM_VERBS =
  /^(提升|提高|健全|完善|加强|加快|加大|促进|推进|推动|营造|发展|落实|实施|强化|优化|扩大|保障|巩固|建立|建设|深化|创新|规范|开展|发挥|增强|坚持|多渠道|大力|积极|全面|着力|持续|有效|普及|倡树|抓好|拓展)/;
export const ENTRY_NOUNS = /(项目|补贴|奖励|计划|行动|资助|优惠|救助|服务)$/;

/** 一百零五 → 105 (articles run past 99); below 100 as chineseNumeral. */
function articleNumeral(text: string): number {
  const at = text.indexOf('百');
  if (at < 0) return chineseNumeral(text);
  const hundreds = at === 0 ? 1 : chineseNumeral(text.slice(0, at));
  const rest = text.slice(at + 1).replace(/^零/, '');
  return hundreds * 100 + (rest === '' ? 0 : chineseNumeral(rest));
}

/** A matched number as printed, without the spaces some extractions put inside it (（ 一 ） → （一）). */
const unspaced = (number: string | undefined) => (number ?? '').replace(/\s+/g, '');

export function classifyLine(text: string): LineClass {
  // Most lines start otherwise: the three 第… patterns are tried only for a line that starts with 第.
  const ordinal = text.startsWith('第') ? classifyOrdinal(text) : null;
  if (ordinal) return ordinal;
  let m: RegExpExecArray | null;
  m = PAREN_DIGIT.exec(text);
  if (m) return { type: 'numbered', n: Number(m[2]), number: unspaced(m[1]), rest: m[3] ?? '' };
  m = CIRCLED.exec(text);
  if (m) return { type: 'numbered', n: (m[1] ?? '①').charCodeAt(0) - 0x2460 + 1, number: m[1] ?? '', rest: m[2] ?? '' };
  m = BOX.exec(text);
  if (m) return { type: 'box', n: Number(m[1]), title: collapseSpaces(m[2] ?? '') };
  m = SECTION.exec(text);
  if (m)
    return {
      type: 'section',
      n: chineseNumeral(m[2] ?? ''),
      number: unspaced(m[1]),
      rest: m[3] ?? '',
    };
  m = CHAPTER.exec(text);
  if (m) return { type: 'chapter', n: chineseNumeral(m[1] ?? ''), number: `${m[1]}、`, title: (m[2] ?? '').trim() };
  m = NUMBERED.exec(text);
  if (m)
    return {
      type: 'numbered',
      n: Number(m[1]),
      number: text.slice(0, text.indexOf(m[2] ?? '')).trim(),
      rest: m[2] ?? '',
    };
  return { type: 'text' };
}

/** 第N条, 第N章, 第N节 (a line that starts with 第), or null. */
function classifyOrdinal(text: string): LineClass | null {
  let m = ARTICLE.exec(text);
  if (m)
    return {
      type: 'article',
      n: articleNumeral(m[2] ?? ''),
      number: unspaced(m[1]),
      rest: m[3] ?? '',
    };
  m = CHAPTER_ZHANG.exec(text);
  if (m)
    return {
      type: 'chapter',
      n: chineseNumeral(m[2] ?? ''),
      number: unspaced(m[1]),
      title: (m[3] ?? '').trim(),
    };
  m = SECTION_JIE.exec(text);
  if (m)
    return {
      type: 'section',
      n: chineseNumeral(m[2] ?? ''),
      number: unspaced(m[1]),
      rest: m[3] ?? '',
    };
  return null;
}

/** The lead phrase of a clause body: up to the first 。 or the double space of a box entry, else a short prefix. */
export function leadPhrase(body: string): string {
  const gap = body.search(/\s{2,}/);
  const stop = body.indexOf('。');
  const candidates = [gap, stop].filter((i) => i > 0);
  const end = candidates.length > 0 ? Math.min(...candidates) : -1;
  if (end > 0 && end <= 60) return body.slice(0, end).trim();
  const comma = body.search(/[，；]/);
  if (comma > 0 && comma <= 40) return body.slice(0, comma).trim();
  return body.length <= 40 ? body.replace(/。$/, '').trim() : `${body.slice(0, 30).trim()}…`;
}
