// The staff insight section of /admin in real Chromium against the built server: residents' questions asked and a
// thumbs-down with its reason given over HTTP, the section opened by keyboard only, its numbers checked against the
// records (and the values read from the questions asked), axe in every display mode, the CSV downloaded and read.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HAS_CHROMIUM, axe, setMode, start } from './harness.ts';
import type { Harness } from './harness.ts';
import { TOKEN, tempDataDir } from '../admin/helpers.ts';
import { DOWN_REASON, askAndComplain } from '../admin/insight-asks.ts';

let h: Harness;
let page: Page;

/** Presses Tab until the element with `id` has focus (at most `max` presses): the page reached by keyboard only. */
async function tabTo(id: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((want) => document.activeElement?.id === want, id)) return;
  }
  throw new Error(`#${id} was not reached with ${max} Tab presses`);
}

/** The cells of the group table's row for `topic` and `city`. */
async function groupRow(topic: string, city: string): Promise<string[]> {
  const rows = page.locator('#insight-body table').last().locator('tbody tr');
  for (let i = 0; i < (await rows.count()); i++) {
    const cells = await rows.nth(i).locator('th, td').allInnerTexts();
    if (cells[0] === topic && cells[1] === city) return cells;
  }
  throw new Error(`no row for ${topic} · ${city}`);
}

describe.skipIf(!HAS_CHROMIUM)('/admin insight section in Chromium', () => {
  beforeAll(async () => {
    h = await start({ admin: { dataDir: tempDataDir(), token: TOKEN } });
    page = h.page;
    await askAndComplain((url, init) => fetch(`${h.base}${url}`, init));
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('opens by keyboard only and shows the numbers the records hold', async () => {
    await page.goto(`${h.base}/admin`);
    await tabTo('token');
    await page.keyboard.type(TOKEN);
    await page.keyboard.press('Enter');
    await page.locator('#plans table').waitFor();
    await tabTo('insight-load');
    await page.keyboard.press('Enter');
    await page.locator('#insight-body table').first().waitFor();
    await expect.poll(() => page.locator('#insight-note').innerText()).toBe('共 3 个问题，2 组。');

    const records = await fetch(`${h.base}/api/admin/insight`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const report = (await records.json()) as {
      total: number;
      groups: { topic: string; city: string; total: number }[];
    };
    expect(report.total).toBe(3);

    const care = await groupRow('重度残疾人护理补贴', '济宁');
    expect(care.slice(2, 7)).toEqual(['实施细则或办事指南', '2', '2', '0', '0']);
    expect(care.at(-3)).toBe('重度残疾人护理补贴，一个月多少钱？（2 次）');
    const down = report.groups.find((g) => g.total === 1)!;
    const autism = await groupRow(down.topic, '济宁');
    expect(autism.slice(2, 7)).toEqual(['规划', '1', '0', '0', '1']);
    expect(autism.at(-2)).toBe(DOWN_REASON);
    expect(autism.at(-1)).toBe('jining@0');
    // Every group of the records is a row of the table, with its total.
    for (const g of report.groups) expect((await groupRow(g.topic, g.city))[3]).toBe(String(g.total));
    // The weekly table's current week counts all three.
    const weekly = await page.locator('#insight-body table').nth(0).locator('tbody tr').last().allInnerTexts();
    expect(weekly[0]).toMatch(/\t3$/);
    // The chart is one labelled image.
    expect(await page.locator('#insight-body svg[role="img"]').getAttribute('aria-label')).toContain('各组问题数');
  });

  for (const mode of ['normal', 'large', 'dark', 'forced'] as const) {
    it(`has no axe violations with the insight shown in ${mode} mode`, async () => {
      await setMode(page, h.base, mode);
      await page.goto(`${h.base}/admin`);
      await page.locator('#insight-load').focus();
      await page.keyboard.press('Enter');
      await page.locator('#insight-body table').first().waitFor();
      expect(await axe(page)).toEqual([]);
    });
  }

  it('downloads the CSV, UTF-8 with BOM, one row per group', async () => {
    await setMode(page, h.base, 'normal');
    await page.goto(`${h.base}/admin`);
    await page.locator('#insight-csv').focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const file = await download.path();
    const text = fs.readFileSync(file, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]!.startsWith('"主题","城市","需要补充的文件","合计","没答上","答得没把握","没帮助",')).toBe(true);
    expect(lines[1]!.startsWith('"重度残疾人护理补贴","济宁","实施细则或办事指南","2","2","0","0",')).toBe(true);
    expect(lines[2]).toContain('"没有说具体去哪家机构","jining@0"');
    await expect.poll(() => page.locator('#insight-note').innerText()).toBe('已下载 CSV 文件。');
  });
});
