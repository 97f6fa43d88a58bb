// HTTP contract through app.request(): health, cities, clauses, ask, search, feedback, errors (docs/architecture.md).
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../src/app.ts';
import { toCitation } from '../src/answer/cite.ts';
import { createHealth } from '../src/server/health.ts';
import { testServices } from './services.ts';

let app: App;
beforeAll(async () => {
  app = createApp(await testServices());
});

const ask = (body: unknown, type = 'application/json') =>
  app.request('/api/ask', {
    method: 'POST',
    headers: { 'content-type': type },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('health and reference routes', () => {
  it('reports 5 plans on /healthz', async () => {
    const res = await app.request('/healthz');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; documents: number; clauses: number };
    expect(body.status).toBe('ok');
    expect(body.documents).toBe(5);
    expect(body.clauses).toBeGreaterThan(600);
  });

  it('answers /healthz 503 stopping once the worker drains, and 503 starting before the index is built', async () => {
    const health = createHealth();
    const probe = createApp({ ...(await testServices()), ready: health.state });
    expect((await probe.request('/healthz')).status).toBe(503);
    expect(await (await probe.request('/healthz')).json()).toEqual({ status: 'starting' });
    health.markReady();
    expect((await probe.request('/healthz')).status).toBe(200);
    health.markStopping();
    const stopping = await probe.request('/healthz');
    expect([stopping.status, await stopping.json()]).toEqual([503, { status: 'stopping' }]);
  });

  it('lists the five cities with their plans', async () => {
    const cities = (await (await app.request('/api/cities')).json()) as {
      id: string;
      name: string;
      issued: string | null;
    }[];
    expect(cities.map((c) => c.name)).toEqual(['青州', '双鸭山', '永济', '济宁', '张掖']);
    expect(cities.find((c) => c.id === 'jining')?.issued).toBe('2021-11-25');
  });

  it('returns one clause with its path and neighbours', async () => {
    const res = await app.request('/api/clauses/jining-3-1-2');
    const clause = (await res.json()) as { path: string[]; text: string; previous: string; next: string };
    expect(clause.path).toEqual(['三、重点任务和主要措施', '（一）强化残疾人社会保障', '2. 完善残疾人社会福利制度']);
    expect(clause.text.startsWith('2. 完善残疾人社会福利制度。')).toBe(true);
    expect(clause.previous).toBe('jining-3-1-1');
    expect(clause.next).toBe('jining-3-1-3');
  });

  it('lists every clause of a city by name or id, in document order', async () => {
    const byName = (await (await app.request('/api/clauses?city=%E6%B5%8E%E5%AE%81')).json()) as {
      clauses: { id: string }[];
    };
    const byId = (await (await app.request('/api/clauses?city=jining')).json()) as { clauses: { id: string }[] };
    expect(byName.clauses.map((c) => c.id)).toEqual(byId.clauses.map((c) => c.id));
    expect(byName.clauses[0]?.id).toBe('jining-p1');
  });

  it('answers 404 NOT_FOUND for an unknown clause and for path traversal', async () => {
    for (const path of ['/api/clauses/nope-1', '/api/clauses/..%2F..%2Fetc%2Fpasswd']) {
      const res = await app.request(path);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    }
  });

  it('serves the source viewer with clause anchors', async () => {
    const res = await app.request('/docs/jining');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('id="jining-3-1-2"');
  });
});

describe('POST /api/ask', () => {
  it('answers a resident in everyday words with a cited clause of the right city', async () => {
    const res = await ask({ question: '瘫在床上的老人有护理补贴吗？', city: '济宁' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      answered: boolean;
      city: string;
      citations: { city: string; url: string; text: string }[];
    };
    expect(body.answered).toBe(true);
    expect(body.city).toBe('济宁');
    expect(body.citations.length).toBeGreaterThan(0);
    for (const c of body.citations) {
      expect(c.city).toBe('济宁');
      expect(c.url.startsWith('/docs/jining#jining-')).toBe(true);
      expect(c.text.length).toBeLessThanOrEqual(1500);
    }
  });

  it.each([
    ['not JSON', '{"question":', 'application/json', 400, 'BAD_JSON'],
    ['no question', {}, 'application/json', 400, 'QUESTION_REQUIRED'],
    ['a blank question', { question: ' \u3000 ' }, 'application/json', 400, 'QUESTION_REQUIRED'],
    ['a question over 500 characters', { question: '补'.repeat(501) }, 'application/json', 400, 'QUESTION_TOO_LONG'],
    ['a number as question', { question: 42 }, 'application/json', 400, 'BAD_REQUEST'],
    ['an unknown city', { question: '护理补贴', city: '广州' }, 'application/json', 400, 'UNKNOWN_CITY'],
    [
      'eleven history turns',
      { question: '护理补贴', history: Array(11).fill('济宁') },
      'application/json',
      400,
      'HISTORY_TOO_LONG',
    ],
    ['an unknown mode', { question: '护理补贴', mode: 'fast' }, 'application/json', 400, 'BAD_MODE'],
    ['an array body', [1, 2], 'application/json', 400, 'BAD_REQUEST'],
    ['a form body', 'question=x', 'application/x-www-form-urlencoded', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['a 20 KB body', { question: '补', pad: 'x'.repeat(20_000) }, 'application/json', 413, 'PAYLOAD_TOO_LARGE'],
  ])('rejects %s', async (_name, body, type, status, code) => {
    const res = await ask(body, type);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
    const after = await ask({ question: '坐公交免费吗？', city: '永济' });
    expect(after.status).toBe(200);
  });
});

describe('citations', () => {
  it('carry the clause’s own number as the plan prints it, for an item and for an indicator row', async () => {
    const res = await app.request('/api/search?q=' + encodeURIComponent('护理补贴') + '&city=济宁&limit=50');
    const hits = ((await res.json()) as { hits: { id: string; number: string | null }[] }).hits;
    // jining.txt: “2. 完善残疾人社会福利制度” under 三、（一）.
    expect(hits.find((hit) => hit.id === 'jining-3-1-2')?.number).toBe('2.');
    // shuangyashan.txt, 专栏1: “3.符合条件的残疾人纳入最低生活保障…”, whose text starts with its group's name, so the
    // browser could not read the number off the text.
    const deps = await testServices();
    const row = deps.corpus.clause('shuangyashan-box1-3')!;
    expect(row.text.startsWith('社会保障和基本公共服务')).toBe(true);
    expect(toCitation(row, deps.corpus.plan(row.planId)!).number).toBe('3.');
  });
});

describe('GET /api/search and POST /api/feedback', () => {
  it('filters by the city the operator typed', async () => {
    const res = await app.request(`/api/search?q=${encodeURIComponent('济宁 托养 牵头部门')}&limit=5`);
    const { hits } = (await res.json()) as { hits: { city: string; score: number }[] };
    expect(hits.length).toBeGreaterThan(0);
    expect(new Set(hits.map((h) => h.city))).toEqual(new Set(['济宁']));
  });

  it.each(['0', '51', 'abc', '-1'])('rejects limit=%s with BAD_LIMIT', async (limit) => {
    const res = await app.request(`/api/search?q=%E6%89%98%E5%85%BB&limit=${limit}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_LIMIT');
  });

  it('takes feedback with 204', async () => {
    const res = await app.request('/api/feedback', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rating: 'down', question: '护理补贴', citationIds: ['jining-3-1-2'], reason: '不够具体' }),
    });
    expect(res.status).toBe(204);
  });
});
