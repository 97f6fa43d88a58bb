// npm run load: starts the real server on loopback and measures mixed /api/ask traffic, voice sessions and memory drift.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { spawnServer, type SpawnedServer } from '../src/server/spawn.ts';

const HELP = `npm run load -- [options]
  --seconds N          seconds of mixed /api/ask traffic (default 60)
  --concurrency N      concurrent HTTP clients (default 64)
  --voice-sessions N   concurrent voice sessions (default 32; 0 skips the voice phase)
  --voice-seconds N    seconds of voice traffic (default 20)
  --voice-tts          ask for server speech in the voice sessions (default: text only)
  --soak N             instead: N seconds of /api/ask traffic, sampling every worker's resident memory every 10 s
  --workers N          WORKERS for the server (default: unset, so the number of cores)
  --no-cache           turn the answer cache off (LIMIT_ANSWER_CACHE_ENTRIES=0): every ask runs the engine; the
                       workload repeats the 61 dev questions, so with the cache on nearly every ask is a cache hit
The server runs with LIMIT_REQUESTS_PER_MINUTE and LIMIT_WS_SESSIONS_PER_IP raised (every client here is 127.0.0.1),
logs at info level to a file, and keeps its records in a temporary DATA_DIR.`;

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    concurrency: { type: 'string', default: '64' },
    'voice-sessions': { type: 'string', default: '32' },
    'voice-seconds': { type: 'string', default: '20' },
    'voice-tts': { type: 'boolean', default: false },
    soak: { type: 'string' },
    workers: { type: 'string' },
    'no-cache': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(HELP);
  process.exit(0);
}

function positive(name: string, raw: string | undefined, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max) {
    console.error(`load: --${name} must be a whole number from 0 to ${max}, but it is "${raw}".`);
    process.exit(2);
  }
  return value;
}

const SECONDS = positive('seconds', args.seconds, 3600);
const CONCURRENCY = Math.max(1, positive('concurrency', args.concurrency, 1024));
const VOICE_SESSIONS = positive('voice-sessions', args['voice-sessions'], 1000);
const VOICE_SECONDS = positive('voice-seconds', args['voice-seconds'], 3600);
const SOAK = args.soak === undefined ? 0 : positive('soak', args.soak, 86_400);
const WARMUP_MS = 3_000;
const SAMPLE_MS = 10_000;
const ROOT = path.resolve(import.meta.dirname, '..');

interface Ask {
  question: string;
  city?: string;
  history?: string[];
  mode?: 'easy';
}

/** The dev set's questions, half with their city, some in easy mode, some as follow-ups, plus some that go unanswered. */
function workload(): Ask[] {
  const lines = fs.readFileSync(path.join(ROOT, 'tests/eval/dev.jsonl'), 'utf8').split('\n').filter(Boolean);
  const asks: Ask[] = [];
  lines.forEach((line, i) => {
    const item = JSON.parse(line) as { question: string; city?: string | null };
    const ask: Ask = { question: item.question };
    if (item.city && i % 2 === 0) ask.city = item.city;
    if (i % 5 === 0) ask.mode = 'easy';
    if (i % 7 === 0 && item.city) ask.history = [`我在${item.city}`, '我家孩子是听力残疾'];
    asks.push(ask);
  });
  asks.push({ question: '火星基地有补贴吗' }, { question: '广州的护理补贴多少钱' }, { question: 'hello' });
  return asks;
}

