// Page routes: the chat, operator console, widget frame, widget loader, demo host, source viewer and static web/ assets.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { Config } from '../config.ts';
import type { Plan } from '../corpus/types.ts';
import strings from '../../web/messages/zh-CN.json' with { type: 'json' };
import { errorBody, json } from './json.ts';
import { escapeHtml, pageHead, renderPlanPage, siteHeader, stringsBlock } from './viewer.ts';
import { fillStrings, planFacts } from './page-text.ts';
import type { Strings } from './page-text.ts';

/** What the page routes need from the application's dependencies (AppDeps satisfies it). */
export interface PageDeps {
  config: Config;
  plans: Plan[];
}

const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Largest static file we hold in memory; web/ holds small hand-written files only. */
const MAX_STATIC_BYTES = 512 * 1024;

interface Asset {
  body: Uint8Array<ArrayBuffer>;
  type: string;
}

/** Reads every servable file under web/ once (HTML templates are rendered separately and never served raw). */
function loadAssets(dir: string): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      if (name.startsWith('.')) continue;
      const full = path.join(current, name);
      const stat = statSync(full);
      if (stat.isDirectory()) {
        walk(full);
        continue;
      }
      const type = CONTENT_TYPES[path.extname(name).toLowerCase()];
      if (!type || stat.size > MAX_STATIC_BYTES) continue;
      const rel = path.relative(dir, full).split(path.sep).join('/');
      assets.set(rel, { body: readFileSync(full), type });
    }
  };
  walk(dir);
  return assets;
}

/** How the page's microphone hears: the server's recogniser, the browser's own (opt-in), or not at all. */
export function speechInMode(config: Pick<Config, 'asr' | 'browserAsr'>): 'server' | 'browser' | 'none' {
  if (config.asr.backend !== 'none') return 'server';
  return config.browserAsr ? 'browser' : 'none';
}

/** The server's limits a page checks input against before sending it, so web/ does not copy them. */
export type PageLimits = Pick<Config['limits'], 'questionChars' | 'historyTurns' | 'feedbackReasonChars'>;

export function pageLimits(limits: Config['limits']): PageLimits {
  const { questionChars, historyTurns, feedbackReasonChars } = limits;
  return { questionChars, historyTurns, feedbackReasonChars };
}

/** The limits as a JSON data block (`#limits`), read by web/js/limits.js. */
function limitsBlock(limits: PageLimits): string {
  return `<script type="application/json" id="limits">${JSON.stringify(limits)}</script>`;
}

/**
 * What a served page is filled with: the UI strings with their facts filled in (page-text.ts), the limits, and how its
 * microphone hears.
 */
export interface PageContext {
  text: Strings;
  limits: PageLimits;
  speechIn: ReturnType<typeof speechInMode>;
  /** The plans' cities, for the chat's city select (filled before the page loads, not changed after). */
  cities?: { name: string; province: string }[];
}

/**
 * Resolves placeholders in a web/ HTML template: `{{group.key}}` (an escaped UI string of `page.text`), `{{head}}`,
 * `{{strings}}`, `{{limits}}`, `{{speech-in}}` (the microphone's mode as a JSON data block), `{{cities}}` (the plans'
 * cities as a JSON data block), `{{header:name}}` and
 * `{{partial:file}}` (another template in web/, without .html).
 */
