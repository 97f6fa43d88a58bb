// The insight page's numbers: grouping by topic and city per week with exact counts, near-duplicates counted as one,
// the document a group needs, the CSV Excel opens, and the flow recording what the page reads (real plans, SQLite).
import { describe, expect, it } from 'vitest';
import { documentNeed, groupInsight, insightSince, readInsight, weekStart } from '../../src/admin/insight.ts';
import { BOM, csvField, insightCsv } from '../../src/admin/insight-csv.ts';
import { createRecordStore, type InsightRow } from '../../src/records.ts';
import { createApp } from '../../src/app.ts';
import { rewire } from '../../src/runtime/services.ts';
import { testServices } from '../services.ts';
import { DOWN_REASON, askAndComplain } from './insight-asks.ts';

/** Thursday 2026-12-03 12:00 UTC; its week starts Monday 2026-11-30. */
const NOW = Date.UTC(2026, 11, 3, 12);
const DAY = 86_400_000;

const row = (over: Partial<InsightRow>): InsightRow => ({
  kind: 'unanswered',
  time: NOW,
  city: '济宁',
  question: '重度残疾人护理补贴一个月多少钱',
  key: '重度残疾人护理补贴一个月多少钱',
  topic: '重度残疾人护理补贴',
  asked: 'amount',
  reason: '',
  versions: [{ id: 'jining', version: 0 }],
  ...over,
});

describe('weeks', () => {
  it('starts a week on Monday 00:00 UTC', () => {
    expect(new Date(weekStart(NOW)).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(new Date(weekStart(Date.UTC(2026, 10, 30))).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    expect(new Date(weekStart(Date.UTC(2026, 10, 29, 23, 59))).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });

  it('covers eight weeks up to the current one', () => {
    expect(new Date(insightSince(NOW)).toISOString()).toBe('2026-10-12T00:00:00.000Z');
  });
});

describe('documentNeed', () => {
  it.each([
    ['amount', 'rules-guide'],
    ['schedule', 'rules-guide'],
    ['time', 'rules-guide'],
    ['documents', 'rules-guide'],
    ['address', 'rules-guide'],
    ['contact', 'rules-guide'],
    ['procedure', 'rules-guide'],
    ['rate', 'plan'],
    [null, 'plan'],
  ] as const)('a question asking for %s needs %s', (asked, need) => {
    expect(documentNeed(asked)).toBe(need);
  });
});

describe('groupInsight', () => {
  const rows: InsightRow[] = [
    row({}),
    row({ question: '济宁重度残疾人护理补贴一个月多少钱？', time: NOW - DAY }),
    row({ kind: 'down', reason: '没说金额', time: NOW - 7 * DAY }),
    row({ kind: 'low', city: null, time: NOW - 7 * DAY }),
    row({
      kind: 'down',
      question: '自闭症孩子去哪里做康复',
      key: '自闭症孩子去哪里做康复',
      topic: '自闭症',
      asked: null,
      reason: '没有说具体机构',
      time: NOW - 14 * DAY,
    }),
    row({ topic: null, question: '你好', key: '你好', asked: null, time: NOW - 2 * DAY }),
    // Before the eight weeks: not counted.
    row({ time: NOW - 60 * DAY }),
  ];
  const report = groupInsight(rows, NOW);

  it('counts per kind and per week, the oldest week first', () => {
    expect(report.weeks).toHaveLength(8);
    expect(report.weeks[0]).toBe('2026-10-12');
    expect(report.weeks[7]).toBe('2026-11-30');
    expect(report.total).toBe(6);
    expect(report.byKind).toEqual({ unanswered: 3, low: 1, down: 2 });
  });

  it('groups by topic and city, largest first, near-duplicates as one question', () => {
    expect(report.groups.map((g) => [g.topic, g.city, g.total])).toEqual([
      ['重度残疾人护理补贴', '济宁', 3],
      ['（未识别主题）', '济宁', 1],
      ['自闭症', '济宁', 1],
      ['重度残疾人护理补贴', '（未指明城市）', 1],
    ]);
    const care = report.groups[0]!;
    expect(care.byKind).toEqual({ unanswered: 2, low: 0, down: 1 });
    expect(care.perWeek).toEqual([0, 0, 0, 0, 0, 0, 1, 2]);
    expect(care.questions).toEqual([{ question: '重度残疾人护理补贴一个月多少钱', count: 3, reasons: ['没说金额'] }]);
    expect(care.need).toBe('rules-guide');
    expect(care.versions).toEqual(['jining@0']);
    const autism = report.groups[2]!;
    expect(autism.need).toBe('plan');
    expect(autism.perWeek).toEqual([0, 0, 0, 0, 0, 1, 0, 0]);
    expect(autism.questions[0]!.reasons).toEqual(['没有说具体机构']);
  });

  it('writes the same numbers as CSV with a BOM, one row per group', () => {
    const csv = insightCsv(report);
    expect(csv.startsWith(BOM)).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]!.split(',').slice(0, 7)).toEqual([
      '"主题"',
      '"城市"',
      '"需要补充的文件"',
      '"合计"',
      '"没答上"',
      '"答得没把握"',
      '"没帮助"',
    ]);
    expect(lines[1]).toBe(
      '"重度残疾人护理补贴","济宁","实施细则或办事指南","3","2","0","1","0","0","0","0","0","0","1","2",' +
        '"重度残疾人护理补贴一个月多少钱（3 次）","没说金额","jining@0"',
    );
  });

  it('keeps a spreadsheet from running a field', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  });
});

describe('what the ask flow records for the page', () => {
  it('lists a declined question, its place-named twin as the same question, and a thumbs-down with its reason', async () => {
    const records = createRecordStore(null);
    const services = rewire(await testServices(), { records });
    const app = createApp(services);
    await askAndComplain((url, init) => app.request(url, init));

    const report = await readInsight(records);
    expect(report.byKind).toEqual({ unanswered: 2, low: 0, down: 1 });
    const care = report.groups.find((g) => g.topic === '重度残疾人护理补贴');
    expect(care?.total).toBe(2);
    expect(care?.questions).toHaveLength(1);
    expect(care?.questions[0]?.count).toBe(2);
    expect(care?.need).toBe('rules-guide');
    const down = report.groups.find((g) => g.byKind.down === 1);
    expect(down?.city).toBe('济宁');
    expect(down?.questions[0]?.reasons).toEqual([DOWN_REASON]);
    expect(down?.versions).toEqual(['jining@0']);
    records.close();
  }, 120_000);

  it('is for staff only', async () => {
    const app = createApp(await testServices());
    expect((await app.request('/api/admin/insight')).status).toBe(401);
    expect((await app.request('/api/admin/insight.csv')).status).toBe(401);
  });
});
