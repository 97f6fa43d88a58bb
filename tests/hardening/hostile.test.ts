// Broken and hostile inputs through app.request(): each gets its exact status and code, and the next normal question works.
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { NORMAL, errorCode, hardenedApp, post } from './helpers.ts';

let app: App;
beforeAll(async () => {
  app = await hardenedApp({ ADMIN_TOKEN: 'staff-token-0123456789' });
});

interface Case {
  name: string;
  send: () => Response | Promise<Response>;
  status: number;
  /** The error code, or null for a success. */
  code: string | null;
  /** For a 200 answer: whether the plans answered it. */
  answered?: boolean;
}

const ask = (body: unknown, type?: string | null) => () => post(app, '/api/ask', body, type);
const get =
  (path: string, headers: Record<string, string> = {}) =>
  () =>
    app.request(path, { headers });
const feedback = (body: unknown) => () => post(app, '/api/feedback', body);
const q = (question: string, extra: object = {}) => ask({ question, ...extra });
const E = (name: string, send: Case['send'], status: number, code: string | null, answered?: boolean): Case => ({
  name,
  send,
  status,
  code,
  answered,
});
const ADMIN = { authorization: 'Bearer staff-token-0123456789' };

const cases: Case[] = [
  // Not JSON, or JSON that is not an object.
  E('a truncated JSON body', ask('{"question":'), 400, 'BAD_JSON'),
  E('a JavaScript object literal', ask("{question:'护理补贴'}"), 400, 'BAD_JSON'),
  E('a trailing comma', ask('{"question":"护理补贴",}'), 400, 'BAD_JSON'),
  E('an empty body', ask(''), 400, 'BAD_JSON'),
  E('NaN', ask('NaN'), 400, 'BAD_JSON'),
  E('single-quoted JSON', ask("{'question':'护理补贴'}"), 400, 'BAD_JSON'),
  E('null', ask('null'), 400, 'BAD_REQUEST'),
  E('a bare string', ask('"护理补贴"'), 400, 'BAD_REQUEST'),
  E('a bare number', ask('42'), 400, 'BAD_REQUEST'),
  E('an array', ask('[{"question":"护理补贴"}]'), 400, 'BAD_REQUEST'),
  E('5,000 nested arrays', ask('['.repeat(5000) + ']'.repeat(5000)), 400, 'BAD_REQUEST'),
  E(
    '3,000 nested objects (over the body limit)',
    ask('{"a":'.repeat(3000) + '1' + '}'.repeat(3000)),
    413,
    'PAYLOAD_TOO_LARGE',
  ),
  E('no content type', ask(NORMAL, null), 415, 'UNSUPPORTED_MEDIA_TYPE'),
  E('text/plain', ask(NORMAL, 'text/plain'), 415, 'UNSUPPORTED_MEDIA_TYPE'),
  E('a form body', ask('question=x', 'application/x-www-form-urlencoded'), 415, 'UNSUPPORTED_MEDIA_TYPE'),
  E('multipart', ask('--x\r\n\r\n--x--', 'multipart/form-data; boundary=x'), 415, 'UNSUPPORTED_MEDIA_TYPE'),
  // Wrong types.
  E('a number as question', q(42 as unknown as string), 400, 'BAD_REQUEST'),
  E('true as question', q(true as unknown as string), 400, 'BAD_REQUEST'),
  E('an array as question', q(['护理补贴'] as unknown as string), 400, 'BAD_REQUEST'),
  E('an object as question', q({ text: '护理补贴' } as unknown as string), 400, 'BAD_REQUEST'),
  E('1e400 as question', ask('{"question":1e400}'), 400, 'BAD_REQUEST'),
  E('a string as history', q('护理补贴', { history: '我在济宁' }), 400, 'BAD_REQUEST'),
  E('numbers in history', q('护理补贴', { history: [1, 2] }), 400, 'BAD_REQUEST'),
  E('null in history', q('护理补贴', { history: [null] }), 400, 'BAD_REQUEST'),
  E('nested history', q('护理补贴', { history: [['济宁']] }), 400, 'BAD_REQUEST'),
  E('an array-like object as history', q('护理补贴', { history: { length: 2, 0: '济宁' } }), 400, 'BAD_REQUEST'),
  E('a number as city', q('护理补贴', { city: 370800 }), 400, 'BAD_REQUEST'),
  E('an upper-case mode', q('护理补贴', { mode: 'EASY' }), 400, 'BAD_MODE'),
  E('a number as mode', q('护理补贴', { mode: 1 }), 400, 'BAD_MODE'),
  // Empty and invisible questions.
  E('no question', ask({}), 400, 'QUESTION_REQUIRED'),
  E('a null question', q(null as unknown as string), 400, 'QUESTION_REQUIRED'),
  E('an empty question', q(''), 400, 'QUESTION_REQUIRED'),
  E('a whitespace question', q(' \t\r\n '), 400, 'QUESTION_REQUIRED'),
  E('ideographic spaces only', q('\u3000\u3000'), 400, 'QUESTION_REQUIRED'),
  E('zero-width characters only', q('\u200b\u200c\u200d\u2060\ufeff'), 400, 'QUESTION_REQUIRED'),
  E('control characters only', q('\u0000\u0001\u001b\u007f\u0085'), 400, 'QUESTION_REQUIRED'),
  E('a lone high surrogate', q('\ud800'), 400, 'QUESTION_REQUIRED'),
  E('lone low surrogates', q('\udfff\udc00'), 400, 'QUESTION_REQUIRED'),
  E('an escaped lone surrogate', ask('{"question":"\\ud83d"}'), 400, 'QUESTION_REQUIRED'),
  E('bidi controls only', q('\u202e\u202d\u2066\u2069'), 400, 'QUESTION_REQUIRED'),
  // Too long.
  E('501 characters', q('补'.repeat(501)), 400, 'QUESTION_TOO_LONG'),
  E('501 emoji', q('😀'.repeat(501)), 400, 'QUESTION_TOO_LONG'),
  E('2,001 zero-width characters around a question', q('\u200b'.repeat(2001) + '护理补贴'), 400, 'QUESTION_TOO_LONG'),
  E('a 1 MB question', q('补'.repeat(350_000)), 413, 'PAYLOAD_TOO_LARGE'),
  E('a 20 KB unknown field', q('护理补贴', { pad: 'x'.repeat(20_000) }), 413, 'PAYLOAD_TOO_LARGE'),
  E('eleven history turns', q('护理补贴', { history: Array(11).fill('济宁') }), 400, 'HISTORY_TOO_LONG'),
  E('3,000 history turns', q('护理补贴', { history: Array(3000).fill('') }), 400, 'HISTORY_TOO_LONG'),
  E(
    '8,000 history turns (over the body limit)',
    q('护理补贴', { history: Array(8000).fill('济') }),
    413,
    'PAYLOAD_TOO_LARGE',
  ),
  E(
    'a 501-character history turn',
    q('护理补贴', { history: ['我在济宁', '补'.repeat(501)] }),
    400,
    'HISTORY_TOO_LONG',
  ),
  // Cities.
  E('an unknown city', q('护理补贴', { city: '广州' }), 400, 'UNKNOWN_CITY'),
  E('a path as city', q('护理补贴', { city: '../jining' }), 400, 'UNKNOWN_CITY'),
  E('__proto__ as city', q('护理补贴', { city: '__proto__' }), 400, 'UNKNOWN_CITY'),
  E('constructor as city', q('护理补贴', { city: 'constructor' }), 400, 'UNKNOWN_CITY'),
  E('toString as city', q('护理补贴', { city: 'toString' }), 400, 'UNKNOWN_CITY'),
  E('a city with a NUL', q('护理补贴', { city: '济宁\u0000' }), 200, null, true),
  // Prototype pollution.
  E('a __proto__ key', ask('{"__proto__":{"polluted":true},"question":"护理补贴"}'), 400, 'BAD_REQUEST'),
  E(
    'a constructor key',
    ask('{"constructor":{"prototype":{"polluted":true}},"question":"护理补贴"}'),
    400,
    'BAD_REQUEST',
  ),
  E('a prototype key', ask('{"prototype":{"polluted":true},"question":"护理补贴"}'), 400, 'BAD_REQUEST'),
  E('__proto__ inside history', ask('{"question":"护理补贴","history":[{"__proto__":{"x":1}}]}'), 400, 'BAD_REQUEST'),
  // Odd but valid: answered or honestly not answered, never an error.
  E('a duplicate key (the last wins)', ask('{"question":1,"question":"护理补贴"}'), 200, null, true),
  E('an unknown extra field', q('护理补贴', { admin: true }), 200, null, true),
  E('a null mode', q('护理补贴', { mode: null }), 200, null, true),
  E('a byte-order mark before the JSON', ask('\ufeff{"question":"护理补贴"}'), 200, null, true),
  E('a script tag', q('<script>alert(1)</script>'), 200, null, false),
  E('an img onerror with a real question', q('<img src=x onerror=alert(1)>护理补贴'), 200, null),
  E('emoji only', q('😀😀😀'), 200, null, false),
  E('500 emoji', q('😀'.repeat(500)), 200, null, false),
  E('a question with emoji', q('护理补贴😀'), 200, null, true),
  E('English small talk', q('hello how are you'), 200, null, false),
  E('English policy words', q('wheelchair subsidy'), 200, null, true),
  E('a bidi override before a question', q('\u202e护理补贴'), 200, null, true),
  E('zero-width characters inside a question', q('护\u200b理\u200d补\ufeff贴'), 200, null, true),
  E('a NUL inside a question', q('护理\u0000补贴'), 200, null, true),
  E('a lone surrogate inside a question', q('护理\ud800补贴'), 200, null, true),
  E('SQL in a question', q("Robert'); DROP TABLE feedback;--"), 200, null, false),
  E('a place outside the five', q('广州有护理补贴吗'), 200, null, false),
  E('traditional characters', q('重度殘疾人有護理補貼嗎'), 200, null, true),
  // Routes and methods.
  E('GET /api/ask', get('/api/ask'), 404, 'NOT_FOUND'),
  E('an unknown API path', get('/api/../../etc/passwd'), 404, 'NOT_FOUND'),
  // /api/search.
  E('search without q', get('/api/search'), 400, 'QUESTION_REQUIRED'),
  E('search for zero-width characters', get('/api/search?q=%E2%80%8B%E2%80%8B'), 400, 'QUESTION_REQUIRED'),
  E(
    'search for 201 characters',
    get(`/api/search?q=${encodeURIComponent('补'.repeat(201))}`),
    400,
    'QUESTION_TOO_LONG',
  ),
  E('limit=0', get('/api/search?q=%E6%89%98%E5%85%BB&limit=0'), 400, 'BAD_LIMIT'),
  E('limit=51', get('/api/search?q=%E6%89%98%E5%85%BB&limit=51'), 400, 'BAD_LIMIT'),
  E('limit=-1', get('/api/search?q=%E6%89%98%E5%85%BB&limit=-1'), 400, 'BAD_LIMIT'),
  E('limit=1e3', get('/api/search?q=%E6%89%98%E5%85%BB&limit=1e3'), 400, 'BAD_LIMIT'),
  E('limit=5.5', get('/api/search?q=%E6%89%98%E5%85%BB&limit=5.5'), 400, 'BAD_LIMIT'),
  E('limit=0x10', get('/api/search?q=%E6%89%98%E5%85%BB&limit=0x10'), 400, 'BAD_LIMIT'),
  E('an empty limit', get('/api/search?q=%E6%89%98%E5%85%BB&limit='), 400, 'BAD_LIMIT'),
  E('a 20-digit limit', get('/api/search?q=%E6%89%98%E5%85%BB&limit=99999999999999999999'), 400, 'BAD_LIMIT'),
  E('limit=Infinity', get('/api/search?q=%E6%89%98%E5%85%BB&limit=Infinity'), 400, 'BAD_LIMIT'),
  E('search in an unknown city', get('/api/search?q=%E6%89%98%E5%85%BB&city=%E5%B9%BF%E5%B7%9E'), 400, 'UNKNOWN_CITY'),
  E('search with a broken escape', get('/api/search?q=%ZZ'), 200, null),
  E('search for a script tag', get('/api/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E'), 200, null),
  // Clauses and documents: traversal and odd ids.
  E('clause path traversal', get('/api/clauses/..%2F..%2Fetc%2Fpasswd'), 404, 'NOT_FOUND'),
  E('clause double-encoded traversal', get('/api/clauses/..%252F..%252Fetc%252Fpasswd'), 404, 'NOT_FOUND'),
  E('clause id with a NUL', get('/api/clauses/jining-3-1-2%00'), 404, 'NOT_FOUND'),
  E('an upper-case clause id', get('/api/clauses/JINING-3-1-2'), 404, 'NOT_FOUND'),
  E('a 5,000-character clause id', get(`/api/clauses/${'a'.repeat(5000)}`), 404, 'NOT_FOUND'),
  E('__proto__ as clause id', get('/api/clauses/__proto__'), 404, 'NOT_FOUND'),
  E('clauses of an unknown city', get('/api/clauses?city=__proto__'), 400, 'UNKNOWN_CITY'),
  E('document path traversal', get('/docs/..%2F..%2Fetc%2Fpasswd'), 404, 'NOT_FOUND'),
  E('document double-encoded traversal', get('/docs/..%252F..%252Fetc%252Fpasswd'), 404, 'NOT_FOUND'),
  E('document id with a NUL', get('/docs/jining%00'), 404, 'NOT_FOUND'),
  E('document id with markup', get('/docs/%3Cscript%3Ealert(1)%3C%2Fscript%3E'), 404, 'NOT_FOUND'),
  E('constructor as document', get('/docs/constructor'), 404, 'NOT_FOUND'),
  // Feedback.
  E('an unknown rating', feedback({ rating: 'meh' }), 400, 'BAD_REQUEST'),
  E('unknown citation ids', feedback({ rating: 'up', citationIds: ['../etc/passwd'] }), 400, 'BAD_REQUEST'),
  E('21 citation ids', feedback({ rating: 'up', citationIds: Array(21).fill('jining-3-1-2') }), 400, 'BAD_REQUEST'),
  E('a 1,001-character reason', feedback({ rating: 'down', reason: '差'.repeat(1001) }), 400, 'BAD_REQUEST'),
  E('a number as reason', feedback({ rating: 'down', reason: 5 }), 400, 'BAD_REQUEST'),
  E(
    'a __proto__ key in feedback',
    () => post(app, '/api/feedback', '{"__proto__":{},"rating":"up"}'),
    400,
    'BAD_REQUEST',
  ),
  E('feedback with a phone number', feedback({ rating: 'down', reason: '请回电 138 1234 5678' }), 204, null),
  // Staff report.
  E('the report without a token', get('/api/admin/unanswered'), 401, 'UNAUTHORIZED'),
  E(
    'the report with a wrong token',
    get('/api/admin/unanswered', { authorization: 'Bearer staff-token-0123456780' }),
    401,
    'UNAUTHORIZED',
  ),
  E(
    'the report with a token prefix',
    get('/api/admin/unanswered', { authorization: 'Bearer staff-token' }),
    401,
    'UNAUTHORIZED',
  ),
  E('the report with limit=1000', get('/api/admin/unanswered?limit=1000', ADMIN), 400, 'BAD_LIMIT'),
  E('the report for an unknown city', get('/api/admin/unanswered?city=%E5%B9%BF%E5%B7%9E', ADMIN), 400, 'UNKNOWN_CITY'),
];

describe('hostile and broken inputs', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const res = await c.send();
    expect(res.status).toBe(c.status);
    expect(await errorCode(res)).toBe(c.code);
    if (res.status !== 204) {
      // Every API answer is JSON that no browser would run or frame, and its bytes never contain raw markup.
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
    const raw = await res.text();
    expect(raw).not.toMatch(/[<>]/);
    if (c.answered !== undefined) expect((JSON.parse(raw) as { answered: boolean }).answered).toBe(c.answered);
    const after = await post(app, '/api/ask', NORMAL);
    expect(after.status).toBe(200);
    expect(((await after.json()) as { answered: boolean }).answered).toBe(true);
  });
});