/** Starts the real server (src/server/spawn.ts) with the workers and cache this run asks for. */
async function startServer(): Promise<SpawnedServer> {
  const env: Record<string, string> = {};
  if (args.workers !== undefined) env.WORKERS = args.workers;
  if (args['no-cache']) env.LIMIT_ANSWER_CACHE_ENTRIES = '0';
  return spawnServer(env, { timeoutMs: 60_000, built: true });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Stats {
  requests: number;
  errors: number;
  seconds: number;
  latencies: number[];
  errorKinds: Map<string, number>;
}

function summary(name: string, stats: Stats) {
  const sorted = stats.latencies.slice().sort((a, b) => a - b);
  const result = {
    phase: name,
    requests: stats.requests,
    errors: stats.errors,
    throughputPerSecond: Math.round((stats.requests / stats.seconds) * 10) / 10,
    p50ms: Math.round(percentile(sorted, 50) * 100) / 100,
    p99ms: Math.round(percentile(sorted, 99) * 100) / 100,
    maxMs: Math.round((sorted.at(-1) ?? NaN) * 100) / 100,
    errorKinds: Object.fromEntries(stats.errorKinds),
  };
  console.log(
    `${name}: ${result.requests} in ${stats.seconds.toFixed(1)} s = ${result.throughputPerSecond}/s, ` +
      `p50 ${result.p50ms} ms, p99 ${result.p99ms} ms, max ${result.maxMs} ms, errors ${result.errors}` +
      (result.errors > 0 ? ` ${JSON.stringify(result.errorKinds)}` : ''),
  );
  return result;
}

/** Closed-loop HTTP load: `concurrency` clients, each sending the next ask as soon as the last one is answered. */
async function askLoad(
  url: string,
  seconds: number,
  concurrency: number,
  measure: boolean,
  onTick?: () => void,
): Promise<Stats> {
  const asks = workload().map((ask) => Buffer.from(JSON.stringify(ask)));
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL('/api/ask', url);
  const stats: Stats = { requests: 0, errors: 0, seconds, latencies: [], errorKinds: new Map() };
  const error = (kind: string) => {
    stats.errors += 1;
    stats.errorKinds.set(kind, (stats.errorKinds.get(kind) ?? 0) + 1);
  };
  const deadline = performance.now() + seconds * 1000;
  let next = 0;
  const one = (body: Buffer) =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = http.request(
        target,
        { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (measure) {
              stats.requests += 1;
              stats.latencies.push(performance.now() - started);
              if (res.statusCode !== 200) error(`HTTP ${res.statusCode}`);
            }
            resolve();
          });
        },
      );
      req.on('error', (e: NodeJS.ErrnoException) => {
        if (measure) {
          stats.requests += 1;
          error(e.code ?? e.message);
        }
        resolve();
      });
      req.end(body);
    });
  const client = async () => {
    while (performance.now() < deadline) await one(asks[next++ % asks.length]!);
  };
  const ticker = onTick ? setInterval(onTick, SAMPLE_MS) : null;
  const began = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  if (ticker) clearInterval(ticker);
  stats.seconds = (performance.now() - began) / 1000;
  agent.destroy();
  return stats;
}

/** Voice sessions: each sends a typed question, waits for `answer.end` (and `tts.end` with speech), and asks again. */
/** The shortest time between two questions of one voice session. */
const VOICE_TURN_GAP_MS = 250;

async function voiceLoad(url: string, sessions: number, seconds: number, tts: boolean): Promise<Stats> {
  const asks = workload();
  const stats: Stats = { requests: 0, errors: 0, seconds, latencies: [], errorKinds: new Map() };
  const error = (kind: string) => {
    stats.errors += 1;
    stats.errorKinds.set(kind, (stats.errorKinds.get(kind) ?? 0) + 1);
  };
  const deadline = performance.now() + seconds * 1000;
  const wsUrl = `${url.replace(/^http/, 'ws')}/ws/voice`;
  const session = (index: number) =>
    new Promise<void>((resolve) => {
      const ws = new WebSocket(wsUrl);
      let started = 0;
      let turn = index;
      let answered = false;
      // A session asks at most one question per VOICE_TURN_GAP_MS (a caller, however fast, does not ask 25 a second;
      // more would only measure the per-session rate limit), and backs off a second after RATE_LIMITED.
      const next = (wait: number) => setTimeout(ask, wait);
      const ask = () => {
        if (performance.now() >= deadline) {
          ws.close(1000);
          return;
        }
        const next = asks[turn++ % asks.length]!;
        answered = false;
        started = performance.now();
        ws.send(JSON.stringify({ type: 'user.text', text: next.question, final: true }));
      };
      ws.on('open', () => ws.send(JSON.stringify({ type: 'session.start', tts, city: index % 2 ? '济宁' : null })));
      ws.on('message', (data) => {
        const message = JSON.parse(data.toString()) as { type: string; code?: string; fatal?: boolean };
        if (message.type === 'session.ready') ask();
        else if (message.type === 'answer.end') {
          answered = true;
          if (!tts) {
            const took = performance.now() - started;
            stats.requests += 1;
            stats.latencies.push(took);
            next(Math.max(0, VOICE_TURN_GAP_MS - took));
          }
        } else if (message.type === 'tts.end' && answered) {
          const took = performance.now() - started;
          stats.requests += 1;
          stats.latencies.push(took);
          next(Math.max(0, VOICE_TURN_GAP_MS - took));
        } else if (message.type === 'error') {
          error(message.code ?? 'error');
          if (!message.fatal) next(message.code === 'RATE_LIMITED' ? 1000 : VOICE_TURN_GAP_MS);
        }
      });
      ws.on('error', (e) => error(e.message));
      ws.on('close', (code) => {
        if (code !== 1000 && code !== 1005) error(`close ${code}`);
        resolve();
      });
    });
  const began = performance.now();
  await Promise.all(Array.from({ length: sessions }, (_v, i) => session(i)));
  stats.seconds = (performance.now() - began) / 1000;
  return stats;
}

