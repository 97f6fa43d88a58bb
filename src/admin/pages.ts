// Staff pages: /admin, and /docs/:planId/v/:version — a version as it was (marked superseded once replaced) or a draft's
// preview (only with its unguessable preview key; residents are never shown a draft).
import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { AppError } from '../errors.ts';
import type { Plan } from '../corpus/types.ts';
import strings from '../../web/messages/zh-CN.json' with { type: 'json' };
import { html, renderTemplate } from '../server/pages.ts';
import { escapeHtml, renderPlanPage } from '../server/viewer.ts';
import { fillStrings, format, planFacts } from '../server/page-text.ts';
import { versionPlan } from './catalog.ts';
import type { PlanDesk } from './desk.ts';
import { draftOf } from './registry.ts';

/** Rendered versions kept per worker (a version's text never changes once stored). */
const MAX_CACHED_VERSIONS = 50;

/** A plan page with a notice above its title (superseded or preview), and a link to the current plan when there is one. */
function withNotice(page: string, notice: string, currentUrl: string | null): string {
  const link = currentUrl ? ` <a href="${escapeHtml(currentUrl)}">${escapeHtml(strings.viewer.current)}</a>` : '';
  return page.replace('<h1>', `<p class="notice version-notice" role="note">${escapeHtml(notice)}${link}</p><h1>`);
}

/** Compares a preview key in constant time. */
function sameKey(given: string | undefined, key: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function planPages(desk: PlanDesk): Hono {
  const app = new Hono();
  const adminPage = renderTemplate(
    readFileSync(new URL('../../web/admin.html', import.meta.url), 'utf8'),
    strings.admin.pageTitle,
  );
  const cache = new Map<string, string>();

  app.get('/admin', (c) => html(c, adminPage, { microphone: false }));

  app.get('/docs/:planId/v/:version', (c) => {
    const id = c.req.param('planId');
    const number = Number(c.req.param('version'));
    const notFound = () => new AppError('NOT_FOUND', '没有这个版本的规划。请从问答页的引用链接打开。');
    if (!/^[a-z][a-z0-9-]{1,40}$/.test(id) || !Number.isInteger(number) || number < 0 || number > 100_000)
      throw notFound();
    const registry = desk.store.read();
    const record = registry.plans.find((p) => p.id === id);
    const shipped = desk.shipped.plans.find((p) => p.id === id);
    const liveVersion = record ? record.live : shipped ? 0 : null;
    const everLive = record ? record.published.includes(number) : number === 0 && shipped !== undefined;
    const stored = record?.versions.find((v) => v.version === number);
    const isPreview =
      stored !== undefined &&
      draftOf(record!)?.version === number &&
      sameKey(c.req.query('preview'), stored.previewKey);
    if (!everLive && !isPreview) throw notFound();
    const key = `${id}/${number}/${liveVersion}/${isPreview}/${desk.served().key}`;
    let page = cache.get(key);
    if (!page) {
      let plan: Plan | undefined = shipped;
      if (number > 0 && stored && record) plan = versionPlan(record, stored, desk.store.text(id, number));
      if (!plan) throw notFound();
      page = renderPlanPage(plan, fillStrings(planFacts(desk.served().plans)));
      if (isPreview) page = withNotice(page, strings.viewer.preview, null);
      else if (number !== liveVersion) {
        const current = liveVersion === null ? null : `/docs/${id}`;
        page = withNotice(page, format(strings.viewer.superseded, { version: number }), current);
      }
      if (cache.size >= MAX_CACHED_VERSIONS) cache.delete(cache.keys().next().value as string);
      cache.set(key, page);
    }
    const response = html(c, page, { microphone: false });
    if (isPreview) response.headers.set('x-robots-tag', 'noindex');
    return response;
  });
  return app;
}
