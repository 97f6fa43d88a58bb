// Issue 20 (4b) as staff meet it, in real Chromium against the built server: a scanned PDF (the invented rules of
// tests/fixtures/documents printed, rendered to page images and put back into a PDF with no text layer) is uploaded on
// /admin by keyboard; the page shows the recognition's progress (a progress bar with its page count as text) and
// announces its start and its end, then the report (5 chapters, 15 articles, as the fixture has); staff publish it
// after a yes; a resident's chat answer quotes 第七条's amounts read off the scan.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAS_CHROMIUM, announcements, askByKeyboard, axe, recordAnnouncements, start } from './harness.ts';
import type { Harness } from './harness.ts';
import { requireTool } from '../tools.ts';
import { TOKEN, tempDataDir } from '../admin/helpers.ts';
import { enterToken, pressAndConfirm, typeInto } from './staff-page.ts';
import { hasScanTools, printedPdf, scanned } from '../admin/scan.ts';

const RULES = fs
  .readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'documents', 'jining-rules.txt'), 'utf8')
  .replaceAll('济宁', '日照');
const run =
  HAS_CHROMIUM && requireTool('tesseract-ocr (chi_sim), poppler-utils, img2pdf', hasScanTools(), 'the scan test');

let h: Harness;
let page: Page;
let scan: Buffer;

describe.runIf(run)('a scanned PDF uploaded on /admin in Chromium', () => {
  beforeAll(async () => {
    scan = await scanned(await printedPdf(RULES));
    // The rules are in force 2023-03-01 … 2027-02-28 (第十五条): the day is fixed inside it.
    h = await start({ admin: { dataDir: tempDataDir(), token: TOKEN }, env: { TODAY: '2026-06-01' } });
    page = h.page;
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('keyboard only: upload, progress by pages, the report, publish; start and end announced once each', async () => {
    await page.goto(`${h.base}/admin`);
    await enterToken(page);
    await recordAnnouncements(page);
    await page
      .locator('#file')
      .setInputFiles({ name: '日照细则扫描件.pdf', mimeType: 'application/pdf', buffer: scan });
    await typeInto(page, '#plan-id', 'rizhao');
    await typeInto(page, '#city', '日照');
    await page.keyboard.press('Enter');
    // The bar shows while Tesseract reads, its text naming the page count.
    await page.locator('#scan-progress:not([hidden])').waitFor();
    expect(await page.locator('#scan-progress').getAttribute('max')).toBe('2');
    await page.locator('#report:not([hidden]) table').first().waitFor({ timeout: 180_000 });
    expect(await page.locator('#scan-progress').isHidden()).toBe(true);
    const rows = await page.locator('#report table').first().locator('tbody tr').allTextContents();
    expect(rows).toContain('章5');
    expect(rows).toContain('条目15');
    // The announcer speaks after a short pause: the end is said once the report is there.
    await page.waitForFunction(() => /^已上传 rizhao/.test(document.querySelector('#status')?.textContent ?? ''));
    const said = (await announcements(page)).filter((a) => a.region === 'status').map((a) => a.text);
    expect(said.filter((t) => t.startsWith('这是扫描件，正在识别文字：共 2 页'))).toHaveLength(1);
    expect(said.filter((t) => /^已上传 rizhao 第 1 版草稿：0 个错误/.test(t))).toHaveLength(1);
    expect(said.some((t) => t.startsWith('正在识别扫描件：第'))).toBe(false);
    expect(await axe(page)).toEqual([]);

    const asked = await pressAndConfirm(page, '#report button[data-action="publish"]');
    await page.waitForFunction(
      () => /rizhao：现行版本 1。/.test(document.querySelector('#status')?.textContent ?? ''),
      null,
      {
        timeout: 20_000,
      },
    );
    expect(asked).toEqual([expect.stringMatching(/^发布 rizhao 的草稿？/)]);
  }, 240_000);

  it('is answered from on the chat: 第七条’s amounts read off the scan', async () => {
    await page.goto(`${h.base}/`);
    await askByKeyboard(page, page, '日照重度残疾人护理补贴一个月多少钱');
    const answer = (await page.locator('.msg-assistant').last().textContent()) ?? '';
    expect(answer).toContain('一级残疾人每人每月120元，二级残疾人每人每月100元');
  });
});
