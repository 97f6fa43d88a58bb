// The answer engine: question (+ turns, city, mode) → city and intent → ranked clauses → extractive cited answer.
import type { Corpus } from '../corpus/corpus.ts';
import type { Clause, Plan } from '../corpus/types.ts';
import type { ClauseIndex } from '../search/index.ts';
import type { CityAlias, Tokenizer } from '../search/types.ts';
import { toCitation } from './cite.ts';
import { bestSentences, easySentences, notFoundText, periodNote, quote, whereToAsk } from './compose.ts';
import { rank } from './rank.ts';
import type { Ranked } from './rank.ts';
import type { AskRequest, AskResponse, Citation, Intent, Mode } from './types.ts';
import { detectCities, understand } from './understand.ts';
import type { AskedFact } from './understand.ts';

/** Below these the best clause is not taken as an answer (calibrated on the dev set, see README). */
export const MIN_SCORE = 4;
export const MIN_COVERAGE = 0.4;
/** A second clause of the same city is cited when it scores at least this share of the best. */
export const SECOND_CLAUSE_SHARE = 0.6;
/** In answers across cities, a city is included when its best clause scores this share of the overall best. */
export const CITY_SHARE = 0.35;
export const MAX_CITATIONS = 5;
/** A quoted sentence under this many characters may be followed by a second one. */
export const SHORT_SENTENCE_CHARS = 40;
/** Earlier turns considered for follow-ups. */
export const CONTEXT_TURNS = 2;

export interface EngineDeps {
  corpus: Corpus;
  index: ClauseIndex;
  tokenizer: Tokenizer;
  cities: readonly CityAlias[];
  /** Places outside the corpus (corpus/lexicon/places.txt). */
  places: readonly string[];
  /** Term → plain explanation for easy mode (corpus/lexicon/glossary.txt). */
  glossary: ReadonlyMap<string, string>;
}

export interface SearchHitValue extends Citation {
  score: number;
  /** The words (incl. plan terms of everyday words) the clause matched, for marking them in results. */
  terms: string[];
}

export interface AnswerEngine {
  ask(request: AskRequest): AskResponse;
  search(query: string, options: { city: string | null; limit: number }): SearchHitValue[];
}

