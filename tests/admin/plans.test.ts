// Acceptance of issue 13 in one process: a DOCX and a PDF built here from shipped plans with the city renamed are
// uploaded, checked against the shipped plans' corpus:check counts, published, asked about, replaced and rolled back.
import crypto from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LiveServices } from '../../src/runtime/live.ts';
import { JINING_COUNTS, YONGJI_COUNTS, buildDocx, buildPdf, seedText } from './files.ts';
import { askAbout, call, startLive, tempDataDir, upload } from './helpers.ts';

let live: LiveServices;
let dataDir: string;
let docx: Buffer;
beforeAll(async () => {
  dataDir = tempDataDir();
  live = startLive(dataDir);
  docx = await buildDocx(seedText('yongji.txt', '永济', '临沂'));
});

interface Draft {
  id: string;
  version: number;
  status: string;
  title: string;
  kind: string;
  period: string;
  checksum: string;
  report: { counts: Record<string, number>; warnings: { line: number; message: string }[]; errors: unknown[] };
  previewUrl: string;
}

describe('a DOCX plan of a city we do not ship (永济 renamed 临沂)', () => {
  let draft: Draft;

  it('is taken as a draft whose report has the seed plan counts', async () => {
    const res = await upload(
      live,
      { name: '临沂规划.docx', bytes: docx },
      { id: 'linyi', city: '临沂', province: '山东省' },
    );
    expect(res.status).toBe(201);
    draft = (await res.json()) as Draft;
    expect(draft.version).toBe(1);
    expect(draft.status).toBe('draft');
    // The title line of yongji.txt (line 22), renamed; 十四五 gives the period; a plan (no 第一条 articles).
    expect(draft.title).toBe('临沂市“十四五”残疾人保障和发展规划');
    expect(draft.period).toBe('2021-2025');
    expect(draft.kind).toBe('plan');
    expect(draft.checksum).toBe(crypto.createHash('sha256').update(docx).digest('hex'));
    expect(draft.report.counts).toEqual(YONGJI_COUNTS);
    expect(draft.report.errors).toEqual([]);
    expect(draft.report.warnings).toEqual([]);
  });

  it('is not served to residents before it is published', async () => {
    const cities = (await (await call(live, '/api/cities')).json()) as { name: string }[];
    expect(cities.map((c) => c.name)).toEqual(['青州', '双鸭山', '永济', '济宁', '张掖']);
    const answer = await askAbout(live, '临沂重度残疾人护理补贴');
    expect(answer.citations.filter((c) => c.city === '临沂')).toEqual([]);
    expect((await call(live, '/docs/linyi')).status).toBe(404);
    expect((await call(live, '/docs/linyi/v/1')).status).toBe(404);
    expect((await call(live, `/docs/linyi/v/1?preview=${'0'.repeat(32)}`)).status).toBe(404);
    expect((await call(live, `/docs/linyi/v/1?preview=${encodeURIComponent('临'.repeat(11))}`)).status).toBe(404);
    const preview = await call(live, draft.previewUrl);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain('草稿预览：尚未发布，居民看不到。');
    expect(html).toContain('id="linyi-box2-2"');
  });

  it('is answered from after publishing, with links that open the cited clause', async () => {
    const res = await call(live, '/api/admin/plans/linyi/publish', { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: 'linyi', live: 1, plans: 6 });
    const cities = (await (await call(live, '/api/cities')).json()) as { name: string }[];
    expect(cities.map((c) => c.name)).toEqual(['青州', '双鸭山', '永济', '济宁', '张掖', '临沂']);
    const answer = await askAbout(live, '临沂重度残疾人护理补贴');
    expect(answer.answered).toBe(true);
    expect(answer.city).toBe('临沂');
    const first = answer.citations[0]!;
    expect(first.city).toBe('临沂');
    expect(first.version).toBe(1);
    expect(first.kind).toBe('plan');
    // yongji.txt line 116, entry 2 of 专栏2: 2. 困难残疾人生活补贴和重度残疾人护理补贴。
    expect(first.id).toBe('linyi-box2-2');
    expect(first.text.startsWith('2. 困难残疾人生活补贴和重度残疾人护理补贴。')).toBe(true);
    expect(first.url).toBe('/docs/linyi/v/1#linyi-box2-2');
    const page = await call(live, first.url.replace(/#.*/, ''));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('id="linyi-box2-2"');
    expect(html).not.toContain('version-notice');
  });

  it('keeps the old version readable, marked superseded, after a second version is published; rollback restores it', async () => {
    const revised = await buildDocx(
      seedText('yongji.txt', '永济', '临沂').replace(
        '2. 困难残疾人生活补贴和重度残疾人护理补贴。',
        '2. 困难残疾人生活补贴和重度残疾人护理补贴（修订）。',
      ),
    );
    const res = await upload(live, { name: '临沂规划-修订.docx', bytes: revised }, { id: 'linyi', city: '临沂' });
    expect(res.status).toBe(201);
    expect(((await res.json()) as Draft).version).toBe(2);
    // Still version 1 until published.
    expect((await askAbout(live, '临沂重度残疾人护理补贴')).citations[0]?.version).toBe(1);
    expect((await call(live, '/api/admin/plans/linyi/publish', { method: 'POST' })).status).toBe(200);
    const now = (await askAbout(live, '临沂重度残疾人护理补贴')).citations[0]!;
    expect(now.version).toBe(2);
    expect(now.text).toContain('护理补贴（修订）。');
    const old = await (await call(live, '/docs/linyi/v/1')).text();
    expect(old).toContain('这是第 1 版，已被新版本取代，内容保留原样供核对。');
    expect(old).toContain('<a href="/docs/linyi">查看现行版本</a>');
    expect(old).not.toContain('（修订）');

    const back = await call(live, '/api/admin/plans/linyi/rollback', { method: 'POST' });
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ live: 1 });
    expect((await askAbout(live, '临沂重度残疾人护理补贴')).citations[0]?.version).toBe(1);

    const list = (await (await call(live, '/api/admin/plans')).json()) as {
      plans: { id: string; live: number | null; versions: { version: number; status: string; fileName: string }[] }[];
    };
    const linyi = list.plans.find((p) => p.id === 'linyi')!;
    expect(linyi.live).toBe(1);
    expect(linyi.versions.map((v) => [v.version, v.status, v.fileName])).toEqual([
      [1, 'live', '临沂规划.docx'],
      [2, 'draft', '临沂规划-修订.docx'],
    ]);
    expect(list.plans.map((p) => p.id)).toEqual(['qingzhou', 'shuangyashan', 'yongji', 'jining', 'zhangye', 'linyi']);
  });

  it('survives a restart over the same DATA_DIR', async () => {
    const again = startLive(dataDir);
    const answer = await askAbout(again, '临沂重度残疾人护理补贴');
    expect(answer.citations[0]).toMatchObject({ city: '临沂', version: 1, url: '/docs/linyi/v/1#linyi-box2-2' });
  });

  it('is withdrawn by DELETE and no longer served', async () => {
    const res = await call(live, '/api/admin/plans/linyi', { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ live: null, plans: 5 });
    const answer = await askAbout(live, '临沂重度残疾人护理补贴');
    expect(answer.citations.filter((c) => c.city === '临沂')).toEqual([]);
  });
});

