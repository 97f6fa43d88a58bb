// The insight page's groups as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads Chinese as GBK),
// CRLF line ends, every field quoted, one row per group with the same numbers as the page's table.
import strings from '../../web/messages/zh-CN.json' with { type: 'json' };
import { format } from '../server/page-text.ts';
import type { DocumentNeed, InsightReport } from './insight.ts';

const S = strings.insight;
/** The byte-order mark Excel needs to read the file as UTF-8. */
export const BOM = '\uFEFF';

export const NEED_LABEL: Record<DocumentNeed, string> = { 'rules-guide': S.needRulesGuide, plan: S.needPlan };

/** One CSV field: quoted, quotes doubled; a leading = + - @ is prefixed with ' so a spreadsheet never runs it. */
export function csvField(value: string | number): string {
  const text = String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** The report as CSV text (BOM first). */
export function insightCsv(report: InsightReport): string {
  const header = [
    S.colTopic,
    S.colCity,
    S.colNeed,
    S.colTotal,
    S.colUnanswered,
    S.colLow,
    S.colDown,
    ...report.weeks.map((week) => format(S.colWeek, { week })),
    S.colQuestions,
    S.colReasons,
    S.colVersions,
  ];
  const rows = report.groups.map((g) => [
    g.topic,
    g.city,
    NEED_LABEL[g.need],
    g.total,
    g.byKind.unanswered,
    g.byKind.low,
    g.byKind.down,
    ...g.perWeek,
    g.questions.map((q) => format(S.questionLine, { question: q.question, count: q.count })).join('；'),
    [...new Set(g.questions.flatMap((q) => q.reasons))].join('；'),
    g.versions.join(' '),
  ]);
  return BOM + [header, ...rows].map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n';
}
