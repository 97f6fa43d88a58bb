// Documents out of force and documents that disagree. A question about the present is answered from documents in force
// only; one about the past (以前, 原来, 2020年的时候) may cite a document out of force, and the answer says since when and
// what replaced it. When two documents of a city state the asked figure for the same thing differently, the newer is
// quoted first (the older for a question about the past) and the answer says that the other differs.
import type { Clause, Plan } from '../corpus/types.ts';
import { KIND_NAMES } from '../corpus/documents.ts';
import type { ForceState } from '../corpus/in-force.ts';
import { newerOf } from '../corpus/in-force.ts';
import { dateText, sourceName, statesAsked } from './documents.ts';
import { quote, sentences } from './compose.ts';
import type { Ranked } from './rank.ts';
import { FACTS } from './facts.ts';
import type { AskedFact } from './facts.ts';

/** How far down the ranking a clause of another document that states the asked figure differently is looked for. */
export const DISAGREE_DEPTH = 12;
/**
 * Two clauses are about the same thing when the Dice overlap of the character pairs of their sentences stating the
 * asked fact (figures left out) is at least this: 第七条 护理补贴 of 2023 and of 2025 share almost all of them, 生活补贴
 * and 护理补贴 about a third.
 */
export const SAME_THING_OVERLAP = 0.6;

const HOTLINE = '12385';

/** `planIds` without the documents out of force (all served documents but those when null and some are out). */
export function inForceOnly(
  planIds: readonly string[] | null,
  plans: readonly Plan[],
  out: ReadonlySet<string>,
): readonly string[] | null {
  if (out.size === 0) return planIds;
  return (planIds ?? plans.map((p) => p.id)).filter((id) => !out.has(id));
}

/** The clause's sentences that state the asked fact (the whole of it when none does alone: a guide field). */
function stating(clause: Clause, asked: Exclude<AskedFact, null>): string[] {
  const stated = FACTS.find((f) => f.fact === asked)?.stated;
  const found = stated ? sentences(clause).filter((s) => stated.test(s)) : [];
  return found.length > 0 ? found : sentences(clause);
}

/** The figures a text states for the asked fact (120元, 10个工作日, 80%), in order. */
function figures(text: string, asked: Exclude<AskedFact, null>): string[] {
  const stated = FACTS.find((f) => f.fact === asked)?.stated;
  if (!stated) return [];
  return [...text.matchAll(new RegExp(stated.source, 'g'))]
    .map((m) => m[0].replace(/\s+/g, ''))
    .filter((f) => /\d/.test(f));
}

function pairs(text: string): Set<string> {
  const han = text.replace(/[^\p{Script=Han}]/gu, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < han.length; i += 1) out.add(han.slice(i, i + 2));
  return out;
}

/** Dice overlap of two texts' character pairs (Chinese characters only: figures and punctuation left out). */
export function overlap(a: string, b: string): number {
  const pa = pairs(a);
  const pb = pairs(b);
  if (pa.size + pb.size === 0) return 0;
  let shared = 0;
  for (const p of pa) if (pb.has(p)) shared += 1;
  return (2 * shared) / (pa.size + pb.size);
}

/**
 * Whether two clauses disagree on the asked fact: both state it, they are about the same thing (SAME_THING_OVERLAP)
 * and the figures they state differ (an amount, a time limit, a rate; words alone never disagree).
 */
export function disagree(a: Clause, b: Clause, asked: Exclude<AskedFact, null>): boolean {
  if (!statesAsked(a, asked) || !statesAsked(b, asked)) return false;
  const ta = stating(a, asked).join('');
  const tb = stating(b, asked).join('');
  const fa = figures(ta, asked);
  const fb = figures(tb, asked);
  if (fa.length === 0 || fb.length === 0 || fa.join('|') === fb.join('|')) return false;
  return overlap(ta, tb) >= SAME_THING_OVERLAP;
}

