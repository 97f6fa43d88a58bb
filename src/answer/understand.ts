// Reads a question: which plans (cities) it is about, what kind of answer it wants, and which fact it asks for.
import type { CityAlias } from '../search/types.ts';
import type { Intent } from './types.ts';

/** A fact the plans usually do not state; when asked and absent from the best clauses, the answer abstains. */
export type AskedFact = 'amount' | 'time' | 'procedure' | null;

const COMPARE = /对比|比较|比一比|区别|不同|差别|哪个城市|哪些城市|各地|各市|五个城市|几个城市|分别/;
const DEPARTMENT = /牵头|部门|责任单位|牵头单位|哪个单位|谁负责|谁来管|归谁管|找谁|谁管/;
const INDICATOR =
  /指标|覆盖率|参保率|入学率|适配率|比例|目标值|目标是多少|达到多少|约束性|预期性|指标属性|增长目标|20\d\d\s*年?目标|多少户|多少人|培训人数/;
const ELIGIBILITY =
  /能不能|能否|可不可以|是否可以|符合条件|什么条件|哪些人|谁能|资格|够不够|算不算|能按|能领|能参加|能享受|能纳入|能申请/;
const ENTITLEMENT =
  /有没有|有什么|有啥|有哪些|补贴|补助|救助|优惠|减免|免费|服务|支持|扶持|帮助|帮扶|待遇|政策|能.{0,12}吗|吗[？?]?$/;

const AMOUNT =
  /多少钱|多少元|几块钱|几块|金额|能领多少|补贴多少|补多少|给多少|减免多少|减多少|免多少|补助多少|标准是多少|每个?月.{0,6}多少|一户.{0,6}多少|多少补贴/;
const TIME = /什么时候|何时|多久|多长时间|几天|哪年|哪一年|时限|期限|几号|建好|批下来|啥时候/;
const PROCEDURE =
  /怎么申请|如何申请|怎样申请|怎么办理|如何办理|怎么办手续|办理流程|申请流程|手续|要什么材料|需要什么材料|带什么|去哪.{0,4}(办|申请)|在哪.{0,4}(办|申请)/;

export interface Understanding {
  /** Plan ids named in the question itself, in order of appearance. */
  named: string[];
  /** Plan ids to answer for (named, else from the request's city, else from earlier turns); empty = all plans. */
  planIds: string[];
  /** A place outside the corpus named with none of ours (e.g. 广州). */
  otherPlace: string | null;
  intent: Intent;
  asked: AskedFact;
}

/** Finds the plans a text names, longest alias first, by position. */
export function detectCities(normalized: string, cities: readonly CityAlias[]): string[] {
  const found: { planId: string; at: number }[] = [];
  for (const city of cities) {
    let best = -1;
    for (const alias of [city.name, ...city.aliases]) {
      const key = alias.toLowerCase();
      if (key.length < 2) continue;
      const at = normalized.indexOf(key);
      if (at !== -1 && (best === -1 || at < best)) best = at;
    }
    if (best !== -1) found.push({ planId: city.planId, at: best });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.planId);
}

/** The first place outside the corpus that the text names, or null. */
export function detectOtherPlace(normalized: string, places: readonly string[]): string | null {
  return places.find((place) => normalized.includes(place)) ?? null;
}

export function detectIntent(normalized: string, namedCount: number): Intent {
  if (namedCount >= 2 || COMPARE.test(normalized)) return 'compare';
  if (DEPARTMENT.test(normalized)) return 'department';
  if (INDICATOR.test(normalized)) return 'indicator';
  if (ELIGIBILITY.test(normalized)) return 'eligibility';
  if (ENTITLEMENT.test(normalized)) return 'entitlement';
  return 'other';
}

export function detectAskedFact(normalized: string): AskedFact {
  if (AMOUNT.test(normalized)) return 'amount';
  if (TIME.test(normalized)) return 'time';
  if (PROCEDURE.test(normalized)) return 'procedure';
  return null;
}

/**
 * Understands a question in context. `question` and `history` are normalized by the tokenizer;
 * `cityPlanId` is the city picked in the UI, if any. A city named in the question wins over the UI's,
 * which wins over one named in earlier turns (the latest first).
 */
export function understand(
  question: string,
  history: readonly string[],
  cityPlanId: string | null,
  cities: readonly CityAlias[],
  places: readonly string[],
): Understanding {
  const named = detectCities(question, cities);
  let planIds = named;
  if (planIds.length === 0 && cityPlanId) planIds = [cityPlanId];
  if (planIds.length === 0) {
    for (let i = history.length - 1; i >= 0 && planIds.length === 0; i -= 1) {
      planIds = detectCities(history[i] ?? '', cities);
    }
  }
  const otherPlace = named.length === 0 ? detectOtherPlace(question, places) : null;
  const intent = detectIntent(question, named.length);
  return {
    named,
    planIds: intent === 'compare' && named.length < 2 ? [] : planIds,
    otherPlace,
    intent,
    asked: detectAskedFact(question),
  };
}
