// The staff insight section of /admin: GET /api/admin/insight drawn as bars (a picture of the group sizes) and as
// tables with the same numbers (screen readers read those), and the CSV download (UTF-8 with BOM, made by the server).
import { el } from './dom.js';
import { T, fmt } from './strings.js';
import { staffFetch, api, table } from './staff.js';

const I = T.insight;
const SVG = 'http://www.w3.org/2000/svg';
/** Groups drawn as bars (the table lists all). */
const CHART_GROUPS = 10;
const BAR_HEIGHT = 22;
const ROW_HEIGHT = 30;
const LABEL_WIDTH = 260;
const CHART_WIDTH = 640;

const NEED = { 'rules-guide': I.needRulesGuide, plan: I.needPlan };

function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Horizontal bars of the largest groups; the numbers are in the table below, so the picture is one labelled image. */
function chart(groups) {
  const shown = groups.slice(0, CHART_GROUPS);
  const max = Math.max(1, ...shown.map((g) => g.total));
  const height = shown.length * ROW_HEIGHT + 8;
  const caption = fmt(I.chartCaption, { shown: shown.length });
  const image = svg('svg', {
    class: 'insight-chart',
    viewBox: `0 0 ${CHART_WIDTH} ${height}`,
    role: 'img',
    'aria-label': `${caption}。${I.chartLabel}`,
    focusable: 'false',
  });
  shown.forEach((g, i) => {
    const y = i * ROW_HEIGHT + 4;
    const width = Math.max(2, Math.round(((CHART_WIDTH - LABEL_WIDTH - 60) * g.total) / max));
    image.append(
      svg('text', { x: LABEL_WIDTH - 8, y: y + 16, 'text-anchor': 'end' }, `${g.topic} · ${g.city}`),
      svg('rect', { x: LABEL_WIDTH, y, width, height: BAR_HEIGHT, class: 'bar' }),
      svg('text', { x: LABEL_WIDTH + width + 6, y: y + 16 }, String(g.total)),
    );
  });
  return el('figure', { class: 'insight-figure' }, image, el('figcaption', { text: caption }));
}

function questionsList(group) {
  return el(
    'ul',
    {},
    ...group.questions.map((q) => el('li', { text: fmt(I.questionLine, { question: q.question, count: q.count }) })),
  );
}

function render(report) {
  const weekHeaders = report.weeks.map((week) => fmt(I.colWeek, { week }));
  const weekly = report.weeks.map((week, w) => [
    fmt(I.colWeek, { week }),
    String(report.groups.reduce((sum, g) => sum + g.perWeek[w], 0)),
  ]);
  const groups = table(
    I.tableCaption,
    [
      I.colTopic,
      I.colCity,
      I.colNeed,
      I.colTotal,
      I.colUnanswered,
      I.colLow,
      I.colDown,
      ...weekHeaders,
      I.colQuestions,
      I.colReasons,
      I.colVersions,
    ],
    report.groups.map((g) => [
      g.topic,
      g.city,
      NEED[g.need] || g.need,
      String(g.total),
      String(g.byKind.unanswered),
      String(g.byKind.low),
      String(g.byKind.down),
      ...g.perWeek.map(String),
      questionsList(g),
      [...new Set(g.questions.flatMap((q) => q.reasons))].join('；'),
      g.versions.join(' '),
    ]),
  );
  groups.classList.add('wide');
  return [chart(report.groups), table(I.weeksCaption, [I.colWeekShort, I.colCount], weekly), groups];
}

/** Wires the section's two buttons; `announce` is the page's one announcer. */
export function initInsight(announce) {
  const body = /** @type {HTMLElement} */ (document.getElementById('insight-body'));
  const note = /** @type {HTMLElement} */ (document.getElementById('insight-note'));
  const say = (text) => {
    note.textContent = text;
    announce.status(text);
  };
  document.getElementById('insight-load')?.addEventListener('click', async () => {
    announce.clearError();
    say(I.loading);
    try {
      const report = await api('/api/admin/insight');
      body.replaceChildren(...(report.total === 0 ? [el('p', { text: I.empty })] : render(report)));
      say(fmt(I.loaded, { total: report.total, groups: report.groups.length }));
    } catch (error) {
      note.textContent = '';
      announce.error(fmt(T.admin.loadFailed, { message: error.message }));
    }
  });
  document.getElementById('insight-csv')?.addEventListener('click', async () => {
    announce.clearError();
    try {
      const response = await staffFetch('/api/admin/insight.csv', {}, 'text/csv');
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') || '')?.[1] || 'insight.csv';
      const url = URL.createObjectURL(await response.blob());
      const link = el('a', { href: url, download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      say(I.csvDone);
    } catch (error) {
      announce.error(fmt(T.admin.loadFailed, { message: error.message }));
    }
  });
}
