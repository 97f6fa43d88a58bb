// Voice benchmark (imported by `npm run bench`): time to first audio byte, cold and warm, and concurrent spoken turns.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { AppDeps } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { createServices, handlersOf } from '../src/runtime/services.ts';
import { createServer } from '../src/runtime/server.ts';
import type { ServerMessage } from '../src/voice/protocol.ts';
import type { VoiceServer } from '../src/voice/route.ts';

/** Questions timed one after another for the time-to-first-byte figures. */
const TTFB_TURNS = 40;
/** Concurrent sessions, each completing one spoken turn. */
const CONCURRENCY_LEVELS = [200, 500];
/** Longest one concurrent round may take. */
const ROUND_TIMEOUT_MS = 180_000;

interface Question {
  question: string;
  city: string | null;
}

function devQuestions(): Question[] {
  const lines = fs.readFileSync('tests/eval/dev.jsonl', 'utf8').split('\n').filter(Boolean);
  return lines.map((line) => {
    const row = JSON.parse(line) as { question: string; city?: string | null };
    return { question: row.question, city: row.city ?? null };
  });
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(times: number[]): string {
  const [p50, p90, p99] = [50, 90, 99].map((p) => percentile(times, p).toFixed(1));
  return `${p50} / ${p90} / ${p99} ms (${times.length} sequential turns, 16 kHz, real sockets)`;
}

interface Running {
  url: string;
  voice: VoiceServer;
  stop(): Promise<void>;
}

async function start(deps: AppDeps, config: Config, ttsCacheBytes?: number): Promise<Running> {
  const server = await createServer({ config, log: deps.log, handlers: handlersOf(deps), ttsCacheBytes });
  await server.voice.tts.probe();
  return {
    url: `ws://127.0.0.1:${server.port}/ws/voice`,
    voice: server.voice,
    stop: async () => void (await server.close()),
  };
}

interface TurnResult {
  ok: boolean;
  ttfbMs: number;
  audioBytes: number;
}

/**
 * One session, one question: resolves with the time from sending `user.text` to the first binary frame. With `whole`
 * it waits for `tts.end`; otherwise it interrupts after the first frame.
 */
function turn(url: string, q: Question, rate: 8000 | 16000, whole: boolean, timeoutMs: number): Promise<TurnResult> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    let sentAt = 0;
    let ttfbMs = NaN;
    let audioBytes = 0;
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ws.close();
      resolve({ ok, ttfbMs, audioBytes });
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    ws.on('error', () => done(false));
    ws.on('close', () => done(false));
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'session.start', city: q.city, tts: true, audio: { sampleRate: rate } }));
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) {
        if (audioBytes === 0) {
          ttfbMs = performance.now() - sentAt;
          if (!whole) ws.send(JSON.stringify({ type: 'interrupt' }));
        }
        audioBytes += data.length;
        return;
      }
      const message = JSON.parse(data.toString('utf8')) as ServerMessage;
      if (message.type === 'session.ready') {
        sentAt = performance.now();
        ws.send(JSON.stringify({ type: 'user.text', text: q.question, final: true }));
      } else if (message.type === 'interrupted' || message.type === 'tts.end') {
        done(audioBytes > 0);
      } else if (message.type === 'error' && (message.fatal || message.turnId !== undefined)) {
        done(false);
      }
    });
  });
}

/** Whole turns one after another; with `twice`, each question is asked twice in a row and the second time is kept. */
async function sequentialTtfb(url: string, questions: Question[], twice: boolean): Promise<number[]> {
  const times: number[] = [];
  for (const q of questions) {
    if (twice) await turn(url, q, 16000, true, 30_000);
    const result = await turn(url, q, 16000, true, 30_000);
    if (result.ok) times.push(result.ttfbMs);
  }
  return times;
}

interface Round {
  seconds: number;
  results: TurnResult[];
}

