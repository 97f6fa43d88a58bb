// Issue 20 (2): answers from the documents in force. Two rules documents of 济宁 (invented, tests/fixtures/documents:
// 2023 济残发〔2023〕7号 and 2025 济残发〔2025〕3号) are published beside the plan through the upload API, the day fixed by
// TODAY; staff mark the older superseded (POST /api/admin/plans/:id/force) or set its last day; residents ask over
// /api/ask. Every figure below is read from the fixtures.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LiveServices } from '../../src/runtime/live.ts';
import { call, startLive, tempDataDir, upload } from '../admin/helpers.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'documents');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

const OLD_TITLE = '《济宁市困难残疾人生活补贴和重度残疾人护理补贴实施细则》（济残发〔2023〕7号）';
const NEW_TITLE = '《济宁市困难残疾人生活补贴和重度残疾人护理补贴实施办法》（济残发〔2025〕3号）';
/** 2023 第七条 and 2025 第八条, verbatim. */
const OLD_CARE =
  '重度残疾人护理补贴标准为：一级残疾人每人每月120元，二级残疾人每人每月100元；一级、二级智力残疾人和精神残疾人每人每月150元。';
const NEW_CARE =
  '重度残疾人护理补贴标准为：一级残疾人每人每月150元，二级残疾人每人每月120元；一级、二级智力残疾人和精神残疾人每人每月180元。';
const CARE = '济宁重度残疾人护理补贴一个月多少钱';
const CARE_BEFORE = '济宁以前重度残疾人护理补贴一个月多少钱';
/** Only the 2023 rules say when it is paid (第十二条: 每月15日前). */
const PAYDAY = '济宁补贴每个月几号发到账户';
const PAYDAY_BEFORE = '济宁以前补贴每个月几号发到账户';

interface Answer {
  answered: boolean;
  answer: string;
  citations: { id: string; kind: string; source?: string; text: string }[];
}

async function ask(live: LiveServices, question: string): Promise<Answer> {
  const res = await call(live, '/api/ask', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question }),
  });
  return (await res.json()) as Answer;
}

async function publish(live: LiveServices, id: string, file: string): Promise<void> {
  const res = await upload(live, { name: file, bytes: fixture(file) }, { id, city: '济宁' });
  expect(res.status).toBe(201);
  expect((await call(live, `/api/admin/plans/${id}/publish`, { method: 'POST' })).status).toBe(200);
}

