// The HTTP part of `npm run bench`: the real server as `npm start` runs it (a worker per core), answer cache off,
// loaded from this process over loopback keep-alive connections. Prints start-up, the memory of every server process,
// sequential ask latency beside the engine's own time and /healthz, the ask ÷ healthz throughput ratio (alternated
// rounds, median), 20 s at 64 concurrent asks, and memory again after 100,000 asks.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { spawnServer } from '../src/server/spawn.ts';

export interface BenchQuestion {
  question: string;
  history: string[];
  city: string | null;
}

type Row = (name: string, value: string) => void;

const RATIO_ROUNDS = 5;
const RATIO_SECONDS = 2;
const LOAD_SECONDS = 20;
const TOTAL_ASKS = 100_000;

export const percentile = (values: number[], p: number) => {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
};
const median = (values: number[]) => percentile(values, 0.5);

/** Resident memory of a process in MiB (ps, so it works for the workers too). */
function rssMiB(pid: number): number {
  const kib = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
  return kib / 1024;
}

/** One request; resolves with its latency in ms and its status. */
function request(agent: http.Agent, url: URL, body: string | null): Promise<{ ms: number; status: number }> {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(
      url,
      {
        agent,
        method: body === null ? 'GET' : 'POST',
        headers: body === null ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0 }));
      },
    );
    req.on('error', () => resolve({ ms: performance.now() - started, status: 0 }));
    req.end(body ?? undefined);
  });
}

/** `concurrency` clients asking back to back for `seconds` (or until `maxRequests`); latencies of every request. */
async function load(
  base: string,
  path: string,
  bodies: (() => string) | null,
  concurrency: number,
  seconds: number,
  maxRequests = Infinity,
): Promise<{ rps: number; latencies: number[]; errors: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(path, base);
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until && latencies.length + errors < maxRequests) {
        const { ms, status } = await request(agent, url, bodies ? bodies() : null);
        if (status === 200) latencies.push(ms);
        else errors++;
      }
    }),
  );
  agent.destroy();
  return { rps: latencies.length / ((performance.now() - started) / 1000), latencies, errors };
}

/** The `ms` of every `ask` log line the server wrote after line `from`. */
function engineTimes(lines: string[], from: number): number[] {
  return lines
    .slice(from)
    .filter((line) => line.includes('"event":"ask"'))
    .map((line) => (JSON.parse(line) as { ms: number }).ms);
}

export async function benchHttp(questions: BenchQuestion[], row: Row): Promise<void> {
  const env = { LIMIT_ANSWER_CACHE_ENTRIES: '0', LOG_LEVEL: 'info' };
  // The first start builds the index snapshot in DATA_DIR; npm start after that (every restart) loads it.
  const first = await spawnServer(env, { timeoutMs: 120_000, built: true });
  await first.stop();
  const server = await spawnServer({ ...env, DATA_DIR: first.dataDir }, { timeoutMs: 120_000, built: true });
  try {
    const processes = [...new Set([server.child.pid as number, ...server.pids])];
    const memory = (label: string) =>
      row(
        `resident memory of each server process ${label}`,
        processes.map((pid) => `${rssMiB(pid).toFixed(0)}`).join(' / ') + ` MiB (primary / workers)`,
      );
    row(
      `start-up, npm start defaults (${server.pids.length} workers, started one after another)`,
      `first /healthz 200 after ${server.firstReadyMs.toFixed(0)} ms, all listening after ${server.readyMs.toFixed(0)} ms ` +
        `(the very first start, building the index snapshot: ${first.firstReadyMs.toFixed(0)} / ${first.readyMs.toFixed(0)} ms)`,
    );
    memory('after start');
    let next = 0;
    const body = () => JSON.stringify(questions[next++ % questions.length]);
    let asked = 0;

    // Sequential: one client, every question once per round, three rounds after one unmeasured round (the server's
    // JIT warms up as the in-process bench's does); the engine's time is what it logged.
    asked += (await load(server.url, '/api/ask', body, 1, 3600, questions.length)).latencies.length;
    const from = server.lines.length;
    const sequential = await load(server.url, '/api/ask', body, 1, 3600, questions.length * 3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const engine = engineTimes(server.lines, from);
    const healthz = await load(server.url, '/healthz', null, 1, 3600, questions.length * 3);
    asked += sequential.latencies.length;
    const httpP50 = median(sequential.latencies);
    const engineP50 = median(engine);
    row(
      `sequential /api/ask p50 (one client, ${sequential.latencies.length} asks)`,
      `${httpP50.toFixed(2)} ms; the engine logged p50 ${engineP50.toFixed(2)} ms; /healthz p50 ${median(healthz.latencies).toFixed(2)} ms; HTTP over the engine ${(httpP50 - engineP50).toFixed(2)} ms`,
    );

    // Throughput ratio at c=32: ask and healthz rounds alternated, so a busy moment weighs on both.
    const ratios: number[] = [];
    const rates: string[] = [];
    for (let round = 0; round < RATIO_ROUNDS; round++) {
      const ask = await load(server.url, '/api/ask', body, 32, RATIO_SECONDS);
      const health = await load(server.url, '/healthz', null, 32, RATIO_SECONDS);
      asked += ask.latencies.length;
      ratios.push(ask.rps / health.rps);
      rates.push(`${ask.rps.toFixed(0)}/${health.rps.toFixed(0)}`);
    }
    row(
      `/api/ask ÷ /healthz throughput, c=32 (median of ${RATIO_ROUNDS} alternated rounds)`,
      `${median(ratios).toFixed(2)} (ask/healthz req/s per round: ${rates.join(', ')})`,
    );

    const heavy = await load(server.url, '/api/ask', body, 64, LOAD_SECONDS);
    asked += heavy.latencies.length;
    row(
      `/api/ask at c=64 for ${LOAD_SECONDS} s, cache off`,
      `${heavy.rps.toFixed(0)} req/s, p50 ${percentile(heavy.latencies, 0.5).toFixed(1)} ms, p99 ${percentile(heavy.latencies, 0.99).toFixed(1)} ms, errors ${heavy.errors}`,
    );

    const rest = await load(server.url, '/api/ask', body, 32, 3600, Math.max(0, TOTAL_ASKS - asked));
    asked += rest.latencies.length;
    memory(`after ${asked.toLocaleString('en')} asks`);
  } finally {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
  }
}
