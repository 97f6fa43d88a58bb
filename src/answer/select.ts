// Chooses what an answer cites from the ranked clauses: how sure the best one is, the clauses of one city, one clause a
// city across cities (every named city in a comparison), and whether the quoted clause states the asked fact.
import type { Concept } from '../search/concept.ts';
import { NO_THING } from '../search/concept.ts';
import { BENEFIT_WORD } from '../search/benefit.ts';
import { answerCoverages } from '../search/coverage.ts';
import { guideField } from '../corpus/guide.ts';
import type { Clause, Plan } from '../corpus/types.ts';
import { lowerText } from './rank.ts';
import type { Ranked } from './rank.ts';
import { statedBy, statesAsked } from './documents.ts';
import { sentences, targetSentence } from './compose.ts';
import { CITY_SHARE, COMPARE_SECOND_SHARE, MAX_CITATIONS, MAX_SAME_CITY } from './tuning.ts';
import type { Tuning } from './tuning.ts';
import type { Intent } from './types.ts';
import { SUM, SUM_ONLY, type AskedFact } from './facts.ts';

/** How sure an answer is, from how much of the question its best clause covers (see answerCoverages). */
export function confidenceOf(covered: { coverage: number; gramCoverage: number }, tuning: Tuning): number {
  return tuning.coverageShare * covered.coverage + (1 - tuning.coverageShare) * covered.gramCoverage;
}

/** confidenceOf the clause for the question's concepts. */
export function sureOf(clause: Ranked['clause'], concepts: readonly Concept[], tuning: Tuning): number {
  return confidenceOf(answerCoverages(lowerText(clause), concepts, tuning.situationWeight), tuning);
}

/**
 * The best clause and those of the same city near it. An indicator question whose best is a row: rows, and last the
 * clause of the plan's text that states the row's target, wherever it ranks (五年一共呢: 1000, and 五年累计改造1000户).
 * (Whose best is not a row: any clauses, as for other questions; keeping to the best one's kind cost hit@3.)
 */
export function sameCity(ranked: readonly Ranked[], intent: Intent, secondShare: number): Ranked[] {
  const best = ranked[0] as Ranked;
  const row = intent === 'indicator' ? best.clause.indicator : null;
  const more = ranked
    .slice(1)
    .filter((r) => r.score >= best.score * secondShare && (!row || r.clause.kind === best.clause.kind));
  const stating = row ? targetSentence(row) : null;
  const text = stating
    ? ranked.find((r) => r.clause.planId === best.clause.planId && !r.clause.indicator && stating(r.clause))
    : undefined;
  return text ? [...[best, ...more].slice(0, MAX_SAME_CITY - 1), text] : [best, ...more].slice(0, MAX_SAME_CITY);
}

/** Each city's best clause, best first; without a choice of cities, only cities near the overall best. */
export function perCity(ranked: readonly Ranked[], planIds: readonly string[] | null): Ranked[] {
  const top = ranked[0]?.score ?? 0;
  const seen = new Set<string>();
  const out: Ranked[] = [];
  for (const r of ranked) {
    // One line a city, whichever of its documents (plan, rules, guide) the clause is from.
    if (seen.has(r.clause.city)) continue;
    if (!planIds && r.score < top * CITY_SHARE) continue;
    seen.add(r.clause.city);
    out.push(r);
  }
  return out.slice(0, MAX_CITATIONS);
}

/**
 * Every city named side by side: its best clause when that answers (see confidenceOf) — from the ranking over all the
 * cities, else `bestOf` its plan alone — its second clause when near, and the plans that say nothing of it.
 */
export function eachCity(
  planIds: readonly string[],
  ranked: readonly Ranked[],
  bestOf: (planId: string) => Ranked | undefined,
  sure: (ranked: Ranked) => number,
  minConfidence: number,
): { found: Ranked[]; more: Ranked[]; silent: string[] } {
  // Best first: in the order of the ranking over all the cities, a city found only in its own plan last.
  const at = (r: Ranked) => (ranked.includes(r) ? ranked.indexOf(r) : ranked.length);
  const found: Ranked[] = [];
  const silent: string[] = [];
  for (const planId of planIds) {
    // Its best clause among all cities; when that is not sure enough, its plan searched alone (the words that matter
    // for it may rank below another city's clauses: 永济 and 济宁 对特教老师有什么措施).
    const fromAll = ranked.find((r) => r.clause.planId === planId);
    const top = fromAll && sure(fromAll) >= minConfidence ? fromAll : bestOf(planId);
    if (top && sure(top) >= minConfidence) found.push(top);
    else silent.push(planId);
  }
  // A city's second clause, when it scores near its first, is cited too (after every city's first): plans often split
  // one topic over two clauses (a task and its box entry), and a comparison shows what each plan says of it.
  const more = found
    .flatMap(
      (top) =>
        ranked.find(
          (r) => r !== top && r.clause.planId === top.clause.planId && r.score >= top.score * COMPARE_SECOND_SHARE,
        ) ?? [],
    )
    .slice(0, Math.max(0, MAX_CITATIONS - found.length));
  return { found: found.sort((a, b) => at(a) - at(b)), more, silent };
}

