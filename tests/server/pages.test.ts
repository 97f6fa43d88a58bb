// Page routes and the source viewer: content types, security headers, the widget's size, escaping and anchors.
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import type { Plan } from '../../src/corpus/types.ts';
import { pageRoutes } from '../../src/server/pages.ts';
import { escapeHtml, renderPlanPage } from '../../src/server/viewer.ts';

let plans: Plan[];
let app: ReturnType<typeof pageRoutes>;

beforeAll(() => {
  plans = loadCorpus('corpus');
  app = pageRoutes({ config: loadConfig({ EMBED_ORIGINS: 'https://www.example.gov.cn' }), plans });
});

describe('pageRoutes', () => {
  it('says how many cities and which period from the plans it serves, not from a fixed text', async () => {
    const all = await (await app.request('/')).text();
    expect(all).toContain('答案只来自五个市的残疾人“十四五”规划（2021—2025年）原文。');
    // A plan skipped at start-up or withdrawn by staff: the footer, the operator's compare hint and the strings the
    // page script reads all say three.
    const three = pageRoutes({ config: loadConfig({}), plans: plans.slice(0, 3) });
    expect(await (await three.request('/')).text()).toContain(
      '答案只来自三个市的残疾人“十四五”规划（2021—2025年）原文。',
    );
    const operator = await (await three.request('/operator')).text();
    expect(operator).toContain('在三个市的规划里分别查找同一话题。');
    expect(operator).toContain('"compareCaption":"“{topic}”在三个市规划中的条款"');
    const viewer = await (await three.request(`/docs/${plans[0]!.id}`)).text();
    expect(viewer).toContain('答案只来自三个市的残疾人“十四五”规划（2021—2025年）原文。');
  });

  it('hands the chat page and the widget frame the configured limits, and says the question limit in the hint', async () => {
    const limited = pageRoutes({
      config: loadConfig({ LIMIT_QUESTION_CHARS: '300', LIMIT_HISTORY_TURNS: '4', LIMIT_FEEDBACK_REASON_CHARS: '200' }),
      plans,
    });
    for (const path of ['/', '/embed']) {
      const html = await (await limited.request(path)).text();
      expect(html, path).toContain(
        '<script type="application/json" id="limits">{"questionChars":300,"historyTurns":4,"feedbackReasonChars":200}</script>',
      );
      expect(html, path).toContain('按 Enter 发送，Shift+Enter 换行。最多 300 字。');
    }
  });

  it("hands the chat page and the widget frame the plans' cities, so the city select is set before the page loads", async () => {
    // corpus/manifest.json: the five plans' cities and provinces, in its order.
    const cities =
      '[{"name":"青州","province":"山东省"},{"name":"双鸭山","province":"黑龙江省"},{"name":"永济","province":"山西省"},' +
      '{"name":"济宁","province":"山东省"},{"name":"张掖","province":"甘肃省"}]';
    for (const path of ['/', '/embed']) {
      expect(await (await app.request(path)).text(), path).toContain(
        `<script type="application/json" id="cities">${cities}</script>`,
      );
    }
  });

  it('serves every page as UTF-8 HTML with a CSP that allows no inline script', async () => {
    for (const path of ['/', '/operator', '/embed', '/demo', '/docs/jining']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const html = await res.text();
      expect(html).toMatch(/^<!doctype html>/i);
      expect(html).toContain('<html lang="zh-CN">');
      expect(html).not.toMatch(/\{\{/);
      // Every <script> is either external or a JSON data block.
      for (const tag of html.match(/<script\b[^>]*>/g) ?? [])
        expect(tag, path).toMatch(/src=|type="application\/json"/);
    }
  });

  it('lets only our own pages and EMBED_ORIGINS frame /embed; other pages refuse framing', async () => {
    const embed = await app.request('/embed');
    expect(embed.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://www.example.gov.cn");
    expect(embed.headers.get('x-frame-options')).toBeNull();
    expect(embed.headers.get('permissions-policy')).toContain('microphone=(self)');
    const chat = await app.request('/');
    expect(chat.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(chat.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const operator = await app.request('/operator');
    expect(operator.headers.get('permissions-policy')).toContain('microphone=()');
  });

  it('serves widget.js as JavaScript under 8 KB gzipped with its strings filled in', async () => {
    const res = await app.request('/widget.js');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const body = await res.text();
    expect(body).toContain('"launcher":"政策问答助手"');
    expect(body).not.toContain('/*@strings*/');
    expect(gzipSync(body).length).toBeLessThanOrEqual(8 * 1024);
  });

  it('serves static files with their content type and nothing outside web/', async () => {
    expect((await app.request('/static/js/chat.js')).headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    );
    expect((await app.request('/static/css/app.css')).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await app.request('/static/messages/zh-CN.json')).status).toBe(200);
    for (const path of [
      '/static/index.html',
      '/static/../package.json',
      '/static/%2e%2e/package.json',
      '/static/%E0%A4%A',
    ]) {
      expect((await app.request(path)).status, path).toBe(404);
    }
  });

  it('answers an unknown plan with a JSON 404', async () => {
    const res = await app.request('/docs/nowhere');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('renderPlanPage', () => {
  it('gives every clause an anchor, with real heading levels and the indicator table as a table', () => {
    const plan = plans.find((p) => p.id === 'jining')!;
    const html = renderPlanPage(plan);
    for (const clause of plan.clauses) expect(html).toContain(`id="${clause.id}"`);
    const chapter = plan.clauses.find((c) => c.kind === 'chapter')!;
    expect(html).toContain(`<h2 id="${chapter.id}"`);
    const section = plan.clauses.find((c) => c.kind === 'section')!;
    expect(html).toContain(`<h3 id="${section.id}"`);
    expect(html).toMatch(/<table class="indicators"><caption>主要指标<\/caption>/);
    expect(html).toContain('<th scope="col">2025年</th>');
    expect(html).toContain('href="tel:12385"');
    expect(html).toContain('<h1>济宁市残疾人事业发展“十四五”规划</h1>');
  });

  it('shows the departments after a clause whose text words them differently (永济 责任单位), and not twice (济宁)', () => {
    const yongji = plans.find((p) => p.id === 'yongji')!;
    const clause = yongji.clauses.find((c) => c.departments?.lead.length && !/牵头部门[：:]/.test(c.text))!;
    const html = renderPlanPage(yongji);
    const at = html.indexOf(`id="${clause.id}"`);
    const end = html.indexOf('</div>', at);
    expect(html.slice(at, end)).toContain(`<p class="dept">牵头部门：${clause.departments!.lead.join('、')}`);
    const jining = renderPlanPage(plans.find((p) => p.id === 'jining')!);
    expect(jining).not.toContain('<p class="dept">');
  });

  it('escapes clause text', () => {
    const plan = structuredClone(plans[0]!);
    plan.clauses[0]!.text = '<script>alert(1)</script>';
    plan.clauses[0]!.kind = 'paragraph';
    const html = renderPlanPage(plan);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeHtml(`"'&<>`)).toBe('&quot;&#39;&amp;&lt;&gt;');
  });
});
