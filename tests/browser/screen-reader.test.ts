// A real screen reader: Orca reads Debian's Chromium over AT-SPI under Xvfb while xdotool presses keys as a keyboard
// user would. In the chat, the operator console and the widget on a host page, the key moment is spoken once and makes
// sense: the answer and how many sources it has; the result count and the first hit; the widget opening and its title.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import strings from '../../web/messages/zh-CN.json' with { type: 'json' };
import { HAS_CHROMIUM, HAS_SCREEN_READER } from '../tools.ts';
import { killGroup, spawnServer } from '../../src/server/spawn.ts';
import type { SpawnedServer } from '../../src/server/spawn.ts';
import { startDesktop } from './desktop.ts';
import type { Desktop } from './desktop.ts';

/** How long to go on listening after the key moment, so that a repeat of it would be heard. */
const SETTLE_MS = 3000;
/** The limit the operator console asks for (web/js/operator.js RESULTS_LIMIT). */
const OPERATOR_LIMIT = 20;

let server: SpawnedServer;
let host: http.Server;
let hostUrl: string;
let desktop: Desktop;

/** A government page as its web team writes it: its own content, then the one embed tag from web/README.md. */
function hostPage(assistant: string): string {
  return `<!doctype html>
<html lang="zh-CN">
  <head><meta charset="utf-8" /><title>某市残疾人联合会</title></head>
  <body>
    <header><a href="#main">跳到正文</a></header>
    <main id="main">
      <h1>某市残疾人联合会</h1>
      <p>办事指南、政策文件和联系方式。</p>
      <ul><li><a href="#main">残疾人证办理</a></li><li><a href="#main">两项补贴申请</a></li></ul>
    </main>
    <script src="${assistant}/widget.js" data-city="济宁" async></script>
  </body>
</html>`;
}

/** What Orca said from utterance `from` on, once it has had SETTLE_MS to say more. */
async function settled(from: number): Promise<string[]> {
  await sleep(SETTLE_MS);
  return desktop.spoken().slice(from);
}

/** Presses Tab until Orca names something matching `pattern`; fails after `max` presses. */
async function tabUntil(pattern: RegExp, max = 25): Promise<void> {
  for (let i = 0; i < max; i++) {
    const from = desktop.spoken().length;
    await desktop.key('Tab');
    await desktop.quiet(700, 10_000);
    const heard = desktop.spoken().slice(from);
    if (heard.some((u) => pattern.test(u))) return;
  }
  throw new Error(`Tab never reached ${pattern}; Orca said: ${JSON.stringify(desktop.spoken().slice(-20))}`);
}

const count = (list: string[], pattern: RegExp) => list.filter((u) => pattern.test(u)).length;

