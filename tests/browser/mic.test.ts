// The microphone through the server's recogniser in real Chromium: a fake microphone playing espeak-ng speech,
// AudioWorklet capture at 16 kHz on /ws/voice, the fake FunASR server, partials and the final text in the box, sent by
// the resident (E4); keyboard operation, aria-pressed, announcements, Esc, and axe.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import strings from '../../web/messages/zh-CN.json' with { type: 'json' };
import { FakeFunasr } from '../asr/fake-funasr.ts';
import { announcements, axe, recordAnnouncements, start, type Harness } from './harness.ts';

const QUESTION = '济宁重度残疾人有护理补贴吗';
const C = strings.chat;

let h: Harness;
let fake: FakeFunasr;
let dir: string;

beforeAll(async () => {
  fake = await FakeFunasr.start({ partialEveryBytes: 9600 });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pa-mic-'));
  const wav = path.join(dir, 'question.wav');
  execFileSync('espeak-ng', ['-v', 'cmn-latn-pinyin', '-w', wav, QUESTION]);
  h = await start({
    env: { ASR: 'funasr', ASR_URL: fake.url },
    args: [
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-audio-capture=${wav}`,
    ],
  });
}, 90_000);

afterAll(async () => {
  await h?.close();
  await fake?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the microphone through the server recogniser', () => {
  it('says where the audio goes, and the page stays axe-clean', async () => {
    await h.page.goto(`${h.base}/`);
    expect(await h.page.locator('#mic-msg').textContent()).toBe(C.micServerNote);
    expect(await axe(h.page)).toEqual([]);
  });

  it('is operated by keyboard: listening announced, partials then the final text in the box, sent with Enter', async () => {
    const { page } = h;
    await page.goto(`${h.base}/`);
    await recordAnnouncements(page);
    fake.next(QUESTION);
    const mic = page.locator('#mic');
    await mic.focus();
    await page.keyboard.press('Enter');
    expect(await mic.getAttribute('aria-pressed')).toBe('true');
    const said = async () => (await announcements(page)).map((a) => a.text);
    await expect.poll(said, { timeout: 5000 }).toContain(C.micListening);
    const box = page.locator('#question');
    await expect.poll(() => box.inputValue(), { timeout: 10_000 }).toBe(QUESTION.slice(0, QUESTION.length / 2));
    await page.keyboard.press('Enter');
    await expect.poll(() => mic.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('false');
    // E4: the final text waits in the box, editable, until the resident sends it.
    await expect.poll(() => box.inputValue(), { timeout: 10_000 }).toBe(QUESTION);
    await expect.poll(said, { timeout: 5000 }).toContain(C.micDone);
    expect(await page.locator('#transcript .msg-user').count()).toBe(0);
    await box.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#transcript .msg-user').first().textContent(), { timeout: 10_000 })
      .toContain(QUESTION);
    await expect
      .poll(async () => (await said()).at(-1), { timeout: 5000 })
      .toMatch(/^助手答（济宁）：济宁的规划里有相关规定。/);
    const heard = fake.utterances.at(-1)!;
    expect(heard.config.audio_fs).toBe(16000);
    expect(heard.bytes % 3200).toBe(0);
    // The partial came after 9,600 bytes (0.3 s) of 100 ms chunks.
    expect(heard.bytes).toBeGreaterThanOrEqual(9600);
  });

  it('stops on Esc and says nothing was heard when the recogniser heard nothing', async () => {
    const { page } = h;
    await page.goto(`${h.base}/`);
    const mic = page.locator('#mic');
    await mic.focus();
    await page.keyboard.press('Space');
    expect(await mic.getAttribute('aria-pressed')).toBe('true');
    await page.waitForTimeout(300);
    await page.keyboard.press('Escape');
    await expect.poll(() => mic.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('false');
    await expect.poll(() => page.locator('#mic-msg').textContent(), { timeout: 10_000 }).toBe(C.micNoSpeech);
    expect(await page.locator('#question').inputValue()).toBe('');
  });
});
