// /ws/voice in the product as shipped (issue 18): npm start's command on the built dist/ (src/server/spawn.ts), where
// every spoken answer was silent (TTS_UNAVAILABLE: the speech helper was not in dist/). A typed question is answered with
// at least a second of speech at the session's rate, so is a follow-up after a typed turn, and a question heard at real
// time in 20 ms frames (the fake FunASR server) is transcribed and answered aloud: scripts/smoke/channels.ts, the same
// turns npm run smoke takes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type SpawnedServer } from '../../src/server/spawn.ts';
import { QUESTION, followUp, heard, voice, type Smoke } from '../../scripts/smoke/channels.ts';
import { FakeFunasr } from '../asr/fake-funasr.ts';
import { HAS_ESPEAK } from '../tools.ts';

describe.runIf(HAS_ESPEAK)('voice on the built server', () => {
  let fake: FakeFunasr;
  let server: SpawnedServer;
  let smoke: Smoke;

  beforeAll(async () => {
    fake = await FakeFunasr.start();
    server = await spawnServer({ WORKERS: '1', ASR: 'funasr', ASR_URL: fake.url }, { timeoutMs: 90_000 });
    smoke = { url: server.url, phonePort: 0, adminToken: '', fake };
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
    await fake?.close();
  });

  it('speaks the cited answer to a typed question: at least a second of 16 kHz audio, no error', async () => {
    expect(await voice(smoke)).toMatch(
      new RegExp(`^typed ${QUESTION} → jining-[\\w-]+, [\\d.]+ s of speech at 16000 Hz$`),
    );
  }, 60_000);

  it('speaks a follow-up asked after a typed turn about the city it names, at the session rate, 8 kHz', async () => {
    expect(await followUp(smoke)).toMatch(/→ shuangyashan-[\w-]+, [\d.]+ s of speech at 8000 Hz$/);
  }, 60_000);

  it('hears a question streamed at real time in 20 ms frames and speaks its cited answer', async () => {
    expect(await heard(smoke)).toMatch(
      new RegExp(`→ "${QUESTION}" \\d+ ms after audio.end → jining-[\\w-]+, [\\d.]+ s`),
    );
  }, 60_000);
});
