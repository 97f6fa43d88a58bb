// Publishing in the real server (two workers) while 16 asks are always in flight: no failed or mixed answer, every worker
// serves the new plan within 2 s of the publish response, and a restart keeps what was published.
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { killGroup, spawnServer } from '../../src/server/spawn.ts';
import type { SpawnedServer } from '../../src/server/spawn.ts';
import { buildDocx, seedText } from './files.ts';
import { TOKEN, tempDataDir } from './helpers.ts';

const CONCURRENCY = 16;
const SWITCH_MS = 2_000;
const QUESTION = '临沂重度残疾人护理补贴';

const running: SpawnedServer[] = [];
afterEach(() => {
  for (const server of running.splice(0)) killGroup(server);
});

async function start(dataDir: string): Promise<SpawnedServer> {
  const server = await spawnServer({ WORKERS: '2', ADMIN_TOKEN: TOKEN, DATA_DIR: dataDir }, { timeoutMs: 90_000 });
  running.push(server);
  return server;
}

interface Answer {
  city: string | null;
  citations: { city: string; version: number; url: string }[];
}

async function ask(url: string): Promise<Answer> {
  const res = await fetch(`${url}/api/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question: QUESTION }),
  });
  if (res.status !== 200) throw new Error(`ask answered ${res.status}`);
  return (await res.json()) as Answer;
}

/** Old corpus: no plan for 临沂 (the answer names no city and cites nothing of it). New: every citation is 临沂's v1. */
function whichCorpus(answer: Answer): 'old' | 'new' | 'mixed' {
  const linyi = answer.citations.filter((c) => c.city === '临沂');
  if (answer.city === null && linyi.length === 0) return 'old';
  if (answer.city === '临沂' && linyi.length === answer.citations.length && linyi.every((c) => c.version === 1))
    return 'new';
  return 'mixed';
}

function admin(url: string, path: string, init: RequestInit): Promise<Response> {
  return fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}` } });
}

describe('publishing under load', () => {
  it('switches every worker within 2 s with no failed or mixed request, and a restart keeps it', async () => {
    const dataDir = tempDataDir();
    const server = await start(dataDir);
    const form = new FormData();
    form.set('file', new File([(await buildDocx(seedText('yongji.txt', '永济', '临沂'))) as BlobPart], 'linyi.docx'));
    form.set('id', 'linyi');
    form.set('city', '临沂');
    expect((await admin(server.url, '/api/admin/plans', { method: 'POST', body: form })).status).toBe(201);

    const seen = { old: 0, new: 0, mixed: 0, failed: 0 };
    const newAfter: number[] = [];
    let stop = false;
    const loop = async () => {
      while (!stop) {
        try {
          const kind = whichCorpus(await ask(server.url));
          seen[kind] += 1;
          if (kind === 'new') newAfter.push(Date.now());
        } catch {
          seen.failed += 1;
        }
      }
    };
    const clients = Array.from({ length: CONCURRENCY }, loop);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const requestedAt = Date.now();
    const published = await admin(server.url, '/api/admin/plans/linyi/publish', { method: 'POST' });
    const publishedAt = Date.now();
    expect(published.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, SWITCH_MS));
    // From here on, every worker must answer from the new corpus: a round of asks hits both.
    const lateStart = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    stop = true;
    await Promise.all(clients);

    const workers = server.lines.filter((l) => l.includes('"event":"worker_listening"')).map((l) => JSON.parse(l).pid);
    const reloads = server.lines
      .filter((l) => l.includes('"event":"plans_reloaded"'))
      .map((l) => JSON.parse(l) as { pid: number; time: string });
    const lag = workers.map((pid) => {
      const reload = reloads.find((r) => r.pid === pid && Date.parse(r.time) >= requestedAt);
      return reload ? Date.parse(reload.time) - publishedAt : Infinity;
    });
    console.log(
      `publish under load: ${JSON.stringify(seen)}; publish took ${publishedAt - requestedAt} ms; ` +
        `each worker's switch relative to the publish response (ms): ${lag.join(', ')}`,
    );
    expect(workers).toHaveLength(2);
    expect(seen.failed).toBe(0);
    expect(seen.mixed).toBe(0);
    expect(seen.old).toBeGreaterThan(0);
    expect(seen.new).toBeGreaterThan(0);
    for (const ms of lag) expect(ms).toBeLessThanOrEqual(SWITCH_MS);
    expect(newAfter.filter((t) => t >= lateStart).length).toBeGreaterThan(10);

    // Restart: what was published is served again; a fresh DATA_DIR serves the shipped five only.
    killGroup(server, 'SIGTERM');
    await server.exited;
    const again = await start(dataDir);
    expect(whichCorpus(await ask(again.url))).toBe('new');
    killGroup(again, 'SIGTERM');
    await again.exited;
    const fresh = await start(tempDataDir());
    expect(whichCorpus(await ask(fresh.url))).toBe('old');
    const cities = (await (await fetch(`${fresh.url}/api/cities`)).json()) as { name: string }[];
    expect(cities.map((c) => c.name)).toEqual(['青州', '双鸭山', '永济', '济宁', '张掖']);
    expect(fs.existsSync(`${dataDir}/plans/linyi/v1.txt`)).toBe(true);
  }, 240_000);
});
