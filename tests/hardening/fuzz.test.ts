// Seeded fuzzing of /api/ask, /api/search and the voice protocol parser: no 5xx, no throw, only known error codes.
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { MESSAGE_TYPES, createSchemas, parseClientMessage } from '../../src/ask/schema.ts';
import { DEFAULT_LIMITS } from '../../src/config.ts';
import { AppError, ERROR_CODES } from '../../src/errors.ts';
import { hardenedApp, post } from './helpers.ts';

const SEED = 0x5eed_2026;
const ASK_CASES = 1_200;
const SEARCH_CASES = 800;
const VOICE_CASES = 4_000;

/** Codes a malformed request may get: the client errors of the one vocabulary (src/errors.ts). */
const KNOWN_CODES: ReadonlySet<string> = new Set(
  [...ERROR_CODES].filter((code) => new AppError(code, '').status < 500),
);

/** mulberry32: a small deterministic PRNG, so a failure can be replayed from its case number. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

type Rng = ReturnType<typeof prng>;

const WORDS = [
  '护理补贴',
  '济宁',
  '盲人',
  '轮椅',
  '自闭症',
  '坐公交',
  '低保',
  '就业',
  '两项补贴',
  '牵头部门',
  '康复',
  '张掖',
];
const PIECES = [
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u200b',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u202e',
  '\u2066',
  '\ud800',
  '\udfff',
  '😀',
  '👨‍👩‍👧',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '{{7*7}}',
  "'; DROP TABLE feedback;--",
  '../../etc/passwd',
  '%00',
  '%ZZ',
  '\\u0000',
  '\r\n',
  '\t',
  '\u3000',
  'wheelchair',
  'Ｗｈｅｅｌ',
  '護理補貼',
  '13812345678',
  '__proto__',
  'constructor',
];

function text(rng: Rng, maxParts = 12): string {
  let out = '';
  const parts = rng.int(maxParts + 1);
  for (let i = 0; i < parts; i++) {
    const roll = rng.next();
    if (roll < 0.35) out += rng.pick(WORDS);
    else if (roll < 0.7) out += rng.pick(PIECES);
    else if (roll < 0.85) out += String.fromCharCode(rng.int(0x10000));
    else out += rng.pick(WORDS).repeat(rng.int(200));
  }
  return out;
}

function value(rng: Rng, depth = 0): unknown {
  const roll = rng.int(depth > 3 ? 6 : 9);
  switch (roll) {
    case 0:
      return null;
    case 1:
      return rng.next() < 0.5;
    case 2:
      return rng.pick([0, -1, 1e308, -0, 3.14, 2 ** 53 + 1]);
    case 3:
    case 4:
    case 5:
      return text(rng);
    case 6:
      // Now and then thousands of short items (history-sized abuse); otherwise a few nested values.
      if (depth === 0 && rng.next() < 0.1) return Array.from({ length: rng.int(3000) }, () => rng.pick(WORDS));
      return Array.from({ length: rng.int(6) }, () => value(rng, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = rng.int(5); i > 0; i--)
        object[rng.pick(['question', 'city', 'history', 'mode', 'x', '__proto__'])] = value(rng, depth + 1);
      return object;
    }
  }
}

/** An /api/ask body: mostly the right shape with odd values, sometimes broken JSON or the wrong shape. */
function askBody(rng: Rng): string {
  const roll = rng.next();
  if (roll < 0.1) return text(rng);
  if (roll < 0.2) return JSON.stringify(value(rng));
  const body: Record<string, unknown> = {};
  if (rng.next() < 0.9) body.question = rng.next() < 0.8 ? text(rng, 6) : value(rng);
  if (rng.next() < 0.4) body.city = rng.pick<unknown>(['济宁', 'jining', '广州', '', null, 7, text(rng, 2)]);
  if (rng.next() < 0.3)
    body.history = rng.next() < 0.7 ? Array.from({ length: rng.int(14) }, () => text(rng, 3)) : value(rng);
  if (rng.next() < 0.3) body.mode = rng.pick<unknown>(['easy', 'standard', 'EASY', 1, null, text(rng, 1)]);
  let json = JSON.stringify(body);
  if (rng.next() < 0.1) json = json.slice(0, rng.int(json.length)); // truncated
  if (rng.next() < 0.05) json = json.replace('{', '{"__proto__":{"polluted":1},');
  return json;
}