export function renderTemplate(template: string, title: string, page?: PageContext): string {
  return template.replace(/\{\{\s*([\w.:-]+)\s*\}\}/g, (_whole, key: string) => {
    if (key === 'strings') return stringsBlock(page?.text);
    if (key === 'limits' || key === 'speech-in' || key === 'cities') {
      if (!page) throw new Error(`pages: a web/ template asks for {{${key}}} but no page context was given`);
      if (key === 'limits') return limitsBlock(page.limits);
      if (key === 'cities') {
        const json = JSON.stringify(page.cities ?? []).replace(/</g, '\\u003c');
        return `<script type="application/json" id="cities">${json}</script>`;
      }
      return `<script type="application/json" id="speech-in">${JSON.stringify({ mode: page.speechIn })}</script>`;
    }
    if (key === 'head') return pageHead(title, null);
    if (key.startsWith('header:')) return siteHeader(key.slice(7) as Parameters<typeof siteHeader>[0]);
    if (key.startsWith('partial:')) {
      const name = key.slice(8).replace(/[^\w-]/g, '');
      return renderTemplate(readFileSync(path.join(WEB_DIR, `${name}.html`), 'utf8'), title, page);
    }
    let value: unknown = page?.text ?? strings;
    for (const part of key.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
    if (typeof value !== 'string') throw new Error(`pages: unknown string key "${key}" in a web/ template`);
    return escapeHtml(value);
  });
}

function csp(frameAncestors: string, extra: Partial<Record<string, string>> = {}): string {
  const directives: Record<string, string> = {
    'default-src': "'self'",
    'script-src': "'self'",
    'style-src': "'self'",
    'img-src': "'self' data:",
    'media-src': "'self' blob:",
    'connect-src': "'self'",
    'frame-src': "'self'",
    'object-src': "'none'",
    'base-uri': "'none'",
    'form-action': "'self'",
    'frame-ancestors': frameAncestors,
    ...extra,
  };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}

interface PageOptions {
  /** Origins besides our own that may frame the page; undefined forbids framing by others. */
  frameAncestors?: string[];
  microphone: boolean;
}

function securityHeaders(options: PageOptions): Record<string, string> {
  const ancestors = ["'self'", ...(options.frameAncestors ?? [])].join(' ');
  const headers: Record<string, string> = {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': csp(ancestors),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'permissions-policy': `microphone=${options.microphone ? '(self)' : '()'}, camera=(), geolocation=(), payment=()`,
    'cache-control': 'no-cache',
  };
  if (!options.frameAncestors) headers['x-frame-options'] = 'SAMEORIGIN';
  return headers;
}

export function html(c: Context, body: string, options: PageOptions) {
  return c.body(body, 200, securityHeaders(options));
}

/**
 * The page routes. Everything is read from web/ once when this is called; `config.embedOrigins` lists the sites
 * allowed to frame /embed (frame-ancestors).
 */
export function pageRoutes(deps: PageDeps): Hono {
  const app = new Hono();
  const assets = loadAssets(WEB_DIR);
  const limits = pageLimits(deps.config.limits);
  const text = fillStrings({ ...planFacts(deps.plans), ...limits });
  const template = (file: string, title: string) =>
    renderTemplate(readFileSync(path.join(WEB_DIR, file), 'utf8'), title, {
      text,
      limits,
      speechIn: speechInMode(deps.config),
      cities: deps.plans.map((plan) => ({ name: plan.city, province: plan.province })),
    });
  const pages = {
    chat: template('index.html', strings.chat.pageTitle),
    operator: template('operator.html', strings.operator.pageTitle),
    embed: template('embed.html', strings.chat.pageTitle),
    demo: template('demo-host.html', strings.demo.pageTitle),
  };
  const widgetSource = readFileSync(path.join(WEB_DIR, 'widget.js'), 'utf8').replace(
    '/*@strings*/ {}',
    JSON.stringify(strings.widget),
  );
  const planById = new Map(deps.plans.map((plan) => [plan.id, plan]));
  const viewerCache = new Map<string, string>();

  app.get('/', (c) => html(c, pages.chat, { microphone: true }));
  app.get('/operator', (c) => html(c, pages.operator, { microphone: false }));
  app.get('/embed', (c) => html(c, pages.embed, { microphone: true, frameAncestors: deps.config.embedOrigins }));
  app.get('/demo', (c) =>
    c.body(pages.demo, 200, {
      ...securityHeaders({ microphone: true }),
      // The demo stands in for a government site with a strict policy: no inline script or style at all.
      'content-security-policy': csp("'self'", { 'default-src': "'none'", 'connect-src': "'none'" }),
    }),
  );
  app.get('/widget.js', (c) =>
    c.body(widgetSource, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'cross-origin',
      'access-control-allow-origin': '*',
      'cache-control': 'public, max-age=300',
    }),
  );
  app.get('/docs/:planId', (c) => {
    const id = c.req.param('planId');
    const plan = planById.get(id);
    if (!plan) {
      return json(errorBody('NOT_FOUND', '没有这份规划。请从问答页的引用链接打开。'), 404);
    }
    let page = viewerCache.get(id);
    if (!page) {
      page = renderPlanPage(plan, text);
      viewerCache.set(id, page);
    }
    return html(c, page, { microphone: false });
  });
  app.get('/static/*', (c) => {
    let rel = '';
    try {
      rel = decodeURIComponent(c.req.path.slice('/static/'.length));
    } catch {
      // A malformed escape names no file.
    }
    const asset = assets.get(rel);
    if (!asset) return json(errorBody('NOT_FOUND', '没有这个文件。'), 404);
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': asset.type,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
      'cross-origin-resource-policy': 'same-site',
    });
  });
  return app;
}
