// Issue 20 (4): staff actions that cannot surprise: states named as they are, a draft deleted, and the good version
// restored after a withdraw even when a newer draft failed its check.
import { beforeAll, describe, expect, it } from 'vitest';
import type { LiveServices } from '../../src/runtime/live.ts';
import { askAbout, call, startLive, tempDataDir, upload } from './helpers.ts';

const RULES = [
  '某市护理补贴办法',
  '第一章 总则',
  '第一条 为落实护理补贴制度，制定本办法。',
  '第二条 护理补贴按月发放，标准为每人每月80元。',
];
const BROKEN = ['某市护理补贴办法', '第一章 总则', `第一条 ${'补'.repeat(1600)}。`];

let live: LiveServices;
beforeAll(() => {
  live = startLive(tempDataDir());
});

const post = (url: string) => call(live, url, { method: 'POST' });
const del = (url: string) => call(live, url, { method: 'DELETE' });
async function listed(id: string) {
  const { plans } = (await (await call(live, '/api/admin/plans')).json()) as {
    plans: {
      id: string;
      state: string;
      live: number | null;
      kind: string;
      versions: { version: number; status: string }[];
    }[];
  };
  return plans.find((p) => p.id === id);
}

describe('staff actions on an uploaded document (烟台)', () => {
  it('names a document never published 未发布 (state unpublished), not withdrawn', async () => {
    expect(
      (await upload(live, { name: 'a.txt', bytes: RULES.join('\n') }, { id: 'yantai', city: '烟台' })).status,
    ).toBe(201);
    expect(await listed('yantai')).toMatchObject({ state: 'unpublished', live: null, kind: 'rules' });
  });

  it('deletes a draft; a document with nothing left is forgotten and its id is free', async () => {
    const res = await del('/api/admin/plans/yantai/versions/1');
    expect(res.status).toBe(200);
    expect(await listed('yantai')).toBeUndefined();
  });

  it('restores the good version after a withdraw although a newer draft failed its check', async () => {
    await upload(live, { name: 'a.txt', bytes: RULES.join('\n') }, { id: 'yantai', city: '烟台' });
    expect((await post('/api/admin/plans/yantai/publish')).status).toBe(200);
    await upload(live, { name: 'b.txt', bytes: BROKEN.join('\n') }, { id: 'yantai', city: '烟台' });
    expect(await (await del('/api/admin/plans/yantai')).json()).toMatchObject({ live: null, state: 'withdrawn' });
    expect(await listed('yantai')).toMatchObject({ state: 'withdrawn' });
    // Publish would take the newest draft, which has errors: refused, and said why.
    const refused = await post('/api/admin/plans/yantai/publish');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('DRAFT_HAS_ERRORS');
    // 恢复 (rollback) brings back what was live last; publish ?version=1 does the same.
    expect(await (await post('/api/admin/plans/yantai/rollback')).json()).toMatchObject({ live: 1, state: 'live' });
    expect((await askAbout(live, '烟台护理补贴每月多少钱')).citations[0]?.id).toBe('yantai-a2');
    await del('/api/admin/plans/yantai');
    expect(await (await post('/api/admin/plans/yantai/publish?version=1')).json()).toMatchObject({ live: 1 });
  });

  it('keeps a published version: deleting it is refused with 409 NO_DRAFT', async () => {
    const res = await del('/api/admin/plans/yantai/versions/1');
    expect(res.status).toBe(409);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      'yantai 第 1 版不是草稿（发布过的版本要保留，居民收到过它的引用）。',
    );
    // The failed draft (version 2) can go.
    expect((await del('/api/admin/plans/yantai/versions/2')).status).toBe(200);
    expect((await listed('yantai'))?.versions.map((v) => [v.version, v.status])).toEqual([[1, 'live']]);
  });
});
