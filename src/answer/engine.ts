// The answer engine: question (+ turns, city, mode) → city and intent → ranked clauses → extractive cited answer. It
// only wires the steps: reading the question (understand.ts, search/analyze.ts), ranking (rank.ts), choosing what to cite
// (select.ts) and writing the answer (compose.ts).
import type { Corpus } from '../corpus/corpus.ts';
import type { Clause, Plan } from '../corpus/types.ts';
import type { ClauseIndex } from '../search/index.ts';
import { createQueryAnalyzer } from '../search/analyze.ts';
import { benefitOf } from '../search/benefit.ts';
import { absentInPlan, absentThings, covers } from '../search/coverage.ts';
import type { Blank } from '../search/analyze.ts';
import type { HomophoneMatcher } from '../search/homophones.ts';
import type { CityAlias, Tokenizer } from '../search/types.ts';
import { toCitation } from './cite.ts';
import { capabilityText, composeAcross, composeSingle, notFoundText, suggestionsFor } from './compose.ts';
import { documentLines, specificFirst } from './documents.ts';
import { forceOn, outOfForce } from '../corpus/in-force.ts';
import { differsLine, disagreeing, inForceOnly, inOrder, lapsedLine, lapsedNamed, lapsedOnlyText } from './force.ts';
import { createPlaceFinder, withoutSuffix } from './places.ts';
import { createScale } from './scale.ts';
import { lowerText, rank, type Ranked } from './rank.ts';
import {
  countingFirst,
  eachCity,
  namesAsked,
  perCity,
  sameCity,
  statesFact,
  statingFirst,
  statingFirstEach,
  sureFirst,
  sureOf,
} from './select.ts';
import { ANSWER_DEPTH, CONTEXT_TURNS, DETAIL_CONFIDENCE, TUNING, type Tuning } from './tuning.ts';
import type { AskRequest, AskResponse, Intent, Mode, QuestionTopic, SearchHit, TopicFn } from './types.ts';
import {
  ADULT_AGE,
  PERSONAL_BENEFIT,
  conditionsOf,
  grownUp,
  notPolicy,
  toldAge,
  topicIntent,
  understand,
  withConditions,
  yearAfter,
} from './understand.ts';
import { askedCue, detectAskedFact, type AskedFact } from './facts.ts';
import { askedOf, carriedOver, followed, followUp, heardTurns, pointsBack } from './follow-up.ts';

export interface EngineDeps {
  corpus: Corpus;
  index: ClauseIndex;
  tokenizer: Tokenizer;
  cities: readonly CityAlias[];
  /** Places outside the corpus (from the gazetteer, src/answer/places.ts), longest first. */
  places: readonly string[];
  /** Other places that hold plans of ours → those plans (潍坊 → 青州's; src/answer/places.ts). */
  holders?: ReadonlyMap<string, readonly string[]>;
  /** Term → plain explanation for easy mode (corpus/lexicon/glossary.txt). */
  glossary: ReadonlyMap<string, string>;
  homophones: HomophoneMatcher;
  /** Counties and districts answered from their prefecture's plan (name → full name; src/answer/places.ts). */
  counties?: ReadonlyMap<string, string>;
  /** Weights and thresholds (default: the cross-validated TUNING). */
  tuning?: Tuning;
  /** Today as YYYY-MM-DD: which documents are in force (the one clock, src/config.ts todayOf). */
  today: () => string;
}

export interface AnswerEngine {
  ask(request: AskRequest): AskResponse;
  /** Resolves when the plans this request is about are in memory (src/search/residency.ts). */
  prepare(request: AskRequest): Promise<void>;
  /** Builds the plan-level router off the request path (src/answer/router.ts); resolves when it is complete. */
  ready(): Promise<void>;
  search(query: string, options: { city: string | null; limit: number }): SearchHit[];
  /** The question's main concept, its place-free key and the fact it asks for (the staff insight page). */
  topic: TopicFn;
}

