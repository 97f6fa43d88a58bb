// Issue 20 (3): the operator console's service guide card in real Chromium against the built server. The invented
// guide of tests/fixtures/documents is published over HTTP as staff would; the operator asks by keyboard only and reads
// the card's 申请材料, which must be the fixture's text; axe in every display mode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAS_CHROMIUM, axe, setMode, start } from './harness.ts';
import type { Harness } from './harness.ts';
import { TOKEN, tempDataDir } from '../admin/helpers.ts';
import { GUIDE, JINING_GUIDE_CARD } from '../admin/guide-fixture.ts';

const QUESTION = '申请要带什么材料';
const MATERIALS = JINING_GUIDE_CARD.find((f) => f.field === '申请材料')!.text;

/** The card's text for `field`: the dd after the dt that names it. */
const fieldText = (field: string) =>
  page.evaluate(
    (name) =>
      [...document.querySelectorAll('.guide-card dt')].find((dt) => dt.textContent === name)?.nextElementSibling
        ?.textContent ?? null,
    field,
  );

let h: Harness;
let page: Page;

/** Publishes the guide as 济宁's second document through the upload API. */
async function publishGuide(base: string): Promise<void> {
  const auth = { authorization: `Bearer ${TOKEN}` };
  const form = new FormData();
  form.set('file', new File([GUIDE], '两项补贴办事指南.txt'));
  form.set('id', 'jining-zhinan');
  form.set('city', '济宁');
  const up = await fetch(`${base}/api/admin/plans`, { method: 'POST', body: form, headers: auth });
  expect(up.status).toBe(201);
  const pub = await fetch(`${base}/api/admin/plans/jining-zhinan/publish`, { method: 'POST', headers: auth });
  expect(pub.status).toBe(200);
}

/** Asks in the operator console by keyboard: Alt+K to the search box, the question typed, Enter. */
async function askByKeyboard(): Promise<void> {
  await page.goto(`${h.base}/operator`);
  await page.locator('#op-city option', { hasText: '济宁' }).waitFor({ state: 'attached' });
  await page.keyboard.press('Alt+KeyK');
  await page.keyboard.type(QUESTION);
  await page.keyboard.press('Enter');
  await page.locator('.guide-card').waitFor();
}

describe.skipIf(!HAS_CHROMIUM)('operator console guide card in Chromium', () => {
  beforeAll(async () => {
    h = await start({ admin: { dataDir: tempDataDir(), token: TOKEN } });
    page = h.page;
    await publishGuide(h.base);
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('shows the guide as a card by keyboard, reads its 申请材料, and says so politely', async () => {
    await askByKeyboard();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    // One card for the guide however many of its fields were found.
    expect(await page.locator('.guide-card').count()).toBe(1);
    const card = page.locator('.guide-card');
    expect(await card.locator('h4').innerText()).toBe('办事指南卡片：《济宁市残疾人两项补贴申请办事指南》');
    expect(await card.locator('dt').allInnerTexts()).toEqual(JINING_GUIDE_CARD.map((f) => f.field));
    expect(await fieldText('申请材料')).toBe(MATERIALS);
    // The polite status names the card; the card is reached with Tab from the search box.
    expect(await page.locator('#status').getAttribute('role')).toBe('status');
    await expect.poll(() => page.locator('#status').innerText()).toContain('附办事指南卡片');
    let reached = false;
    for (let i = 0; i < 60 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => document.activeElement?.classList.contains('guide-card') ?? false);
    }
    expect(reached).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby'))).toMatch(/^r\d+-guide$/);
  });

  for (const mode of ['normal', 'large', 'dark', 'forced'] as const) {
    it(`has no axe violations with the card shown in ${mode} mode`, async () => {
      await setMode(page, h.base, mode);
      await askByKeyboard();
      expect(await fieldText('申请材料')).toBe(MATERIALS);
      expect(await axe(page)).toEqual([]);
    });
  }
});
