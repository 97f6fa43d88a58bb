// Source viewer: renders a whole plan as accessible HTML with one anchor per clause (GET /docs/:planId).
import type { Clause, Plan } from '../corpus/types.ts';
import strings from '../../web/messages/zh-CN.json' with { type: 'json' };
import { format, type Strings } from './page-text.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** The strings table as a JSON data block for client code (not executable, so CSP does not apply). */
export function stringsBlock(table: Strings = strings): string {
  const json = JSON.stringify(table).replace(/</g, '\\u003c');
  return `<script type="application/json" id="strings">${json}</script>`;
}

/**
 * The header every page shares, so the 12385 link and the display settings sit in the same place everywhere (B4).
 * `active` marks the current section in the navigation.
 */
export function siteHeader(active: 'chat' | 'operator' | 'docs' | 'embed'): string {
  const c = strings.common;
  const nav =
    active === 'embed'
      ? ''
      : `<nav class="site-nav" aria-label="网站导航"><ul>` +
        `<li><a href="/"${active === 'chat' ? ' aria-current="page"' : ''}>${escapeHtml(c.navChat)}</a></li>` +
        `<li><a href="/operator"${active === 'operator' ? ' aria-current="page"' : ''}>${escapeHtml(c.navOperator)}</a></li>` +
        `</ul></nav>`;
  const brand =
    active === 'embed'
      ? `<span class="brand">${escapeHtml(c.appName)}</span>`
      : `<a class="brand" href="/">${escapeHtml(c.appName)}</a>`;
  return (
    `<header class="topbar">` +
    `<div class="topbar-row">${brand}` +
    `<a class="help-link" href="tel:12385" aria-label="${escapeHtml(c.help12385Label)}">${escapeHtml(c.help12385)}</a>` +
    `</div>` +
    `<div class="topbar-row">${nav}` +
    `<div class="display-settings" role="group" aria-label="${escapeHtml(c.settings)}">` +
    `<button type="button" class="toggle" data-pref="large" aria-pressed="false">${escapeHtml(c.largeText)}</button>` +
    `<button type="button" class="toggle" data-pref="dark" aria-pressed="false">${escapeHtml(c.dark)}</button>` +
    `</div></div></header>`
  );
}

/** The <head> contents shared by every page: charset, viewport, preferences applied before paint, styles. */
export function pageHead(title: string, moduleScript: string | null): string {
  return (
    `<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><link rel="icon" href="data:,">` +
    `<script src="/static/js/prefs.js"></script>` +
    `<link rel="stylesheet" href="/static/css/app.css">` +
    (moduleScript ? `<script type="module" src="${escapeHtml(moduleScript)}"></script>` : '')
  );
}

function departmentsLine(clause: Clause): string {
  const d = clause.departments;
  if (!d || (d.lead.length === 0 && d.participating.length === 0)) return '';
  // The plan's own annotation already follows the clause text (济宁, 永济): do not read it twice.
  if (/牵头部门[：:]/.test(clause.text)) return '';
  const c = strings.common;
  const parts: string[] = [];
  if (d.lead.length) parts.push(format(c.leadDept, { list: d.lead.join(c.deptSep) }));
  if (d.participating.length) parts.push(format(c.partDept, { list: d.participating.join(c.deptSep) }));
  return `<p class="dept">${escapeHtml(parts.join('；'))}</p>`;
}

/** The running text of a heading clause after its number and title, when the clause says more than its heading. */
function bodyAfterHeading(clause: Clause): string {
  const head = `${clause.number ?? ''}${clause.title}`.replace(/\s+/g, '');
  const text = clause.text.replace(/\s+/g, '');
  if (text.length <= head.length + 1) return '';
  if (text.startsWith(head))
    return clause.text
      .replace(/\s+/g, '')
      .slice(head.length)
      .replace(/^[。：:，,]/, '');
  return clause.text;
}

function headingClause(clause: Clause, level: 2 | 3 | 4): string {
  const number = clause.number ? `<span class="num">${escapeHtml(clause.number)}</span>` : '';
  const rest = bodyAfterHeading(clause);
  return (
    `<div class="clause clause-heading">` +
    `<h${level} id="${escapeHtml(clause.id)}" class="clause-title" tabindex="-1">${number}${escapeHtml(clause.title)}</h${level}>` +
    (rest ? `<p>${escapeHtml(rest)}</p>` : '') +
    departmentsLine(clause) +
    `</div>`
  );
}

