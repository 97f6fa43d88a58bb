// Issue 20 (2, staff side): POST /api/admin/plans/:id/force says a document is replaced by another of its city or in
// force until a day; GET /api/admin/plans lists each document's state in force on TODAY. Refusals each with their
// status and code; the invented 济宁 rules of tests/fixtures/documents (2023-03-01 … 2027-02-28; 2025-01-01 …).
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LiveServices } from '../../src/runtime/live.ts';
import { call, startLive, tempDataDir, upload } from './helpers.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'documents');

interface Force {
  state: string;
  from: string | null;
  until: string | null;
  since: string | null;
  supersededBy: string | null;
  staff: { supersededBy: string | null; until: string | null } | null;
}

const setForce = (live: LiveServices, id: string, body: unknown, admin = true) =>
  call(live, `/api/admin/plans/${id}/force`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    admin,
  });

async function forces(live: LiveServices): Promise<Record<string, Force>> {
  const { plans } = (await (await call(live, '/api/admin/plans')).json()) as { plans: { id: string; force: Force }[] };
  return Object.fromEntries(plans.map((p) => [p.id, p.force]));
}

async function refusal(res: Response): Promise<[number, string]> {
  return [res.status, ((await res.json()) as { error: { code: string } }).error.code];
}

let live: LiveServices;
beforeAll(async () => {
  live = startLive(tempDataDir(), { TODAY: '2026-06-01' });
  for (const [id, file] of [
    ['jining-xize', 'jining-rules.txt'],
    ['jining-banfa', 'jining-rules-2025.txt'],
  ] as const) {
    const bytes = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
    expect((await upload(live, { name: file, bytes }, { id, city: '济宁' })).status).toBe(201);
    expect((await call(live, `/api/admin/plans/${id}/publish`, { method: 'POST' })).status).toBe(200);
  }
}, 120_000);

describe('a document’s state in force on /api/admin/plans', () => {
  it('reads the text’s own dates: both rules in force, the shipped plan in force without dates', async () => {
    const all = await forces(live);
    expect(all['jining-xize']).toEqual({
      state: 'in-force',
      from: '2023-03-01',
      until: '2027-02-28',
      since: null,
      supersededBy: null,
      staff: null,
    });
    expect(all['jining-banfa']).toMatchObject({ state: 'in-force', from: '2025-01-01', until: '2029-12-31' });
    expect(all.jining).toMatchObject({ state: 'in-force', from: null, until: null, staff: null });
  });

  it('shows a document staff mark superseded as out of force since the replacement takes effect', async () => {
    const res = await setForce(live, 'jining-xize', { supersededBy: 'jining-banfa' });
    expect(res.status).toBe(200);
    const saved = (await res.json()) as { id: string; city: string; force: Force };
    expect(saved).toEqual({
      id: 'jining-xize',
      city: '济宁',
      force: {
        state: 'superseded',
        from: '2023-03-01',
        until: '2027-02-28',
        since: '2025-01-01',
        supersededBy: 'jining-banfa',
        staff: { supersededBy: 'jining-banfa', until: null },
      },
    });
    expect((await forces(live))['jining-xize']).toEqual(saved.force);
  });

  it('shows a last day staff set that has passed as expired since the day after', async () => {
    const res = await setForce(live, 'jining-banfa', { until: '2026-05-31' });
    expect(((await res.json()) as { force: Force }).force).toMatchObject({
      state: 'expired',
      until: '2026-05-31',
      since: '2026-06-01',
    });
    // Both null: staff take their word back, the text's own dates apply again.
    const back = await setForce(live, 'jining-banfa', { supersededBy: null, until: null });
    expect(((await back.json()) as { force: Force }).force).toMatchObject({
      state: 'in-force',
      until: '2029-12-31',
      staff: null,
    });
  });
});

describe('what staff may not say', () => {
  it.each([
    ['itself', 'jining-banfa', { supersededBy: 'jining-banfa' }, 400, 'BAD_REQUEST'],
    ['a document of another city', 'jining-banfa', { supersededBy: 'qingzhou' }, 400, 'BAD_REQUEST'],
    [
      'a loop (the 2023 rules already replaced by it)',
      'jining-banfa',
      { supersededBy: 'jining-xize' },
      409,
      'PLAN_CONFLICT',
    ],
    ['an unknown document', 'jining-banfa', { supersededBy: 'jining-nothing' }, 404, 'NOT_FOUND'],
    ['a day not on the calendar', 'jining-banfa', { until: '2027-02-30' }, 400, 'BAD_REQUEST'],
    ['a day written otherwise', 'jining-banfa', { until: '2027年2月28日' }, 400, 'BAD_REQUEST'],
    ['another field', 'jining-banfa', { supersededBy: null, note: 'x' }, 400, 'BAD_REQUEST'],
    ['a bad id in the path', 'Jining', { until: null }, 400, 'BAD_PLAN_ID'],
  ])('refuses %s', async (_what, id, body, status, code) => {
    expect(await refusal(await setForce(live, id, body))).toEqual([status, code]);
  });

  it('refuses without the staff token, and a body that is not JSON', async () => {
    expect(await refusal(await setForce(live, 'jining-banfa', { until: null }, false))).toEqual([401, 'UNAUTHORIZED']);
    const res = await call(live, '/api/admin/plans/jining-banfa/force', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"until":',
    });
    expect(await refusal(res)).toEqual([400, 'BAD_JSON']);
  });

  it('changed nothing by the refusals', async () => {
    expect((await forces(live))['jining-banfa']).toMatchObject({ state: 'in-force', staff: null });
    expect((await forces(live))['jining-xize']).toMatchObject({ state: 'superseded', supersededBy: 'jining-banfa' });
  });
});
