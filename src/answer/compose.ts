// Writes the answer text, extractively: every statement is a sentence quoted from a cited clause, plus where to ask.
import type { Clause, IndicatorRow, Plan } from '../corpus/types.ts';
import type { Intent, Mode } from './types.ts';
import { CONDITION_BONUS, SHORT_SENTENCE_CHARS } from './tuning.ts';
import { FACTS, type AskedFact } from './facts.ts';
import { ANIMAL_PART } from '../search/subjects.ts';

export const HOTLINE = '12385';
const ANNOTATION = /[（(](?:牵头部门|牵头单位|责任单位)[：:][^）)]*[）)]/g;
const FACT_WORDS: Record<Exclude<AskedFact, null>, string> = {
  amount: '具体金额或标准',
  fee: '是否收费或收费标准',
  rate: '具体比例',
  count: '具体的天数或数量',
  age: '年龄的限制',
  channel: '具体的 APP、公众号或网址',
  schedule: '具体的日期或开放时间',
  frequency: '具体多久一次',
  time: '具体时间或期限',
  address: '具体地址或地点',
  name: '具体名称或名单',
  procedure: '具体的申请办理流程',
  documents: '需要的材料',
  contact: '电话、地址等联系方式',
  vacancy: '现在是否还有空位或名额',
};

/** The clause body without its own number, lead phrase separator or department annotation. */
function body(clause: Clause): string {
  let text = clause.text.replace(ANNOTATION, '').trim();
  if (clause.number && text.startsWith(clause.number)) text = text.slice(clause.number.length).trim();
  // A box entry is "name  description" (青州, 济宁): read the name as a label, not run into the sentence.
  if (clause.kind === 'box-entry' && text.startsWith(`${clause.title} `))
    text = `${clause.title}：${text.slice(clause.title.length + 1)}`;
  return text.replace(/\s+/g, ' ');
}