/**
 * Does the clause the answer quotes state the asked fact (an amount in yuan, a rate, a deadline, a procedure …)? An
 * indicator row in % states the rate it names (覆盖率 for …覆盖到多大比例), not another (参保率 for 报销比例): one of the
 * question's `words` must be in the row's name.
 */
export function statesFact(
  best: Ranked,
  asked: Exclude<AskedFact, null>,
  words: readonly string[],
  question: string,
  subject: (sentence: string, clause: Clause) => boolean = () => true,
): boolean {
  const row = best.clause.indicator;
  if (asked === 'rate' && row && /[%％]/.test(row.unit ?? '')) {
    // The rate named (报销比例, 覆盖率) must be the row's: an 适配率 row does not state a 报销比例.
    const named = question.match(RATE_NAMED)?.[1];
    if (named && !COMMON_ROW_WORDS.has(named) && !ASKING.test(named)) return row.name.includes(named);
    return words.some((w) => w.length >= 2 && !COMMON_ROW_WORDS.has(w) && row.name.includes(w));
  }
  // 最低工资标准是多少 is not answered by a subsidy pegged to it, 投了多少钱 by an investment: by a sum in yuan, for a
  // standard in a sentence naming it (低保标准是多少 is not answered by 200元/月 for children in rehabilitation).
  if (asked === 'amount' && SUM_ONLY.test(question)) {
    const standard = STANDARD_NAMED.exec(question)?.[1];
    return standard
      ? sentences(best.clause).some((s) => SUM.test(s) && s.includes(standard))
      : SUM.test(best.clause.text);
  }
  // A guide field states what it is the field for (申请材料), whatever its text reads like.
  if (!statesAsked(best.clause, asked)) return false;
  // An amount, a rate, a time, a procedure or materials are stated of what their own sentence names: 200元/月 for
  // children in rehabilitation is no 生活补贴 standard, though the clause speaks of both.
  if (!OF_A_SUBJECT.has(asked) || row || guideField(best.clause)) return true;
  return sentences(best.clause).some((s) => statedBy(asked, s) && subject(s, best.clause));
}

/** A standard others are pegged to, named in a question asking its amount (低保标准是多少 → 低保). */
const STANDARD_NAMED = /(最低工资|低保)标准/;

/** The facts stated of a subject within one sentence. */
const OF_A_SUBJECT: ReadonlySet<AskedFact> = new Set([
  'amount',
  'fee',
  'rate',
  'count',
  'time',
  'procedure',
  'documents',
]);

/** The two characters before 比例 or 率 name the rate asked (报销比例 → 报销, 覆盖率 → 覆盖). */
const RATE_NAMED = /(\p{Script=Han}{2})的?(?:比例|率)/u;
/** …unless they ask (多大比例, 什么比例). */
const ASKING = /[多少大什么几哪]/;
/** Words in nearly every indicator row's name: no sign that the row is the rate asked about. */
const COMMON_ROW_WORDS = new Set(['残疾人', '残疾', '比例', '目标', '多少']);

/**
 * Whether a sentence of a clause names the things the question asks about (not the story's, not a word of a third of
 * the clauses), by the asker's word or a plan term for each: more than half of their weight (低收入残疾人家庭 取暖费: a
 * sentence on 残疾儿童家庭 names 家庭 only); true when the question names none. When what is asked names nothing of its
 * own (…做护理的护理员，一个月工资多少), it asks of what the story or the earlier turn named: a sentence naming one of
 * those (not 见习期间…不低于当地最低工资标准). A rules article or a guide field also speaks of its document's subject
 * (《…护理补贴实施细则》第十一条: 10个工作日).
 */
