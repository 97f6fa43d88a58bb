// Operator console: search as you type, the lead department, a script to read to the caller, one-key copy, compare.
import { T, fmt } from './strings.js';
import { el } from './dom.js';
import { createAnnouncer } from './announcer.js';
import * as api from './api.js';
import { appendMarked, citationPlainText, copyText, matchedTerms, shortPath } from './citation.js';
import { initSettings } from './settings.js';
import { guideCard } from './guide-card.js';

/** Wait after the last keystroke before searching. */
export const SEARCH_DEBOUNCE_MS = 200;
/** Results asked for per search. */
export const RESULTS_LIMIT = 20;
/** Characters of the clause quoted in the caller script. */
export const SCRIPT_QUOTE_CHARS = 90;

const O = T.operator;
const $ = (id) => /** @type {any} */ (document.getElementById(id));
const input = $('q');
const citySelect = $('op-city');
const results = $('results');
const count = $('results-count');
const help = $('help');
const compare = $('compare');
const compareInput = $('compare-q');
const announce = createAnnouncer({ status: $('status'), alert: $('alert'), log: document.createElement('div') });

/** @type {any[]} */
let hits = [];
let current = -1;
/** @type {AbortController | null} */
let inflight = null;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let timer;
/** @type {{id: string, name: string}[]} */
let cityList = [];

/** The clause without its own number, cut at a sentence end near SCRIPT_QUOTE_CHARS. */
function quote(text) {
  const body = String(text)
    .replace(/\s+/g, '')
    .replace(
      /^(专栏[0-9一二三四五六七八九十]+|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|[0-9]+[.．、])/,
      '',
    );
  if (body.length <= SCRIPT_QUOTE_CHARS) return body.replace(/[。；;]$/, '');
  const cut = body.slice(0, SCRIPT_QUOTE_CHARS);
  const end = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('；'));
  return (end > 20 ? cut.slice(0, end) : cut) + '……';
}

/** Two or three sentences an operator can read out: what the plan says, who leads, where to go (12385). */
export function callerScript(hit) {
  const lead = hit.departments?.lead?.length
    ? fmt(O.scriptLead, { lead: hit.departments.lead.join('、') })
    : O.scriptNoLead;
  return [
    fmt(O.scriptText, { document: hit.document, path: shortPath(hit), quote: quote(hit.text) }) + '。',
    lead,
    fmt(O.scriptEnd, { city: hit.city }),
  ].join('');
}

/**
 * What the status says after a search: the count and the first hit, which is also the current one (Alt+C and Alt+R act
 * on it), so an operator who cannot see the list knows what they would copy without leaving the search box.
 */
function resultsSummary(list) {
  const first = list[0];
  const title = (first.path || []).slice(-1)[0] || shortPath(first);
  const card = list.some((hit) => hit.guide?.length) ? O.guideCardNote : '';
  return fmt(O.resultsFirst, { count: fmt(O.resultsCount, { n: list.length }), city: first.city, title }) + card;
}

function setCurrent(index, focus) {
  const items = results.children;
  if (!items.length) return;
  current = Math.max(0, Math.min(index, items.length - 1));
  for (const [i, item] of [...items].entries()) item.classList.toggle('current', i === current);
  if (focus) items[current].querySelector('h3')?.focus();
}

function renderHit(hit, index, q, shown) {
  const headingId = `r${index}-h`;
  const heading = el(
    'h3',
    { id: headingId, tabindex: '-1' },
    `${index + 1}. ${hit.city}：《${hit.document}》${shortPath(hit)}`,
  );
  const text = el('p', { class: 'clause-text' });
  appendMarked(text, hit.text, matchedTerms(q, hit.text, hit.terms || []));
  const lead = hit.departments?.lead?.length ? fmt(T.common.leadDept, { list: hit.departments.lead.join('、') }) : '';
  const script = callerScript(hit);
  const copyCite = el('button', {
    type: 'button',
    class: 'small',
    'aria-describedby': headingId,
    text: `${T.chat.copyCitation} (Alt+C)`,
  });
  const copyScript = el('button', {
    type: 'button',
    class: 'small',
    'aria-describedby': headingId,
    text: `${O.copyScript} (Alt+R)`,
  });
  copyCite.addEventListener('click', () => copy(citationPlainText(hit)));
  copyScript.addEventListener('click', () => copy(script));
  const item = el(
    'li',
    { class: 'result' },
    heading,
    el('p', { class: 'path', text: (hit.path || []).join(' › ') }),
    text,
    lead ? el('p', { class: 'lead', text: lead }) : null,
    guideCard(hit, index, shown),
    el('div', { class: 'script' }, el('h4', { text: O.script }), el('p', { text: script })),
    el(
      'div',
      { class: 'citation-actions' },
      copyCite,
      copyScript,
      el('a', { href: hit.url, 'aria-describedby': headingId, text: O.viewSource }),
    ),
  );
  item.addEventListener('focusin', () => setCurrent(index, false));
  return item;
}

async function copy(text) {
  if (await copyText(text)) announce.status(T.common.copied);
  else announce.error(T.common.copyFailed);
}

