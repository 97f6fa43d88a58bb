// npm run bench: index build, in-process ask latency, start-up, HTTP throughput (/api/ask vs /healthz), memory, voice.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { loadConfig } from '../src/config.ts';
import { createServices } from '../src/services.ts';
import { createLogger } from '../src/log.ts';
import { createCorpus } from '../src/corpus/corpus.ts';
import { loadCorpus } from '../src/corpus/load.ts';
import { loadLexicon } from '../src/search/lexicon.ts';
import { createTokenizer } from '../src/search/tokenize.ts';
import { buildIndex } from '../src/search/index.ts';
import { benchScale } from './bench-scale.ts';

// `npm run bench -- --plans N`: only the scale table (scripts/bench-scale.ts).
const plansAt = process.argv.indexOf('--plans');
if (plansAt !== -1) {
  await benchScale(Number(process.argv[plansAt + 1] ?? 100));
  process.exit(0);
}

/** Asks per measured round and HTTP load settings (bounded, loopback only). */
const ASK_ROUNDS = 20;
const MEMORY_ASKS = 10_000;
const HTTP_SECONDS = 5;
const HTTP_CONCURRENCY = 32;

const rows: [string, string][] = [];
const row = (name: string, value: string) => {
  rows.push([name, value]);
  console.log(`${name.padEnd(44)} ${value}`);
};
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

const questions = fs
  .readFileSync('tests/eval/dev.jsonl', 'utf8')
  .split('\n')
  .filter(Boolean)
  .map(
    (line) =>
      JSON.parse(line) as { question: string; context?: string[]; city: string | null; city_in_question: boolean },
  )
  .map((q) => ({ question: q.question, history: q.context ?? [], city: q.city_in_question ? null : q.city }));

/** `npm start`'s command: its environment settings (VAR=value) and node's arguments (V8 flags, dist/main.js). */
const START = (
  JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: { start: string } }
).scripts.start.split(' ');
const START_ENV = Object.fromEntries(START.filter((word) => /^[A-Z_]+=/.test(word)).map((word) => word.split('=')));
const START_ARGS = START.slice(START.findIndex((word) => word === 'node') + 1);

/** A real server process (what `npm start` runs), timed from spawn until /healthz answers 200. */
/** Resident memory (MiB) of a process and its node children (the cluster's workers), from /proc; [] elsewhere. */
function nodeRss(pid: number | undefined): number[] {
  const rss = (id: string) => {
    const status = fs.readFileSync(`/proc/${id}/status`, 'utf8');
    return /^Name:\s+node/m.test(status) ? Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024 : null;
  };
  try {
    const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return [String(pid), ...children].map(rss).filter((mib): mib is number => mib !== null);
  } catch {
    return [];
  }
}

async function startServer(
  workers?: number,
): Promise<{ base: string; readyMs: number; rss: () => number[]; stop: () => void }> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const started = performance.now();
  const child = spawn(process.execPath, START_ARGS, {
    env: {
      ...process.env,
      ...START_ENV,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      ...(workers ? { WORKERS: String(workers) } : {}),
      LIMIT_REQUESTS_PER_MINUTE: '100000000',
      LIMIT_ANSWER_CACHE_ENTRIES: '0',
    },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (performance.now() - started > 30_000) {
      child.kill('SIGTERM');
      throw new Error('bench: server did not become ready in 30 s');
    }
    try {
      const response = await fetch(`${base}/healthz`);
      if (response.status === 200)
        return {
          base,
          readyMs: performance.now() - started,
          rss: () => nodeRss(child.pid),
          stop: () => child.kill('SIGTERM'),
        };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function load(url: string, init: () => RequestInit): Promise<{ rps: number; errors: number; p99: number }> {
  const until = performance.now() + HTTP_SECONDS * 1000;
  let done = 0;
  let errors = 0;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: HTTP_CONCURRENCY }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        try {
          const response = await fetch(url, init());
          await response.arrayBuffer();
          if (!response.ok) errors += 1;
        } catch {
          errors += 1;
        }
        latencies.push(performance.now() - t);
        done += 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rps: done / HTTP_SECONDS, errors, p99: percentile(latencies, 0.99) };
}

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

// HTTP: a separate server process (one worker), loaded from this process, both endpoints in the same run.
t = performance.now();
const built = spawnSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' });
if (built.status !== 0) throw new Error('bench: npm run build failed');
row('build src → dist (npm start runs it first)', `${(performance.now() - t).toFixed(0)} ms`);
const cluster = await startServer();
row('start-up to ready, npm start defaults (cores workers)', `${cluster.readyMs.toFixed(0)} ms`);
await new Promise((resolve) => setTimeout(resolve, 1000));
const clusterRss = cluster.rss();
row(
  'server RSS 1 s after ready, defaults (primary, workers)',
  clusterRss.length ? clusterRss.map((mib) => `${mib.toFixed(0)} MiB`).join(', ') : 'n/a (no /proc)',
);
cluster.stop();
await new Promise((resolve) => setTimeout(resolve, 1000));
const server = await startServer(1);
row('start-up to ready, one worker', `${server.readyMs.toFixed(0)} ms`);
await new Promise((resolve) => setTimeout(resolve, 1000));
row('server RSS 1 s after ready, one worker', `${(server.rss()[0] ?? 0).toFixed(0)} MiB`);
let n = 0;
const health = await load(`${server.base}/healthz`, () => ({}));
const ask = await load(`${server.base}/api/ask`, () => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(questions[n++ % questions.length]),
}));
row('server RSS after the two loads, one worker', `${(server.rss()[0] ?? 0).toFixed(0)} MiB`);
server.stop();
row(
  `/healthz throughput (concurrency ${HTTP_CONCURRENCY})`,
  `${health.rps.toFixed(0)} req/s, p99 ${health.p99.toFixed(1)} ms, errors ${health.errors}`,
);
row(
  `/api/ask throughput (concurrency ${HTTP_CONCURRENCY})`,
  `${ask.rps.toFixed(0)} req/s, p99 ${ask.p99.toFixed(1)} ms, errors ${ask.errors}`,
);
row('/api/ask ÷ /healthz', (ask.rps / health.rps).toFixed(2));

try {
  const voice = (await import('./bench-voice.ts')) as { benchVoice?: () => Promise<Record<string, number | string>> };
  if (voice.benchVoice) for (const [name, value] of Object.entries(await voice.benchVoice())) row(name, String(value));
} catch (error) {
  row('voice bench', `skipped: ${(error as Error).message}`);
}
const { benchPhone } = await import('./bench-phone.ts');
for (const [name, value] of Object.entries(await benchPhone())) row(name, value);
process.exit(0);
