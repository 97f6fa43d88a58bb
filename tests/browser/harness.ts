// Browser test harness: the real app on port 0, one headless Chromium, axe, announcement recording, screenshots.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { spawnServer } from '../../src/server/spawn.ts';

export { CHROMIUM, HAS_CHROMIUM } from '../tools.ts';
import { CHROMIUM } from '../tools.ts';
export const SCREENSHOT_DIR = path.resolve('artifacts/screenshots');
/** The WCAG 2.2 A/AA rule sets the issue names. */
/** Headless Chromium on these machines (environment.md): no sandbox as root, no background network traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface Harness {
  base: string;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export interface StartOptions {
  /** More settings (e.g. ASR, ASR_URL for the microphone through the server). */
  env?: Record<string, string>;
  /** More Chromium flags (e.g. a fake microphone). */
  args?: string[];
  /** Staff routes open to `token`, plans published into `dataDir`. */
  admin?: { dataDir: string; token: string };
}

/**
 * Starts the product as shipped (`npm start`'s command on the built dist/, through src/server/spawn.ts; one worker, port
 * 0) and one Chromium with a fresh profile.
 */
export async function start(options: StartOptions = {}): Promise<Harness> {
  const { admin } = options;
  const server = await spawnServer(
    {
      WORKERS: '1',
      LIMIT_REQUESTS_PER_MINUTE: '100000',
      ...(admin ? { DATA_DIR: admin.dataDir, ADMIN_TOKEN: admin.token } : {}),
      ...options.env,
    },
    { timeoutMs: 90_000 },
  );
  const base = server.url;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pa-browser-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
    viewport: { width: 1280, height: 900 },
    locale: 'zh-CN',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = context.pages()[0] ?? (await context.newPage());
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    base,
    context,
    page,
    async close() {
      await context.close();
      await server.dispose();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface Mode {
  name: 'normal' | 'large' | 'dark' | 'forced';
}

/** Puts the page into a display mode (大字 via the saved preference, dark and forced colours via media emulation). */
export async function setMode(page: Page, base: string, mode: Mode['name']): Promise<void> {
  await page.emulateMedia({
    colorScheme: mode === 'dark' ? 'dark' : 'light',
    forcedColors: mode === 'forced' ? 'active' : 'none',
    reducedMotion: 'reduce',
  });
  if (!page.url().startsWith(base)) await page.goto(`${base}/healthz`);
  await page.evaluate((large) => {
    localStorage.removeItem('pa.theme');
    if (large) localStorage.setItem('pa.large', '1');
    else localStorage.removeItem('pa.large');
  }, mode === 'large');
}

/** Runs axe with the WCAG 2.2 A/AA tags and returns a readable list of violations (empty when clean). */
export async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n')[1] ?? ''}`)
        .join(' | ')}`,
  );
}

/** Starts recording every non-empty text written to the live regions (status, alert, the answer log). */
export async function recordAnnouncements(target: Page | Frame): Promise<void> {
  await target.evaluate(() => {
    const w = window as unknown as { __announced: { region: string; text: string }[] };
    w.__announced = [];
    const watch = (selector: string, region: string, perChild: boolean) => {
      const node = document.querySelector(selector);
      if (!node) return;
      new MutationObserver((mutations) => {
        if (perChild) {
          for (const m of mutations)
            for (const added of m.addedNodes) {
              const text = added.textContent?.trim();
              if (text) w.__announced.push({ region, text });
            }
        } else {
          const text = node.textContent?.trim();
          if (text) w.__announced.push({ region, text });
        }
      }).observe(node, { childList: true, characterData: true, subtree: !perChild });
    };
    watch('[role="status"]', 'status', false);
    watch('[role="alert"]', 'alert', false);
    watch('[role="log"]', 'log', true);
  });
}

export async function announcements(target: Page | Frame): Promise<{ region: string; text: string }[]> {
  return target.evaluate(
    () => (window as unknown as { __announced: { region: string; text: string }[] }).__announced ?? [],
  );
}

/** A full-page screenshot in artifacts/screenshots/ (gitignored) for people to review. */
export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage });
}

/** Elements whose content is cut off: overflow hidden/clip with more content than room (scroll containers excepted). */
export async function clippedElements(target: Page | Frame): Promise<string[]> {
  return target.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (el.closest('.visually-hidden') || el.classList.contains('skip')) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const hides = (v: string) => v === 'hidden' || v === 'clip';
      const wide = el.scrollWidth > el.clientWidth + 1 && hides(style.overflowX);
      const tall = el.scrollHeight > el.clientHeight + 1 && hides(style.overflowY);
      if (wide || tall)
        out.push(`${el.tagName.toLowerCase()}#${el.id}.${el.className} ${el.textContent?.slice(0, 30)}`);
    }
    return out;
  });
}

/** True when the page needs horizontal scrolling (reflow failure). */
export async function scrollsSideways(target: Page | Frame): Promise<boolean> {
  return target.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/** WCAG 1.4.12 overrides, applied as a constructed style sheet (allowed by our CSP, unlike an inline <style>). */
export async function applyTextSpacing(target: Page | Frame): Promise<void> {
  await target.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(
      '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }' +
        ' p { margin-bottom: 2em !important; }',
    );
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
}

/** WCAG contrast ratio of two CSS colours as computed by the browser (rgb/rgba). */
export function contrast(a: string, b: string): number {
  const lum = (css: string) => {
    const [r, g, bl] = (css.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (bl ?? 0);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Ask a question on the chat (page or widget frame) by keyboard and wait for the answer to be rendered. */
export async function askByKeyboard(target: Page | Frame, page: Page, question: string): Promise<void> {
  const before = await target.locator('.msg-assistant').count();
  await target.locator('#question').focus();
  await page.keyboard.type(question);
  await page.keyboard.press('Enter');
  await target.locator('.msg-assistant').nth(before).waitFor({ timeout: 10_000 });
}
