// The phone line of the product as shipped (issue 18): npm start's command on the built dist/ (src/server/spawn.ts)
// with a phone port and the fake FunASR server. A caller hears the greeting within 3 s, asks in 20 ms frames and hears
// the answer within 5 s of falling silent, and 0 gives the handoff sentence and the hang-up (scripts/smoke/channels.ts,
// the same call npm run smoke makes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE_FRAME_BYTES } from '../../src/phone/audiosocket.ts';
import { spawnServer, type SpawnedServer } from '../../src/server/spawn.ts';
import { freePort } from '../../scripts/smoke/free-port.ts';
import { phone } from '../../scripts/smoke/channels.ts';
import { FakeFunasr } from '../asr/fake-funasr.ts';
import { HAS_ESPEAK } from '../tools.ts';
import { FakeCaller } from './caller.ts';

describe.runIf(HAS_ESPEAK)('a phone call to the built server', () => {
  let fake: FakeFunasr;
  let server: SpawnedServer;
  let phonePort: number;

  beforeAll(async () => {
    fake = await FakeFunasr.start();
    phonePort = await freePort();
    server = await spawnServer(
      { WORKERS: '1', ASR: 'funasr', ASR_URL: fake.url, PHONE_AUDIOSOCKET_PORT: String(phonePort) },
      { timeoutMs: 90_000 },
    );
  }, 120_000);
  afterAll(async () => {
    await server?.dispose();
    await fake?.close();
  });

  it('greets within 3 s in 320-byte frames', async () => {
    const caller = await FakeCaller.connect(phonePort);
    const connected = performance.now();
    caller.callId();
    await caller.until('the greeting', () => caller.audio().length >= 50, 5000);
    expect(caller.audio()[0]!.at - connected).toBeLessThan(3000);
    expect(caller.audio().every((f) => f.payload.length === PHONE_FRAME_BYTES)).toBe(true);
    caller.end();
  });

  it('answers a spoken question within 5 s of the silence, and hands on after 0', async () => {
    const said = await phone({ url: server.url, phonePort, adminToken: '', fake });
    expect(said).toMatch(
      /^greeting after \d+ ms; [\d.]+ s question in 20 ms frames → answer \d+ ms after the caller fell silent; 0 → [\d.]+ s handoff, hang-up$/,
    );
  }, 60_000);
});
