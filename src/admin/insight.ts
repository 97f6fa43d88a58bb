// The staff insight page's numbers: questions unanswered, answered with low confidence or given a thumbs-down, grouped
// by topic (the query analysis' main concept) and city, counted per week, each group with the kind of document that
// would answer it. Pure: stored rows in, groups and CSV out.
import type { InsightKind, InsightRow, LiveVersion } from '../records.ts';
import strings from '../../web/messages/zh-CN.json' with { type: 'json' };

/** Weeks the page covers (the current one and the ones before it). */
export const INSIGHT_WEEKS = 8;
/** Most rows read for one page (the records keep at most 100,000 a table). */
export const INSIGHT_MAX_ROWS = 20_000;
/** Most distinct questions listed in one group (the counts include all). */
export const QUESTIONS_PER_GROUP = 10;
/** The group of questions the analysis found no topic in. */
export const NO_TOPIC = strings.insight.noTopic;
/** The column of questions asked without a city. */
export const NO_CITY = strings.insight.noCity;

const WEEK_MS = 7 * 86_400_000;
/** 1970-01-01 was a Thursday: 1970-01-05, four days later, a Monday. */
const MONDAY_OFFSET_MS = 4 * 86_400_000;

/** Facts a rules article or a service guide states and a plan rarely does (src/answer/understand.ts AskedFact). */
const SPECIFIC_FACTS = new Set([
  'amount',
  'fee',
  'count',
  'age',
  'channel',
  'schedule',
  'time',
  'documents',
  'address',
  'contact',
  'procedure',
]);

/** Which document would answer: 'rules-guide' (实施细则 or 办事指南) for an amount, a date, a time limit, materials, a place. */
export type DocumentNeed = 'rules-guide' | 'plan';

export interface InsightQuestion {
  /** The latest wording asked (redacted). */
  question: string;
  count: number;
  /** Thumbs-down reasons given, distinct, latest first. */
  reasons: string[];
}

export interface InsightGroup {
  topic: string;
  city: string;
  need: DocumentNeed;
  total: number;
  byKind: Record<InsightKind, number>;
  /** One count per week of `InsightReport.weeks`, in the same order. */
  perWeek: number[];
  questions: InsightQuestion[];
  /** Document versions live when the group's questions were asked (distinct, `id@version`, sorted). */
  versions: string[];
}

export interface InsightReport {
  /** Monday of each week covered (YYYY-MM-DD, UTC), oldest first. */
  weeks: string[];
  total: number;
  byKind: Record<InsightKind, number>;
  /** Largest first; ties by topic then city. */
  groups: InsightGroup[];
}

/** Monday 00:00 UTC of the week `time` falls in. */
export function weekStart(time: number): number {
  return Math.floor((time - MONDAY_OFFSET_MS) / WEEK_MS) * WEEK_MS + MONDAY_OFFSET_MS;
}

/** The first moment the report covers for `now` (Monday of the oldest week). */
export function insightSince(now: number, weeks = INSIGHT_WEEKS): number {
  return weekStart(now) - (weeks - 1) * WEEK_MS;
}

/** The document kind that would answer a question asking for `asked`. */
export function documentNeed(asked: string | null): DocumentNeed {
  return asked !== null && SPECIFIC_FACTS.has(asked) ? 'rules-guide' : 'plan';
}

const noKinds = (): Record<InsightKind, number> => ({ unanswered: 0, low: 0, down: 0 });
const versionName = (v: LiveVersion) => `${v.id}@${v.version}`;

interface Building extends InsightGroup {
  byKey: Map<string, InsightQuestion & { time: number }>;
  needs: Map<DocumentNeed, number>;
  live: Set<string>;
}

/**
 * Groups `rows` (any order) into the weeks up to `now`. Questions sharing a key (the same words without places and
 * punctuation) count as one question with their count; a group's document need is the one most of its questions have
 * (rules or guide on a tie: the specific question is the one a plan cannot answer).
 */
export function groupInsight(rows: readonly InsightRow[], now: number, weeks = INSIGHT_WEEKS): InsightReport {
  const first = insightSince(now, weeks);
  const weekList = Array.from({ length: weeks }, (_, i) => first + i * WEEK_MS);
  const groups = new Map<string, Building>();
  const byKind = noKinds();
  let total = 0;
  for (const row of [...rows].sort((a, b) => a.time - b.time)) {
    const week = Math.floor((weekStart(row.time) - first) / WEEK_MS);
    if (week < 0 || week >= weeks) continue;
    const topic = row.topic ?? NO_TOPIC;
    const city = row.city ?? NO_CITY;
    const id = `${topic}\u0000${city}`;
    let group = groups.get(id);
    if (!group) {
      group = {
        topic,
        city,
        need: 'plan',
        total: 0,
        byKind: noKinds(),
        perWeek: weekList.map(() => 0),
        questions: [],
        versions: [],
        byKey: new Map(),
        needs: new Map(),
        live: new Set(),
      };
      groups.set(id, group);
    }
    total += 1;
    byKind[row.kind] += 1;
    group.total += 1;
    group.byKind[row.kind] += 1;
    group.perWeek[week]! += 1;
    const need = documentNeed(row.asked);
    group.needs.set(need, (group.needs.get(need) ?? 0) + 1);
    for (const v of row.versions) group.live.add(versionName(v));
    const known = group.byKey.get(row.key);
    const question = known ?? { question: row.question, count: 0, reasons: [], time: row.time };
    question.question = row.question;
    question.count += 1;
    question.time = row.time;
    if (row.reason !== '' && !question.reasons.includes(row.reason)) question.reasons.unshift(row.reason);
    group.byKey.set(row.key, question);
  }
  const done = [...groups.values()].map(({ byKey, needs, live, ...group }): InsightGroup => {
    const specific = needs.get('rules-guide') ?? 0;
    return {
      ...group,
      need: specific >= (needs.get('plan') ?? 0) ? 'rules-guide' : 'plan',
      questions: [...byKey.values()]
        .sort((a, b) => b.count - a.count || b.time - a.time)
        .slice(0, QUESTIONS_PER_GROUP)
        .map(({ time: _time, ...q }) => q),
      versions: [...live].sort(),
    };
  });
  done.sort((a, b) => b.total - a.total || a.topic.localeCompare(b.topic) || a.city.localeCompare(b.city));
  const day = (time: number) => new Date(time).toISOString().slice(0, 10);
  return { weeks: weekList.map(day), total, byKind, groups: done };
}

/** Reads the records of the weeks covered and groups them. */
export async function readInsight(
  records: { insightRows(since: number, limit: number): InsightRow[] | Promise<InsightRow[]> },
  now = Date.now(),
): Promise<InsightReport> {
  return groupInsight(await records.insightRows(insightSince(now), INSIGHT_MAX_ROWS), now);
}
