// Scores answers against gold evidence (tests/eval/README.md): hit@k, compare coverage, abstention, per kind, misses.
import type { AskFn, AskResponse } from '../src/answer/types.ts';
import { matchKey } from '../src/corpus/text.ts';

export interface EvalItem {
  id: string;
  question: string;
  context?: string[];
  city: string | null;
  city_in_question: boolean;
  kind: string;
  expect: { file: string; quote: string }[];
}

/** Seed file → city, as the `seedFile` of each plan in corpus/manifest.json. */
const SEED_CITY: Record<string, string> = {
  '000_f9a15bcab960cf02.txt': '青州',
  '001_b94ac6c76bdd3040.txt': '双鸭山',
  '002_5bf64058b5ed9e5e.txt': '永济',
  '003_d69efc627f7d24d0.txt': '济宁',
  '004_a21516f2c4b52b0d.txt': '张掖',
};

/** What one answer did for one item. */
export interface Outcome {
  item: EvalItem;
  answered: boolean;
  /** 1-based rank of the first citation with a gold quote (Infinity when none). */
  at: number;
  crossCity: boolean;
  /** For compare items: every expected city hit among the first 5 citations. */
  compareCovered: boolean;
  /** A first citation with a gold quote whose answer also quotes the gold (the sentence a listener hears). */
  quotesGold: boolean;
  confidence: number;
  /** First citations, for the list of misses. */
  got: string;
}

export interface EvalReport {
  hit1: number;
  hit3: number;
  compareCovered: number;
  compareTotal: number;
  abstained: number;
  unanswerable: number;
  falseAbstention: number;
  crossCity: number;
  text: string;
}

/** The request an item stands for, as the eval README says (earlier turns as history, the UI's city). */
export function requestOf(item: EvalItem) {
  return {
    question: item.question,
    history: item.context ?? [],
    city: item.city_in_question ? null : item.city,
    mode: 'standard' as const,
  };
}

export function outcomeOf(item: EvalItem, response: AskResponse): Outcome {
  const quotes = item.expect.map((e) => matchKey(e.quote));
  const index = response.answered
    ? response.citations.findIndex((c) => c.text.length <= 1500 && quotes.some((q) => matchKey(c.text).includes(q)))
    : -1;
  const cities = new Set(item.expect.map((e) => SEED_CITY[e.file]));
  const top5 = response.citations.slice(0, 5);
  const compareCovered = [...cities].every((city) =>
    top5.some(
      (c) =>
        c.city === city &&
        item.expect.some((e) => SEED_CITY[e.file] === city && matchKey(c.text).includes(matchKey(e.quote))),
    ),
  );
  return {
    item,
    answered: response.answered,
    at: index === -1 ? Infinity : index + 1,
    crossCity: item.city !== null && item.kind !== 'compare' && response.citations.some((c) => c.city !== item.city),
    compareCovered: response.answered && compareCovered,
    quotesGold: index === 0 && item.kind !== 'compare' && quotes.some((q) => matchKey(response.answer).includes(q)),
    confidence: response.confidence,
    got: response.answered
      ? response.citations
          .slice(0, 3)
          .map((c) => `${c.id} ${c.text.slice(0, 30)}`)
          .join(' | ')
      : `answered:false ${response.answer.slice(0, 60)}`,
  };
}

/** The same outcome as if the engine had abstained below `threshold` (for fitting the threshold without re-asking). */
export function withThreshold(outcome: Outcome, threshold: number): Outcome {
  if (!outcome.answered || outcome.confidence >= threshold) return outcome;
  return {
    ...outcome,
    answered: false,
    at: Infinity,
    crossCity: false,
    compareCovered: false,
    quotesGold: false,
    got: 'answered:false',
  };
}

export interface Metrics {
  answerable: number;
  hit1: number;
  hit3: number;
  unanswerable: number;
  abstained: number;
  falseAbstention: number;
  compareTotal: number;
  compareCovered: number;
  crossCity: number;
  /** Of the hit@1 answers (not comparisons), those whose text quotes the gold. */
  quotedOf: number;
  quoted: number;
}

