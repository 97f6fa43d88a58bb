// npm run smoke: the product as a person meets it. Starts `npm start` (its build, then the built server, npm start's
// flags) on a free port with a fake FunASR recogniser and a phone AudioSocket port, uses each channel once
// (scripts/smoke/channels.ts), prints one line per channel with its timing, and exits non-zero on any failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { killGroup, spawnServer, type SpawnedServer } from '../src/server/spawn.ts';
import { FakeFunasr } from '../tests/asr/fake-funasr.ts';
import { freePort } from './smoke/free-port.ts';
import { followUp, healthz, heard, http, phone, upload, voice, type Smoke } from './smoke/channels.ts';

const ADMIN_TOKEN = 'smoke-admin-token-0123456789';
const CHANNELS: [string, (smoke: Smoke) => Promise<string>][] = [
  ['healthz', healthz],
  ['http', http],
  ['voice', voice],
  ['follow-up', followUp],
  ['heard', heard],
  ['phone', phone],
  ['upload', upload],
];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smoke-data-'));
const fake = await FakeFunasr.start();
let server: SpawnedServer | undefined;
let failed = 0;
try {
  const phonePort = await freePort();
  server = await spawnServer(
    {
      DATA_DIR: dataDir,
      ADMIN_TOKEN,
      ASR: 'funasr',
      ASR_URL: fake.url,
      PHONE_AUDIOSOCKET_PORT: String(phonePort),
      // The smoke's own address is one person: the defaults, except that it may ask as often as it needs.
      LIMIT_REQUESTS_PER_MINUTE: '600',
      LIMIT_WS_SESSIONS_PER_IP: '20',
    },
    { npmStart: true, timeoutMs: 180_000 },
  );
  console.log(
    `start      ok  ${server.readyMs.toFixed(0)} ms  npm start → ${server.url}, ${server.pids.length} worker(s), phone port ${phonePort}`,
  );
  const smoke: Smoke = { url: server.url, phonePort, adminToken: ADMIN_TOKEN, fake };
  for (const [name, run] of CHANNELS) {
    const started = performance.now();
    try {
      const said = await run(smoke);
      console.log(`${name.padEnd(10)} ok  ${(performance.now() - started).toFixed(0)} ms  ${said}`);
    } catch (error) {
      failed++;
      console.log(
        `${name.padEnd(10)} FAIL ${(performance.now() - started).toFixed(0)} ms  ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
} catch (error) {
  failed++;
  console.log(`start      FAIL ${error instanceof Error ? error.message : String(error)}`);
} finally {
  if (server) {
    const stopped = await Promise.race([server.stop('SIGTERM'), new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (!stopped) killGroup(server);
  }
  await fake.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
if (failed > 0) console.log(`smoke: ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
