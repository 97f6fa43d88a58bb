// /admin in real Chromium: axe in every display mode, keyboard-only upload → report → publish, errors in role=alert,
// outcomes in role=status, the report as tables with headers, the draft preview in the source viewer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  HAS_CHROMIUM,
  announcements,
  applyTextSpacing,
  askByKeyboard,
  axe,
  clippedElements,
  recordAnnouncements,
  scrollsSideways,
  setMode,
  shot,
  start,
} from './harness.ts';
import type { Harness } from './harness.ts';
import { buildDocx, seedText } from '../admin/files.ts';
/** A publish, withdraw or restore rebuilds the served index before it answers (1-2 s here, more under load). */
const REBUILD = { timeout: 20_000 };
import { TOKEN, tempDataDir } from '../admin/helpers.ts';
import { enterToken, pressAndConfirm, typeInto } from './staff-page.ts';

let h: Harness;
let page: Page;
let docx: Buffer;

async function uploadDraft(): Promise<void> {
  await page
    .locator('#file')
    .setInputFiles({ name: '临沂规划.docx', mimeType: 'application/octet-stream', buffer: docx });
  await typeInto(page, '#plan-id', 'linyi');
  await typeInto(page, '#city', '临沂');
  await page.keyboard.press('Enter');
  await page.locator('#report:not([hidden]) table').first().waitFor();
}