describe.skipIf(!HAS_CHROMIUM || !HAS_SCREEN_READER)('Orca reads the front ends in Chromium (AT-SPI, Xvfb)', () => {
  beforeAll(async () => {
    // The host page is another origin, as on a real government site; the assistant lets it frame /embed.
    host = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(hostPage(server.url));
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    server = await spawnServer({ WORKERS: '1', EMBED_ORIGINS: hostUrl });
    desktop = await startDesktop();
  }, 120_000);

  afterAll(async () => {
    await desktop?.close();
    if (server) {
      killGroup(server, 'SIGTERM');
      await server.exited;
      fs.rmSync(server.dataDir, { recursive: true, force: true });
    }
    await new Promise((resolve) => host?.close(resolve));
  }, 60_000);

  it('chat: Tab to the first suggested question, Enter; the answer is spoken once, then how many sources, once', async () => {
    const question = strings.chat.suggestions[0]!;
    expect(question).toBe('济宁重度残疾人有护理补贴吗？');
    const start = desktop.spoken().length;
    const window = await desktop.open(`${server.url}/`);
    await desktop.waitFor(/^Finished loading 政策问答助手/, start, 60_000);
    await desktop.quiet();
    await tabUntil(/^济宁重度残疾人有护理补贴吗？ push button/);
    const before = desktop.spoken().length;
    await desktop.key('Return');
    await desktop.waitFor(/^找到 \d+ 条依据$/, before, 20_000);
    const heard = await settled(before);
    await window.close();

    const answers = heard.filter((u) => u.startsWith('助手答'));
    expect(answers, JSON.stringify(heard)).toHaveLength(1);
    // The city the question names, then the plan's own words (corpus/jining.txt lines 248–250) and the hotline.
    expect(answers[0]).toMatch(/^助手答（济宁）：/);
    expect(answers[0]).toContain(
      '落实困难残疾人生活补贴和重度残疾人护理补贴标准动态调整机制，推动资格认定申请“跨省通办”',
    );
    expect(answers[0]).toContain('12385');
    expect(count(heard, /条依据/), JSON.stringify(heard)).toBe(1);
    // As many sources as the answer lists under 依据.
    const ask = await fetch(`${server.url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question, history: [], mode: 'standard' }),
    });
    const { citations } = (await ask.json()) as { citations: unknown[] };
    expect(heard).toContain(`找到 ${citations.length} 条依据`);
    // The answer comes first, then the count; the question box keeps focus, so nothing else is read.
    expect(heard.indexOf(answers[0]!)).toBeLessThan(heard.indexOf(`找到 ${citations.length} 条依据`));
  }, 120_000);

  it('operator console: focus starts in the search box; typing 托养补贴 speaks the count and the first hit once', async () => {
    const start = desktop.spoken().length;
    const window = await desktop.open(`${server.url}/operator`);
    await desktop.waitFor(/^关键词 entry/, start, 60_000);
    // Orca says the box before the page has finished loading; an operator starts typing once it has.
    await sleep(SETTLE_MS);
    const before = desktop.spoken().length;
    await desktop.type('托养补贴');
    await desktop.waitFor(/条结果/, before, 20_000);
    const heard = await settled(before);
    await window.close();

    // More than 20 clauses of the five plans mention 托养 (46 lines of corpus/), so the console shows its limit, 20.
    const search = await fetch(`${server.url}/api/search?q=${encodeURIComponent('托养补贴')}&limit=${OPERATOR_LIMIT}`);
    const { hits } = (await search.json()) as { hits: { city: string; path: string[] }[] };
    expect(hits).toHaveLength(OPERATOR_LIMIT);
    const first = hits[0]!;
    expect(count(heard, /条结果/), JSON.stringify(heard)).toBe(1);
    expect(heard, JSON.stringify(heard)).toContain(`20 条结果，第一条：${first.city}，${first.path.at(-1)}`);
  }, 120_000);

  it('widget on a host page: Tab to the launcher, Enter; the dialog and its title are spoken once, then the question box', async () => {
    const start = desktop.spoken().length;
    const window = await desktop.open(`${hostUrl}/`);
    await desktop.waitFor(/^Finished loading 某市残疾人联合会/, start, 60_000);
    await desktop.quiet();
    await tabUntil(/^政策问答助手 collapsed push button/);
    const before = desktop.spoken().length;
    await desktop.key('Return');
    await desktop.waitFor(/^您的问题 entry/, before, 20_000);
    const heard = await settled(before);
    await window.close();

    // The panel is a dialog; Orca leaves out its name, since the launcher it comes from has the same one, and reads the
    // panel's heading (web/messages widget.title), where focus waits while the frame loads; then the question box.
    expect(
      heard.filter((u) => /dialog/.test(u)),
      JSON.stringify(heard),
    ).toEqual(['dialog']);
    // (Orca's own document-level announcements of the frame's page may come too, depending on timing: "Finished
    // loading <title>", or "<title> document web" as focus enters the frame. They name the page, not the panel.)
    const naming = heard.filter(
      (u) => /政策问答助手/.test(u) && !/^(Finished )?[Ll]oading/.test(u) && !/ document web\.?$/.test(u),
    );
    expect(naming, JSON.stringify(heard)).toEqual(['政策问答助手 heading level 2.']);
    expect(heard.filter((u) => /^您的问题 entry/.test(u))).toHaveLength(1);
    expect(heard.indexOf('政策问答助手 heading level 2.')).toBeLessThan(heard.indexOf('您的问题 entry.'));
    // Nothing else in the frame is read as if it had focus (Orca follows a select that changes while the frame loads).
    expect(heard.filter((u) => /combo box/.test(u))).toEqual([]);
  }, 120_000);
});
