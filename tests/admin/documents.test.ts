// Issue 20 (1, 2): a city holds several documents. 济宁 gets implementing rules and a service guide (invented test
// documents in tests/fixtures/documents/) beside its shipped plan; fact questions are answered from the article or
// field that states the fact, the plan still answers what only it says.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LiveServices } from '../../src/runtime/live.ts';
import { call, startLive, tempDataDir, upload } from './helpers.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'documents');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

interface Answer {
  answered: boolean;
  answer: string;
  city: string | null;
  citations: { id: string; kind: string; source?: string; text: string; version: number }[];
}

async function ask(live: LiveServices, question: string, city?: string): Promise<Answer> {
  const res = await call(live, '/api/ask', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(city ? { question, city } : { question }),
  });
  return (await res.json()) as Answer;
}

const publish = (live: LiveServices, id: string) =>
  call(live, `/api/admin/plans/${id}/publish`, { method: 'POST' }).then((r) => r.status);

let live: LiveServices;
beforeAll(() => {
  // The rules are in force 2023-03-01 … 2027-02-28 (第十五条): the day is fixed inside it, not left to the clock.
  live = startLive(tempDataDir(), { TODAY: '2026-06-01' });
});

describe('济宁 with rules and a guide beside its plan', () => {
  it('takes the rules under a new id as a second document of the city, saying so before anything is replaced', async () => {
    const res = await upload(
      live,
      { name: '济宁两项补贴实施细则.txt', bytes: fixture('jining-rules.txt') },
      { id: 'jining-butie', city: '济宁' },
    );
    expect(res.status).toBe(201);
    const draft = (await res.json()) as Record<string, unknown>;
    // Line 1 is the title, line 2 the 文号, 第十五条 the dates in force.
    expect(draft).toMatchObject({
      id: 'jining-butie',
      version: 1,
      kind: 'rules',
      title: '济宁市困难残疾人生活补贴和重度残疾人护理补贴实施细则',
      docNumber: '济残发〔2023〕7号',
      inForce: { from: '2023-03-01', until: '2027-02-28' },
      period: '',
      action: 'new-document',
      message:
        '将新建济宁的一份实施细则（编号 jining-butie），先存为草稿，发布后居民才看得到；济宁已有的 1 份文件不受影响。',
    });
    expect((draft.report as { counts: Record<string, number> }).counts).toMatchObject({ chapters: 5, items: 15 });
    expect((draft.report as { errors: unknown[] }).errors).toEqual([]);
    expect(await publish(live, 'jining-butie')).toBe(200);
  });

  it('reads the guide as its nine fields', async () => {
    const res = await upload(
      live,
      { name: '两项补贴办事指南.txt', bytes: fixture('jining-guide.txt') },
      { id: 'jining-zhinan', city: '济宁' },
    );
    expect(res.status).toBe(201);
    const draft = (await res.json()) as {
      kind: string;
      docNumber: string;
      message: string;
      report: { counts: Record<string, number>; errors: unknown[]; warnings: unknown[] };
    };
    expect(draft.kind).toBe('guide');
    expect(draft.report.counts).toMatchObject({ items: 9, chapters: 0, paragraphs: 0 });
    expect(draft.report.errors).toEqual([]);
    expect(draft.report.warnings).toEqual([]);
    expect(draft.message).toContain('济宁已有的 2 份文件不受影响');
    expect(await publish(live, 'jining-zhinan')).toBe(200);
  });

  it('still lists 济宁 once among the cities', async () => {
    const cities = (await (await call(live, '/api/cities')).json()) as {
      id: string;
      name: string;
      documents: unknown[];
    }[];
    const jining = cities.filter((c) => c.name === '济宁');
    expect(jining.map((c) => c.id)).toEqual(['jining']);
    expect(jining[0]?.documents).toEqual([
      {
        id: 'jining-butie',
        kind: 'rules',
        title: '济宁市困难残疾人生活补贴和重度残疾人护理补贴实施细则',
        docNumber: '济残发〔2023〕7号',
      },
      { id: 'jining-zhinan', kind: 'guide', title: '济宁市残疾人两项补贴申请办事指南', docNumber: null },
    ]);
  });

  it('answers the amount from 第七条 of the rules, every grade with its amount, cited by kind, 文号 and article', async () => {
    const answer = await ask(live, '济宁重度残疾人护理补贴一个月多少钱');
    expect(answer.answered).toBe(true);
    expect(answer.city).toBe('济宁');
    expect(answer.citations[0]).toMatchObject({
      id: 'jining-butie-a7',
      kind: 'rules',
      source: '实施细则《济宁市困难残疾人生活补贴和重度残疾人护理补贴实施细则》（济残发〔2023〕7号）第七条',
    });
    expect(answer.answer).toContain(
      '据济宁的实施细则《济宁市困难残疾人生活补贴和重度残疾人护理补贴实施细则》（济残发〔2023〕7号）第七条，“重度残疾人护理补贴标准为：一级残疾人每人每月120元，二级残疾人每人每月100元；一级、二级智力残疾人和精神残疾人每人每月150元。”',
    );
    // The plan-period caveat is about plans; the rules say until when they are in force.
    expect(answer.answer).not.toContain('规划的期限');
    expect(answer.answer).toContain('这份实施细则写明的有效期至2027年2月28日。');
  });

  it('answers how long approval takes from the rules (第十一条, 10 个工作日) or the guide (15个工作日)', async () => {
    const answer = await ask(live, '济宁护理补贴审核多久能批下来');
    expect(answer.answered).toBe(true);
    expect(['jining-butie-a11', 'jining-butie-a10', 'jining-zhinan-f6']).toContain(answer.citations[0]?.id);
  });

  it('still answers 自闭症孩子去哪里做康复 from the plan', async () => {
    const answer = await ask(live, '济宁自闭症孩子去哪里做康复');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]).toMatchObject({ kind: 'plan', version: 0 });
    expect(answer.citations[0]?.id.startsWith('jining-')).toBe(true);
    expect(answer.citations[0]?.id.startsWith('jining-butie')).toBe(false);
  });

  it('answers 申请要带什么材料 from the guide’s 申请材料', async () => {
    const answer = await ask(live, '申请要带什么材料', '济宁');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]).toMatchObject({
      id: 'jining-zhinan-f4',
      kind: 'guide',
      source: '办事指南《济宁市残疾人两项补贴申请办事指南》“申请材料”一栏',
    });
    expect(answer.answer).toContain('第二代中华人民共和国残疾人证原件及复印件');
  });

  it('refuses the rules under the plan’s own id: they would replace the plan', async () => {
    const res = await upload(
      live,
      { name: 'rules.txt', bytes: fixture('jining-rules.txt') },
      { id: 'jining', city: '济宁' },
    );
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('PLAN_CONFLICT');
    expect(body.error.message).toBe(
      '编号 jining 是济宁的规划《济宁市残疾人事业发展“十四五”规划》，这份文件是实施细则。上传为新版本会替换它；要放在它旁边，请换一个新编号上传（作为新文件）。',
    );
  });
});