describe.skipIf(!HAS_CHROMIUM)('/admin in Chromium', () => {
  beforeAll(async () => {
    docx = await buildDocx(seedText('yongji.txt', '永济', '临沂'));
    h = await start({ admin: { dataDir: tempDataDir(), token: TOKEN } });
    page = h.page;
  }, 90_000);

  afterAll(async () => {
    await h?.close();
  });

  for (const mode of ['normal', 'large', 'dark', 'forced'] as const) {
    it(`has no axe violations before and after an upload, and on the draft preview, in ${mode} mode`, async () => {
      await setMode(page, h.base, mode);
      await page.goto(`${h.base}/admin`);
      const found: Record<string, string[]> = { '/admin': await axe(page) };
      await enterToken(page);
      await uploadDraft();
      found['/admin with report'] = await axe(page);
      const preview = await page.locator('#report a[target="_blank"]').getAttribute('href');
      await page.goto(`${h.base}${preview}`);
      found['preview'] = await axe(page);
      expect(Object.entries(found).filter(([, v]) => v.length)).toEqual([]);
    }, 120_000);
  }

  it('keyboard only: token, upload, report tables with headers, publish; errors in role=alert', async () => {
    await setMode(page, h.base, 'normal');
    await page.goto(`${h.base}/admin`);
    // A new tab: nothing remembered from the tests above.
    await page.evaluate(() => sessionStorage.clear());
    await page.reload();
    await recordAnnouncements(page);
    // An upload without a token says what to do, in the alert region.
    await page.locator('#upload-form button[type="submit"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#alert')?.textContent !== '');
    expect(await page.locator('#alert').textContent()).toBe('请先输入管理令牌。');
    expect(await page.evaluate(() => sessionStorage.getItem('admin-token'))).toBeNull();

    await enterToken(page);
    expect(page.url()).not.toContain(TOKEN);
    expect(await page.evaluate(() => sessionStorage.getItem('admin-token'))).toBe(TOKEN);
    await uploadDraft();
    await page.waitForFunction(() => /^已上传/.test(document.querySelector('#status')?.textContent ?? ''));
    // Focus moves to the report's heading, which names the draft.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('report-heading');
    expect(await page.locator('#report-heading').textContent()).toMatch(/^检查报告：linyi 第 \d+ 版（草稿）$/);
    const headers = await page.locator('#report table').first().locator('thead th[scope="col"]').allTextContents();
    expect(headers).toEqual(['项目', '数量']);
    const rows = await page.locator('#report table').first().locator('tbody tr').allTextContents();
    // yongji.txt's corpus:check counts: 4 chapters, 8 sections, 27 items, 9 boxes …
    expect(rows.slice(0, 4)).toEqual(['章4', '节（一）8', '条目27', '专栏9']);

    // An id that belongs to another city: the server's sentence in role=alert.
    await page.locator('#file').setInputFiles({ name: 'x.docx', mimeType: 'application/octet-stream', buffer: docx });
    await page.locator('#plan-id').fill('jining');
    await page.locator('#city').fill('临沂');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /已经是济宁的文件/.test(document.querySelector('#alert')?.textContent ?? ''));

    // Publish with the keyboard from the report, after a yes to the sentence that says what will happen.
    const asked = await pressAndConfirm(page, '#report button[data-action="publish"]');
    await page.waitForFunction(() =>
      /linyi：现行版本 \d+。/.test(document.querySelector('#status')?.textContent ?? ''),
    );
    const said = await announcements(page);
    expect(said.filter((a) => a.region === 'alert').map((a) => a.text)).toEqual([
      '请先输入管理令牌。',
      expect.stringContaining('编号 jining 已经是济宁的文件'),
    ]);
    expect(
      said.some((a) => a.region === 'status' && /^已上传 linyi 第 \d+ 版草稿：0 个错误，0 个提醒。将/.test(a.text)),
    ).toBe(true);
    expect(asked).toEqual([expect.stringMatching(/^发布 linyi 的草稿？发布后居民立即看到它/)]);
    const cities = (await (await fetch(`${h.base}/api/cities`)).json()) as { name: string }[];
    expect(cities.map((c) => c.name)).toContain('临沂');
  }, 120_000);

  it('a published rules document is cited as 实施办法 in the chat, and its versioned link lands on the article', async () => {
    const rules = [
      '日照市重度残疾人护理补贴实施办法',
      '第一章 总则',
      '第一条 为落实重度残疾人护理补贴制度，制定本办法。',
      '第二章 补贴标准',
      '第二条 重度残疾人护理补贴标准为每人每月100元，按月发放。',
    ].join('\n');
    const form = new FormData();
    form.set('file', new File([rules], 'rizhao.txt'));
    form.set('id', 'rizhao');
    form.set('city', '日照');
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect((await fetch(`${h.base}/api/admin/plans`, { method: 'POST', body: form, headers: auth })).status).toBe(201);
    expect((await fetch(`${h.base}/api/admin/plans/rizhao/publish`, { method: 'POST', headers: auth })).status).toBe(
      200,
    );
    await setMode(page, h.base, 'normal');
    await page.goto(`${h.base}/`);
    await askByKeyboard(page, page, '日照护理补贴每月多少钱？');
    const link = page.locator('a[data-citation]').first();
    // The article's own number from the citation (`number`), like 三、（一）2. for a plan's item.
    expect(await link.textContent()).toBe('依据：《日照市重度残疾人护理补贴实施办法》第二条（实施办法）');
    expect(await link.getAttribute('href')).toBe('/docs/rizhao/v/1#rizhao-a2');
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/docs\/rizhao\/v\/1/, { waitUntil: 'commit' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('rizhao-a2');
  }, 60_000);

  it('staff actions: a cancelled withdraw changes nothing; withdraw, 已撤下, restore, delete a draft, each said next to its button', async () => {
    await setMode(page, h.base, 'normal');
    await page.goto(`${h.base}/admin`);
    if (!(await page.evaluate(() => sessionStorage.getItem('admin-token')))) await enterToken(page);
    await page.locator('#plans table').waitFor();
    const row = page.locator('#plans tbody tr', { has: page.locator('th', { hasText: /^qingzhou$/ }) });
    const cells = async () => (await row.locator('td').allTextContents()).slice(1, 3);
    expect(await cells()).toEqual(['规划', '0']);
    // No: nothing changes, and the note beside the buttons says so.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await row.locator('button[data-action="withdraw"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => row.locator('[data-note]').textContent(), REBUILD).toBe('已取消，没有做任何改动。');
    expect(await cells()).toEqual(['规划', '0']);
    // Yes: withdrawn, named 已撤下, and 恢复 brings it back.
    page.once('dialog', (dialog) => void dialog.accept());
    await row.locator('button[data-action="withdraw"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => row.locator('[data-note]').textContent(), REBUILD).toBe('qingzhou：现行版本 已撤下。');
    expect(await cells()).toEqual(['规划', '已撤下']);
    page.once('dialog', (dialog) => void dialog.accept());
    await row.locator('button[data-action="restore"]').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => row.locator('[data-note]').textContent(), REBUILD).toBe('qingzhou：现行版本 0。');
    // A document uploaded and never published is 未发布, and its draft can be deleted.
    const form = new FormData();
    form.set('file', new File(['某市护理补贴办法\n第一条 补贴按月发放。'], 'weifang.txt'));
    form.set('id', 'weifang');
    form.set('city', '潍坊');
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect((await fetch(`${h.base}/api/admin/plans`, { method: 'POST', body: form, headers: auth })).status).toBe(201);
    await page.reload();
    const draftRow = page.locator('#plans tbody tr', { has: page.locator('th', { hasText: /^weifang$/ }) });
    expect((await draftRow.locator('td').allTextContents()).slice(1, 3)).toEqual(['实施办法', '未发布']);
    page.once('dialog', (dialog) => void dialog.accept());
    await draftRow.locator('button[data-action="deleteDraft"]').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      /weifang 第 1 版草稿已删除。/.test(document.querySelector('#status')?.textContent ?? ''),
    );
    expect(await draftRow.count()).toBe(0);
    expect(await axe(page)).toEqual([]);
  }, 60_000);

  it('reflows at 320 px in normal and 大字 modes with a report shown, and nothing clips under text spacing', async () => {
    for (const mode of ['normal', 'large'] as const) {
      await page.setViewportSize({ width: 320, height: 800 });
      await setMode(page, h.base, mode);
      await page.goto(`${h.base}/admin`);
      if (!(await page.evaluate(() => sessionStorage.getItem('admin-token')))) await enterToken(page);
      await uploadDraft();
      expect(await scrollsSideways(page)).toBe(false);
      await shot(page, `admin-report-320-${mode}`);
      await applyTextSpacing(page);
      expect(await clippedElements(page)).toEqual([]);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 60_000);
});