function bodyClause(clause: Clause): string {
  return (
    `<div class="clause clause-${clause.kind}" id="${escapeHtml(clause.id)}" tabindex="-1">` +
    `<p>${escapeHtml(clause.text)}</p>${departmentsLine(clause)}</div>`
  );
}

function indicatorTable(rows: Clause[]): string {
  const v = strings.viewer;
  const hasCategory = rows.some((r) => r.indicator?.category);
  const head =
    `<tr>${hasCategory ? `<th scope="col">${escapeHtml(v.colCategory)}</th>` : ''}` +
    `<th scope="col">${escapeHtml(v.colName)}</th><th scope="col">${escapeHtml(v.col2020)}</th>` +
    `<th scope="col">${escapeHtml(v.col2025)}</th><th scope="col">${escapeHtml(v.colAttribute)}</th></tr>`;
  const body = rows
    .map((row) => {
      const ind = row.indicator;
      if (!ind) return '';
      const name = ind.unit && !ind.name.includes(ind.unit) ? `${ind.name}（${ind.unit}）` : ind.name;
      return (
        `<tr id="${escapeHtml(row.id)}" tabindex="-1">` +
        (hasCategory ? `<td>${escapeHtml(ind.category ?? '')}</td>` : '') +
        `<th scope="row">${escapeHtml(name)}</th><td>${escapeHtml(ind.value2020 ?? '—')}</td>` +
        `<td>${escapeHtml(ind.value2025)}</td><td>${escapeHtml(ind.attribute ?? '')}</td></tr>`
      );
    })
    .join('');
  return (
    `<div class="table-wrap" role="region" aria-label="${escapeHtml(v.indicatorCaption)}" tabindex="0">` +
    `<table class="indicators"><caption>${escapeHtml(v.indicatorCaption)}</caption><thead>${head}</thead>` +
    `<tbody>${body}</tbody></table></div>`
  );
}

function renderClauses(clauses: Clause[]): string {
  const out: string[] = [];
  let table: Clause[] = [];
  const flush = () => {
    if (table.length) out.push(indicatorTable(table));
    table = [];
  };
  for (const clause of clauses) {
    if (clause.kind === 'indicator' && clause.indicator) {
      table.push(clause);
      continue;
    }
    flush();
    switch (clause.kind) {
      case 'chapter':
        out.push(headingClause(clause, 2));
        break;
      case 'section':
      case 'box':
        out.push(headingClause(clause, 3));
        break;
      case 'box-heading':
        out.push(headingClause(clause, 4));
        break;
      default:
        out.push(bodyClause(clause));
    }
  }
  flush();
  return out.join('\n');
}

/** The whole plan as one accessible page: real heading levels, an anchor per clause, departments, indicator table. */
/** The source viewer page of `plan`, in the UI strings `table` (page-text.ts fills its plan facts). */
export function renderPlanPage(plan: Plan, table: Strings = strings): string {
  const v = table.viewer;
  const c = table.common;
  const clauses = [...plan.clauses].sort((a, b) => a.order - b.order);
  const chapters = clauses.filter((cl) => cl.kind === 'chapter');
  const toc = chapters.length
    ? `<nav class="toc" aria-labelledby="toc-heading"><h2 id="toc-heading">${escapeHtml(v.toc)}</h2><ol>` +
      chapters
        .map((ch) => `<li><a href="#${escapeHtml(ch.id)}">${escapeHtml(`${ch.number ?? ''}${ch.title}`)}</a></li>`)
        .join('') +
      `</ol></nav>`
    : '';
  const meta = [
    plan.issuer,
    plan.docNumber,
    plan.issued ? format(v.issued, { date: plan.issued }) : null,
    format(v.period, { period: plan.period }),
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    `<!doctype html><html lang="zh-CN"><head>${pageHead(`${plan.title} — ${c.appName}`, '/static/js/viewer.js')}</head>` +
    `<body class="page-viewer"><a class="skip" href="#main">${escapeHtml(c.skipToContent)}</a>` +
    siteHeader('docs') +
    `<main id="main" tabindex="-1" data-plan="${escapeHtml(plan.id)}">` +
    `<p class="back"><a id="back" href="/">${escapeHtml(v.backHint)}</a></p>` +
    `<h1>${escapeHtml(plan.title)}</h1><p class="meta">${escapeHtml(meta)}</p>` +
    toc +
    `<div class="plan">${renderClauses(clauses)}</div>` +
    `</main><footer class="site-footer"><p>${escapeHtml(c.footer)}</p></footer>` +
    stringsBlock(table) +
    `</body></html>`
  );
}
