// The answer engine: question (+ turns, city, mode) → city and intent → ranked clauses → extractive cited answer.
import type { Corpus } from '../corpus/corpus.ts';
import type { Clause, Plan } from '../corpus/types.ts';
import type { ClauseIndex } from '../search/index.ts';
import { absentThings, answerCoverages, createQueryAnalyzer } from '../search/analyze.ts';
import type { AnalyzedQuery, Blank, Concept } from '../search/analyze.ts';
import type { HomophoneMatcher } from '../search/homophones.ts';
import type { CityAlias, Tokenizer } from '../search/types.ts';
import { toCitation } from './cite.ts';
import {
  bestSentences,
  capabilityText,
  easySentences,
  notFoundText,
  periodNote,
  quote,
  whereToAsk,
} from './compose.ts';
import { lowerText, rank } from './rank.ts';
import type { Ranked } from './rank.ts';
import { TUNING } from './tuning.ts';
import type { Tuning } from './tuning.ts';
import type { AskRequest, AskResponse, Citation, Intent, Mode } from './types.ts';
import {
  CONDITIONS,
  FACTS,
  askedCue,
  asksExistence,
  conditionsOf,
  detectAskedFact,
  detectIntent,
  notPolicy,
  PERSONAL_BENEFIT,
  toldAge,
  topicIntent,
  understand,
} from './understand.ts';
import { createPlaceFinder } from './places.ts';
import type { AskedFact, Understanding } from './understand.ts';

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
  /** Places outside the corpus (from the gazetteer, src/answer/places.ts), longest first. */
  places: readonly string[];
  /** Term → plain explanation for easy mode (corpus/lexicon/glossary.txt). */
  glossary: ReadonlyMap<string, string>;
  homophones: HomophoneMatcher;
  /** Weights and thresholds (default: the cross-validated TUNING). */
  tuning?: Tuning;
}

/** From this age on, the asker's 孩子 or 娃 is no child in the plans' sense (儿童, 少年, 学前: 0–15). */
export const ADULT_AGE = 16;
const CHILDHOOD = /儿童|少年|幼儿|学前/;

/** A grown-up son or daughter (孩子二十岁了): the words for children stand for no 儿童 clause. */
function grownUp(query: AnalyzedQuery): AnalyzedQuery {
  const concepts = query.concepts
    .map((c) => ({ ...c, terms: c.terms.filter((t) => !CHILDHOOD.test(t)) }))
    .filter((c, i) => c.terms.length > 0 || (query.concepts[i]?.terms.length ?? 0) === 0);
  return { ...query, concepts, expansions: query.expansions.filter((t) => !CHILDHOOD.test(t)) };
}

/** A word that asks for a condition (年龄, 几级) is covered by a clause stating one (16-59周岁, 一、二级). */
function withConditions(query: AnalyzedQuery): AnalyzedQuery {
  const concepts = query.concepts.map((c) => {
    const condition = CONDITIONS.find((k) => k.told.test(c.forms[0] ?? ''));
    return condition ? { ...c, stated: condition.stated } : c;
  });
  return { ...query, concepts };
}

/** A turn that points back (那…呢, 这个, 他/她, 还有呢) takes its topic from the turn before. */
const POINTS_BACK = /^(?:那|那么|那个|这个|这|还有|他|她|它|其|此外)|[那这]个?[^，。？]{0,6}呢[？?]?$/;

