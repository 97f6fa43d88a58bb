// npm run eval: dev, tune and tune2 through the same code path as /api/ask (hit@k, compare coverage, abstention, misses),
// then the engine's weights and thresholds validated two ways: 5-fold cross-validation (fit on 4/5, scored on the
// held-out 1/5) and cross-set validation (fit on every set but one, scored on that one, in turn), per kind. The grid
// fits dev, tune, tune2 and the blind sets that were read; the blind sets never read are scored outside it.
// `npm run eval -- --fit` also prints the configuration that fits all questions best (what src/answer/tuning.ts holds,
// unless docs/measurements.md says why not: the seventh session kept a tuning that keeps the operator search at 0.94).
// `npm run eval -- FILE.jsonl` scores one file with the shipped tuning only; `-- --quick` skips the validation.
import fs from 'node:fs';
import { createAnswerEngine } from '../src/answer/engine.ts';
import { TUNING } from '../src/answer/tuning.ts';
import type { Tuning } from '../src/answer/tuning.ts';
import { matchKey } from '../src/corpus/text.ts';
import { createLogger } from '../src/log.ts';
import { loadEngineDeps } from '../src/runtime/plan-services.ts';
import { metricsOf, outcomeOf, reportText, requestOf, summaryLine, utility, withThreshold } from './eval-score.ts';
import type { EvalItem, Outcome } from './eval-score.ts';
import { typoOutcomes } from './eval-typos.ts';
import {
  STORY_OPENINGS,
  followUpItems,
  followUpOutcomes,
  spoken,
  spokenOutcomes,
  storyOutcomes,
} from './eval-variants.ts';

const FOLDS = 5;
/** The grid searched by cross-validation; minConfidence is applied to recorded confidences, the rest re-ask. */
const GRID = {
  wordShare: [0.4, 0.6],
  unknownWeight: [2, 4],
  unknownNounFactor: [2, 3],
  situationWeight: [0.5, 1],
  coverageShare: [0.5, 0.7],
  coverageFloor: [0.1, 0.4],
  secondShare: [0.4, 0.6],
  textShare: [0.5, 1],
  minConfidence: Array.from({ length: 21 }, (_, i) => 0.1 + i * 0.025),
};

const read = (file: string): EvalItem[] =>
  fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EvalItem);

const args = process.argv.slice(2);
const single = args.find((a) => a.endsWith('.jsonl'));
const { deps } = loadEngineDeps('corpus', null, createLogger('error'));
const run = (items: EvalItem[], tuning: Tuning): Outcome[] => {
  const engine = createAnswerEngine({ ...deps, tuning });
  return items.map((item) => outcomeOf(item, engine.ask(requestOf(item))));
};

if (single) {
  console.log(reportText(run(read(single), TUNING)));
  process.exit(0);
}

const sets = {
  dev: read('tests/eval/dev.jsonl'),
  tune: read('tests/eval/tune.jsonl'),
  tune2: read('tests/eval/tune2.jsonl'),
};
/**
 * Sets written from the plans alone by writers who saw neither the code nor the other sets (tests/eval/README.md). Those
 * that were read after their first score fit the grid beside dev, tune and tune2: their writers ask near misses the
 * three sets lack, so thresholds fitted without them are too low. Those never read stay outside the grid and its
 * validation: they are the estimate of unseen questions.
 */
const UNREAD = new Set([
  'blind8',
  'blind10',
  'blind13',
  'blind15',
  'blind17',
  'blind20',
  'blind28',
  'blind48',
  'blind49',
  'blind51',
  'blind53',
  'blind54',
  'blind56',
  'blind58',
  'blind60',
  'blind62',
  'blind64',
  'blind66',
  'blind68',
]);
const blindSets = fs
  .readdirSync('tests/eval')
  .map((file) => /^blind(\d*)\.jsonl$/.exec(file))
  .filter((match) => match !== null)
  .sort((a, b) => Number(a[1] || 1) - Number(b[1] || 1))
  .map((match) => `blind${match[1]}`);
const readBlind = blindSets
  .filter((name) => !UNREAD.has(name))
  .map((name) => [name, read(`tests/eval/${name}.jsonl`)] as const);