function setForce(live: LiveServices, id: string, body: Record<string, unknown>) {
  return call(live, `/api/admin/plans/${id}/force`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const ids = (answer: Answer) => answer.citations.map((c) => c.id);

describe('two rules documents of 济宁 in force that disagree (today 2026-06-01)', () => {
  let live: LiveServices;
  beforeAll(async () => {
    live = startLive(tempDataDir(), { TODAY: '2026-06-01' });
    await publish(live, 'jining-xize', 'jining-rules.txt');
    await publish(live, 'jining-banfa', 'jining-rules-2025.txt');
  }, 120_000);

  it('quotes the newer (2025 第八条) first and says the older 第七条 differs, both cited', async () => {
    const answer = await ask(live, CARE);
    expect(answer.answered).toBe(true);
    expect(ids(answer).slice(0, 2)).toEqual(['jining-banfa-a8', 'jining-xize-a7']);
    expect(answer.citations[1]?.source).toBe(`实施细则${OLD_TITLE}第七条`);
    expect(answer.answer.startsWith(`据济宁的实施细则${NEW_TITLE}第八条，“${NEW_CARE}”`)).toBe(true);
    expect(answer.answer).toContain(
      `另有较早的实施细则${OLD_TITLE}第七条写的是不同的标准：“${OLD_CARE}”以较新的文件为准；拿不准请打 12385 问一问。`,
    );
  });

  it('does the same for 生活补贴 (80元 in 2023 第六条, 100元 in 2025 第七条): a mechanism, not one article', async () => {
    const answer = await ask(live, '济宁困难残疾人生活补贴每月多少钱');
    expect(ids(answer).slice(0, 2)).toEqual(['jining-banfa-a7', 'jining-xize-a6']);
    expect(answer.answer).toContain('“困难残疾人生活补贴标准为每人每月100元。”');
    expect(answer.answer).toContain(`第六条写的是不同的标准：“困难残疾人生活补贴标准为每人每月80元。”以较新的文件为准`);
  });

  it('for a question about the past quotes the older first and names the newer as what holds now', async () => {
    const answer = await ask(live, CARE_BEFORE);
    expect(ids(answer).slice(0, 2)).toEqual(['jining-xize-a7', 'jining-banfa-a8']);
    expect(answer.answer).toContain(
      `较新的实施细则${NEW_TITLE}第八条写的是不同的标准：“${NEW_CARE}”现在以较新的文件为准。`,
    );
  });

  describe('once staff mark the 2023 rules superseded by the 2025 rules', () => {
    beforeAll(async () => {
      const res = await setForce(live, 'jining-xize', { supersededBy: 'jining-banfa' });
      expect(res.status).toBe(200);
    });

    it('never cites the 2023 rules for a question about the present, and no longer says they differ', async () => {
      const answer = await ask(live, CARE);
      expect(answer.citations[0]?.id).toBe('jining-banfa-a8');
      expect(ids(answer).some((id) => id.startsWith('jining-xize'))).toBe(false);
      expect(answer.answer).not.toContain('较早');
      expect(answer.answer).not.toContain(OLD_CARE);
    });

    it('cites them for a question about the past, saying since when and by what they were replaced', async () => {
      const answer = await ask(live, CARE_BEFORE);
      expect(ids(answer).slice(0, 2)).toEqual(['jining-xize-a7', 'jining-banfa-a8']);
      expect(answer.answer).toContain(`“${OLD_CARE}”`);
      expect(answer.answer).toContain(`这份实施细则已经失效（自2025年1月1日起由${NEW_TITLE}取代），上面是以前的规定。`);
      expect(answer.answer).not.toContain('写明的有效期至2027年2月28日');
    });

    it('says the only document that stated a fact is no longer in force, citing nothing of it, and points to 12385', async () => {
      const answer = await ask(live, PAYDAY);
      expect(answer.answered).toBe(false);
      expect(ids(answer).some((id) => id.startsWith('jining-xize'))).toBe(false);
      expect(answer.answer).toBe(
        `济宁的实施细则${OLD_TITLE}第十二条写过这件事，但这份实施细则已经失效（自2025年1月1日起由${NEW_TITLE}取代）；现在有效的文件里没有找到，请拨打 12385 残疾人服务热线问清楚。`,
      );
    });

    it('quotes that fact (每月15日前, 第十二条) for a question about the past, saying it is out of force', async () => {
      const answer = await ask(live, PAYDAY_BEFORE);
      expect(answer.answered).toBe(true);
      expect(answer.citations[0]?.id).toBe('jining-xize-a12');
      expect(answer.answer).toContain('“补贴按月发放，每月15日前通过社会保障卡发放到补贴对象本人账户。”');
      expect(answer.answer).toContain('这份实施细则已经失效');
    });

    it('cites them again, with the disagreement, once staff take the word back', async () => {
      expect((await setForce(live, 'jining-xize', { supersededBy: null })).status).toBe(200);
      const answer = await ask(live, CARE);
      expect(ids(answer).slice(0, 2)).toEqual(['jining-banfa-a8', 'jining-xize-a7']);
      expect(answer.answer).toContain('另有较早的');
    });
  });

  describe('a last day staff set (until)', () => {
    it('keeps the document in force through that day (today 2026-06-01)', async () => {
      expect((await setForce(live, 'jining-xize', { until: '2026-06-01' })).status).toBe(200);
      expect(ids(await ask(live, PAYDAY))).toEqual(['jining-xize-a12']);
    });

    it('puts it out of force after it, and the answer says until when it was in force', async () => {
      expect((await setForce(live, 'jining-xize', { until: '2026-05-31' })).status).toBe(200);
      const answer = await ask(live, PAYDAY);
      expect(answer.answered).toBe(false);
      expect(answer.answer).toContain('但这份实施细则已经失效（有效期到2026年5月31日）');
    });
  });
});

describe('rules past their own 有效期至 (2027-02-28; today 2027-03-01)', () => {
  let live: LiveServices;
  beforeAll(async () => {
    live = startLive(tempDataDir(), { TODAY: '2027-03-01' });
    await publish(live, 'jining-xize', 'jining-rules.txt');
  }, 120_000);

  it('are not cited for the amount today; the answer says they ran until 2027年2月28日', async () => {
    const answer = await ask(live, CARE);
    expect(ids(answer).some((id) => id.startsWith('jining-xize'))).toBe(false);
    expect(answer.answer).toContain(`${OLD_TITLE}第七条写过这件事，但这份实施细则已经失效（有效期到2027年2月28日）`);
  });

  it('are cited for the amount before, saying so', async () => {
    const answer = await ask(live, CARE_BEFORE);
    expect(answer.citations[0]?.id).toBe('jining-xize-a7');
    expect(answer.answer).toContain('这份实施细则已经失效（有效期到2027年2月28日），上面是以前的规定。');
  });
});

describe('newer rules that say they repeal the older (…（济残发〔2023〕7号）同时废止; today 2026-06-01)', () => {
  let live: LiveServices;
  beforeAll(async () => {
    live = startLive(tempDataDir(), { TODAY: '2026-06-01' });
    await publish(live, 'jining-xize', 'jining-rules.txt');
    // The 2025 rules' last article, as such rules often end: the older rules repealed by their 文号.
    const repealing = fixture('jining-rules-2025.txt').replace(
      '有效期至2029年12月31日。',
      `有效期至2029年12月31日。${OLD_TITLE.replace(/（.*）$/, '')}（济残发〔2023〕7号）同时废止。`,
    );
    const res = await upload(live, { name: 'banfa.txt', bytes: repealing }, { id: 'jining-banfa', city: '济宁' });
    expect(((await res.json()) as { inForce: unknown }).inForce).toEqual({
      from: '2025-01-01',
      until: '2029-12-31',
      repeals: ['济残发〔2023〕7号'],
    });
    expect((await call(live, '/api/admin/plans/jining-banfa/publish', { method: 'POST' })).status).toBe(200);
  }, 120_000);

  it('answers the present from the newer only, without staff saying anything', async () => {
    const answer = await ask(live, CARE);
    expect(answer.citations[0]?.id).toBe('jining-banfa-a8');
    expect(ids(answer).some((id) => id.startsWith('jining-xize'))).toBe(false);
  });

  it('cites the older for the past, replaced since the newer took effect; /admin lists it so', async () => {
    const answer = await ask(live, CARE_BEFORE);
    expect(answer.citations[0]?.id).toBe('jining-xize-a7');
    expect(answer.answer).toContain(`这份实施细则已经失效（自2025年1月1日起由${NEW_TITLE}取代）`);
    const { plans } = (await (await call(live, '/api/admin/plans')).json()) as {
      plans: { id: string; force: Record<string, unknown> }[];
    };
    expect(plans.find((p) => p.id === 'jining-xize')?.force).toMatchObject({
      state: 'superseded',
      since: '2025-01-01',
      supersededBy: 'jining-banfa',
      staff: null,
    });
  });
});
