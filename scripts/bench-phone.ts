// Phone benchmark (imported by `npm run bench`): end of caller speech → first answer frame, one call at a time and
// 50 calls at once, over real AudioSocket TCP connections with espeak-ng speech and the fake FunASR recogniser.
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import type { PhoneServer } from '../src/phone/server.ts';
import { createServices } from '../src/runtime/services.ts';
import { Tts } from '../src/voice/tts.ts';
import { FakeFunasr } from '../tests/asr/fake-funasr.ts';
import { synthesize } from '../tests/asr/speech.ts';
import { FakeCaller } from '../tests/phone/caller.ts';
import { startPhone } from '../tests/phone/server.ts';

const QUESTION = '济宁护理补贴';
/** Calls one after another (latency on a quiet machine), then at once. */
const SEQUENTIAL_CALLS = 10;
const CONCURRENT_CALLS = 50;
/** A call with no answer frame this long after the caller fell silent counts as dropped. */
const ANSWER_TIMEOUT_MS = 10_000;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** One call, one question spoken over the greeting: ms from the end of speech to the first answer frame, or null. */
async function turn(server: PhoneServer, speech: Buffer): Promise<number | null> {
  const caller = await FakeCaller.connect(server.port);
  try {
    caller.callId();
    await caller.until('the greeting', () => caller.audio().length > 0, ANSWER_TIMEOUT_MS);
    const silentAt = await caller.speak(speech);
    const mark = caller.received.length;
    const silence = caller.silence(1500);
    await caller.until('the answer', () => caller.audio(mark).length > 0 || caller.hungUp(), ANSWER_TIMEOUT_MS);
    await silence;
    const first = caller.audio(mark)[0];
    return first && !caller.hungUp() ? first.at - silentAt : null;
  } catch {
    return null;
  } finally {
    caller.end();
  }
}

export async function benchPhone(): Promise<Record<string, string>> {
  const config = loadConfig({ LOG_LEVEL: 'error' });
  const deps = await createServices(config, { log: createLogger('error'), dataDir: null });
  const fake = await FakeFunasr.start({ otherwise: QUESTION });
  const tts = new Tts({ timeoutMs: config.limits.ttsTimeoutMs, concurrency: config.limits.ttsConcurrency });
  const server = await startPhone({ config, ask: deps.ask, tts, asrUrl: fake.url });
  const speech = synthesize(QUESTION, 8000);
  try {
    const sequential: number[] = [];
    for (let i = 0; i < SEQUENTIAL_CALLS; i++) {
      const ms = await turn(server, speech);
      if (ms !== null) sequential.push(ms);
    }
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: CONCURRENT_CALLS }, () => turn(server, speech)));
    const seconds = (performance.now() - started) / 1000;
    const answered = results.filter((ms): ms is number => ms !== null);
    const fmt = (values: number[]) =>
      `p50 ${percentile(values, 50).toFixed(0)} ms, p99 ${percentile(values, 99).toFixed(0)} ms`;
    return {
      [`phone: end of speech → first answer frame (${SEQUENTIAL_CALLS} calls in turn)`]: `${fmt(sequential)} (includes the 700 ms of silence that ends an utterance)`,
      [`phone: ${CONCURRENT_CALLS} concurrent calls, one spoken question each`]: `${answered.length}/${CONCURRENT_CALLS} answered, ${CONCURRENT_CALLS - answered.length} dropped, in ${seconds.toFixed(1)} s; ${fmt(answered)}`,
    };
  } finally {
    await server.close();
    await fake.close();
    tts.close();
    deps.records.close();
  }
}
