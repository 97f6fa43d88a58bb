// Documents written as articles (implementing rules: 第一章 chapters, 第一条 articles, （一） items) and plans numbered
// 第一章/第一节 with （1）/① items, through the same parser as the shipped plans.
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/corpus/parse.ts';
import { citationPath } from '../../src/corpus/corpus.ts';

const RULES = [
  '临沂市困难残疾人生活补贴和重度残疾人护理补贴实施办法',
  '第一章 总则',
  '第一条 为贯彻落实困难残疾人生活补贴和重度残疾人护理补贴制度，制定本办法。',
  '第二条 本办法适用于具有本市户籍、持有第二代残疾人证的残疾人。',
  '第二章 补贴对象和标准',
  '第三条 补贴对象包括：',
  '（一）低保家庭中的残疾人；',
  '（二）一级、二级重度残疾人。',
  '第四条 护理补贴标准为每人每月100元，',
  '按月发放到残疾人本人账户。',
  '第三章 申请程序',
  '第五条 申请人向户籍所在地乡镇（街道）提出书面申请。',
  '1. 填写申请表；',
  '2. 提交残疾人证。',
].join('\n');

const NUMBERED_PLAN = [
  '某市残疾人康复服务规划',
  '第一章 发展基础',
  '“十三五”时期，全市康复服务体系逐步健全。',
  '第二章 主要任务',
  '第一节 康复服务',
  '（1）实施精准康复服务行动。',
  '（2）推进辅助器具适配。',
  '第二节 托养服务',
  '① 建设托养服务机构。',
  '② 开展居家托养服务。',
].join('\n');

const meta = { id: 'linyi', city: '临沂', title: '临沂市困难残疾人生活补贴和重度残疾人护理补贴实施办法' };

describe('implementing rules written as articles', () => {
  const { clauses, warnings } = parsePlan(RULES, meta);
  const byId = (id: string) => clauses.find((c) => c.id === id);

  it('reads 第一章 … 第三章 as chapters and each 第N条 as one citable clause with its chapter as path', () => {
    expect(clauses.filter((c) => c.kind === 'chapter').map((c) => c.id)).toEqual(['linyi-1', 'linyi-2', 'linyi-3']);
    expect(clauses.filter((c) => c.number?.endsWith('条')).map((c) => c.id)).toEqual([
      'linyi-a1',
      'linyi-a2',
      'linyi-a3',
      'linyi-a4',
      'linyi-a5',
    ]);
    expect(citationPath(byId('linyi-a4')!)).toEqual(['第二章 补贴对象和标准', '第四条 护理补贴标准为每人每月100元']);
    expect(warnings).toEqual([]);
  });

  it('keeps an article’s （一） and 1. items and its wrapped lines inside the article', () => {
    expect(byId('linyi-a3')?.text).toBe('第三条 补贴对象包括：（一）低保家庭中的残疾人；（二）一级、二级重度残疾人。');
    expect(byId('linyi-a4')?.text).toBe('第四条 护理补贴标准为每人每月100元，按月发放到残疾人本人账户。');
    expect(byId('linyi-a5')?.lines).toEqual([12, 14]);
    expect(clauses.some((c) => c.kind === 'section')).toBe(false);
  });
});

describe('a plan numbered 第一章/第一节 with （1） and ① items, without 专栏', () => {
  const { clauses } = parsePlan(NUMBERED_PLAN, { id: 'mou', city: '某', title: '某市残疾人康复服务规划' });

  it('reads chapters, sections and both kinds of items', () => {
    expect(clauses.map((c) => [c.id, c.kind, c.number])).toEqual([
      ['mou-1', 'chapter', '第一章'],
      ['mou-1-p1', 'paragraph', null],
      ['mou-2', 'chapter', '第二章'],
      ['mou-2-1', 'section', '第一节'],
      ['mou-2-1-1', 'item', '（1）'],
      ['mou-2-1-2', 'item', '（2）'],
      ['mou-2-2', 'section', '第二节'],
      ['mou-2-2-1', 'item', '①'],
      ['mou-2-2-2', 'item', '②'],
    ]);
    expect(citationPath(clauses.find((c) => c.id === 'mou-2-2-2')!)).toEqual([
      '第二章 主要任务',
      '第二节 托养服务',
      '②开展居家托养服务',
    ]);
  });
});

describe('a document with no structure the parser knows', () => {
  it('still loads, as paragraphs after its title line', () => {
    const text = '残疾人证办理须知\n\n请携带户口簿和近期照片到区残联办理。\n\n办理时间为工作日上午。';
    const { clauses, skipped } = parsePlan(text, { id: 'xuzhi', city: '某', title: '残疾人证办理须知' });
    expect(skipped).toEqual([{ line: 1, reason: 'title block (cover and notice)' }]);
    expect(clauses.map((c) => [c.id, c.kind, c.text])).toEqual([
      ['xuzhi-p1', 'paragraph', '请携带户口簿和近期照片到区残联办理。'],
      ['xuzhi-p2', 'paragraph', '办理时间为工作日上午。'],
    ]);
  });
});

describe('a table outside any 专栏 (rows of tab-separated cells, as DOCX and PDF tables extract)', () => {
  it('makes each row a clause of its own', () => {
    const text = [
      '某市两项补贴标准',
      '一、补贴标准',
      '补贴标准如下：',
      '补贴类别\t标准（元/月）',
      '困难残疾人生活补贴\t80',
      '重度残疾人护理补贴\t100',
    ].join('\n');
    const { clauses } = parsePlan(text, { id: 'mou', city: '某', title: '某市两项补贴标准' });
    expect(clauses.map((c) => [c.id, c.text])).toEqual([
      ['mou-1', '一、补贴标准'],
      ['mou-1-p1', '补贴标准如下：'],
      ['mou-1-p2', '补贴类别 标准（元/月）'],
      ['mou-1-p3', '困难残疾人生活补贴 80'],
      ['mou-1-p4', '重度残疾人护理补贴 100'],
    ]);
  });
});