export function namesAsked(
  concepts: readonly Concept[],
  isCommon: (word: string) => boolean,
  planOf: (clause: Clause) => Plan,
  followsUp = false,
): (sentence: string, clause: Clause) => boolean {
  const thingish = concepts.filter(
    (c) => (c.thing || c.noun) && !isCommon(c.forms[0] ?? '') && !NO_THING.test(c.forms[0] ?? ''),
  );
  // When what is asked names no thing, the story's things are what it is asked of (one of them must be named) — when the
  // whole message is story, or when the story is the earlier turn's topic (一个月能领多少钱 after 济宁重度残疾人护理补贴).
  // A benefit's plain word asked of an act (取暖补贴一年多少钱) is stated of the act: a sum for another benefit (200元/月
  // for children in rehabilitation) does not say it.
  const named = thingish.filter((c) => !c.situation);
  const acts = concepts.filter((c) => !c.situation && !c.unknown && !c.noun && !c.thing && c.terms.length > 0);
  const plain = (c: Concept) => BENEFIT_WORD.test(c.forms[0] ?? '');
  const asked = named.some(plain) && acts.length > 0 ? [...named.filter((c) => !plain(c)), ...acts] : named;
  const told = concepts.every((c) => c.situation) || (followsUp && asked.length === 0);
  const things = told ? thingish : asked;
  const says = (text: string, c: Concept) =>
    text.includes(c.forms[0] ?? '') || c.terms.some((t) => t.length > 1 && text.includes(t));
  const total = things.reduce((sum, c) => sum + c.weight, 0);
  return (sentence, clause) => {
    if (things.length === 0) return true;
    const plan = planOf(clause);
    // Without the brackets the plans write alternatives in (各县（区）, 镇（街道）): the asker says 各县区.
    const text = `${(plan.kind ?? 'plan') === 'plan' ? '' : plan.title}${sentence}`
      .toLowerCase()
      .replace(/[（）()]/g, '');
    const said = things.filter((c) => says(text, c)).reduce((sum, c) => sum + c.weight, 0);
    return told ? said > 0 : said * 2 > total;
  };
}

/**
 * How many people or households a question asks of (一年能给多少娃做康复, 改多少户), and how a clause counts them (每年为500名,
 * 1000户): no detail a clause must state to answer (a goal may give none), but the clause that counts goes first.
 */
const PEOPLE_ASKED = /多少(?:个|位)?(?:人(?!次)|名|户|娃|孩子|残疾人)|几(?:个|位)?(?:人|户)(?![家员])/;
const PEOPLE_COUNTED = /\d[\d.]*\s*万?\s*(?:名|人(?!次)|户|例)/;

/** The ranking with a clause that counts the people asked of moved first (see statingFirst), when it is `sure`. */
export function countingFirst(ranked: Ranked[], question: string, sure: (r: Ranked) => boolean): Ranked[] {
  if (!PEOPLE_ASKED.test(question)) return ranked;
  return statingFirst(ranked, (r) => PEOPLE_COUNTED.test(r.clause.text) && sure(r));
}

/** Clauses after the best searched for one stating the asked detail, and the share of the best's score it needs. */
const STATING_DEPTH = 3;
const STATING_SHARE = 0.15;

/**
 * The ranking with a clause of the best one's document that states the asked detail moved first, when the best does not
 * and it is near the top (青州 上高中要钱吗: 全面落实残疾儿童少年15年免费教育, not the clause on 高中阶段教育).
 */
export function statingFirst(ranked: Ranked[], states: (r: Ranked) => boolean): Ranked[] {
  const best = ranked[0];
  if (!best || states(best)) return ranked;
  const stating = ranked
    .slice(1, STATING_DEPTH)
    .find((r) => r.clause.planId === best.clause.planId && r.score >= best.score * STATING_SHARE && states(r));
  return stating ? [stating, ...ranked.filter((r) => r !== stating)] : ranked;
}

/**
 * The ranking with the first clause `sure` of moved first, when the best is not (the earlier turn's words lifted a
 * clause the follow-up's own words do not hold: 那残疾人自己开车呢 after 专用停车位 ranks the 停车位 clause first).
 */
export function sureFirst(ranked: Ranked[], sure: (r: Ranked) => boolean): Ranked[] {
  const best = ranked[0];
  if (!best || sure(best)) return ranked;
  const surer = ranked.find(sure);
  return surer ? [surer, ...ranked.filter((r) => r !== surer)] : ranked;
}

/**
 * statingFirst within each city's clauses, in the places its clauses hold: a comparison quotes for every city the clause
 * that states the asked fact (年龄: 0~6岁 in one plan, 0-16岁 in another), when one is near its best.
 */
export function statingFirstEach(ranked: Ranked[], states: (r: Ranked) => boolean): Ranked[] {
  const out = [...ranked];
  for (const planId of new Set(ranked.map((r) => r.clause.planId))) {
    const places = ranked.flatMap((r, at) => (r.clause.planId === planId ? [at] : []));
    const own = statingFirst(
      places.map((at) => ranked[at] as Ranked),
      states,
    );
    places.forEach((at, k) => (out[at] = own[k] as Ranked));
  }
  return out;
}