describe('a text PDF of a city we do not ship (济宁 renamed 菏泽, running heads and page numbers)', () => {
  it('is read with the seed plan counts, published and answered from', async () => {
    const pdf = await buildPdf(seedText('jining.txt', '济宁', '菏泽'), '菏泽市人民政府文件');
    const res = await upload(live, { name: 'heze.pdf', bytes: pdf }, { id: 'heze', city: '菏泽' });
    expect(res.status).toBe(201);
    const draft = (await res.json()) as Draft;
    expect(draft.title).toBe('菏泽市残疾人事业发展“十四五”规划');
    expect(draft.report.counts).toEqual(JINING_COUNTS);
    expect(draft.report.errors).toEqual([]);
    expect((await call(live, '/api/admin/plans/heze/publish', { method: 'POST' })).status).toBe(200);
    const answer = await askAbout(live, '菏泽重度残疾人护理补贴');
    expect(answer.city).toBe('菏泽');
    const first = answer.citations[0]!;
    expect(first.city).toBe('菏泽');
    expect(first.url.startsWith('/docs/heze/v/1#heze-')).toBe(true);
    const html = await (await call(live, first.url.replace(/#.*/, ''))).text();
    expect(html).toContain(`id="${first.id}"`);
  });
});

describe('implementing rules as Markdown, and a document without structure', () => {
  const RULES = [
    '# 日照市困难残疾人生活补贴和重度残疾人护理补贴实施办法',
    '## 第一章 总则',
    '第一条 为落实困难残疾人生活补贴和重度残疾人护理补贴制度，制定本办法。',
    '## 第二章 补贴标准',
    '第二条 重度残疾人护理补贴标准为每人每月１００元，按月发放。',
    '## 第三章 申请程序',
    '第三条 申请人持残疾人证向户籍所在地乡镇（街道）提出申请。',
  ].join('\n');

  it('reads 第N条 articles as clauses, detects the kind rules, and answers citing it as rules', async () => {
    const res = await upload(
      live,
      { name: 'rizhao.md', bytes: RULES },
      { id: 'rizhao', city: '日照', period: '2024-2026' },
    );
    expect(res.status).toBe(201);
    const draft = (await res.json()) as Draft;
    expect([draft.title, draft.kind, draft.period]).toEqual([
      '日照市困难残疾人生活补贴和重度残疾人护理补贴实施办法',
      'rules',
      '2024-2026',
    ]);
    expect(draft.report.counts).toMatchObject({ chapters: 3, items: 3, sections: 0, boxes: 0 });
    expect((await call(live, '/api/admin/plans/rizhao/publish', { method: 'POST' })).status).toBe(200);
    const answer = await askAbout(live, '日照护理补贴每月多少钱');
    expect(answer.answered).toBe(true);
    const first = answer.citations[0]!;
    // Full-width digits were normalised on upload: the article reads 100元.
    expect(first).toMatchObject({ id: 'rizhao-a2', kind: 'rules', city: '日照', version: 1 });
    expect(first.text).toBe('第二条 重度残疾人护理补贴标准为每人每月100元，按月发放。');
    expect(answer.answer).toContain('《日照市困难残疾人生活补贴和重度残疾人护理补贴实施办法》');
  });

  it('loads a text it cannot structure as paragraphs, with a warning in the report', async () => {
    const text = '残疾人证办理须知\n\n请携带户口簿和近期照片到区残联办理。\n\n办理时间为工作日上午。';
    const res = await upload(live, { name: 'xuzhi.txt', bytes: text }, { id: 'weihai', city: '威海', kind: 'notice' });
    expect(res.status).toBe(201);
    const draft = (await res.json()) as Draft;
    expect(draft.kind).toBe('notice');
    expect(draft.report.counts).toMatchObject({ chapters: 0, paragraphs: 2 });
    expect(draft.report.warnings).toEqual([
      {
        line: 0,
        message: '没有识别出章节结构（一、/第一章/第一条），全文按段落收录：可以搜索和引用，但没有标题路径。',
      },
    ]);
    expect(draft.report.errors).toEqual([]);
  });
});

describe('a shipped plan', () => {
  const cityNames = async () =>
    ((await (await call(live, '/api/cities')).json()) as { name: string }[]).map((c) => c.name);

  it('takes a new version, and rollback brings back the shipped text (version 0)', async () => {
    const revised = seedText('zhangye.txt', '张掖', '张掖').replace('一、', '一、 ');
    const res = await upload(live, { name: 'zhangye-2026.txt', bytes: revised }, { id: 'zhangye', city: '张掖' });
    expect(res.status).toBe(201);
    expect(((await res.json()) as Draft).version).toBe(1);
    expect(await (await call(live, '/api/admin/plans/zhangye/publish', { method: 'POST' })).json()).toMatchObject({
      live: 1,
    });
    expect((await askAbout(live, '张掖重度残疾人护理补贴')).citations[0]?.url).toMatch(/^\/docs\/zhangye\/v\/1#/);
    expect(await (await call(live, '/api/admin/plans/zhangye/rollback', { method: 'POST' })).json()).toMatchObject({
      live: 0,
    });
    const cited = (await askAbout(live, '张掖重度残疾人护理补贴')).citations[0]!;
    expect([cited.version, cited.url.startsWith('/docs/zhangye#')]).toEqual([0, true]);
    const old = await (await call(live, '/docs/zhangye/v/1')).text();
    expect(old).toContain('这是第 1 版，已被新版本取代，内容保留原样供核对。');
  });

  it('is withdrawn by DELETE and comes back when published again', async () => {
    expect((await call(live, '/api/admin/plans/qingzhou', { method: 'DELETE' })).status).toBe(200);
    expect(await cityNames()).not.toContain('青州');
    expect((await call(live, '/docs/qingzhou')).status).toBe(404);
    expect(await (await call(live, '/api/admin/plans/qingzhou/publish', { method: 'POST' })).json()).toMatchObject({
      live: 0,
    });
    expect(await cityNames()).toContain('青州');
  });
});

describe('the report', () => {
  it('gives each problem its line and a Chinese sentence', async () => {
    const text = [
      '某市护理补贴办法',
      '第一章 总则',
      '第一条 为落实护理补贴制度，制定本办法。',
      '第三条 补贴按月发放。',
    ].join('\n');
    const res = await upload(live, { name: 'yantai.txt', bytes: text }, { id: 'yantai', city: '烟台' });
    const draft = (await res.json()) as Draft;
    // The place in the preview is the article on that line (第三条 is yantai-a3).
    expect(draft.report.warnings).toEqual([
      { line: 4, message: '条的编号不连续：“第三条”排在第 1 条之后。', clause: 'yantai-a3' },
    ]);
    expect(draft.report.errors).toEqual([]);
  });

  it('counts a clause over 1,500 characters as an error, and a draft with errors is not published', async () => {
    const text = ['某市护理补贴办法', '第一章 总则', `第一条 ${'补'.repeat(1600)}。`].join('\n');
    const res = await upload(live, { name: 'yantai.txt', bytes: text }, { id: 'yantai', city: '烟台' });
    const draft = (await res.json()) as Draft;
    expect(draft.report.errors).toEqual([
      { line: 3, message: '条款 yantai-a1 有 1605 个字，超过一条引用的上限 1500 字，请分段。', clause: 'yantai-a1' },
    ]);
    const refused = await call(live, '/api/admin/plans/yantai/publish', { method: 'POST' });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('DRAFT_HAS_ERRORS');
  });
});