/** How sure an answer is, from how much of the question its best clause covers (see answerCoverages). */
export function confidenceOf(covered: { coverage: number; gramCoverage: number }, tuning: Tuning): number {
  return tuning.coverageShare * covered.coverage + (1 - tuning.coverageShare) * covered.gramCoverage;
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
  const tuning = deps.tuning ?? TUNING;
  const analyzer = createQueryAnalyzer(tokenizer, index, deps.homophones, tuning);
  const places = createPlaceFinder(
    deps.cities.map((c) => ({ ...c, aliases: tokenizer.normalizeAll(c.aliases) })),
    tokenizer.normalizeAll(deps.places),
    (normalized) => tokenizer.segments(normalized),
  );
  const blank: Blank = (normalized) => places.spans(normalized);
  const planOf = (clause: Clause) => corpus.plan(clause.planId) as Plan;
  const allCities = corpus.plans.map((p) => p.city).join('、');

  function ask(request: AskRequest): AskResponse {
    const mode: Mode = request.mode ?? 'standard';
    const history = (request.history ?? []).map((turn) => tokenizer.normalize(turn));
    const normalized = tokenizer.normalize(request.question);
    const uiPlan = request.city ? (corpus.plan(request.city)?.id ?? null) : null;
    const turns = history.slice(-CONTEXT_TURNS).map((turn) => analyzer.analyze(turn, blank));
    const told = toldAge([...history, normalized].join('，'));
    const { query: analyzed, from } = followUp(analyzer.analyzeNormalized(normalized, blank), normalized, turns);
    const meaning = carriedOver(understand(normalized, history, uiPlan, places), from);
    const query = told !== null && told >= ADULT_AGE ? grownUp(analyzed) : analyzed;
    const context = turns.flatMap((t) => [...t.words, ...t.expansions]);
    const planIds = meaning.planIds.length > 0 ? meaning.planIds : null;
    const single = planIds?.length === 1 ? corpus.plan(planIds[0] as string) : undefined;
    const scope = single ? single.city : planIds ? planIds.map((id) => corpus.plan(id)?.city).join('、') : allCities;

    const noAnswer = (
      related: Ranked[],
      intent: Intent,
      missing: AskedFact | 'department',
      unknown: { absent?: readonly string[]; notPerson?: string } = {},
    ): AskResponse => ({
      answered: false,
      answer: notFoundText(
        {
          scope,
          related: related.map((r) => r.clause),
          terms: [...query.words, ...query.expansions],
          missing,
          otherPlace: meaning.otherPlace,
          cities: allCities,
          ...unknown,
        },
        mode,
      ),
      city: single?.city ?? null,
      intent,
      confidence: 0,
      // What the plan does say is quoted and linked, so even "the plan does not say" is traceable.
      citations: missing ? related.slice(0, 1).map((r) => toCitation(r.clause, planOf(r.clause))) : [],
      suggestions: suggestionsFor(
        related.map((r) => r.clause),
        single?.city ?? null,
      ),
    });

    if (notPolicy(normalized)) {
      return { ...noAnswer([], 'other', null), answer: capabilityText(allCities, mode), suggestions: [] };
    }
    if (meaning.otherPlace) return noAnswer([], meaning.intent, null);
    // A comparison of targets or of lead departments ranks like a question about one (indicator rows, annotations).
    const rankIntent = meaning.intent === 'compare' ? topicIntent(normalized) : meaning.intent;
    // The asker's situation told in earlier turns (我爸是一级残疾) still says which condition matters (quoted first).
    const conditions = conditionsOf([normalized, ...history].join(' '));
    const conditioned = withConditions(query);
    const ranked = rank(index, { query: conditioned, context, planIds, intent: rankIntent }, tuning, 40);
    const best = ranked[0];
    const confidence = best
      ? confidenceOf(answerCoverages(lowerText(best.clause), conditioned.concepts, tuning.situationWeight), tuning)
      : 0;
    // A thing asked about that none of the clauses an answer would cite holds: the plans do not speak of it (named in
    // the answer, also when the answer is too unsure anyway).
    const absent = absentThings(
      conditioned.concepts,
      ranked
        .slice(0, 3)
        .map((r) => lowerText(r.clause))
        .join('\n'),
    );
    if (!best || confidence < tuning.minConfidence || absent.length > 0) {
      return noAnswer(ranked.slice(0, 2), meaning.intent, null, { absent });
    }
    // 它 asks for a benefit for a thing or an animal (我养的导盲犬老了，它能不能领护理补贴？): the plans' benefits are people's.
    const referent = conditioned.concepts.find((c) => c.referent)?.forms[0];
    if (referent && PERSONAL_BENEFIT.test(normalized)) {
      return noAnswer(ranked.slice(0, 2), meaning.intent, null, { notPerson: referent });
    }
    const queryTerms = [...query.words, ...query.expansions];
    // Only a detail is asked and the plan does not state it: say so (quoting what it does say). When the question also
    // asks whether the thing exists (有见习补贴吗？给多少？), it is answered, and the answer says the detail is not stated.
    const missing = meaning.asked && !statesFact(best, meaning.asked) ? meaning.asked : null;
    if (missing && !meaning.asksExistence) return noAnswer([best], meaning.intent, missing);
    if (meaning.intent === 'department' && single && !single.clauses.some((c) => c.departments)) {
      return noAnswer([best], meaning.intent, 'department');
    }

    const acrossCities = meaning.intent === 'compare' || !single;
    // Every city named side by side gets its line: its best clause among all, else searched in its plan alone.
    const named = meaning.intent === 'compare' && planIds && planIds.length >= 2;
    const each = named
      ? eachCity(
          planIds,
          (planId) =>
            ranked.find((r) => r.clause.planId === planId) ??
            rank(index, { query: conditioned, context, planIds: [planId], intent: rankIntent }, tuning, 1)[0],
          conditioned.concepts,
          ranked,
        )
      : null;
    const chosen = each ? each.found : acrossCities ? perCity(ranked, planIds) : sameCity(ranked, meaning.intent);
    const lines = acrossCities
      ? composeAcross(chosen, queryTerms, meaning.intent, mode, each?.silent ?? [])
      : composeSingle(chosen, { terms: queryTerms, conditions }, meaning.intent, mode, missing, normalized);

    return {
      answered: true,
      answer: lines.join(''),
      city: single?.city ?? null,
      intent: meaning.intent,
      confidence: Math.round(Math.min(1, confidence) * 1000) / 1000,
      citations: [...chosen, ...(each?.more ?? [])].map((r) => toCitation(r.clause, planOf(r.clause))),
      suggestions: suggestionsFor(
        ranked.slice(chosen.length, chosen.length + 6).map((r) => r.clause),
        single?.city ?? null,
      ),
    };
  }

  /**
   * A turn that only names a city, points back or is all filler (那双鸭山呢？ 这个找哪个部门？) keeps the topic of the latest
   * earlier turn that has one: that turn's concepts join the question's (as situation) and its words are searched.
   */
  function followUp(
    query: AnalyzedQuery,
    normalized: string,
    turns: AnalyzedQuery[],
  ): { query: AnalyzedQuery; from: string | null } {
    const topical = query.concepts.filter((c) => !c.unknown);
    if (turns.length === 0 || (topical.length > 1 && !POINTS_BACK.test(normalized.trim())))
      return { query, from: null };
    for (const earlier of [...turns].reverse()) {
      if (!earlier.concepts.some((c) => !c.unknown)) continue;
      // The turn's own words that ask for a fact (去哪里申请) are what it asks about the earlier topic, not a topic.
      const cue = askedCue(normalized);
      const own = query.concepts.filter((c) => !cue.includes(c.forms[0] ?? ''));
      const merged = {
        ...query,
        words: [...new Set([...query.words, ...earlier.words])],
        expansions: [...new Set([...query.expansions, ...earlier.expansions])],
        concepts: [...own, ...earlier.concepts.map((c) => ({ ...c, situation: true }))],
        grams: [...query.grams, ...earlier.grams],
      };
      return { query: merged, from: earlier.normalized };
    }
    return { query, from: null };
  }

  /**
   * A follow-up that takes its topic from an earlier turn also takes what that turn asked, when it asks nothing of its
   * own: after 青州残疾人职业技能培训人数目标, 那双鸭山呢？ asks for 双鸭山's target (an indicator), and after
   * 护理补贴每月给多少？, 那济宁呢？ asks for 济宁's amount.
   */
  function carriedOver(meaning: Understanding, from: string | null): Understanding {
    if (from === null) return meaning;
    const intent = meaning.intent === 'other' ? topicIntent(from) : meaning.intent;
    return meaning.asked
      ? { ...meaning, intent }
      : { ...meaning, intent, asked: detectAskedFact(from), asksExistence: asksExistence(from) };
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

  /** Each named plan's best clause when it answers (see confidenceOf), and the cities whose plans say nothing of it. */
  function eachCity(
    planIds: readonly string[],
    bestOf: (planId: string) => Ranked | undefined,
    concepts: readonly Concept[],
    ranked: readonly Ranked[],
  ): { found: Ranked[]; more: Ranked[]; silent: string[] } {
    // Best first: in the order of the ranking over all the cities, a city found only in its own plan last.
    const at = (r: Ranked) => (ranked.includes(r) ? ranked.indexOf(r) : ranked.length);
    const found: Ranked[] = [];
    const silent: string[] = [];
    for (const planId of planIds) {
      const top = bestOf(planId);
      const sure =
        top && confidenceOf(answerCoverages(lowerText(top.clause), concepts, tuning.situationWeight), tuning);
      if (top && (sure ?? 0) >= tuning.minConfidence) found.push(top);
      else silent.push(corpus.plan(planId)?.city ?? planId);
    }
    // A city's second clause, when it scores near its first, is cited too (after every city's first): plans often split
    // one topic over two clauses (a task and its box entry).
    const more = found.flatMap(
      (top) =>
        ranked.find(
          (r) => r !== top && r.clause.planId === top.clause.planId && r.score >= top.score * SECOND_CLAUSE_SHARE,
        ) ?? [],
    );
    return { found: found.sort((a, b) => at(a) - at(b)), more, silent };
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
    { terms, conditions }: { terms: string[]; conditions: RegExp[] },
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
    const [first, second] = bestSentences(best, terms, 2, conditions);
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
    const note = periodNote(plan, best, asked, mode);
    if (note) lines.push(note);
    lines.push(whereToAsk(best, mode));
    // Terms in the answer or in the question itself (两项补贴是什么？) are explained.
    if (mode === 'easy') lines.push(...glosses(question + lines.join('')));
    return lines;
  }

  function composeAcross(chosen: Ranked[], terms: string[], intent: Intent, mode: Mode, silent: string[]): string[] {
    const lines: string[] = [];
    lines.push(
      mode === 'easy'
        ? `${chosen.length}个城市的规划里有相关内容。`
        : `共有${chosen.length}个城市的规划写到了相关内容：`,
    );
    if (silent.length > 0)
      lines.push(
        mode === 'easy' ? `${silent.join('、')}的规划里没有写。` : `${silent.join('、')}的规划里没有找到相关内容。`,
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
    // The periods of the plans cited, as the plans state them (2021-2025 → 2021—2025年).
    const periods = [...new Set(chosen.map((r) => planOf(r.clause).period))];
    const ends = [...new Set(periods.map((period) => yearsOf(period).end))];
    lines.push(
      mode === 'easy'
        ? `这些规划到${ends.join('、')}年。`
        : `这些规划的期限${periods.length === 1 ? '都' : '分别'}是${periods.map((p) => `${p.replace('-', '—')}年`).join('、')}，现行政策请以当地残联的答复为准。`,
    );
    lines.push(whereToAsk(null, mode));
    return lines;
  }

  function indicatorLine(clause: Clause, plan: Plan, mode: Mode): string {
    const row = clause.indicator;
    if (!row) return '';
    const unit = row.unit ? `（${row.unit}）` : '';
    // The indicator table gives the year before the plan period and its last year (2020 and 2025 for 2021-2025).
    const { start, end } = yearsOf(plan.period);
    if (mode === 'easy') return `${plan.city}：${row.name}，到${end}年的目标是${row.value2025}。`;
    const base = row.value2020 !== null ? `${start - 1}年${row.value2020}，` : '';
    return `${plan.city}：${row.name}${unit}，${base}${end}年目标${row.value2025}${row.attribute ? `（${row.attribute}）` : ''}。`;
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
    const normalized = tokenizer.normalize(query);
    const chosen = options.city ? corpus.plan(options.city)?.id : undefined;
    // Operators type the city into the box ("济宁 托养 牵头部门"): a city named there filters like the city field.
    const named = chosen ? [chosen] : places.cities(normalized);
    const input = {
      query: analyzer.analyze(query, blank),
      context: [],
      planIds: named.length > 0 ? named : null,
      intent: detectIntent(normalized, 0),
      prefix: true,
    };
    return rank(index, input, tuning, options.limit).map((hit) => ({
      ...toCitation(hit.clause, planOf(hit.clause)),
      score: Math.round(hit.score * 1000) / 1000,
      terms: hit.terms,
    }));
  }

  return { ask, search };
}

/** The first and last year of a plan period written `2021-2025` (the shipped plans' and the upload form's format). */
function yearsOf(period: string): { start: number; end: number } {
  const match = /^(\d{4})-(\d{4})$/.exec(period.trim());
  // A period in another shape still reads sensibly: the table's own column years.
  return match ? { start: Number(match[1]), end: Number(match[2]) } : { start: 2021, end: 2025 };
}

/** Does the clause the answer quotes state the asked fact (an amount in yuan, a rate, a deadline, a procedure …)? */
function statesFact(best: Ranked, asked: Exclude<AskedFact, null>): boolean {
  const pattern = FACTS.find((f) => f.fact === asked)?.stated;
  return pattern !== undefined && pattern.test(best.clause.text);
}
