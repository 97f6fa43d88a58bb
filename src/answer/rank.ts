// Ranks clauses for an analyzed question: two retrieval signals (words, character bigrams) fused, then re-ranked by how
// much of the question a clause's best passage covers and by intent.
import type { Clause } from '../corpus/types.ts';
import { coverages, passageCoverage } from '../search/coverage.ts';
import type { AnalyzedQuery } from '../search/analyze.ts';
import type { ClauseIndex } from '../search/index.ts';
import type { Intent } from './types.ts';
import {
  BACKGROUND_FACTOR,
  DEPARTMENT_BOOST,
  INDICATOR_BOOST,
  PASSAGE_SENTENCES,
  PER_YEAR_BOOST,
  PLACE_BOOST,
  RERANK_DEPTH,
} from './tuning.ts';
import type { Tuning } from './tuning.ts';

export interface Ranked {
  clause: Clause;
  /** Fused retrieval score (0..1) × re-ranking factors (coverageFloor + the best passage's coverage, intent …). */
  score: number;
  /** Share of the question's concepts (by weight) the whole clause covers, 0..1. */
  coverage: number;
  /** Share of the question's content bigrams the clause contains, 0..1. */
  gramCoverage: number;
  /** The query words and terms the clause matched (word signal). */
  terms: string[];
}

export interface RankInput {
  query: AnalyzedQuery;
  /** Terms from earlier turns (follow-ups), searched at the expansions' weight but not counted in coverage. */
  context: string[];
  planIds: readonly string[] | null;
  intent: Intent;
  /** Prefix matching of the last word (the operator console's type-ahead). */
  prefix?: boolean;
  /** A county, district or town of the city the question names (临泽, its suffix dropped): a clause naming it answers. */
  place?: string;
}

/** A count asked per year: 每年 / 一年 / 年均 with 多少, 几 or a count's name (户数, 人数). */
const PER_YEAR_ASKED =
  /(?:每年|一年|年均)[^。？?；]{0,12}(?:多少|几|户数|人数|数量)|(?:多少|几)[^。？?；]{0,8}(?:每年|一年)/;
/** A sentence giving a number per year (每年为200户, 每年至少举办1次). */
const PER_YEAR_STATED = /每年[^。；]{0,12}[\d一二两三四五六七八九十百千万]+\s*(?:户|人|名|次|个|所|家|万)/;

/** Lower-cased clause texts (for Latin query words), computed once per clause. */
const lowerTexts = new WeakMap<Clause, string>();
export function lowerText(clause: Clause): string {
  let text = lowerTexts.get(clause);
  if (text === undefined) {
    text = clause.text.toLowerCase();
    lowerTexts.set(clause, text);
  }
  return text;
}

/** Each clause's passages (PASSAGE_SENTENCES sentences in a row, lower-cased), cut once per clause. */
const passageTexts = new WeakMap<Clause, string[]>();
function passagesOf(clause: Clause): string[] {
  let passages = passageTexts.get(clause);
  if (passages === undefined) {
    const sentences = lowerText(clause).split(/(?<=[。；;])/);
    passages = [];
    for (let i = 0; i + PASSAGE_SENTENCES <= sentences.length; i++)
      passages.push(sentences.slice(i, i + PASSAGE_SENTENCES).join(''));
    passageTexts.set(clause, passages);
  }
  return passages;
}