/** Sentences of a clause (split after 。！？；), without the department annotation. */
export function sentences(clause: Clause): string[] {
  return body(clause)
    .split(/(?<=[。！？；])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
}

/**
 * The sentences of a clause that share the most with the question, best first (at most `count`): each term it holds
 * counts as much as `weigh` says (how informative the term is over the clauses: 考试 more than 残疾儿童, which a
 * question about exams holds only through 孩子); a sentence stating one of `conditions` (16-59周岁, 一、二级) counts
 * extra, so eligibility answers quote who qualifies.
 * The clause's lead phrase alone is a heading, not an answer: it is used only when nothing else matches.
 */
export function bestSentences(
  clause: Clause,
  terms: readonly string[],
  weigh: (term: string) => number,
  count: number,
  conditions: readonly RegExp[] = [],
): string[] {
  const all = sentences(clause);
  const lead = clause.title.replace(/[。：:]$/, '');
  const candidates = all.length > 1 ? all.filter((s) => s.replace(/[。；]$/, '') !== lead) : all;
  const scored = candidates.map((sentence, index) => ({
    sentence,
    index,
    score:
      terms.reduce((sum, term) => sum + (sentence.toLowerCase().includes(term) ? weigh(term) : 0), 0) +
      CONDITION_BONUS * conditions.filter((pattern) => pattern.test(sentence)).length,
  }));
  const ranked = scored.filter((s) => s.score > 0).sort((a, b) => b.score - a.score || a.index - b.index);
  // A further sentence must share at least half as much with the question as the best one.
  const chosen = ranked.filter((s, i) => i === 0 || s.score * 2 >= (ranked[0]?.score ?? 0)).slice(0, count);
  return chosen.length > 0 ? chosen.map((s) => s.sentence) : candidates.slice(0, 1);
}

/** A quoted sentence ends with 。 inside the quote marks. */
export function quote(sentence: string): string {
  const trimmed = sentence.replace(/[；;，,]$/, '。');
  return `“${/[。！？]$/.test(trimmed) ? trimmed : `${trimmed}。`}”`;
}

/** Where to ask: the lead department when the plan names one, the local 残联, the hotline. */
export function whereToAsk(clause: Clause | null, mode: Mode): string {
  const lead = clause?.departments?.lead ?? [];
  if (mode === 'easy') return `想办理，可以问当地残联，或打 ${HOTLINE} 热线。`;
  if (lead.length > 0) {
    return `具体办理可以咨询${lead.join('、')}（这一条的牵头单位），或当地残联，也可以拨打 ${HOTLINE} 残疾人服务热线。`;
  }
  return `具体办理可以咨询当地残联，或拨打 ${HOTLINE} 残疾人服务热线。`;
}

/**
 * Today is after the plans' 2021–2025 period: say so where current standards matter, and name the asked detail the
 * plan does not state (`missing`). `said` is what the answer quotes: only there does 按规定 leave the amount open (a
 * clause's other sentence 按照有关规定… says nothing of the quoted 凭残疾人证可免费进入…).
 */
export function periodNote(plan: Plan, said: string, missing: AskedFact, mode: Mode): string | null {
  const vague = /按规定|按照有关规定/.test(said);
  const period = `这份规划的期限是${plan.period.replace('-', '—')}年`;
  if (mode === 'easy') {
    if (missing) return `规划没写${FACT_WORDS[missing]}。请问当地残联。`;
    return vague ? '规划没写具体金额。现在的标准，请问当地残联。' : null;
  }
  if (missing) return `规划没有写明${FACT_WORDS[missing]}；${period}，已经到期，现行规定请向当地残联确认。`;
  if (vague) return `规划写的是“按规定”，没有写明具体金额或标准；${period}，已经到期，现行标准请向当地残联确认。`;
  return `${period}，现行政策请以当地残联的答复为准。`;
}

/** Easy mode: one idea a sentence, cut at commas, each ending with 。. */
export function easySentences(sentence: string): string[] {
  return sentence
    .replace(/[“”]/g, '')
    .split(/[，；。：]/)
    .map((part) => part.trim())
    .filter((part) => part.length >= 2)
    .map((part) => `${part}。`);
}

export interface NotFound {
  /** The city or cities asked about. */
  scope: string;
  /** The nearest clauses (best first); quoted or named so the asker knows what the plan does cover. */
  related: Clause[];
  /** The question's words and terms, to pick the sentence of the nearest clause to quote, and what each is worth. */
  terms: readonly string[];
  weigh: (term: string) => number;
  /** A fact the question asks for that the plan does not state, or 'department' when the plan names none. */
  missing: AskedFact | 'department';
  otherPlace: string | null;
  /** The cities the corpus has, joined with 、. */
  cities: string;
  /** Things asked about that the plans do not speak of (契税, 月球), named in the answer. */
  absent?: readonly string[];
  /** A thing or an animal a benefit is asked for (它 → 导盲犬): the plans' benefits are for people. */
  notPerson?: string;
}

/** The answer when the plans do not answer: which detail is missing (quoting what the plan does say), or what is near. */
export function notFoundText(found: NotFound, mode: Mode): string {
  const { scope, related, terms, weigh, missing, otherPlace, cities } = found;
  const count = cities.split('、').length;
  if (otherPlace) {
    return mode === 'easy'
      ? `这里只有${cities}的规划。没有${otherPlace}的。请打 ${HOTLINE} 问。`
      : `这里只收录了${cities}${count}个城市的残疾人事业规划，没有${otherPlace}的规划，无法回答${otherPlace}的问题。请咨询${otherPlace}当地残联，或拨打 ${HOTLINE} 残疾人服务热线。`;
  }
  const best = related[0];
  if (missing && best) {
    const what = missing === 'department' ? '牵头部门' : FACT_WORDS[missing];
    const said = quote(bestSentences(best, terms, weigh, 1)[0] ?? best.title);
    return mode === 'easy'
      ? `规划里没有写${what}。请问当地残联，或打 ${HOTLINE}。`
      : `${scope}的规划没有写明${what}。相关的条款写道：${said}这类信息请咨询当地残联，或拨打 ${HOTLINE} 残疾人服务热线。`;
  }
  // Two cities' plans often share a heading: name each one once.
  const near = [...new Set(related.map((c) => `“${c.title.replace(/[。：:，]$/, '')}”`))].join('、');
  if (found.notPerson) {
    // The animal, not the part of it jieba kept in the word (牛腿 → 牛).
    const whom = found.notPerson.replace(ANIMAL_PART, '') || found.notPerson;
    return mode === 'easy'
      ? `规划里的补贴是给人的，没有给“${whom}”的。请问当地残联，或打 ${HOTLINE}。`
      : `${scope}的规划里的补贴和服务是给残疾人的，没有给“${whom}”的规定，无法回答这个问题。请咨询当地残联，或拨打 ${HOTLINE} 残疾人服务热线。`;
  }
  const things = (found.absent ?? []).map((t) => `“${t}”`).join('、');
  if (things) {
    return mode === 'easy'
      ? `规划里没有写${things}。请问当地残联，或打 ${HOTLINE}。`
      : `${scope}的规划里没有关于${things}的内容，无法回答这个问题。${
          near ? `规划里相近的内容有${near}，但它们说的不是这件事。` : ''
        }请咨询当地残联，或拨打 ${HOTLINE} 残疾人服务热线。`;
  }
  if (mode === 'easy') return `规划里没有找到这个问题的答案。请问当地残联，或打 ${HOTLINE}。`;
  return `没有在${scope}的规划里找到能回答这个问题的条款。${
    near ? `规划里相近的内容有${near}，可以换个说法再问。` : '请换个说法再问。'
  }也可以咨询当地残联，或拨打 ${HOTLINE} 残疾人服务热线。`;
}

/** The answer to a message that is no policy question (a request, a greeting): what the assistant can do. */
export function capabilityText(cities: string, mode: Mode): string {
  return mode === 'easy'
    ? `我只能回答残疾人政策的问题。比如补贴、康复、上学、找工作。请打 ${HOTLINE} 问别的事。`
    : `我是政策问答助手，只能回答${cities}残疾人事业规划里的政策问题，比如补贴、康复、教育、就业、无障碍和办事去哪里问，并给出规划原文。其他事情请拨打 ${HOTLINE} 残疾人服务热线。`;
}

/** How a sentence stating the asked fact reads (发挥“12348”热线作用 for a phone number), as a condition to quote first. */
const statingOf = (fact: AskedFact): RegExp[] => {
  const stated = FACTS.find((f) => f.fact === fact)?.stated;
  return stated ? [stated] : [];
};

/** How an answer is written: in which mode, with which glossary, and where each cited clause's plan is. */
export interface Composing {
  mode: Mode;
  planOf: (clause: Clause) => Plan;
  /** Term → plain explanation for easy mode (corpus/lexicon/glossary.txt). */
  glossary: ReadonlyMap<string, string>;
  /** What a question's term is worth in choosing the sentence to quote (see bestSentences). */
  weigh: (term: string) => number;
}

/** What the answer about one city quotes for: the question's words, the conditions it turns on, what it asks. */
export interface Asked {
  terms: readonly string[];
  conditions: readonly RegExp[];
  intent: Intent;
  /** The fact asked (an amount, a phone number), if any: the sentence stating it is quoted first. */
  fact: AskedFact;
  /** The asked fact the plan does not state, if any (said in the period note). */
  missing: AskedFact;
  /** The normalized question (easy mode explains the terms it uses). */
  question: string;
}

/** The answer about one city: the direct first sentence, the quote, the plan period, where to ask (easy: glosses). */
export function composeSingle(chosen: readonly Clause[], asked: Asked, how: Composing): string[] {
  const { terms, conditions, intent, missing, question } = asked;
  const { mode } = how;
  const best = chosen[0] as Clause;
  const plan = how.planOf(best);
  const lines: string[] = [];
  if (intent === 'indicator' && best.indicator) {
    for (const clause of chosen.filter((c) => c.indicator)) lines.push(indicatorLine(clause, plan, mode));
    lines.push(mode === 'easy' ? '这是规划的目标，不是个人能领的钱。' : `以上是《${plan.title}》专栏1中的指标。`);
    // The plan's text stating the same target says how it is reached (每年为200户…五年累计改造1000户).
    const text = chosen.find((c) => !c.indicator);
    const said = text && targetSentence(best.indicator)(text);
    if (said && mode !== 'easy') lines.push(`规划正文写道：${quote(said)}`);
    return lines;
  }
  if (intent === 'department') {
    const withDepartments = chosen.find((c) => c.departments);
    if (withDepartments?.departments) {
      const d = withDepartments.departments;
      lines.push(
        `${plan.city}：《${plan.title}》中“${withDepartments.title}”一条的${d.lead.length ? `牵头单位是${d.lead.join('、')}` : ''}${
          d.participating.length ? `${d.lead.length ? '；' : ''}参与单位是${d.participating.join('、')}` : ''
        }。`,
      );
      lines.push(`原文：${quote(bestSentences(withDepartments, terms, how.weigh, 1)[0] ?? withDepartments.title)}`);
      return lines;
    }
    lines.push(`${plan.city}：《${plan.title}》没有为这项工作写明牵头部门。相关条款写道：`);
  }
  const stating = statingOf(missing ? null : asked.fact);
  const [first, second] = bestSentences(best, terms, how.weigh, 2, [...conditions, ...stating]);
  if (mode === 'easy') {
    lines.push(`${plan.city}的规划里有写。`);
    for (const s of easySentences(first ?? best.title).slice(0, 4)) lines.push(s);
  } else {
    const statesCondition = conditions.some((pattern) => pattern.test(first ?? ''));
    if (intent === 'eligibility' && statesCondition) lines.push(`${plan.city}的规划写明了适用对象。`);
    else if (intent === 'entitlement' || intent === 'eligibility') lines.push(`${plan.city}的规划里有相关规定。`);
    lines.push(`据《${plan.title}》，${quote(first ?? best.title)}`);
    // Short enough to read aloud to a caller: a second sentence only when the first is brief; further clauses are
    // in the citations, which every front end lists.
    if (second && [...(first ?? '')].length < SHORT_SENTENCE_CHARS) lines.push(`同一条还写道：${quote(second)}`);
    if (chosen.length > 1) lines.push(`另有${chosen.length - 1}条相关条款列在依据里。`);
  }
  const note = periodNote(plan, lines.join(''), missing, mode);
  if (note) lines.push(note);
  lines.push(whereToAsk(best, mode));
  // Terms in the answer or in the question itself (两项补贴是什么？) are explained.
  if (mode === 'easy') lines.push(...glosses(question + lines.join(''), how.glossary));
  return lines;
}

/** The answer across cities: one cited line a city, the cities whose plans are silent, the periods, where to ask. */
export function composeAcross(
  chosen: readonly Clause[],
  asked: { terms: readonly string[]; intent: Intent; silent: readonly string[]; fact?: AskedFact },
  how: Composing,
): string[] {
  const { terms, intent, silent } = asked;
  // Each city's line is the sentence stating the detail asked, where one does (6个月的渐退期).
  const stating = statingOf(asked.fact ?? null);
  const { mode, planOf } = how;
  const lines: string[] = [];
  lines.push(
    mode === 'easy' ? `${chosen.length}个城市的规划里有相关内容。` : `共有${chosen.length}个城市的规划写到了相关内容：`,
  );
  if (silent.length > 0)
    lines.push(
      mode === 'easy' ? `${silent.join('、')}的规划里没有写。` : `${silent.join('、')}的规划里没有找到相关内容。`,
    );
  for (const clause of chosen) {
    const plan = planOf(clause);
    if (intent === 'indicator' && clause.indicator) lines.push(indicatorLine(clause, plan, mode));
    else if (intent === 'department' && clause.departments?.lead.length) {
      lines.push(`${plan.city}：“${clause.title}”的牵头单位是${clause.departments.lead.join('、')}。`);
    } else if (mode === 'easy') {
      lines.push(
        `${plan.city}：${easySentences(bestSentences(clause, terms, how.weigh, 1, stating)[0] ?? clause.title)[0] ?? clause.title}`,
      );
    } else {
      lines.push(`${plan.city}：${quote(bestSentences(clause, terms, how.weigh, 1, stating)[0] ?? clause.title)}`);
    }
  }
  // The periods of the plans cited, as the plans state them (2021-2025 → 2021—2025年).
  const periods = [...new Set(chosen.map((c) => planOf(c).period))];
  const ends = [...new Set(periods.map((period) => yearsOf(period).end))];
  lines.push(
    mode === 'easy'
      ? `这些规划到${ends.join('、')}年。`
      : `这些规划的期限${periods.length === 1 ? '都' : '分别'}是${periods.map((p) => `${p.replace('-', '—')}年`).join('、')}，现行政策请以当地残联的答复为准。`,
  );
  lines.push(whereToAsk(null, mode));
  return lines;
}

/** One indicator row read out: its name, unit, the value before the period and the target at its end. */
export function indicatorLine(clause: Clause, plan: Plan, mode: Mode): string {
  const row = clause.indicator;
  if (!row) return '';
  const unit = row.unit ? `（${row.unit}）` : '';
  // The indicator table gives the year before the plan period and its last year (2020 and 2025 for 2021-2025).
  const { start, end } = yearsOf(plan.period);
  if (mode === 'easy') return `${plan.city}：${row.name}，到${end}年的目标是${row.value2025}。`;
  const base = row.value2020 !== null ? `${start - 1}年${row.value2020}，` : '';
  return `${plan.city}：${row.name}${unit}，${base}${end}年目标${row.value2025}${row.attribute ? `（${row.attribute}）` : ''}。`;
}

/**
 * How to find the sentence of a clause of the plan's text that states an indicator row's target (每年为200户…五年累计改造
 * 1000户 for the row 困难重度残疾人家庭无障碍改造数, 1000): its number, not inside a longer one (with % for a rate), beside
 * two characters of the row's name other than 残疾人's. Finds nothing for a target under 10.
 */
export function targetSentence(row: IndicatorRow): (clause: Clause) => string | undefined {
  const figure = /\d+(?:\.\d+)?/.exec(row.value2025)?.[0];
  if (!figure || Number(figure) < 10) return () => undefined;
  const percent = /[%％]/.test(row.unit ?? '') ? '\\s*[%％]' : '(?![\\d.])';
  const stated = new RegExp(`(?<![\\d.])${figure.replace('.', '\\.')}${percent}`);
  const chars = [...row.name];
  const named = chars
    .slice(1)
    .map((c, i) => `${chars[i]}${c}`)
    .filter((pair) => !/残疾|疾人|\P{Script=Han}/u.test(pair));
  return (clause) =>
    sentences(clause).find((s) => stated.test(s.replace(/\s+/g, '')) && named.some((pair) => s.includes(pair)));
}

/** Plain explanations of the glossary's terms the text uses (at most three). */
export function glosses(text: string, glossary: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const [term, meaning] of glossary) if (text.includes(term)) out.push(`${term}：${meaning}`);
  return out.slice(0, 3);
}

/** Questions to ask next, from the titles of clauses near the answer. */
export function suggestionsFor(clauses: readonly Clause[], city: string | null): string[] {
  const titles = [
    ...new Set(clauses.filter((c) => c.kind !== 'indicator' && c.title.length <= 24).map((c) => c.title)),
  ];
  return titles.slice(0, 3).map((title) => `${city ?? ''}${title.replace(/[。，]$/, '')}有哪些规定？`);
}

/** The first and last year of a plan period written `2021-2025` (the shipped plans' and the upload form's format). */
export function yearsOf(period: string): { start: number; end: number } {
  const match = /^(\d{4})-(\d{4})$/.exec(period.trim());
  // A period in another shape still reads sensibly: the table's own column years.
  return match ? { start: Number(match[1]), end: Number(match[2]) } : { start: 2021, end: 2025 };
}
