// Issue 20 (3): a citation of a service guide's field carries the guide's fields to read out (the operator console's
// card). Values are read from tests/fixtures/documents/jining-guide.txt (invented content).
import { beforeAll, describe, expect, it } from 'vitest';
import type { LiveServices } from '../../src/runtime/live.ts';
import { call, startLive, tempDataDir, upload } from './helpers.ts';
import { GUIDE, JINING_GUIDE_CARD } from './guide-fixture.ts';

interface Cited {
  id: string;
  kind: string;
  guide?: { field: string; text: string }[];
}

let live: LiveServices;
beforeAll(async () => {
  live = startLive(tempDataDir());
  const res = await upload(live, { name: '两项补贴办事指南.txt', bytes: GUIDE }, { id: 'jining-zhinan', city: '济宁' });
  expect(res.status).toBe(201);
  expect((await call(live, '/api/admin/plans/jining-zhinan/publish', { method: 'POST' })).status).toBe(200);
});

describe('a guide citation carries the guide as a card', () => {
  it('cites 申请材料 for 申请要带什么材料 with the eight fields to read out', async () => {
    const res = await call(live, '/api/ask', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: '申请要带什么材料', city: '济宁' }),
    });
    const answer = (await res.json()) as { citations: Cited[] };
    const cited = answer.citations[0];
    expect(cited).toMatchObject({ id: 'jining-zhinan-f4', kind: 'guide' });
    expect(cited?.guide).toEqual(JINING_GUIDE_CARD);
  });

  it('gives the same card with a guide field found by the operator search, and none with a plan clause', async () => {
    const res = await call(live, `/api/search?q=${encodeURIComponent('申请要带什么材料')}&limit=20`);
    const hits = ((await res.json()) as { hits: Cited[] }).hits;
    const guides = hits.filter((h) => h.kind === 'guide');
    expect(guides.length).toBeGreaterThan(0);
    for (const hit of guides) expect(hit.guide).toEqual(JINING_GUIDE_CARD);
    for (const hit of hits.filter((h) => h.kind !== 'guide')) expect(hit.guide).toBeUndefined();
  });
});
