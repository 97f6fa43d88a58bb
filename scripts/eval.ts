// npm run eval: dev, tune and both through the same code path as /api/ask (hit@k, compare coverage, abstention, misses),
// then 5-fold cross-validation of the engine's weights and thresholds (fit on 4/5, scored on the held-out 1/5).
// `npm run eval -- --fit` also prints the configuration that fits all questions best (what src/answer/tuning.ts holds).
// `npm run eval -- FILE.jsonl` scores one file with the shipped tuning only.
import fs from 'node:fs';
import { createAnswerEngine } from '../src/answer/engine.ts';
import { TUNING } from '../src/answer/tuning.ts';
import type { Tuning } from '../src/answer/tuning.ts';
import { createLogger } from '../src/log.ts';
import { loadEngineDeps } from '../src/runtime/plan-services.ts';
import { metricsOf, outcomeOf, reportText, requestOf, summaryLine, utility, withThreshold } from './eval-score.ts';
import type { EvalItem, Outcome } from './eval-score.ts';
import { typoOutcomes } from './eval-typos.ts';
import { STORY_OPENINGS, followUpItems, followUpOutcomes, storyOutcomes } from './eval-variants.ts';

const FOLDS = 5;
/** The grid searched by cross-validation; minConfidence is applied to recorded confidences, the rest re-ask. */
const GRID = {
  wordShare: [0.4, 0.6],
  unknownWeight: [2, 4],
  unknownNounFactor: [2, 3],
  situationWeight: [0.5, 1],
  coverageShare: [0.5, 0.7],
  coverageFloor: [0.1, 0.4],
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

const dev = read('tests/eval/dev.jsonl');
const tune = read('tests/eval/tune.jsonl');
// Off-topic and nonsense questions written for this project: dev + tune have too few to calibrate abstention on.
const probes = read('tests/eval/probes.jsonl');
const all = [...dev, ...tune, ...probes];
const shipped = run(all, TUNING);
const both = dev.length + tune.length;
console.log('== dev + tune + probes, shipped tuning (src/answer/tuning.ts) ==');
console.log(reportText(shipped));
console.log(`dev    (${dev.length}): ${summaryLine(metricsOf(shipped.slice(0, dev.length)))}`);
console.log(`tune   (${tune.length}): ${summaryLine(metricsOf(shipped.slice(dev.length, both)))}`);
console.log(`both   (${both}): ${summaryLine(metricsOf(shipped.slice(0, both)))}`);
console.log(`probes (${probes.length}): ${summaryLine(metricsOf(shipped.slice(both)))}`);
const answerable = [...dev, ...tune].filter((item) => item.kind !== 'unanswerable');
const typos = typoOutcomes(answerable, createAnswerEngine(deps).ask, deps.tokenizer);
console.log(
  `homophone typos (one character of a plan term, ${typos.changed} of ${answerable.length} questions): ${summaryLine(metricsOf(typos.outcomes))}`,
);
// The answerable questions with a story, and the unanswerable ones (with the probes): a story must neither cost an
// answer nor make one up.
const unanswerable = all.filter((item) => item.kind === 'unanswerable');
for (const where of ['first', 'last'] as const) {
  for (const story of STORY_OPENINGS) {
    const items = [...answerable, ...unanswerable];
    const told = storyOutcomes(items, createAnswerEngine(deps).ask, story, where);
    console.log(
      `a story ${where === 'first' ? 'first' : 'after the question'} ("${story.slice(0, 10)}…", ${items.length} questions): ${summaryLine(metricsOf(told))}`,
    );
  }
}
const followed = followUpItems(answerable);
console.log(
  `a follow-up 那<city>呢？ after the same question about another city (${followed.length} questions): ${summaryLine(metricsOf(followUpOutcomes(followed, createAnswerEngine(deps).ask)))}`,
);

/** Every combination of the values in `space`. */
function combinations(space: Record<string, readonly number[]>): Record<string, number>[] {
  return Object.entries(space).reduce<Record<string, number>[]>(
    (acc, [key, values]) => acc.flatMap((partial) => values.map((value) => ({ ...partial, [key]: value }))),
    [{}],
  );
}

// Every grid point's outcomes once (thresholds applied afterwards), then folds by position: item i is in fold i mod 5.
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

const heldOut: Outcome[] = [];
for (let fold = 0; fold < FOLDS; fold++) {
  const train = all.map((_, i) => i).filter((i) => i % FOLDS !== fold);
  const config = best(train);
  for (let i = fold; i < all.length; i += FOLDS) heldOut.push(config.outcomes[i] as Outcome);
}
const fitted = best(all.map((_, i) => i));
const inBoth = (list: Outcome[]) => list.filter((o) => !o.item.id.startsWith('p'));
console.log(`\n== ${FOLDS}-fold cross-validation over dev + tune + probes (${configs.length} configurations) ==`);
console.log(`in-sample, best of grid, dev + tune: ${summaryLine(metricsOf(inBoth(fitted.outcomes)))}`);
console.log(`cross-validated, dev + tune:         ${summaryLine(metricsOf(inBoth(heldOut)))}`);
console.log(`cross-validated, all with probes:    ${summaryLine(metricsOf(heldOut))}`);
if (args.includes('--fit')) console.log(`best configuration: ${JSON.stringify(fitted.tuning)}`);