async function runSearch() {
  const q = input.value.trim();
  inflight?.abort();
  if (!q) {
    hits = [];
    results.replaceChildren();
    count.textContent = '';
    return;
  }
  inflight = new AbortController();
  const signal = inflight.signal;
  try {
    const body = await api.search(q, { city: citySelect.value, limit: RESULTS_LIMIT }, signal);
    if (signal.aborted) return;
    announce.clearError();
    hits = body?.hits || [];
    const shown = new Set();
    results.replaceChildren(...hits.map((hit, i) => renderHit(hit, i, q, shown)));
    count.textContent = `（${fmt(O.resultsCount, { n: hits.length })}）`;
    current = -1;
    if (hits.length) setCurrent(0, false);
    announce.status(hits.length ? resultsSummary(hits) : O.noResults);
  } catch (error) {
    if (signal.aborted || /** @type {any} */ (error)?.name === 'AbortError') return;
    const e = /** @type {any} */ (error);
    announce.error(
      e?.code === 'NETWORK' ? T.common.networkError : fmt(T.common.serverError, { message: e?.message || e?.code }),
    );
  }
}

function scheduleSearch() {
  clearTimeout(timer);
  timer = setTimeout(runSearch, SEARCH_DEBOUNCE_MS);
}

input.addEventListener('input', scheduleSearch);
citySelect.addEventListener('change', () => {
  try {
    window.localStorage.setItem('pa.opCity', citySelect.value);
  } catch {
    // Not remembered.
  }
  runSearch();
});
$('search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(timer);
  runSearch();
});

/* ---------- compare ---------- */

function openCompare() {
  compare.hidden = false;
  if (!compareInput.value) compareInput.value = input.value.trim();
  compareInput.focus();
  if (compareInput.value) runCompare();
}

async function runCompare() {
  const topic = compareInput.value.trim();
  const out = $('compare-result');
  if (!topic) {
    announce.error(O.compareHint);
    return;
  }
  announce.status(O.searching);
  const rows = await Promise.all(
    cityList.map(async (city) => {
      try {
        const body = await api.search(topic, { city: city.name, limit: 1 });
        return { city, hit: body?.hits?.[0] || null };
      } catch {
        return { city, hit: null };
      }
    }),
  );
  const tbody = el('tbody');
  for (const { city, hit } of rows) {
    const cell = el('td');
    if (hit) {
      cell.append(el('a', { href: hit.url, text: `《${hit.document}》${shortPath(hit)}` }));
      const p = el('p', {});
      appendMarked(p, hit.text.length > 160 ? hit.text.slice(0, 160) + '……' : hit.text, matchedTerms(topic, hit.text));
      cell.append(p);
    } else cell.textContent = O.compareNone;
    tbody.append(
      el(
        'tr',
        {},
        el('th', { scope: 'row', text: city.name }),
        cell,
        el('td', { text: hit?.departments?.lead?.join('、') || '—' }),
      ),
    );
  }
  const table = el(
    'table',
    {},
    el('caption', { text: fmt(O.compareCaption, { topic }) }),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col', text: O.compareCity }),
        el('th', { scope: 'col', text: O.compareClause }),
        el('th', { scope: 'col', text: O.compareLead }),
      ),
    ),
    tbody,
  );
  out.replaceChildren(
    el(
      'div',
      { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': fmt(O.compareCaption, { topic }) },
      table,
    ),
  );
  announce.status(fmt(O.compareDone, { n: rows.filter((r) => r.hit).length }));
}

$('compare-open').addEventListener('click', openCompare);
$('compare-form').addEventListener('submit', (event) => {
  event.preventDefault();
  runCompare();
});

/* ---------- shortcuts (always with Alt, E5) ---------- */

function openHelp() {
  if (!help.open) help.showModal();
}
$('help-open').addEventListener('click', openHelp);

function currentHit() {
  return current >= 0 ? hits[current] : undefined;
}

document.addEventListener('keydown', (event) => {
  if (!event.altKey || event.ctrlKey || event.metaKey) return;
  const hit = currentHit();
  switch (event.code) {
    case 'KeyK':
      input.focus();
      input.select();
      break;
    case 'KeyC':
      if (hit) copy(citationPlainText(hit));
      else announce.error(O.noCurrent);
      break;
    case 'KeyR':
      if (hit) copy(callerScript(hit));
      else announce.error(O.noCurrent);
      break;
    case 'KeyM':
      openCompare();
      break;
    case 'Slash':
      openHelp();
      break;
    case 'ArrowDown':
      setCurrent(current + 1, true);
      break;
    case 'ArrowUp':
      setCurrent(current - 1, true);
      break;
    default: {
      const digit = /^Digit([0-5])$/.exec(event.code);
      if (!digit) return;
      const n = Number(digit[1]);
      if (n > citySelect.options.length - 1) return;
      citySelect.selectedIndex = n;
      citySelect.dispatchEvent(new Event('change'));
      announce.status(`${T.common.city}：${citySelect.options[n].text}`);
    }
  }
  event.preventDefault();
});

/* ---------- start ---------- */

async function start() {
  initSettings();
  const keys = $('help-keys');
  for (const [key, action] of O.keys)
    keys.append(el('tr', {}, el('td', {}, el('kbd', { text: key })), el('td', { text: action })));
  try {
    cityList = (await api.cities()) || [];
  } catch {
    cityList = [];
  }
  for (const city of cityList) citySelect.append(el('option', { value: city.name, text: city.name }));
  let saved = '';
  try {
    saved = window.localStorage.getItem('pa.opCity') || '';
  } catch {
    saved = '';
  }
  if ([...citySelect.options].some((o) => o.value === saved)) citySelect.value = saved;
  if (input.value.trim()) runSearch();
}

start();