export function metricsOf(outcomes: readonly Outcome[]): Metrics {
  const answerable = outcomes.filter((o) => o.item.kind !== 'unanswerable');
  const unanswerable = outcomes.filter((o) => o.item.kind === 'unanswerable');
  const compare = answerable.filter((o) => o.item.kind === 'compare');
  return {
    answerable: answerable.length,
    hit1: answerable.filter((o) => o.at <= 1).length,
    hit3: answerable.filter((o) => o.at <= 3).length,
    unanswerable: unanswerable.length,
    abstained: unanswerable.filter((o) => !o.answered).length,
    falseAbstention: answerable.filter((o) => !o.answered).length,
    compareTotal: compare.length,
    compareCovered: compare.filter((o) => o.compareCovered).length,
    crossCity: outcomes.filter((o) => o.crossCity).length,
    quotedOf: answerable.filter((o) => o.at <= 1 && o.item.kind !== 'compare').length,
    quoted: answerable.filter((o) => o.quotesGold).length,
  };
}

/**
 * The objective fitted by cross-validation: right first citations and honest no-answers. A false no-answer (a resident
 * left without the clause that answers) costs 1.5 and its hit; a wrong answer to a question the plans do not answer
 * costs 1, about as much: a confident wrong answer is the worst thing the product can do (docs/answers.md).
 */
export function utility(m: Metrics): number {
  const rate = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return (
    (rate(m.hit1, m.answerable) + rate(m.hit3, m.answerable)) / 2 +
    1.0 * rate(m.abstained, m.unanswerable) -
    1.5 * rate(m.falseAbstention, m.answerable)
  );
}

const pct = (a: number, b: number) => (b === 0 ? '-' : (a / b).toFixed(3));

export function summaryLine(m: Metrics): string {
  return `hit@1 ${pct(m.hit1, m.answerable)}  hit@3 ${pct(m.hit3, m.answerable)}  compare ${m.compareCovered}/${m.compareTotal}  abstention ${pct(m.abstained, m.unanswerable)} (${m.abstained}/${m.unanswerable})  false abstention ${pct(m.falseAbstention, m.answerable)}  cross-city citations ${m.crossCity}  gold quoted ${pct(m.quoted, m.quotedOf)}`;
}

/** Per-kind hit@1/hit@3 (abstention for unanswerable), the misses, and the summary line. */
export function reportText(outcomes: readonly Outcome[]): string {
  const kinds = new Map<string, Outcome[]>();
  for (const o of outcomes) kinds.set(o.item.kind, [...(kinds.get(o.item.kind) ?? []), o]);
  const good = (o: Outcome, k: number) => (o.item.kind === 'unanswerable' ? !o.answered : o.at <= k);
  const misses = outcomes.flatMap((o) => {
    if (o.item.kind === 'unanswerable') return o.answered ? [`${o.item.id} [unanswerable] answered: ${o.got}`] : [];
    const lines =
      o.at > 1
        ? [`${o.item.id} [${o.item.kind}] hit@${o.at === Infinity ? '-' : o.at} ${o.item.question} → ${o.got}`]
        : [];
    if (o.item.kind === 'compare' && !o.compareCovered) lines.push(`${o.item.id} [compare] not every city covered`);
    return lines;
  });
  return [
    `questions: ${outcomes.length}`,
    ...[...kinds].map(
      ([k, list]) =>
        `  ${k.padEnd(14)} n=${String(list.length).padStart(3)}  hit@1 ${pct(list.filter((o) => good(o, 1)).length, list.length)}  hit@3 ${pct(list.filter((o) => good(o, 3)).length, list.length)}`,
    ),
    'misses:',
    ...misses.map((m) => `  ${m}`),
    summaryLine(metricsOf(outcomes)),
  ].join('\n');
}

/** Runs every item through `ask` and scores it. */
export function scoreEval(items: EvalItem[], ask: AskFn): EvalReport {
  const outcomes = items.map((item) => outcomeOf(item, ask(requestOf(item))));
  const m = metricsOf(outcomes);
  return {
    hit1: m.hit1 / m.answerable,
    hit3: m.hit3 / m.answerable,
    compareCovered: m.compareCovered,
    compareTotal: m.compareTotal,
    abstained: m.abstained,
    unanswerable: m.unanswerable,
    falseAbstention: m.falseAbstention / m.answerable,
    crossCity: m.crossCity,
    text: reportText(outcomes),
  };
}
