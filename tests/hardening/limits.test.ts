// HTTP limits and headers: per-IP rate limit with Retry-After, request timeout, body limit, JSON and page security headers.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { rewire } from '../../src/runtime/services.ts';
import { testServices } from '../services.ts';
import { NORMAL, errorCode, hardenedApp, post } from './helpers.ts';

/** app.request's third argument stands in for the Node socket the rate limiter reads the address from. */
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

describe('per-IP rate limit', () => {
  it('answers the fourth request of a minute with 429 RATE_LIMITED and a Retry-After in whole seconds', async () => {
    const app = await hardenedApp({ LIMIT_REQUESTS_PER_MINUTE: '3' });
    for (let i = 0; i < 3; i++) expect((await app.request('/api/cities', {}, from('10.0.0.1'))).status).toBe(200);
    const limited = await app.request('/api/cities', {}, from('10.0.0.1'));
    expect(limited.status).toBe(429);
    expect(await errorCode(limited)).toBe('RATE_LIMITED');
    const retry = limited.headers.get('retry-after');
    expect(retry).toMatch(/^\d+$/);
    expect(Number(retry)).toBeGreaterThanOrEqual(1);
    expect(Number(retry)).toBeLessThanOrEqual(60);
    // Another address is not affected, and pages are not counted.
    expect((await app.request('/api/cities', {}, from('10.0.0.2'))).status).toBe(200);
    expect((await app.request('/', {}, from('10.0.0.1'))).status).toBe(200);
  });
});

describe('per-address rate limit behind a reverse proxy (TRUST_PROXY)', () => {
  const viaProxy = (forwardedFor: string) =>
    ['/api/cities', { headers: { 'x-forwarded-for': forwardedFor } }, from('10.0.0.9')] as const;

  it('counts each client named by a trusted proxy’s X-Forwarded-For on its own', async () => {
    const app = await hardenedApp({ LIMIT_REQUESTS_PER_MINUTE: '2', TRUST_PROXY: '10.0.0.0/24' });
    for (let i = 0; i < 2; i++) expect((await app.request(...viaProxy('203.0.113.1'))).status).toBe(200);
    expect((await app.request(...viaProxy('203.0.113.1'))).status).toBe(429);
    // Another resident behind the same proxy still has the whole limit.
    expect((await app.request(...viaProxy('203.0.113.2'))).status).toBe(200);
    // A client cannot pick its bucket by prepending an address: the proxy appended the real one.
    expect((await app.request(...viaProxy('198.51.100.7, 203.0.113.1'))).status).toBe(429);
  });

  it('ignores the header from a peer it does not trust: one bucket for the peer, whatever it claims', async () => {
    const app = await hardenedApp({ LIMIT_REQUESTS_PER_MINUTE: '2' });
    expect((await app.request(...viaProxy('203.0.113.1'))).status).toBe(200);
    expect((await app.request(...viaProxy('203.0.113.2'))).status).toBe(200);
    expect((await app.request(...viaProxy('203.0.113.3'))).status).toBe(429);
  });
});

