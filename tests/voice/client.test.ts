// web/voice-client.js in headless Chromium against the real app and voice channel: text, PCM playback, marks, stop,
// and follow-ups asked with their earlier turns.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type SpawnedServer } from '../../src/server/spawn.ts';
import { HAS_ESPEAK } from './helpers.ts';
import { CHROMIUM, CHROMIUM_ARGS, HAS_CHROMIUM } from '../browser/harness.ts';

describe.skipIf(!HAS_ESPEAK || !HAS_CHROMIUM)('web/voice-client.js', () => {
  let server: SpawnedServer;
  let context: BrowserContext;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    // The product as shipped: npm start's command on the built dist/ (src/server/spawn.ts), one worker.
    server = await spawnServer({ WORKERS: '1' }, { timeoutMs: 90_000 });
    base = server.url;
    context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'pa-voice-')), {
      executablePath: CHROMIUM,
      args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${base}/`);
    // Record what the page sends on any WebSocket.
    await page.evaluate(() => {
      const w = window as unknown as { sent: unknown[]; sockets: WebSocket[]; WebSocket: typeof WebSocket };
      w.sent = [];
      w.sockets = [];
      const original = w.WebSocket.prototype.send;
      w.WebSocket.prototype.send = function (data: string) {
        if (!w.sockets.includes(this)) w.sockets.push(this);
        if (typeof data === 'string') w.sent.push(JSON.parse(data));
        return original.call(this, data);
      };
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await server?.dispose();
  });

  const sent = () => page.evaluate(() => (window as unknown as { sent: { type: string; name?: string }[] }).sent);

  it('shows the answer text, plays it, reports played marks, and stops at once', async () => {
    // A string, so that the test runner does not rewrite the browser's import().
    await page.evaluate(`(async () => {
      const client = await import('/static/voice-client.js');
      window.client = client;
      window.texts = [];
      window.outcome = client.speakQuestion('你好', {
        city: '济宁',
        onText: (text, final) => window.texts.push({ text, final }),
      });
    })()`);
    await page.waitForFunction(() =>
      ((window as unknown as { texts: { final: boolean }[] }).texts ?? []).some((t) => t.final),
    );
    const texts = await page.evaluate(() => (window as unknown as { texts: { text: string; final: boolean }[] }).texts);
    expect(texts.at(-1)?.text).toContain('12385');
    expect(texts.filter((t) => !t.final).length).toBeGreaterThan(1);
    expect(await sent()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'session.start', city: '济宁', tts: true, audio: { sampleRate: 16000 } }),
        expect.objectContaining({ type: 'user.text', text: '你好', final: true }),
      ]),
    );
    // The first sentence is about five seconds of speech; its mark goes back once it has played, not when it arrived.
    const textShown = Date.now();
    await page.waitForFunction(
      () => (window as unknown as { sent: { type: string }[] }).sent.some((m) => m.type === 'playback.mark'),
      undefined,
      { timeout: 25_000 },
    );
    expect(Date.now() - textShown).toBeGreaterThan(2500);
    expect((await sent()).find((m) => m.type === 'playback.mark')).toMatchObject({ name: 's0', turnId: 't1' });
    const outcome = await page.evaluate(async () => {
      const w = window as unknown as { client: { stop(): void; isSpeaking(): boolean }; outcome: Promise<string> };
      w.client.stop();
      return { outcome: await w.outcome, speaking: w.client.isSpeaking() };
    });
    expect(outcome).toEqual({ outcome: 'stopped', speaking: false });
    expect((await sent()).at(-1)).toEqual({ type: 'interrupt', turnId: 't1' });
    // Stopping the speech keeps the session: its socket is still open.
    expect(
      await page.evaluate(() =>
        (window as unknown as { sockets: WebSocket[] }).sockets.map((ws) => ws.readyState === WebSocket.OPEN),
      ),
    ).toEqual([true]);
  }, 40_000);

  it('asks a follow-up with the earlier turns it is given, so the answer is about the same city', async () => {
    await page.evaluate(`(async () => {
      window.texts = [];
      window.sent.length = 0;
      window.outcome = window.client.speakQuestion('那孩子呢？', {
        history: ['济宁重度残疾人有护理补贴吗？'],
        onText: (text, final, answer) => window.texts.push({ final, city: answer ? answer.city : undefined }),
      });
    })()`);
    await page.waitForFunction(() =>
      ((window as unknown as { texts: { final: boolean }[] }).texts ?? []).some((t) => t.final),
    );
    const texts = await page.evaluate(() => (window as unknown as { texts: { city?: string }[] }).texts);
    expect(texts.at(-1)?.city).toBe('济宁');
    expect((await sent()).find((m) => m.type === 'session.start')).toMatchObject({
      city: null,
      history: ['济宁重度残疾人有护理补贴吗？'],
    });
    const outcome = await page.evaluate(async () => {
      const w = window as unknown as { client: { stop(): void }; outcome: Promise<string> };
      w.client.stop();
      return w.outcome;
    });
    expect(outcome).toBe('stopped');
  }, 40_000);
});
