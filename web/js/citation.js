// Shared citation helpers: the short structural path (三、（一）2.), link text, plain-text copy, marking matches.
import { T, fmt } from './strings.js';

const NUMBER =
  /^\s*(专栏\s*[0-9一二三四五六七八九十]+|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|[0-9]+[.．、])/;

/** @param {string} text */
export function leadingNumber(text) {
  const m = NUMBER.exec(text || '');
  return m ? m[1].replace(/\s+/g, '') : '';
}

/**
 * The numbers of the heading path plus the clause's own number (the citation's `number`): "三、（一）2.".
 * @param {{path?: string[], number?: string | null}} citation
 */
export function shortPath(citation) {
  const numbers = (citation.path || []).map(leadingNumber).filter(Boolean);
  const own = (citation.number || '').replace(/\s+/g, '');
  if (own && numbers[numbers.length - 1] !== own) numbers.push(own);
  // "专栏1" then "3." would read as 专栏13: keep a space after a box number.
  return (
    numbers.map((n, i) => (/^专栏/.test(n) && i < numbers.length - 1 ? n + ' ' : n)).join('') ||
    (citation.path || []).slice(-1)[0] ||
    ''
  );
}

/** What kind of document a citation quotes, said when it is not a plan: "（实施办法）", "（通知）". */
const kindNote = (kind) => (kind && kind !== 'plan' && T.kinds?.[kind] ? `（${T.kinds[kind]}）` : '');

/** @param {{document: string, path?: string[], text?: string, kind?: string}} citation */
export const citationLabel = (citation) =>
  fmt(T.chat.citationLink, { document: citation.document, path: shortPath(citation) }) + kindNote(citation.kind);

/** @param {{lead: string[], participating: string[]} | undefined | null} d */
export function departmentsText(d) {
  if (!d) return '';
  const parts = [];
  if (d.lead?.length) parts.push(fmt(T.common.leadDept, { list: d.lead.join(T.common.deptSep) }));
  if (d.participating?.length) parts.push(fmt(T.common.partDept, { list: d.participating.join(T.common.deptSep) }));
  return parts.join('；');
}

/**
 * Title, path and clause text as plain text, for the clipboard (D3).
 * @param {{document: string, city: string, path?: string[], text: string, url: string, departments?: any}} c
 */
export function citationPlainText(c) {
  const link = new URL(c.url, window.location.origin).href;
  return [`《${c.document}》（${c.city}）`, (c.path || []).join(' › '), c.text, departmentsText(c.departments), link]
    .filter(Boolean)
    .join('\n');
}

/**
 * Copies text; falls back to a hidden textarea where the async clipboard is not allowed.
 * @param {string} text
 */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    const active = document.activeElement;
    document.body.append(area);
    area.select();
    let ok;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    if (active instanceof HTMLElement) active.focus();
    return ok;
  }
}

/**
 * Words of the query found in the text (whole space-separated words, else the longest shared runs of ≥ 2 characters).
 * @param {string} query @param {string} text @param {string[]} [known]
 */
export function matchedTerms(query, text, known = []) {
  const terms = new Set(known.filter((k) => k && text.includes(k)));
  for (const word of query.split(/[\s,，、;；]+/).filter(Boolean)) {
    if (text.includes(word)) {
      terms.add(word);
      continue;
    }
    let i = 0;
    while (i < word.length - 1) {
      let best = 0;
      for (let len = word.length - i; len >= 2; len--) {
        if (text.includes(word.slice(i, i + len))) {
          best = len;
          break;
        }
      }
      if (best) {
        terms.add(word.slice(i, i + best));
        i += best;
      } else i += 1;
    }
  }
  return [...terms].sort((a, b) => b.length - a.length);
}

/**
 * Appends text to `parent` with every occurrence of `terms` wrapped in <mark> (text nodes only, never HTML).
 * @param {HTMLElement} parent @param {string} text @param {string[]} terms
 */
export function appendMarked(parent, text, terms) {
  if (!terms.length) {
    parent.append(text);
    return;
  }
  const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(${escaped.join('|')})`, 'g');
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) parent.append(text.slice(last, m.index));
    const mark = document.createElement('mark');
    mark.textContent = m[0];
    parent.append(mark);
    last = m.index + m[0].length;
  }
  if (last < text.length) parent.append(text.slice(last));
}