export function createAnswerEngine(deps: EngineDeps): AnswerEngine {
  const { corpus, index, tokenizer } = deps;
  const tuning = deps.tuning ?? TUNING;
  const analyzer = createQueryAnalyzer(tokenizer, index, deps.homophones, tuning);
  const places = createPlaceFinder(
    deps.cities.map((c) => ({ ...c, aliases: tokenizer.normalizeAll(c.aliases) })),
    tokenizer.normalizeAll(deps.places),
    (normalized) => tokenizer.segments(normalized),
    new Map([...(deps.holders ?? [])].map(([name, ids]) => [tokenizer.normalize(name).toLowerCase(), ids])),
  );
  const blank: Blank = (normalized) => places.spans(normalized);
  /** The county, district or town of the one asked city the question names, without its suffix (临泽县 → 临泽). */
  const placeBelow = (normalized: string, plan: Plan | undefined): string | undefined => {
    const found = plan ? places.nameOf(normalized, plan.id) : null;
    const name = found ? withoutSuffix(found) : undefined;
    return name && name.length >= 2 && !name.startsWith(plan?.city ?? '') ? name : undefined;
  };
  const planOf = (clause: Clause) => corpus.plan(clause.planId) as Plan;
  /** A question term's worth in choosing the sentence to quote: how informative it is over the clauses. */
  const weigh = (term: string) => Math.max(0, index.idf(term));
  const allCities = corpus.plans.map((p) => p.city).join('、');
  const scale = createScale({ corpus, index, tokenizer, places, counties: deps.counties });
  /** A plan's clauses as one lower-cased text (is a thing spoken of anywhere in it?). */
  const planTexts = new WeakMap<Plan, string>();
  const planText = (plan: Plan) => {
    let text = planTexts.get(plan);
    if (text === undefined) {
      text = plan.clauses.map(lowerText).join('\n');
      planTexts.set(plan, text);
    }
    return text;
  };

  /** The documents out of force, worked out once a day. */
  let outOn = { day: '', ids: new Set<string>() };
  const outToday = (day: string) => {
    if (outOn.day !== day) outOn = { day, ids: outOfForce(corpus.plans, day) };
    return outOn.ids;
  };
  /** Where a document stands today, when it is out of force (null: in force). */
  const lapsedState = (plan: Plan, day: string) => {
    const state = forceOn(plan, corpus.plans, day);
    return state.inForce ? null : state;
  };

  const following = {
    benefitOf: (what: string, word: string) => benefitOf(tokenizer, what, word),
    situationWeight: tuning.situationWeight,
  };

  function askInContext(request: AskRequest): AskResponse {
    const mode: Mode = request.mode ?? 'standard';
    const today = deps.today();
    const normalized = tokenizer.normalize(request.question);
    const history = followed(tokenizer.normalizeAll(request.history ?? []), normalized);
    const uiPlan = request.city ? (corpus.plan(request.city)?.id ?? null) : null;
    const turns = heardTurns(history.slice(-CONTEXT_TURNS), (t) => analyzer.analyzeNormalized(t, blank), following);
    const told = toldAge([...history, normalized].join('，'));
    const alone = analyzer.analyzeNormalized(normalized, blank);
    const { query: analyzed, from, replaced } = followUp(alone, normalized, turns, following);
    const meaning = carriedOver(understand(normalized, history, uiPlan, places), normalized, from);
    const query = told !== null && told >= ADULT_AGE ? grownUp(analyzed) : analyzed;
    const context = turns.flatMap((t) => [...t.words, ...t.expansions]).filter((word) => !replaced.includes(word));
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
          weigh,
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
    const cityOf = (planId: string) => corpus.plan(planId)?.city ?? planId;

    if (notPolicy(normalized)) {
      return { ...noAnswer([], 'other', null), answer: capabilityText(allCities, mode), suggestions: [] };
    }
    if (meaning.otherPlace) return noAnswer([], meaning.intent, null);
    const routed = scale.route(query, planIds, { question: request.question, intent: meaning.intent, mode });
    if (routed) return routed;
    // A comparison of targets or of lead departments ranks like a question about one (indicator rows, annotations).
    const rankIntent = meaning.intent === 'compare' ? topicIntent(normalized) : meaning.intent;
    // The asker's situation told in earlier turns (我爸是一级残疾) still says which condition matters (quoted first).
    const conditions = conditionsOf([normalized, ...history].join(' '));
    const conditioned = withConditions(query);
    const input = { query: conditioned, context, planIds, intent: rankIntent, place: placeBelow(normalized, single) };
    // A question about the present is answered from documents in force only; one about the past from all of them.
    const out = outToday(today);
    const hidden = meaning.past ? new Set<string>() : out;
    // A fact asked (an amount, what to bring) is quoted from a rules article or a guide field when one states it.
    const rankWith = (without: ReadonlySet<string>) =>
      specificFirst(corpus.plans, input, meaning.asked, planOf, (i) =>
        rank(index, { ...i, planIds: inForceOnly(i.planIds, corpus.plans, without) }, tuning, ANSWER_DEPTH),
      );
    const cue = askedCue(normalized);
    const things = askedOf(conditioned.concepts, normalized);
    const subject = namesAsked(things, index.isCommon, planOf, from !== null);
    const states = (r: Ranked) =>
      meaning.asked !== null && statesFact(r, meaning.asked, query.words, normalized, subject);
    const stating = (meaning.intent === 'compare' ? statingFirstEach : statingFirst)(rankWith(hidden), states);
    const sure = (r: Ranked) => sureOf(r.clause, conditioned.concepts, tuning) >= tuning.minConfidence;
    const counted = meaning.asked === null ? countingFirst(stating, normalized, sure) : stating;
    // A follow-up's earlier words lift the earlier topic's clauses; one the turn's own words are sure of goes first.
    const ranked = from === null ? counted : sureFirst(counted, sure);
    // Declining a question about the present that only a document out of force answers: it is named, not cited.
    const orFormerly = (declined: AskResponse): AskResponse => {
      if (hidden.size === 0) return declined;
      const old = rankWith(new Set())[0];
      const state = old && lapsedState(planOf(old.clause), today);
      if (!old || !state || sureOf(old.clause, conditioned.concepts, tuning) < tuning.minConfidence) return declined;
      if (meaning.asked && !statesFact(old, meaning.asked, query.words, normalized)) return declined;
      return { ...declined, answer: lapsedOnlyText(planOf(old.clause), old.clause, state), citations: [] };
    };
    const best = ranked[0];
    const confidence = best ? sureOf(best.clause, conditioned.concepts, tuning) : 0;
    // A year after the plan's period (2030年…) is as unknown to it as a thing none of its clauses names.
    const later = single ? yearAfter(normalized, single.period) : null;
    // A thing asked about that none of the clauses an answer would cite holds: the plans do not speak of it (named in
    // the answer, also when the answer is too unsure anyway).
    const absent = [
      ...absentThings(
        conditioned.concepts.filter((c) => !cue.includes(c.forms[0] ?? '')),
        ranked
          .slice(0, 3)
          .map((r) => lowerText(r.clause))
          .join('\n'),
      ),
      ...(single ? absentInPlan(conditioned.concepts, (c) => covers(planText(single), c)) : []),
      ...(later && !ranked.slice(0, 3).some((r) => r.clause.text.includes(later.slice(0, 4))) ? [later] : []),
    ];
    // 它 asks for a benefit for a thing or an animal (我养的导盲犬老了，它能不能领护理补贴？), or whether a broken thing
    // counts as a disability: the plans' benefits are people's, whatever a clause holds.
    const referent = conditioned.concepts.find((c) => c.referent)?.forms[0];
    if (referent && PERSONAL_BENEFIT.test(normalized)) {
      return noAnswer(ranked.slice(0, 2), meaning.intent, null, { notPerson: referent });
    }
    // Only a detail is asked and the plan does not state it: say so, quoting what it does say. This declines, so a
    // clause sure enough to show what the plan covers (DETAIL_CONFIDENCE) is quoted though less sure than an answer needs.
    // When the question also asks whether the thing exists (有见习补贴吗？给多少？), it is answered, and the answer says
    // the detail is not stated.
    const missing = best && meaning.asked && !states(best) ? meaning.asked : null;
    // A comparison of named cities quotes each city's line, which shows where one states the detail and another not.
    const onlyDetail = !meaning.asksExistence && !(meaning.intent === 'compare' && meaning.named.length >= 2);
    if (best && missing && onlyDetail && absent.length === 0 && confidence >= DETAIL_CONFIDENCE) {
      return orFormerly(noAnswer([best], meaning.intent, missing));
    }
    if (!best || confidence < tuning.minConfidence || absent.length > 0) {
      return orFormerly(noAnswer(ranked.slice(0, 2), meaning.intent, null, { absent }));
    }
    const queryTerms = [...query.words, ...query.expansions];
    // A plan without lead-department notes still answers when the clause itself names the departments (住建、民政等部门).
    if (
      meaning.intent === 'department' &&
      single &&
      !single.clauses.some((c) => c.departments) &&
      !/、[^。；]{1,12}等部门/.test(best.clause.text)
    ) {
      return noAnswer([best], meaning.intent, 'department');
    }

    const acrossCities = meaning.intent === 'compare' || !single;
    // Every city named side by side gets its line: its best clause among all, else searched in its plan alone.
    const named = meaning.intent === 'compare' && planIds && planIds.length >= 2;
    const each = named
      ? eachCity(
          planIds,
          ranked,
          // Three ranked, so that the plan's text can go before a box entry as it does in the joint ranking.
          (planId) => rank(index, { ...input, planIds: [planId] }, tuning, 3)[0],
          (r) => sureOf(r.clause, conditioned.concepts, tuning),
          tuning.minConfidence,
        )
      : null;
    let chosen = each
      ? each.found
      : acrossCities
        ? perCity(ranked, planIds)
        : sameCity(ranked, meaning.intent, tuning.secondShare);
    // Two documents of the city state the asked figure differently: the newer is quoted first (the older for the past).
    const other = acrossCities || !chosen[0] ? null : disagreeing(chosen[0], ranked, meaning.asked, planOf);
    const differs = other && chosen[0] ? inOrder(chosen[0], other, meaning.past, planOf) : null;
    if (differs)
      chosen = [differs.first, differs.second, ...chosen.filter((r) => r !== differs.first && r !== differs.second)];
    const firstState = chosen[0] ? lapsedState(planOf(chosen[0].clause), today) : null;
    const lapsed = firstState && chosen[0] ? lapsedLine(planOf(chosen[0].clause), firstState) : null;
    const how = { mode, planOf, glossary: deps.glossary, weigh };
    const clauses = chosen.map((r) => r.clause);
    const fromDocument = acrossCities ? null : documentLines(chosen, meaning.asked, mode, planOf, lapsed);
    const composed = acrossCities
      ? composeAcross(
          clauses,
          { terms: queryTerms, intent: meaning.intent, silent: (each?.silent ?? []).map(cityOf), fact: meaning.asked },
          how,
        )
      : (fromDocument ??
        composeSingle(
          clauses,
          { terms: queryTerms, conditions, intent: meaning.intent, fact: meaning.asked, missing, question: normalized },
          how,
        ));
    const notes = [
      ...(differs && meaning.asked ? [differsLine(differs, meaning.asked, planOf)] : []),
      ...(acrossCities
        ? clauses.flatMap((c) => {
            const state = lapsedState(planOf(c), today);
            return state ? [lapsedNamed(planOf(c), c, state)] : [];
          })
        : lapsed && !fromDocument
          ? [lapsed]
          : []),
    ];
    // Notes on force and disagreement go before where to ask (the last line).
    const lines = notes.length > 0 ? [...composed.slice(0, -1), ...notes, ...composed.slice(-1)] : composed;
    const county = scale.countyNote(normalized, single);
    if (county) lines.unshift(county);

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

  function search(query: string, options: { city: string | null; limit: number }): SearchHit[] {
    const normalized = tokenizer.normalize(query);
    const chosen = options.city ? corpus.plan(options.city)?.id : undefined;
    // Operators type the city into the box ("济宁 托养 牵头部门"): a city named there filters like the city field.
    const named = chosen ? [chosen] : places.cities(normalized);
    const input = {
      query: analyzer.analyze(query, blank),
      context: [],
      planIds: named.length > 0 ? named : scale.searchPlans(normalized),
      // A comparison ranks like a question about one city, as in ask (targets: indicator rows).
      intent: topicIntent(normalized),
      prefix: true,
    };
    return rank(index, input, tuning, options.limit).map((hit) => ({
      ...toCitation(hit.clause, planOf(hit.clause)),
      score: Math.round(hit.score * 1000) / 1000,
      terms: hit.terms,
    }));
  }

  /**
   * A question the earlier turns leave unanswered is asked again on its own, in the city they named, unless it points
   * back to them (那个多少钱): a question of its own after an unrelated turn (我媳妇能领护理补贴吗 after 如康家园是干啥的)
   * is not held to that turn's topic.
   */
  function ask(request: AskRequest): AskResponse {
    const answer = askInContext(request);
    if (answer.answered || !request.history?.length) return answer;
    const normalized = tokenizer.normalize(request.question);
    if (pointsBack(normalized)) return answer;
    // …nor does a turn that only asks a detail (一个月能领多少钱): it has no topic to be asked of alone.
    const own = askedOf(analyzer.analyzeNormalized(normalized, blank).concepts, normalized);
    if (!own.some((c) => !c.unknown)) return answer;
    const alone = askInContext({ ...request, history: [], city: request.city ?? answer.city ?? undefined });
    return alone.answered ? alone : answer;
  }

  /** See AnswerEngine.topic: the one analysis the answers use, the places it blanks cut out of the key. */
  function topic(question: string): QuestionTopic {
    const normalized = tokenizer.normalize(question);
    const concepts = analyzer.analyzeNormalized(normalized, blank).concepts;
    // The thing asked about before how it is asked (一个月多少, 哪里做), a thing the plans lack (契税, 暖气费 in 济宁) being
    // just what staff look for; never a word in a third of the clauses (残疾人); what is asked before the story told
    // (…护理补贴，一个月多少钱: the noun of the story is still the topic when the asking part has none).
    const common = (c: (typeof concepts)[number]) => c.forms.every((f) => index.isCommon(f));
    const rankOf = (c: (typeof concepts)[number]) =>
      Number(common(c) || (c.forms[0] ?? '').length < 2) * 8 +
      Number(!c.thing) * 4 +
      Number(c.unknown && !c.noun) * 2 +
      Number(c.situation);
    const main = [...concepts].sort((a, b) => rankOf(a) - rankOf(b) || b.weight - a.weight)[0];
    return {
      topic: main?.forms[0] ?? null,
      key: places
        .outside(normalized)
        .replace(/[\s\p{P}\p{S}]/gu, '')
        .toLowerCase(),
      asked: detectAskedFact(normalized),
    };
  }

  return { ask, search, topic, prepare: scale.prepare, ready: scale.ready };
}
