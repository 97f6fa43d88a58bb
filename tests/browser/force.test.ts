// Issue 20 (2, staff side) in real Chromium against the built server: two 济宁 rules documents (the invented fixtures:
// 2023 and 2025) are published over HTTP as staff would; on /admin, by keyboard only, staff mark the 2023 rules
// superseded by the 2025 rules after a yes to the sentence saying so; the state (在用 → 已失效 since 2025年1月1日) and
// the outcome sit next to the button and in role=status; a resident's answer on the chat stops quoting the 2023 第七条
// and stops saying it differs. axe in every display mode with the form open.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAS_CHROMIUM, announcements, askByKeyboard, axe, recordAnnouncements, setMode, start } from './harness.ts';
import type { Harness } from './harness.ts';
import { TOKEN, tempDataDir } from '../admin/helpers.ts';
import { enterToken } from './staff-page.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'documents');
const QUESTION = '济宁重度残疾人护理补贴一个月多少钱';
/** 2023 第七条's amounts and 2025 第八条's, read from the fixtures. */
const OLD_AMOUNTS = '一级残疾人每人每月120元，二级残疾人每人每月100元';
const NEW_AMOUNTS = '一级残疾人每人每月150元，二级残疾人每人每月120元';
const REBUILD = { timeout: 20_000 };

let h: Harness;
let page: Page;

async function publish(base: string, id: string, file: string): Promise<void> {
  const auth = { authorization: `Bearer ${TOKEN}` };
  const form = new FormData();
  form.set('file', new File([fs.readFileSync(path.join(FIXTURES, file))], file));
  form.set('id', id);
  form.set('city', '济宁');
  expect((await fetch(`${base}/api/admin/plans`, { method: 'POST', body: form, headers: auth })).status).toBe(201);
  const published = await fetch(`${base}/api/admin/plans/${id}/publish`, { method: 'POST', headers: auth });
  expect(published.status).toBe(200);
}

/** The resident's latest answer on the chat, asked by keyboard. */
async function residentAnswer(): Promise<string> {
  await page.goto(`${h.base}/`);
  await askByKeyboard(page, page, QUESTION);
  return (await page.locator('.msg-assistant').last().textContent()) ?? '';
}

async function openAdmin(): Promise<void> {
  await page.goto(`${h.base}/admin`);
  await enterToken(page);
}

const stateOf = (id: string) => page.locator(`[data-force-state="${id}"]`).textContent();

describe.skipIf(!HAS_CHROMIUM)('marking a document superseded on /admin in Chromium', () => {
  beforeAll(async () => {
    h = await start({ admin: { dataDir: tempDataDir(), token: TOKEN }, env: { TODAY: '2026-06-01' } });
    page = h.page;
    await publish(h.base, 'jining-xize', 'jining-rules.txt');
    await publish(h.base, 'jining-banfa', 'jining-rules-2025.txt');
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('before: the resident gets the 2025 amounts and a line that the 2023 rules differ', async () => {
    const answer = await residentAnswer();
    expect(answer).toContain(NEW_AMOUNTS);
    expect(answer).toContain('另有较早的');
    expect(answer).toContain(OLD_AMOUNTS);
  });

  it('keyboard only: staff mark the 2023 rules superseded; the state and the outcome are said next to the button', async () => {
    await openAdmin();
    await recordAnnouncements(page);
    expect(await stateOf('jining-xize')).toBe('在用（有效期至2027年2月28日）');
    // The disclosure, the select and the save button, reached by Tab and used by keys only.
    await page.locator('details.force:has(form[data-force="jining-xize"]) summary').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('force-by-jining-xize');
    await page.locator('#force-by-jining-xize').selectOption('jining-banfa');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('force-until-jining-xize');
    await page.keyboard.press('Tab');
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await page.keyboard.press('Enter');
    const saved = 'jining-xize 的效力已保存：已失效（自2025年1月1日起被 jining-banfa 取代），由工作人员设定。';
    await page.waitForFunction((text) => document.querySelector('#status')?.textContent === text, saved, REBUILD);
    expect(asked).toEqual(['保存 jining-xize 的效力：它被 jining-banfa 取代；居民的回答立即按它改变。']);
    expect(await page.locator('[data-force-note="jining-xize"]').textContent()).toBe(saved);
    expect(await stateOf('jining-xize')).toBe('已失效（自2025年1月1日起被 jining-banfa 取代），由工作人员设定');
    expect(await stateOf('jining-banfa')).toBe('在用（有效期至2029年12月31日）');
    // Focus comes back to the same button in the list drawn anew.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('保存 jining-xize 的效力');
    const said = await announcements(page);
    expect(said.filter((a) => a.region === 'status').map((a) => a.text)).toContain(saved);
  });

  it('refuses a loop with the server’s sentence next to the button and in role=alert', async () => {
    await page.locator('details.force:has(form[data-force="jining-banfa"]) summary').focus();
    await page.keyboard.press('Enter');
    await page.locator('#force-by-jining-banfa').selectOption('jining-xize');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('form[data-force="jining-banfa"] button').focus();
    await page.keyboard.press('Enter');
    const refused = 'jining-xize 已经（直接或间接）被 jining-banfa 取代，不能再反过来。';
    await page.waitForFunction((text) => document.querySelector('#alert')?.textContent === text, refused);
    expect(await page.locator('[data-force-note="jining-banfa"]').textContent()).toBe(refused);
    expect(await stateOf('jining-banfa')).toBe('在用（有效期至2029年12月31日）');
  });

  it('after: the resident gets the 2025 amounts only; the 2023 rules are neither quoted nor said to differ', async () => {
    const answer = await residentAnswer();
    expect(answer).toContain(NEW_AMOUNTS);
    expect(answer).not.toContain('另有较早的');
    expect(answer).not.toContain(OLD_AMOUNTS);
  });

  for (const mode of ['normal', 'large', 'dark', 'forced'] as const) {
    it(`has no axe violations with the form open in ${mode} mode`, async () => {
      await setMode(page, h.base, mode);
      await openAdmin();
      await page.locator('details.force:has(form[data-force="jining-xize"]) summary').click();
      expect(await axe(page)).toEqual([]);
    }, 60_000);
  }
});
