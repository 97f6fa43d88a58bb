// Issue 20 (4c): each problem of the upload report links to the place in the preview it points at, and following the
// link moves focus there. Real Chromium against the built server, keyboard only: the invented guide of
// tests/fixtures/documents with its 收费标准 field emptied (line 18, "不收费。", removed) is uploaded on /admin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAS_CHROMIUM, axe, start } from './harness.ts';
import type { Harness } from './harness.ts';
import { TOKEN, tempDataDir } from '../admin/helpers.ts';
import { GUIDE } from '../admin/guide-fixture.ts';

/** The guide without the text of its 七、收费标准 (line 17): that field is empty, the report warns at line 17. */
const EMPTY_FEE = GUIDE.split('\n')
  .filter((line) => line !== '不收费。')
  .join('\n');

let h: Harness;
let page: Page;

describe.skipIf(!HAS_CHROMIUM)('upload report links into the preview in Chromium', () => {
  beforeAll(async () => {
    h = await start({ admin: { dataDir: tempDataDir(), token: TOKEN } });
    page = h.page;
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('links the empty field’s warning to that field in the preview, which has focus when it opens', async () => {
    expect(EMPTY_FEE.split('\n')[16]).toBe('七、收费标准');
    await page.goto(`${h.base}/admin`);
    await page.locator('#token').focus();
    await page.keyboard.type(TOKEN);
    await page.keyboard.press('Enter');
    await page.locator('#plans table').waitFor();
    await page.locator('#file').setInputFiles({
      name: '两项补贴办事指南.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from(EMPTY_FEE, 'utf8'),
    });
    await page.locator('#plan-id').focus();
    await page.keyboard.type('jining-zhinan');
    await page.locator('#city').focus();
    await page.keyboard.type('济宁');
    await page.keyboard.press('Enter');
    const row = page.locator('#report table').nth(1).locator('tbody tr');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    const cells = await row.first().locator('th, td').allInnerTexts();
    expect(cells[0]).toBe('17');
    expect(cells[3]).toBe('查看第 1 个问题所在处（新窗口）');
    expect(await axe(page)).toEqual([]);

    const link = row.first().locator('a');
    expect(await link.getAttribute('href')).toMatch(
      /^\/docs\/jining-zhinan\/v\/1\?preview=[0-9a-f]{32}#jining-zhinan-f7$/,
    );
    await link.focus();
    const [preview] = await Promise.all([h.context.waitForEvent('page'), page.keyboard.press('Enter')]);
    await preview.waitForLoadState('load');
    await expect.poll(() => preview.evaluate(() => document.activeElement?.id)).toBe('jining-zhinan-f7');
    expect(await preview.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(/^(所引条款：)?收费标准/);
    await preview.close();
  });
});