// Off-topic and nonsense questions written for this project: the sets have too few to calibrate abstention on.
const probes = read('tests/eval/probes.jsonl');
const named: (readonly [string, EvalItem[]])[] = [...Object.entries(sets), ...readBlind];
const all = [...named.flatMap(([, items]) => items), ...probes];
const setOf = all.map((item) => named.find(([, items]) => items.includes(item))?.[0] ?? 'probes');
const THREE = new Set(Object.keys(sets));
const shipped = run(all, TUNING);
/** The outcomes of dev, tune and tune2 (the sets #19's targets name) out of a list over `all`. */
const inSets = (list: readonly Outcome[]) => list.filter((_, i) => THREE.has(setOf[i] as string));
/** Is item i of `all` from a read blind set? */
const isBlind = (i: number) => (setOf[i] as string).startsWith('blind');
/** The outcomes of the read blind sets out of a list over `all`. */
const inBlind = (list: readonly Outcome[]) => list.filter((_, i) => isBlind(i));
console.log('== dev + tune + tune2 + probes, shipped tuning (src/answer/tuning.ts) ==');
console.log(reportText(shipped.filter((_, i) => !isBlind(i))));
for (const name of [...named.map(([n]) => n), 'probes'])
  console.log(
    `${name.padEnd(6)} (${setOf.filter((s) => s === name).length}${name.startsWith('blind') ? ', read, in the fitting grid' : ''}): ${summaryLine(metricsOf(shipped.filter((_, i) => setOf[i] === name)))}`,
  );
console.log(`all three (${inSets(shipped).length}): ${summaryLine(metricsOf(inSets(shipped)))}`);
console.log(`read blind sets (${inBlind(shipped).length}): ${summaryLine(metricsOf(inBlind(shipped)))}`);
for (const name of blindSets.filter((n) => UNREAD.has(n))) {
  const items = read(`tests/eval/${name}.jsonl`);
  console.log(
    `${name.padEnd(6)} (${items.length}, never read, outside the fitting grid): ${summaryLine(metricsOf(run(items, TUNING)))}`,
  );
}
const core = all.filter((_, i) => !isBlind(i));
const answerable = core.filter((item) => item.kind !== 'unanswerable');
const typos = typoOutcomes(answerable, createAnswerEngine(deps).ask, deps.tokenizer);
console.log(
  `homophone typos (one character of a plan term, ${typos.changed} of ${answerable.length} questions): ${summaryLine(metricsOf(typos.outcomes))}`,
);
// The answerable questions with a story, and the unanswerable ones (with the probes): a story must neither cost an
// answer nor make one up.
const unanswerable = core.filter((item) => item.kind === 'unanswerable');
for (const where of ['first', 'last'] as const) {
  for (const story of STORY_OPENINGS) {
    const items = [...answerable, ...unanswerable];
    const told = storyOutcomes(items, createAnswerEngine(deps).ask, story, where);
    console.log(
      `a story ${where === 'first' ? 'first' : 'after the question'} ("${story.slice(0, 10)}…", ${items.length} questions): ${summaryLine(metricsOf(told))}`,
    );
  }
}
for (const story of STORY_OPENINGS) {
  const items = [...answerable, ...unanswerable];
  console.log(
    `spoken: the story first, no punctuation, fillers ("${spoken(story).slice(0, 10)}…", ${items.length} questions): ${summaryLine(metricsOf(spokenOutcomes(items, createAnswerEngine(deps).ask, story)))}`,
  );
}
// The operator console's search (/api/search: the same analysis, no answer composed): a gold clause in its first three.
{
  const engine = createAnswerEngine(deps);
  const found = answerable.filter((item) => {
    const hits = engine.search(item.question, { city: item.city_in_question ? null : item.city, limit: 3 });
    return hits.some((hit) => item.expect.some((e) => matchKey(hit.text).includes(matchKey(e.quote))));
  });
  console.log(
    `operator search, a gold clause in the top 3 (${answerable.length} answerable): ${(found.length / answerable.length).toFixed(3)}`,
  );
}
const followed = followUpItems(answerable);
console.log(
  `a follow-up 那<city>呢？ after the same question about another city (${followed.length} questions): ${summaryLine(metricsOf(followUpOutcomes(followed, createAnswerEngine(deps).ask)))}`,
);