describe('request timeout', () => {
  it('answers 503 TIMEOUT with Retry-After when the body trickles in slower than the limit', async () => {
    const app = await hardenedApp({ LIMIT_REQUEST_TIMEOUT_MS: '200' });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"question":'));
      },
    });
    const started = Date.now();
    const res = await app.request('/api/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(503);
    expect(await errorCode(res)).toBe('TIMEOUT');
    expect(res.headers.get('retry-after')).toBe('1');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await post(app, '/api/ask', NORMAL)).status).toBe(200);
  });

  it('answers 413 for a streamed body over the limit that has no Content-Length', async () => {
    const app = await hardenedApp();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new Uint8Array(1024).fill(0x20));
        controller.close();
      },
    });
    const res = await app.request('/api/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(await errorCode(res)).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('security headers', () => {
  it('sends nosniff, no-referrer, a CSP that allows nothing, and no-store on every JSON response', async () => {
    const app = await hardenedApp();
    for (const res of [
      await post(app, '/api/ask', NORMAL),
      await app.request('/api/cities'),
      await app.request('/healthz'),
      await app.request('/api/nope'),
      await post(app, '/api/ask', '{'),
    ]) {
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      );
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('writes <, > and & in JSON as \\u escapes, which parse back to the same text', async () => {
    const app = await hardenedApp({ ADMIN_TOKEN: 'staff-token-0123456789' });
    await post(app, '/api/ask', { question: '<b>外星人</b> & 飞碟', city: '张掖' });
    const res = await app.request('/api/admin/unanswered?city=%E5%BC%A0%E6%8E%96', {
      headers: { authorization: 'Bearer staff-token-0123456789' },
    });
    const raw = await res.text();
    expect(raw).not.toMatch(/[<>&]/);
    expect(raw).toContain('\\u003cb\\u003e');
    const report = JSON.parse(raw) as { cities: { questions: { question: string }[] }[] };
    expect(report.cities[0]?.questions.map((q) => q.question)).toContain('<b>外星人</b> & 飞碟');
  });

  it('gives pages a CSP without inline script, frame-ancestors from EMBED_ORIGINS on /embed only, and the microphone only where used', async () => {
    const app = await hardenedApp({ EMBED_ORIGINS: 'https://www.example.gov.cn' });
    const expectations: [string, string, string][] = [
      ['/', "frame-ancestors 'self'", 'microphone=(self)'],
      ['/embed', "frame-ancestors 'self' https://www.example.gov.cn", 'microphone=(self)'],
      ['/operator', "frame-ancestors 'self'", 'microphone=()'],
    ];
    for (const [path, ancestors, microphone] of expectations) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).toContain("object-src 'none'");
      expect(csp.split('; ').find((d) => d.startsWith('frame-ancestors'))).toBe(ancestors);
      expect(res.headers.get('permissions-policy')).toContain(microphone);
      expect(res.headers.get('permissions-policy')).toContain('camera=()');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      // No inline script: every <script> element loads a file.
      const html = await res.text();
      for (const tag of html.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\ssrc=|type="application\/json"/);
    }
    const viewer = await app.request('/docs/jining');
    expect(viewer.headers.get('content-security-policy')).not.toContain('unsafe-inline');
    expect(viewer.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('staff report of unanswered questions', () => {
  it('lists the most frequent unanswered questions per city, redacted, behind the bearer token', async () => {
    const app = await hardenedApp({ ADMIN_TOKEN: 'staff-token-0123456789' });
    const unanswered = ['火星基地有补贴吗？', '火星基地 有补贴吗', '火星基地有补贴吗 13812345678'];
    for (const question of unanswered) {
      const res = await post(app, '/api/ask', { question, city: '青州' });
      expect(((await res.json()) as { answered: boolean }).answered).toBe(false);
    }
    const res = await app.request('/api/admin/unanswered?city=%E9%9D%92%E5%B7%9E&limit=5', {
      headers: { authorization: 'Bearer staff-token-0123456789' },
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as {
      retentionDays: number;
      cities: { city: string; total: number; questions: { question: string; count: number }[] }[];
    };
    expect(report.retentionDays).toBe(365);
    expect(report.cities.map((c) => c.city)).toEqual(['青州']);
    const questions = report.cities[0]!.questions;
    // Spacing and punctuation do not split a question; the latest wording is shown.
    expect(questions[0]).toMatchObject({ question: '火星基地 有补贴吗', count: 2 });
    expect(questions.find((q) => q.count === 1)?.question).toBe('火星基地有补贴吗 [手机号]');
  });
});

describe('a records database that fails', () => {
  it('still answers the resident, and answers feedback with 500 INTERNAL without details', async () => {
    const deps = await testServices();
    const failing = {
      ...deps.records,
      feedback: () => {
        throw new Error('SQLITE_FULL: database or disk is full');
      },
      unanswered: () => {
        throw new Error('SQLITE_BUSY: database is locked');
      },
    };
    const app = createApp(
      rewire(deps, { records: failing, config: loadConfig({ LIMIT_REQUESTS_PER_MINUTE: '1000' }) }),
    );
    // A city with no plan is unanswered by design, whatever the engine's calibration does with off-topic words.
    const unanswered = await post(app, '/api/ask', { question: '鞍山有护理补贴吗？' });
    expect(unanswered.status).toBe(200);
    expect(((await unanswered.json()) as { answered: boolean }).answered).toBe(false);
    const feedback = await post(app, '/api/feedback', { rating: 'up' });
    expect(feedback.status).toBe(500);
    expect(await feedback.text()).not.toContain('SQLITE');
  });
});