/** A clause of another document of the same city, near the top of `ranked`, that disagrees with `best`; or null. */
export function disagreeing(
  best: Ranked,
  ranked: readonly Ranked[],
  asked: AskedFact,
  planOf: (clause: Clause) => Plan,
): Ranked | null {
  if (!asked) return null;
  return (
    ranked
      .slice(0, DISAGREE_DEPTH)
      .find(
        (r) =>
          r.clause.planId !== best.clause.planId &&
          planOf(r.clause).city === planOf(best.clause).city &&
          disagree(best.clause, r.clause, asked),
      ) ?? null
  );
}

/** Two disagreeing clauses in the order an answer quotes them, and whether the first is the newer (null: unknown). */
export interface Disagreement {
  first: Ranked;
  second: Ranked;
  firstIsNewer: boolean | null;
}

/** The newer first for the present, the older first for a question about the past; as ranked when neither is known. */
export function inOrder(best: Ranked, other: Ranked, past: boolean, planOf: (clause: Clause) => Plan): Disagreement {
  const newer = newerOf(planOf(best.clause), planOf(other.clause));
  if (!newer) return { first: best, second: other, firstIsNewer: null };
  const bestIsNewer = newer === planOf(best.clause);
  const firstIsBest = bestIsNewer !== past;
  return firstIsBest
    ? { first: best, second: other, firstIsNewer: bestIsNewer }
    : { first: other, second: best, firstIsNewer: !bestIsNewer };
}

/** What a clause is, for an answer: 实施细则《…》（济残发〔2023〕7号）第七条. */
function named(plan: Plan, clause: Clause): string {
  return `${plan.kind && plan.kind !== 'plan' ? KIND_NAMES[plan.kind] : ''}${sourceName(plan, clause)}`;
}

/** The line that names the other document's different figure (after the first one's quote). */
export function differsLine(
  d: Disagreement,
  asked: Exclude<AskedFact, null>,
  planOf: (clause: Clause) => Plan,
): string {
  const other = d.second.clause;
  const what = `${named(planOf(other), other)}写的是不同的标准：${quote(stating(other, asked).join(''))}`;
  if (d.firstIsNewer === true) return `另有较早的${what}以较新的文件为准；拿不准请打 ${HOTLINE} 问一问。`;
  if (d.firstIsNewer === false) return `较新的${what}现在以较新的文件为准。`;
  return `另有${what}两份文件写得不一样，请打 ${HOTLINE} 问清楚。`;
}

/** Why a document is out of force, in a few words: 有效期到2027年2月28日 / 自2025年1月1日起由《…》（…）取代. */
function reason(state: Exclude<ForceState, { inForce: true }>): string {
  if (state.reason === 'expired') return `有效期到${dateText(state.until)}`;
  if (!state.by) return '已被另一份文件取代';
  const by = `《${state.by.title}》${state.by.docNumber ? `（${state.by.docNumber}）` : ''}`;
  return state.since ? `自${dateText(state.since)}起由${by}取代` : `已由${by}取代`;
}

/** The line that says the quoted document is no longer in force (a question about the past). */
export function lapsedLine(plan: Plan, state: Exclude<ForceState, { inForce: true }>): string {
  return `这份${KIND_NAMES[plan.kind ?? 'plan']}已经失效（${reason(state)}），上面是以前的规定。`;
}

/** The same across cities, naming the document: 济宁的实施细则《…》第十二条已经失效（…）。 */
export function lapsedNamed(plan: Plan, clause: Clause, state: Exclude<ForceState, { inForce: true }>): string {
  return `${plan.city}的${named(plan, clause)}已经失效（${reason(state)}）。`;
}

/**
 * A question about the present whose only source is a document out of force: that document is named, not quoted or
 * cited, with why it is out of force and where to ask.
 */
export function lapsedOnlyText(plan: Plan, clause: Clause, state: Exclude<ForceState, { inForce: true }>): string {
  const kind = KIND_NAMES[plan.kind ?? 'plan'];
  return `${plan.city}的${named(plan, clause)}写过这件事，但这份${kind}已经失效（${reason(state)}）；现在有效的文件里没有找到，请拨打 ${HOTLINE} 残疾人服务热线问清楚。`;
}
