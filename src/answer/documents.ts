// Answers from a city's rules and service guides beside its plan: a question about an amount, a date, a time limit,
// materials, where to go or whom to call is answered from the rules article or guide field that states it (the plan's
// clause supports), cited by kind, 文号 and article, quoted whole so amounts keep their conditions.
import type { Clause, Plan } from '../corpus/types.ts';
import { KIND_NAMES, withCompanions } from '../corpus/documents.ts';
import { guideField } from '../corpus/guide.ts';
import type { RankInput, Ranked } from './rank.ts';
import { FACTS } from './facts.ts';
import type { AskedFact } from './facts.ts';
import { quote, sentences, whereToAsk } from './compose.ts';
import type { Mode } from './types.ts';

/** How far down the ranking a rules article or guide field that states the asked fact is looked for. */
export const SPECIFIC_DEPTH = 12;
/** It must score at least this share of the best clause (it is about the same thing, not only the same kind of fact). */
export const SPECIFIC_SHARE = 0.3;
/** An article or field up to this many characters is quoted whole, so every amount keeps its condition. */
export const WHOLE_QUOTE_CHARS = 240;

/** The guide fields that answer each asked fact, besides any field whose text states it. */
const FIELD_ANSWERS: Record<Exclude<AskedFact, null>, readonly string[]> = {
  amount: [],
  fee: [],
  rate: [],
  count: [],
  age: [],
  channel: [],
  time: ['办理时限'],
  documents: ['申请材料'],
  contact: ['咨询电话', '办理地点'],
  procedure: ['办理流程', '办理地点'],
  address: ['办理地点'],
  name: [],
  schedule: [],
  frequency: [],
  vacancy: [],
};

const isPlan = (plan: Plan) => (plan.kind ?? 'plan') === 'plan';

/** Whether `clause` states the asked fact: its text reads like it, or it is the guide field for it. */
export function statesAsked(clause: Clause, asked: Exclude<AskedFact, null>): boolean {
  const field = guideField(clause);
  if (field) return FIELD_ANSWERS[asked].includes(field) || (asked !== 'procedure' && statedBy(asked, clause.text));
  return statedBy(asked, clause.text);
}

/** Whether `text` reads like it states the asked fact (an amount in yuan, a deadline …). */
export function statedBy(asked: Exclude<AskedFact, null>, text: string): boolean {
  return FACTS.find((f) => f.fact === asked)?.stated.test(text) ?? false;
}

/**
 * The ranking with the best rules article or guide field that states the asked fact moved first, when one is near
 * the top; unchanged when nothing is asked or no such clause is there (a corpus of plans only is never reordered).
 */
export function preferSpecific(ranked: Ranked[], asked: AskedFact, planOf: (clause: Clause) => Plan): Ranked[] {
  const best = ranked[0];
  if (!asked || !best || !isPlan(planOf(best.clause))) return ranked;
  const specific = ranked
    .slice(1, SPECIFIC_DEPTH)
    .find((r) => !isPlan(planOf(r.clause)) && r.score >= best.score * SPECIFIC_SHARE && statesAsked(r.clause, asked));
  if (!specific) return ranked;
  return [specific, ...ranked.filter((r) => r !== specific)];
}

/**
 * Ranks over the asked cities' documents (their rules and guides beside their plans) with the article or field that
 * states the asked fact first (preferSpecific). With plans only, exactly `rank` over `input`.
 */
export function specificFirst(
  plans: readonly Plan[],
  input: RankInput,
  asked: AskedFact,
  planOf: (clause: Clause) => Plan,
  rank: (input: RankInput) => Ranked[],
): Ranked[] {
  return preferSpecific(rank({ ...input, planIds: withCompanions(plans, input.planIds) }), asked, planOf);
}

/** How an answer names the source: 《title》 for a plan, 《title》（文号）第七条 or 《title》“申请材料” otherwise. */
export function sourceName(plan: Plan, clause: Clause): string {
  const title = `《${plan.title}》`;
  if (isPlan(plan)) return title;
  const number = plan.docNumber ? `（${plan.docNumber}）` : '';
  const field = guideField(clause);
  if (field) return `${title}${number}“${field}”一栏`;
  const article = clause.number && /^第.+条$/.test(clause.number) ? clause.number : '';
  return `${title}${number}${article}`;
}

/** The citation's label for a document that is no plan (kind, 文号, article or field); null for a plan. */
export function citationSource(plan: Plan, clause: Clause): string | null {
  return isPlan(plan) ? null : `${KIND_NAMES[plan.kind ?? 'plan']}${sourceName(plan, clause)}`;
}

/** The text of an article or field without its own number or label. */
function body(clause: Clause): string {
  let text = clause.text;
  if (clause.number && text.startsWith(clause.number)) text = text.slice(clause.number.length);
  const field = guideField(clause);
  if (field) text = text.replace(new RegExp(`^${field}[：:]?`), '');
  return text.trim();
}

/**
 * The answer lines when the best clause is a rules article or guide field (null for a plan's clause: the plan's own
 * composition applies). The article is quoted whole when short, else its sentences stating the asked fact; a line says
 * the plan's clause is listed as support; the plan-period note is left out (it is about plans), and when the document
 * states until when it is in force, that is said (`lapsed`, when given, says instead that it is no longer in force).
 */
export function documentLines(
  chosen: Ranked[],
  asked: AskedFact,
  mode: Mode,
  planOf: (clause: Clause) => Plan,
  lapsed: string | null = null,
): string[] | null {
  const best = chosen[0]?.clause;
  if (!best) return null;
  const plan = planOf(best);
  if (isPlan(plan)) return null;
  const text = body(best);
  const stating = asked ? sentences(best).filter((s) => statedBy(asked, s)) : [];
  const quoted = [...text].length <= WHOLE_QUOTE_CHARS || stating.length === 0 ? text : stating.join('');
  const lines: string[] = [];
  if (mode === 'easy') {
    lines.push(`${plan.city}的${KIND_NAMES[plan.kind ?? 'plan']}里写了：`);
    lines.push(quote(quoted));
  } else {
    lines.push(`据${plan.city}的${KIND_NAMES[plan.kind ?? 'plan']}${sourceName(plan, best)}，${quote(quoted)}`);
  }
  const supports = chosen.slice(1).filter((r) => isPlan(planOf(r.clause))).length;
  if (supports > 0 && mode !== 'easy') lines.push(`规划里的相关条款也列在依据里。`);
  // A document out of force says so (src/answer/force.ts) instead of until when it was in force.
  const until = plan.inForce?.until;
  if (lapsed) lines.push(lapsed);
  else if (until && mode !== 'easy')
    lines.push(`这份${KIND_NAMES[plan.kind ?? 'plan']}写明的有效期至${dateText(until)}。`);
  lines.push(whereToAsk(best, mode));
  return lines;
}

/** 2027-02-28 → 2027年2月28日. */
export function dateText(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