export function createAnswerEngine(deps: EngineDeps): AnswerEngine {
  const { corpus, index, tokenizer } = deps;
  const cityWords = new Set(deps.cities.flatMap((c) => [c.name, ...c.aliases].map((a) => tokenizer.normalize(a))));
  for (const word of [...cityWords]) for (const part of tokenizer.words(word)) cityWords.add(part);
  const planOf = (clause: Clause) => corpus.plan(clause.planId) as Plan;
  const cityNames = corpus.plans.map((p) => p.city).join('、');

  function ask(request: AskRequest): AskResponse {
    const mode: Mode = request.mode ?? 'standard';
    const history = (request.history ?? []).map((turn) => tokenizer.normalize(turn));
    const terms = tokenizer.query(request.question);
    const uiPlan = request.city ? (corpus.plan(request.city)?.id ?? null) : null;
    const meaning = understand(terms.normalized, history, uiPlan, deps.cities, deps.places);
    const context = history.slice(-CONTEXT_TURNS).flatMap((turn) => {
      const t = tokenizer.query(turn);
      return [...t.words, ...t.expansions].filter((w) => !cityWords.has(w));
    });
    const planIds = meaning.planIds.length > 0 ? meaning.planIds : null;
    const single = planIds?.length === 1 ? corpus.plan(planIds[0] as string) : undefined;
    const scope = single ? single.city : planIds ? planIds.map((id) => corpus.plan(id)?.city).join('、') : cityNames;

    const noAnswer = (related: Clause | null, intent: Intent): AskResponse => ({
      answered: false,
      answer: notFoundText(scope, related, related ? meaning.asked : null, mode, meaning.otherPlace, cityNames),
      city: single?.city ?? null,
      intent,
      confidence: 0,
      citations: [],
      suggestions: suggestionsFor(related ? [related] : [], single?.city ?? null),
    });

    if (meaning.otherPlace) return noAnswer(null, meaning.intent);
    const ranked = rank(index, { terms, context, planIds, intent: meaning.intent, cityWords }, 40);
    const best = ranked[0];
    if (!best || best.score < MIN_SCORE || best.coverage < MIN_COVERAGE) return noAnswer(null, meaning.intent);
    const queryTerms = [...terms.words.filter((w) => !cityWords.has(w)), ...terms.expansions];
    if (meaning.asked && !statesFact(ranked.slice(0, 2), meaning.asked)) return noAnswer(best.clause, meaning.intent);

    const acrossCities = meaning.intent === 'compare' || !single;
    const chosen = acrossCities ? perCity(ranked, planIds) : sameCity(ranked, meaning.intent);
    const lines = acrossCities
      ? composeAcross(chosen, queryTerms, meaning.intent, mode)
      : composeSingle(chosen, queryTerms, meaning.intent, mode, meaning.asked, terms.normalized);
    const confidence = Math.round(Math.min(1, best.coverage * Math.min(1, best.score / (MIN_SCORE * 4))) * 100) / 100;
    return {
      answered: true,
      answer: lines.join(''),
      city: single?.city ?? null,
      intent: meaning.intent,
      confidence,
      citations: chosen.map((r) => toCitation(r.clause, planOf(r.clause))),
      suggestions: suggestionsFor(
        ranked.slice(chosen.length, chosen.length + 6).map((r) => r.clause),
        single?.city ?? null,
      ),
    };
  }

  function sameCity(ranked: Ranked[], intent: Intent): Ranked[] {
    const best = ranked[0] as Ranked;
    const more = ranked
      .slice(1)
      .filter(
        (r) =>
          r.score >= best.score * SECOND_CLAUSE_SHARE && (intent !== 'indicator' || r.clause.kind === best.clause.kind),
      );
    return [best, ...more].slice(0, 3);
  }

  function perCity(ranked: Ranked[], planIds: readonly string[] | null): Ranked[] {
    const top = ranked[0]?.score ?? 0;
    const seen = new Set<string>();
    const out: Ranked[] = [];
    for (const r of ranked) {
      if (seen.has(r.clause.planId)) continue;
      if (!planIds && r.score < top * CITY_SHARE) continue;
      seen.add(r.clause.planId);
      out.push(r);
    }
    return out.slice(0, MAX_CITATIONS);
  }

  function composeSingle(
    chosen: Ranked[],
    terms: string[],
    intent: Intent,
    mode: Mode,
    asked: AskedFact,
    question: string,
  ): string[] {
    const best = (chosen[0] as Ranked).clause;
    const plan = planOf(best);
    const lines: string[] = [];
    if (intent === 'indicator' && best.indicator) {
      for (const r of chosen.filter((c) => c.clause.indicator)) lines.push(indicatorLine(r.clause, plan, mode));
      lines.push(mode === 'easy' ? '这是规划的目标，不是个人能领的钱。' : `以上是《${plan.title}》专栏1中的指标。`);
      return lines;
    }
    if (intent === 'department') {
      const withDepartments = chosen.find((r) => r.clause.departments)?.clause;
      if (withDepartments?.departments) {
        const d = withDepartments.departments;
        lines.push(
          `${plan.city}：《${plan.title}》中“${withDepartments.title}”一条的${d.lead.length ? `牵头单位是${d.lead.join('、')}` : ''}${
            d.participating.length ? `${d.lead.length ? '；' : ''}参与单位是${d.participating.join('、')}` : ''
          }。`,
        );
        lines.push(`原文：${quote(bestSentences(withDepartments, terms, 1)[0] ?? withDepartments.title)}`);
        return lines;
      }
      lines.push(`${plan.city}：《${plan.title}》没有为这项工作写明牵头部门。相关条款写道：`);
    }
    const [first, second] = bestSentences(best, terms, 2);
    if (mode === 'easy') {
      lines.push(`${plan.city}的规划里有写。`);
      for (const s of easySentences(first ?? best.title).slice(0, 4)) lines.push(s);
    } else {
      if (intent === 'entitlement' || intent === 'eligibility') lines.push(`${plan.city}的规划里有相关规定。`);
      lines.push(`据《${plan.title}》，${quote(first ?? best.title)}`);
      // Short enough to read aloud to a caller: a second sentence only when the first is brief; further clauses are
      // in the citations, which every front end lists.
      if (second && [...(first ?? '')].length < SHORT_SENTENCE_CHARS) lines.push(`同一条还写道：${quote(second)}`);
      if (chosen.length > 1) lines.push(`另有${chosen.length - 1}条相关条款列在依据里。`);
    }
    const note = periodNote(plan, best, asked, mode);
    if (note) lines.push(note);
    lines.push(whereToAsk(best, mode));
    // Terms in the answer or in the question itself (两项补贴是什么？) are explained.
    if (mode === 'easy') lines.push(...glosses(question + lines.join('')));
    return lines;
  }

  function composeAcross(chosen: Ranked[], terms: string[], intent: Intent, mode: Mode): string[] {
    const lines: string[] = [];
    lines.push(
      mode === 'easy'
        ? `${chosen.length}个城市的规划里有相关内容。`
        : `共有${chosen.length}个城市的规划写到了相关内容：`,
    );
    for (const r of chosen) {
      const plan = planOf(r.clause);
      if (intent === 'indicator' && r.clause.indicator) lines.push(indicatorLine(r.clause, plan, mode));
      else if (intent === 'department' && r.clause.departments?.lead.length) {
        lines.push(`${plan.city}：“${r.clause.title}”的牵头单位是${r.clause.departments.lead.join('、')}。`);
      } else if (mode === 'easy') {
        lines.push(
          `${plan.city}：${easySentences(bestSentences(r.clause, terms, 1)[0] ?? r.clause.title)[0] ?? r.clause.title}`,
        );
      } else {
        lines.push(`${plan.city}：${quote(bestSentences(r.clause, terms, 1)[0] ?? r.clause.title)}`);
      }
    }
    lines.push(
      mode === 'easy' ? '这些规划到2025年。' : '这些规划的期限都是2021—2025年，现行政策请以当地残联的答复为准。',
    );
    lines.push(whereToAsk(null, mode));
    return lines;
  }

  function indicatorLine(clause: Clause, plan: Plan, mode: Mode): string {
    const row = clause.indicator;
    if (!row) return '';
    const unit = row.unit ? `（${row.unit}）` : '';
    if (mode === 'easy') return `${plan.city}：${row.name}，到2025年的目标是${row.value2025}。`;
    const base = row.value2020 !== null ? `2020年${row.value2020}，` : '';
    return `${plan.city}：${row.name}${unit}，${base}2025年目标${row.value2025}${row.attribute ? `（${row.attribute}）` : ''}。`;
  }

  function glosses(text: string): string[] {
    const out: string[] = [];
    for (const [term, meaning] of deps.glossary) if (text.includes(term)) out.push(`${term}：${meaning}`);
    return out.slice(0, 3);
  }

  function suggestionsFor(clauses: Clause[], city: string | null): string[] {
    const titles = [
      ...new Set(clauses.filter((c) => c.kind !== 'indicator' && c.title.length <= 24).map((c) => c.title)),
    ];
    return titles.slice(0, 3).map((title) => `${city ?? ''}${title.replace(/[。，]$/, '')}有哪些规定？`);
  }

  function search(query: string, options: { city: string | null; limit: number }): SearchHitValue[] {
    const terms = tokenizer.query(query);
    const chosen = options.city ? corpus.plan(options.city)?.id : undefined;
    // Operators type the city into the box ("济宁 托养 牵头部门"): a city named there filters like the city field.
    const named = chosen ? [chosen] : detectCities(terms.normalized, deps.cities);
    const hits = index.search(
      { ...terms, words: terms.words.filter((w) => !cityWords.has(w)) },
      { planIds: named.length > 0 ? named : null, limit: options.limit, prefix: true },
    );
    return hits.map((hit) => ({
      ...toCitation(hit.clause, planOf(hit.clause)),
      score: Math.round(hit.score * 100) / 100,
      terms: hit.terms,
    }));
  }

  return { ask, search };
}

const FACT_PATTERNS = {
  amount: /\d[\d.,]*\s*(?:元|万元|块)/,
  time: /\d+\s*(?:个)?(?:工作日|日内|天内|个月内)|时限|期限|建成|竣工|投入使用/,
  procedure: /申请|办理|流程|手续|材料|窗口/,
} as const;

/** Does one of the best clauses state the asked fact (an amount in yuan, a deadline, a procedure)? */
function statesFact(ranked: Ranked[], asked: Exclude<AskedFact, null>): boolean {
  return ranked.some((r) => FACT_PATTERNS[asked].test(r.clause.text));
}
