// npm run bench: index build, in-process ask latency, start-up, HTTP throughput (/api/ask vs /healthz), memory, voice.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { createServices } from '../src/runtime/services.ts';
import { createLogger } from '../src/log.ts';
import { createCorpus } from '../src/corpus/corpus.ts';
import { loadCorpus } from '../src/corpus/load.ts';
import { loadLexicon } from '../src/search/lexicon.ts';
import { createTokenizer } from '../src/search/tokenize.ts';
import { buildIndex } from '../src/search/index.ts';
import { benchScale } from './bench-scale.ts';
import { benchHttp, type BenchQuestion } from './bench-http.ts';

// `npm run bench -- --plans N`: only the scale table (scripts/bench-scale.ts).
const plansAt = process.argv.indexOf('--plans');
if (plansAt !== -1) {
  const questionsAt = process.argv.indexOf('--questions');
  await benchScale(
    Number(process.argv[plansAt + 1] ?? 100),
    questionsAt === -1 ? undefined : Number(process.argv[questionsAt + 1]),
  );
  process.exit(0);
}

// `npm run bench -- --instances N`: only the many-instances table (scripts/bench-instances.ts).
const instancesAt = process.argv.indexOf('--instances');
if (instancesAt !== -1) {
  const { benchInstances } = await import('./bench-instances.ts');
  const built = spawnSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('bench: npm run build failed');
  const all = ['dev', 'tune', 'probes'].flatMap((set) => readQuestions(`tests/eval/${set}.jsonl`));
  await benchInstances(Number(process.argv[instancesAt + 1] ?? 2), all, (name, value) =>
    console.log(`${name.padEnd(70)} ${value}`),
  );
  process.exit(0);
}

/** Asks per measured round and HTTP load settings (bounded, loopback only). */
const ASK_ROUNDS = 20;
const MEMORY_ASKS = 10_000;

const rows: [string, string][] = [];
const row = (name: string, value: string) => {
  rows.push([name, value]);
  console.log(`${name.padEnd(44)} ${value}`);
};
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** The questions of an eval file as asks: earlier turns as history, the city unless the question names it. */
function readQuestions(file: string): BenchQuestion[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(
      (line) =>
        JSON.parse(line) as { question: string; context?: string[]; city?: string | null; city_in_question?: boolean },
    )
    .map((q) => ({
      question: q.question,
      history: q.context ?? [],
      city: q.city_in_question ? null : (q.city ?? null),
    }));
}

const questions = readQuestions('tests/eval/dev.jsonl');

// The answer cache is off throughout: these numbers are the engine's, not repeated questions served from memory.
const config = loadConfig({
  LOG_LEVEL: 'error',
  LIMIT_REQUESTS_PER_MINUTE: '100000000',
  LIMIT_ANSWER_CACHE_ENTRIES: '0',
});
const log = createLogger('error');

// Index build alone (corpus parsed and tokenizer loaded beforehand).
const plans = loadCorpus(config.corpusDir);
const corpus = createCorpus(plans);
const tokenizer = createTokenizer(loadLexicon(`${config.corpusDir}/lexicon`));
let t = performance.now();
buildIndex(corpus.citable, tokenizer);
row('index build (clauses: ' + corpus.citable.length + ')', `${(performance.now() - t).toFixed(1)} ms`);

t = performance.now();
const deps = await createServices(config, { log, dataDir: null });
row('createServices (parse + lexicon + index)', `${(performance.now() - t).toFixed(0)} ms`);
row('resident memory after start-up', mib(process.memoryUsage().rss));

for (const q of questions) deps.ask(q); // warm
const latencies: number[] = [];
const perQuestion = questions.map((): number[] => []);
for (let round = 0; round < ASK_ROUNDS; round += 1) {
  questions.forEach((q, i) => {
    const s = performance.now();
    deps.ask(q);
    const ms = performance.now() - s;
    latencies.push(ms);
    perQuestion[i]?.push(ms);
  });
}
latencies.sort((a, b) => a - b);
row(`in-process ask p50 (${latencies.length} asks, warm)`, `${percentile(latencies, 0.5).toFixed(3)} ms`);
row('in-process ask p99', `${percentile(latencies, 0.99).toFixed(3)} ms`);
// The work itself, without the pauses other processes and the garbage collector add: each question's median time.
const medians = perQuestion
  .map((times) =>
    percentile(
      [...times].sort((a, b) => a - b),
      0.5,
    ),
  )
  .sort((a, b) => a - b);
row('in-process ask, slowest question (its median)', `${(medians[medians.length - 1] ?? 0).toFixed(3)} ms`);

for (let i = 0; i < MEMORY_ASKS; i += 1) deps.ask(questions[i % questions.length] as (typeof questions)[number]);
row(`resident memory after ${MEMORY_ASKS} asks`, mib(process.memoryUsage().rss));

// HTTP: the real server as npm start runs it (built first, a worker per core), loaded from this process
// (scripts/bench-http.ts), over dev + tune + the probes.
t = performance.now();
const built = spawnSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' });
if (built.status !== 0) throw new Error('bench: npm run build failed');
row('build src → dist (npm start runs it first)', `${(performance.now() - t).toFixed(0)} ms`);
await benchHttp(
  ['dev', 'tune', 'probes'].flatMap((set) => readQuestions(`tests/eval/${set}.jsonl`)),
  row,
);

try {
  const voice = (await import('./bench-voice.ts')) as { benchVoice?: () => Promise<Record<string, number | string>> };
  if (voice.benchVoice) for (const [name, value] of Object.entries(await voice.benchVoice())) row(name, String(value));
} catch (error) {
  row('voice bench', `skipped: ${(error as Error).message}`);
}
const { benchPhone } = await import('./bench-phone.ts');
for (const [name, value] of Object.entries(await benchPhone())) row(name, value);
process.exit(0);