/** Resident memory of a process in MiB, from /proc (Linux). */
function rssMiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function main() {
  const server = await startServer();
  console.log(
    `server ${server.url}, ${server.pids.length} worker(s) [${server.pids.join(', ')}], ${os.availableParallelism()} cores`,
  );
  const results: Record<string, unknown> = { workers: server.pids.length, concurrency: CONCURRENCY };
  try {
    await askLoad(server.url, WARMUP_MS / 1000, CONCURRENCY, false);
    if (SOAK > 0) {
      const samples: { t: number; rss: number[] }[] = [];
      const began = Date.now();
      const sample = () => {
        const rss = server.pids.map(rssMiB);
        samples.push({ t: Math.round((Date.now() - began) / 1000), rss });
        console.log(`  t=${samples.at(-1)!.t}s rss ${rss.map((r) => r.toFixed(1)).join(' + ')} MiB`);
      };
      sample();
      const stats = await askLoad(server.url, SOAK, CONCURRENCY, true, sample);
      sample();
      results.soak = summary(`soak ${SOAK} s, concurrency ${CONCURRENCY}`, stats);
      const first = samples[0]!.rss;
      const last = samples.at(-1)!.rss;
      const drift = first.map((r, i) => Math.round(((last[i]! - r) / r) * 1000) / 10);
      const total = (s: number[]) => s.reduce((a, b) => a + b, 0);
      const totals = samples.map((s) => total(s.rss));
      const spread = Math.round(((Math.max(...totals) - Math.min(...totals)) / totals[0]!) * 1000) / 10;
      const totalDrift = Math.round(((total(last) - total(first)) / total(first)) * 1000) / 10;
      console.log(
        `memory: per worker first→last ${first.map((r, i) => `${r.toFixed(1)}→${last[i]!.toFixed(1)} MiB (${drift[i]! >= 0 ? '+' : ''}${drift[i]}%)`).join(', ')}; ` +
          `total drift ${totalDrift >= 0 ? '+' : ''}${totalDrift}%, max spread ${spread}% over ${samples.length} samples`,
      );
      results.memory = { samples, driftPercentPerWorker: drift, totalDriftPercent: totalDrift, spreadPercent: spread };
    } else {
      results.ask = summary(
        `ask ${SECONDS} s, concurrency ${CONCURRENCY}`,
        await askLoad(server.url, SECONDS, CONCURRENCY, true),
      );
      if (VOICE_SESSIONS > 0 && VOICE_SECONDS > 0) {
        results.voice = summary(
          `voice ${VOICE_SECONDS} s, ${VOICE_SESSIONS} sessions${args['voice-tts'] ? ' with speech' : ', text only'}`,
          await voiceLoad(server.url, VOICE_SESSIONS, VOICE_SECONDS, args['voice-tts']),
        );
      }
    }
  } finally {
    const { code } = await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
    results.shutdownExitCode = code;
    console.log(`server stopped with exit code ${code}`);
  }
  console.log(JSON.stringify({ ...results, memory: undefined }));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