/** Both signals, fused by scores normalised to their best, re-ranked; best first. */
export function rank(index: ClauseIndex, input: RankInput, tuning: Tuning, limit: number): Ranked[] {
  const { query, intent } = input;
  const options = { planIds: input.planIds, limit: Math.max(limit, RERANK_DEPTH) };
  const wordHits = index.search(
    {
      normalized: query.normalized,
      words: query.words,
      expansions: [...query.expansions, ...input.context.filter((w) => !query.words.includes(w))],
    },
    { ...options, prefix: input.prefix ?? false },
  );
  const gramHits = index.searchGrams(query.grams, options);
  const fused = new Map<Clause, { score: number; terms: string[] }>();
  const topWord = wordHits[0]?.score ?? 1;
  const topGram = gramHits[0]?.score ?? 1;
  for (const hit of wordHits)
    fused.set(hit.clause, { score: (tuning.wordShare * hit.score) / topWord, terms: hit.terms });
  for (const hit of gramHits) {
    const entry = fused.get(hit.clause) ?? { score: 0, terms: [] };
    entry.score += ((1 - tuning.wordShare) * hit.score) / topGram;
    fused.set(hit.clause, entry);
  }
  // A number asked per year (一年改多少户, 每年户数) is stated by a sentence giving one per year (每年为200户…), not
  // by the five-year target.
  const perYear = PER_YEAR_ASKED.test(query.normalized);
  // Indicator rows are targets, not entitlements: for any other intent they come after every real clause.
  const late = (clause: Clause) => (intent !== 'indicator' && clause.kind === 'indicator' ? 1 : 0);
  const factorOf = (clause: Clause, coverage: number) => {
    let factor = tuning.coverageFloor + coverage;
    // A target row states the plan period's figure, not a year's.
    if (clause.kind === 'indicator' && intent === 'indicator' && !perYear) factor *= INDICATOR_BOOST;
    if (intent === 'department' && clause.departments) factor *= DEPARTMENT_BOOST;
    // What was done before the plan period answers no question about today, unless it names the place asked about
    // (临泽县有没有康复托养中心: 新建市级和临泽县…等9个残疾人康复、托养中心).
    const named = input.place !== undefined && clause.text.includes(input.place);
    if (clause.path[0]?.includes('编制背景') && !named) factor *= BACKGROUND_FACTOR;
    if (perYear && PER_YEAR_STATED.test(clause.text)) factor *= PER_YEAR_BOOST;
    if (named) factor *= PLACE_BOOST;
    return factor;
  };
  // Re-ranking reads each candidate's text for every concept. Candidates are taken by their best possible score (full
  // coverage); once `limit` are re-ranked and the next one's best cannot reach the last of them, none after it can:
  // the same `limit` clauses in the same order (ties in fused order), fewer texts read.
  const candidates = [...fused].map(([clause, { score, terms }], order) => ({
    clause,
    score,
    terms,
    order,
    late: late(clause),
    bound: score * factorOf(clause, 1),
  }));
  candidates.sort((a, b) => a.late - b.late || b.bound - a.bound);
  const kept: { ranked: Ranked; late: number; order: number }[] = [];
  const before = (a: (typeof kept)[number], b: (typeof kept)[number]) =>
    a.late - b.late || b.ranked.score - a.ranked.score || a.order - b.order;
  for (const candidate of candidates) {
    const last = kept.length >= limit ? kept[limit - 1] : undefined;
    if (limit <= 0 || (last && (candidate.late > last.late || candidate.bound < last.ranked.score))) break;
    const { clause, score, terms } = candidate;
    // Ranked by how much of the question the clause's best passage covers: a long clause that names the story's words in
    // one sentence and the question's in another, far apart (托养 here, 老年人护理补贴 there), answers less than one that
    // says them together (PASSAGE_SENTENCES).
    const whole = coverages(lowerText(clause), query.concepts, tuning.situationWeight);
    const { coverage: covered, gramCoverage } = whole;
    // A clause that does not reach the last one kept with the whole clause's coverage does not with a passage's.
    const reaches = !last || candidate.late < last.late || score * factorOf(clause, covered) >= last.ranked.score;
    const passage = reaches
      ? passageCoverage(passagesOf(clause), query.concepts, tuning.situationWeight, whole)
      : covered;
    const entry = {
      ranked: { clause, score: score * factorOf(clause, passage), coverage: covered, gramCoverage, terms },
      late: candidate.late,
      order: candidate.order,
    };
    let at = kept.length;
    while (at > 0 && before(entry, kept[at - 1] as (typeof kept)[number]) < 0) at -= 1;
    kept.splice(at, 0, entry);
    if (kept.length > limit) kept.pop();
  }
  return textFirst(
    kept.map((entry) => entry.ranked),
    tuning.textShare,
  );
}

const inBox = (clause: Clause) => clause.kind === 'box' || clause.kind === 'box-heading' || clause.kind === 'box-entry';

/**
 * A plan's text states what the city commits to; a box entry (专栏) lists a project that carries part of it out, in
 * fewer words, so BM25 favours it. When a box entry comes first and a clause of the same plan's text covers the question
 * as fully and scores at least `share` of it, the text's clause goes first: the commitment, with the box entry cited
 * after it. (Writers of every blind set quote the text: of the answers with a box entry first and the gold clause
 * elsewhere, nine in ten had it in the text.)
 */
function textFirst(ranked: Ranked[], share: number): Ranked[] {
  const top = ranked[0];
  if (!top || !inBox(top.clause)) return ranked;
  const at = ranked.findIndex(
    (r) =>
      !inBox(r.clause) &&
      r.clause.kind !== 'indicator' &&
      r.clause.planId === top.clause.planId &&
      r.coverage >= top.coverage &&
      r.score >= share * top.score,
  );
  if (at <= 0) return ranked;
  return [ranked[at] as Ranked, ...ranked.slice(0, at), ...ranked.slice(at + 1)];
}