/** `sessions` sessions at once, each asking one question and hearing the whole answer. */
async function concurrentRound(url: string, questions: Question[], sessions: number): Promise<Round> {
  const began = performance.now();
  const results = await Promise.all(
    Array.from({ length: sessions }, (_v, i) =>
      turn(url, questions[i % questions.length]!, 8000, true, ROUND_TIMEOUT_MS),
    ),
  );
  return { seconds: (performance.now() - began) / 1000, results };
}

/**
 * The same round with the clients in a child process (this script with --clients), so that receiving 100 MB of audio
 * does not share the server's event loop (it still shares the machine's cores).
 */
function concurrentRoundApart(url: string, sessions: number): Promise<Round> {
  const script = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, [...process.execArgv, script, '--clients', url, String(sessions)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out) as Round);
      else reject(new Error(`bench-voice: the client process exited with code ${code}.`));
    });
  });
}

function roundSummary(sessions: number, { seconds, results }: Round): string {
  const ok = results.filter((r) => r.ok);
  const audio = ok.reduce((sum, r) => sum + r.audioBytes, 0) / 2 / 8000;
  const ttfb = ok.map((r) => r.ttfbMs);
  return (
    `${ok.length}/${sessions} completed in ${seconds.toFixed(1)} s; TTFB p50 ${percentile(ttfb, 50).toFixed(0)} ms, ` +
    `p99 ${percentile(ttfb, 99).toFixed(0)} ms; ${(audio / 60).toFixed(0)} min of audio streamed`
  );
}

/** Measures the voice channel in this process (server and clients share the machine's cores). */
export async function benchVoice(): Promise<Record<string, number | string>> {
  const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', LIMIT_WS_SESSIONS_PER_IP: '10000', LOG_LEVEL: 'error' });
  const deps = await createServices(config, { log: createLogger('error'), dataDir: null });
  const questions = devQuestions().slice(0, TTFB_TURNS);
  const out: Record<string, number | string> = {};

  const cold = await start(deps, config, 0);
  if (cold.voice.tts.available !== true) {
    await cold.stop();
    return { 'voice bench': `skipped: server speech unavailable (${cold.voice.tts.reason})` };
  }
  const coldTimes = await sequentialTtfb(cold.url, questions, false);
  await cold.stop();
  out['voice TTFB cold (no sentence cache), p50 / p90 / p99'] = summary(coldTimes);

  const warm = await start(deps, config);
  const warmTimes = await sequentialTtfb(warm.url, questions, true);
  out['voice TTFB warm (cached sentence), p50 / p90 / p99'] = summary(warmTimes);

  for (const [round, sessions] of CONCURRENCY_LEVELS.entries()) {
    // The first round meets sentences not yet synthesized at 8 kHz; later rounds find them cached.
    const cache = round === 0 ? 'cold cache' : 'warm cache';
    out[`voice ${sessions} concurrent sessions, each a whole spoken turn (8 kHz, ${cache})`] = roundSummary(
      sessions,
      await concurrentRound(warm.url, questions, sessions),
    );
  }
  await warm.stop();

  // The first round again on a new server (nothing synthesized yet), its clients in another process.
  const apart = await start(deps, config);
  const sessions = CONCURRENCY_LEVELS[0]!;
  out[`voice ${sessions} concurrent sessions, clients in a separate process (8 kHz, cold cache)`] = roundSummary(
    sessions,
    await concurrentRoundApart(apart.url, sessions),
  );
  await apart.stop();
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === '--clients') {
    // Client side of concurrentRoundApart(): the round's results as JSON on stdout.
    const round = await concurrentRound(process.argv[3]!, devQuestions().slice(0, TTFB_TURNS), Number(process.argv[4]));
    process.stdout.write(JSON.stringify(round));
  } else {
    const results = await benchVoice();
    for (const [name, value] of Object.entries(results)) console.log(`${name}: ${value}`);
  }
  process.exit(0);
}