function searchPath(rng: Rng): string {
  const params: string[] = [];
  if (rng.next() < 0.9)
    params.push(
      `q=${rng.next() < 0.9 ? encodeURIComponent(text(rng, 5).replace(/[\ud800-\udfff]/g, '')) : text(rng, 3).replace(/[^\x21-\x7e]/g, '')}`,
    );
  if (rng.next() < 0.4)
    params.push(`limit=${rng.pick(['1', '50', '0', '-3', 'abc', '1e9', '', String(rng.int(100))])}`);
  if (rng.next() < 0.3) params.push(`city=${encodeURIComponent(rng.pick(['济宁', '张掖', '广州', '__proto__', '']))}`);
  return `/api/search?${params.join('&')}`;
}

function voiceMessage(rng: Rng): string {
  const roll = rng.next();
  if (roll < 0.15) return text(rng);
  const types = [...MESSAGE_TYPES, 'nope', ''];
  const message: Record<string, unknown> = { type: rng.next() < 0.9 ? rng.pick(types) : value(rng) };
  for (let i = rng.int(5); i > 0; i--) {
    message[
      rng.pick([
        'text',
        'final',
        'city',
        'mode',
        'tts',
        'audio',
        'turnId',
        'name',
        'rating',
        'reason',
        't',
        '__proto__',
        'constructor',
      ])
    ] = rng.next() < 0.5 ? text(rng, 4) : value(rng);
  }
  const json = JSON.stringify(message);
  return rng.next() < 0.1 ? json.slice(0, rng.int(json.length)) : json;
}

let app: App;
beforeAll(async () => {
  app = await hardenedApp();
});

describe(`fuzzing with seed ${SEED}`, () => {
  it(`answers ${ASK_CASES} generated /api/ask bodies with 200 or a known 4xx`, async () => {
    const rng = prng(SEED);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < ASK_CASES; i++) {
      const body = askBody(rng);
      const res = await post(app, '/api/ask', body);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const raw = await res.text();
      const parsed = JSON.parse(raw) as { error?: { code: string }; answered?: boolean };
      const ok =
        res.status === 200
          ? typeof parsed.answered === 'boolean'
          : res.status < 500 && KNOWN_CODES.has(parsed.error?.code ?? '');
      if (!ok || /[<>]/.test(raw))
        failures.push(`case ${i}: ${res.status} ${raw.slice(0, 120)} for ${body.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    // The generator reaches both the answer engine and the validators.
    expect(statuses.get(200)).toBeGreaterThan(ASK_CASES / 10);
    expect(statuses.get(400)).toBeGreaterThan(ASK_CASES / 10);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 30_000);

  it(`answers ${SEARCH_CASES} generated /api/search queries with 200 or a known 4xx`, async () => {
    const rng = prng(SEED + 1);
    const failures: string[] = [];
    for (let i = 0; i < SEARCH_CASES; i++) {
      const path = searchPath(rng);
      const res = await app.request(path);
      const parsed = JSON.parse(await res.text()) as { error?: { code: string }; hits?: unknown[] };
      const ok =
        res.status === 200 ? Array.isArray(parsed.hits) : res.status < 500 && KNOWN_CODES.has(parsed.error?.code ?? '');
      if (!ok) failures.push(`case ${i}: ${res.status} for ${path.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  }, 30_000);

  it(`parses ${VOICE_CASES} generated voice messages into a message or a client error, never a throw`, () => {
    const schemas = createSchemas(DEFAULT_LIMITS);
    const rng = prng(SEED + 2);
    const failures: string[] = [];
    for (let i = 0; i < VOICE_CASES; i++) {
      const raw = voiceMessage(rng);
      try {
        const result = parseClientMessage(raw, schemas);
        const ok = result instanceof AppError ? result.status < 500 : typeof result.type === 'string';
        if (!ok) failures.push(`case ${i}: ${JSON.stringify(result).slice(0, 120)}`);
      } catch (error) {
        failures.push(`case ${i}: threw ${(error as Error).message} for ${raw.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