// `npm run eval -- --quick`: the shipped tuning and the variants only, without the grid and its validation.
if (args.includes('--quick')) process.exit(0);

/** Every combination of the values in `space`. */
function combinations(space: Record<string, readonly number[]>): Record<string, number>[] {
  return Object.entries(space).reduce<Record<string, number>[]>(
    (acc, [key, values]) => acc.flatMap((partial) => values.map((value) => ({ ...partial, [key]: value }))),
    [{}],
  );
}

// Every grid point's outcomes once (thresholds applied afterwards).
const { minConfidence: thresholds, ...ranking } = GRID;
const configs: { tuning: Tuning; outcomes: Outcome[] }[] = [];
for (const point of combinations(ranking)) {
  const tuning: Tuning = { ...TUNING, ...point, minConfidence: 0 };
  const outcomes = run(all, tuning);
  for (const minConfidence of thresholds) {
    configs.push({
      tuning: { ...tuning, minConfidence: Math.round(minConfidence * 1000) / 1000 },
      outcomes: outcomes.map((o) => withThreshold(o, minConfidence)),
    });
  }
}

const best = (indices: number[]) => {
  let chosen = configs[0] as (typeof configs)[number];
  let top = -Infinity;
  for (const config of configs) {
    const u = utility(metricsOf(indices.map((i) => config.outcomes[i] as Outcome)));
    if (u > top + 1e-9) [chosen, top] = [config, u];
  }
  return chosen;
};
const indices = all.map((_, i) => i);

/** Outcomes of the held-out items, each scored with the configuration fitted on the rest of its split. */
function validated(heldOutOf: (i: number) => string): Outcome[] {
  const out: Outcome[] = new Array<Outcome>(all.length);
  for (const part of new Set(indices.map(heldOutOf))) {
    const config = best(indices.filter((i) => heldOutOf(i) !== part));
    for (const i of indices.filter((j) => heldOutOf(j) === part)) out[i] = config.outcomes[i] as Outcome;
  }
  return out;
}
// Folds by position: item i is in fold i mod 5. Cross-set: the probes are always fitted on, never held out.
const folded = validated((i) => String(i % FOLDS));
const crossSet = validated((i) => (setOf[i] === 'probes' ? 'probes' : (setOf[i] as string))).map((o, i) =>
  setOf[i] === 'probes' ? (shipped[i] as Outcome) : o,
);
const fitted = best(indices);
const kinds = [...new Set(all.map((item) => item.kind))];
const perKind = (label: string, list: readonly Outcome[]) => {
  console.log(`${label}:`);
  for (const kind of kinds) {
    const of = list.filter((o) => o.item.kind === kind);
    const m = metricsOf(of);
    const right =
      kind === 'unanswerable'
        ? `abstained ${m.abstained}/${m.unanswerable}`
        : `hit@1 ${m.hit1}/${m.answerable}  hit@3 ${m.hit3}/${m.answerable}`;
    console.log(`  ${kind.padEnd(14)} ${right}`);
  }
};
console.log(
  `\n== validation over dev + tune + tune2 and the read blind sets (+ probes in fitting; ${configs.length} configurations) ==`,
);
const both = (label: string, list: readonly Outcome[]) => {
  console.log(`${label.padEnd(36)} dev + tune + tune2: ${summaryLine(metricsOf(inSets(list)))}`);
  console.log(`${''.padEnd(36)} read blind sets:    ${summaryLine(metricsOf(inBlind(list)))}`);
};
both('in-sample, shipped tuning:', shipped);
both('in-sample, best of grid:', fitted.outcomes);
both(`${FOLDS}-fold cross-validated:`, folded);
both('cross-set validated (each set held out):', crossSet);
for (const [name] of named)
  console.log(`  held-out ${name.padEnd(6)}: ${summaryLine(metricsOf(crossSet.filter((_, i) => setOf[i] === name)))}`);
perKind('in-sample per kind, shipped tuning', inSets(shipped));
perKind('cross-set validated per kind', inSets(crossSet));
if (args.includes('--fit')) console.log(`best configuration: ${JSON.stringify(fitted.tuning)}`);
