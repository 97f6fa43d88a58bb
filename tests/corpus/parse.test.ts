// Structural facts of the five plans, read off the plan texts, checked against what parsePlan makes of them.
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.ts';
import { MAX_CLAUSE_CHARS, parsePlan } from '../../src/corpus/parse.ts';
import { matchKey } from '../../src/corpus/text.ts';
import type { Clause, ClauseKind, Plan } from '../../src/corpus/types.ts';

const CORPUS_DIR = path.join(import.meta.dirname, '../../corpus');
const plans = loadCorpus(CORPUS_DIR);

function plan(id: string): Plan {
  const found = plans.find((p) => p.id === id);
  if (!found) throw new Error(`no plan ${id}`);
  return found;
}

function clause(planId: string, id: string): Clause {
  const found = plan(planId).clauses.find((c) => c.id === id);
  if (!found) throw new Error(`no clause ${id}`);
  return found;
}

function children(planId: string, parentId: string, kind: ClauseKind): Clause[] {
  return plan(planId).clauses.filter((c) => c.parentId === parentId && c.kind === kind);
}

const titles = (clauses: Clause[]) => clauses.map((c) => c.title);
const numbers = (clauses: Clause[]) => clauses.map((c) => c.number);
const chapterTitles = (planId: string) =>
  plan(planId)
    .clauses.filter((c) => c.kind === 'chapter')
    .map((c) => `${c.number}${c.title}`);

/** The one clause of a plan whose text contains the quote (compared without whitespace). */
function clauseQuoting(planId: string, quote: string): Clause[] {
  const key = matchKey(quote);
  return plan(planId).clauses.filter((c) => matchKey(c.text).includes(key));
}

describe('济宁 (jining)', () => {
  it('has the four chapters of the plan, in order', () => {
    expect(chapterTitles('jining')).toEqual(['一、编制背景', '二、总体要求', '三、重点任务和主要措施', '四、保障措施']);
  });

  it('gives 三、(一) 强化残疾人社会保障 its items 1–6', () => {
    const section = clause('jining', 'jining-3-1');
    expect(section.title).toBe('强化残疾人社会保障');
    expect(section.path).toEqual(['三、重点任务和主要措施']);
    expect(numbers(children('jining', 'jining-3-1', 'item'))).toEqual(['1.', '2.', '3.', '4.', '5.', '6.']);
    expect(clause('jining', 'jining-3-1-6').title).toBe('保障残疾人基本住房安全便利');
  });

  it('gives 三、(九) 创新开展助残服务 its items 1–3', () => {
    expect(titles(children('jining', 'jining-3-9', 'item'))).toEqual([
      '加强对残疾人公共服务的扶持管理',
      '拓展残疾人社会化工作方式',
      '深化残疾人事业信息化建设',
    ]);
  });

  it('reads 专栏2 残疾人社会保障项目 as a box of eight entries named before the double space', () => {
    const box = clause('jining', 'jining-box2');
    expect(box.kind).toBe('box');
    expect(box.number).toBe('专栏2');
    expect(box.title).toBe('残疾人社会保障项目');
    expect(box.parentId).toBe('jining-3-1');
    expect(titles(children('jining', 'jining-box2', 'box-entry'))).toEqual([
      '“如康家园”残疾人之家综合服务平台',
      '最低生活保障',
      '残疾人信息消费优惠',
      '困难残疾人走访探视服务',
      '重度残疾人照护服务',
      '就业年龄段残疾人托养服务',
      '残疾人社会工作和家庭支持服务',
      '重大疫情等突发公共事件中困难残疾人危急救助',
    ]);
  });

  it('reads the lead and participating departments of 三、(一) 1, whose annotation is split by a wrap', () => {
    expect(clause('jining', 'jining-3-1-1').departments).toEqual({
      lead: ['市乡村振兴局'],
      participating: ['市民政局', '市残联'],
    });
  });

  it('reads four lead departments of 三、(一) 2 and joins 市退役军/人局 across the wrap', () => {
    expect(clause('jining', 'jining-3-1-2').departments).toEqual({
      lead: ['市民政局', '市交通运输局', '市文化和旅游局', '市体育局'],
      participating: ['市卫生健康委', '市城市管理局', '市退役军人局', '市教育局', '市残联'],
    });
  });

  it('joins hard-wrapped lines without a gap, so a sentence across a wrap is inside one clause', () => {
    const item = clause('jining', 'jining-3-1-1');
    expect(item.lines).toEqual([225, 246]);
    expect(item.text).toContain('过渡期内帮扶政策总体稳定');
    expect(item.text).toContain('健全防止返贫动态监测和帮扶机制');
    expect(clauseQuoting('jining', '保持 5年过渡期内帮扶政策总体稳定').map((c) => c.id)).toEqual(['jining-3-1-1']);
  });

  it('joins a box entry wrapped over several lines (专栏2 entry 1, lines 338–348)', () => {
    const entry = clause('jining', 'jining-box2-1');
    expect(entry.lines).toEqual([338, 348]);
    expect(entry.text).toContain('采用“平台+服务”的形式');
  });

  it('skips the title block and keeps the preamble as the first clause', () => {
    const first = plan('jining').clauses[0];
    expect(first?.kind).toBe('paragraph');
    expect(first?.text.startsWith('为深入贯彻落实党中央、国务院决策部署')).toBe(true);
    expect(plan('jining').skipped.map((s) => s.line)).toEqual(expect.arrayContaining([1, 2, 4, 5, 7, 24]));
  });
});

describe('青州 (qingzhou)', () => {
  it('has three chapters', () => {
    expect(chapterTitles('qingzhou')).toEqual(['一、总体要求', '二、重点任务和主要措施', '三、保障措施']);
  });

  it('gives 二、(一) 健全残疾人社会保障体系 its items 1–7', () => {
    expect(numbers(children('qingzhou', 'qingzhou-2-1', 'item'))).toEqual(['1.', '2.', '3.', '4.', '5.', '6.', '7.']);
    expect(clause('qingzhou', 'qingzhou-2-1-7').title).toBe('保障残疾人基本住房安全便利');
  });

  it('reads the headingless box after item 7 of 二、(一) as box entries, not as part of item 7', () => {
    const entries = plan('qingzhou').clauses.filter((c) => c.id.startsWith('qingzhou-box2-'));
    expect(entries.every((c) => c.kind === 'box-entry')).toBe(true);
    expect(titles(entries)).toEqual([
      '“如康家园”残疾人之家综合服务平台',
      '最低生活保障',
      '残疾人信息消费优惠',
      '困难残疾人走访探视服务',
      '重度残疾人照护服务',
      '就业年龄段残疾人托养服务',
      '残疾人社会工作和家庭支持服务',
      '重大疫情等突发公共事件中困难残疾人危急救助',
    ]);
    expect(entries.map((c) => c.lines[0])).toEqual([88, 89, 90, 91, 92, 93, 94, 95]);
    expect(clause('qingzhou', 'qingzhou-2-1-7').text).not.toContain('如康家园');
  });

  it('reads 专栏4 残疾人就业补贴奖励项目 as seven "name  description" entries', () => {
    expect(clause('qingzhou', 'qingzhou-box4').title).toBe('残疾人就业补贴奖励项目');
    expect(titles(children('qingzhou', 'qingzhou-box4', 'box-entry'))).toEqual([
      '残疾人自主创业灵活就业补贴',
      '残疾青年见习补贴',
      '招录残疾人的用人单位补贴',
      '公益性岗位安排残疾人就业的用人单位补贴',
      '安置残疾人就业奖励',
      '残疾人就业服务奖励',
      '残疾人技能人才奖励',
    ]);
  });

  it('reads the 牵头部门 and 参与部门 of 二、(一) 4 扩大残疾人保险覆盖范围', () => {
    const item = clause('qingzhou', 'qingzhou-2-1-4');
    expect(item.title).toBe('扩大残疾人保险覆盖范围');
    expect(item.departments).toEqual({
      lead: ['市人社局', '市医保局'],
      participating: ['市残联', '潍坊市银保监分局青州监管组'],
    });
  });

  it('reads the departments of a 保障措施 section, 三、(三) 强化经费保障', () => {
    expect(clause('qingzhou', 'qingzhou-3-3').departments).toEqual({
      lead: ['市财政局', '市残联'],
      participating: ['市审计局', '市民政局', '市教体局', '国家税务总局青州市税务局'],
    });
  });
});

describe('双鸭山 (shuangyashan)', () => {
  it('has four chapters and none of them is a box sub-heading', () => {
    expect(chapterTitles('shuangyashan')).toEqual(['一、编制背景', '二、总体要求', '三、重点任务', '四、实施机制']);
  });

  it('gives 三、(一) 完善残疾人社会保障制度 its items 1–8', () => {
    expect(numbers(children('shuangyashan', 'shuangyashan-3-1', 'item'))).toEqual([
      '1.',
      '2.',
      '3.',
      '4.',
      '5.',
      '6.',
      '7.',
      '8.',
    ]);
  });

  it('keeps 专栏2 sub-headings 一、资金类 and 二、服务类 inside the box, five entries each', () => {
    const headings = children('shuangyashan', 'shuangyashan-box2', 'box-heading');
    expect(headings.map((h) => `${h.number}${h.title}`)).toEqual(['一、资金类', '二、服务类']);
    expect(titles(children('shuangyashan', 'shuangyashan-box2-1', 'box-entry'))).toEqual([
      '最低生活保障',
      '困难残疾人生活补贴和重度残疾人护理补贴',
      '残疾人基本型辅助器具适配资助',
      '残疾人电信业务资费优惠',
      '残疾评定补贴',
    ]);
    expect(titles(children('shuangyashan', 'shuangyashan-box2-2', 'box-entry'))).toEqual([
      '开展对困难残疾人和残疾人家庭走访探视服务',
      '低收入重度残疾人照护服务',
      '就业年龄段残疾人托养服务',
      '残疾人社会工作和家庭支持服务',
      '重大疫情等突发公共事件中困难残疾人急难救助',
    ]);
    expect(clause('shuangyashan', 'shuangyashan-box2-1-3').path).toEqual([
      '三、重点任务',
      '（一）完善残疾人社会保障制度，为残疾人提供更加稳定更高水平的民生保障',
      '专栏2 残疾人社会保障重点项目',
      '一、资金类',
    ]);
  });

  it('keeps entry 4 of 专栏7 二、残疾人体育发展 in the box although it is not indented', () => {
    expect(titles(children('shuangyashan', 'shuangyashan-box7-2', 'box-entry'))).toEqual([
      '打造残疾人上冰雪运动核心区',
      '开展康复体育健身行动',
      '增强竞技体育综合竞争力',
      '建立健全运动员、教练员奖励机制',
    ]);
    expect(numbers(children('shuangyashan', 'shuangyashan-3-3', 'item'))).toContain('9.');
    expect(clause('shuangyashan', 'shuangyashan-3-3-9').title).toBe('大力发展残疾人慈善事业和服务产业');
  });

  it('has no department annotations, so no clause names departments', () => {
    expect(plan('shuangyashan').clauses.filter((c) => c.departments !== null)).toEqual([]);
  });

  it('skips the 抄送 footer (lines 397 and 399)', () => {
    const footer = plan('shuangyashan').skipped.filter((s) => s.line >= 397);
    expect(footer.map((s) => s.line)).toEqual([397, 399]);
    expect(plan('shuangyashan').clauses.some((c) => c.text.includes('抄送'))).toBe(false);
  });
});

describe('永济 (yongji)', () => {
  it('skips the table of contents (lines 21–34) and starts chapter 一 at line 38', () => {
    const toc = plan('yongji')
      .skipped.filter((s) => s.reason === 'table of contents')
      .map((s) => s.line);
    expect(toc).toEqual([21, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34]);
    const chapters = plan('yongji').clauses.filter((c) => c.kind === 'chapter');
    expect(chapters.map((c) => c.lines[0])).toEqual([38, 46, 90, 292]);
    expect(
      plan('yongji')
        .clauses.filter((c) => c.title.startsWith('织密'))
        .map((c) => c.id),
    ).toEqual(['yongji-3-1']);
  });

  it('gives 三、(一) its items 1–6 and 专栏2 its seven entries', () => {
    expect(numbers(children('yongji', 'yongji-3-1', 'item'))).toEqual(['1.', '2.', '3.', '4.', '5.', '6.']);
    expect(titles(children('yongji', 'yongji-box2', 'box-entry'))).toEqual([
      '最低生活保障',
      '困难残疾人生活补贴和重度残疾人护理补贴',
      '残疾人基本型辅助器具适配资助',
      '残疾评定补贴',
      '困难残疾人走访探视服务',
      '低收入重度残疾人照护服务',
      '就业年龄段残疾人托养服务',
    ]);
  });

  it('keeps 专栏3 sub-headings 一、补贴类 (5 entries) and 二、奖励类 (2 entries) in the box', () => {
    expect(children('yongji', 'yongji-box3', 'box-heading').map((h) => h.title)).toEqual(['补贴类', '奖励类']);
    expect(children('yongji', 'yongji-box3-1', 'box-entry')).toHaveLength(5);
    expect(titles(children('yongji', 'yongji-box3-2', 'box-entry'))).toEqual([
      '超比例安排残疾人就业奖励',
      '残疾人就业服务奖励',
    ]);
    expect(clause('yongji', 'yongji-3-2-3').title).toBe('提升残疾人职业素质和就业创业能力');
  });

  it('reads 责任单位 as the lead departments (三、(一) 2)', () => {
    expect(clause('yongji', 'yongji-3-1-2').departments).toEqual({
      lead: ['市民政局', '市人社局', '市卫体局', '市医保局', '市应急局', '市残联'],
      participating: [],
    });
  });

  it('reads 牵头单位 and 参与单位 with bracketed names (三、(一) 1)', () => {
    expect(clause('yongji', 'yongji-3-1-1').departments).toEqual({
      lead: ['市农业农村局[市乡村振兴局]', '各镇[街道]'],
      participating: [
        '市委组织部',
        '市民政局',
        '市财政局',
        '市自然资源局',
        '市住建局',
        '市卫体局',
        '市医保局',
        '市残联',
      ],
    });
  });

  it('joins a page split inside a word: 完善困难残疾 / 人生活补贴 (三、(一) 5)', () => {
    const item = clause('yongji', 'yongji-3-1-5');
    expect(item.lines).toEqual([106, 108]);
    expect(item.text).toContain('完善困难残疾人生活补贴和重度残疾人护理补贴标准动态调整机制');
  });

  it('joins an annotation split across a page (三、(三) 5, 市残 / 联)', () => {
    expect(clause('yongji', 'yongji-3-3-5').departments).toEqual({
      lead: ['市残联'],
      participating: ['市教育局', '市民政局', '市文旅局', '市融媒体中心'],
    });
  });
});

describe('张掖 (zhangye)', () => {
  it('has four chapters', () => {
    expect(chapterTitles('zhangye')).toEqual(['一、编制背景', '二、总体要求', '三、重点任务', '四、保障措施']);
  });

  it('removes the Markdown bold of the title block: no clause contains **', () => {
    expect(plan('zhangye').clauses.filter((c) => c.text.includes('**'))).toEqual([]);
    expect(plan('zhangye').skipped.map((s) => s.line)).toEqual(expect.arrayContaining([5, 6, 7]));
  });

  it('reads half-width (一) as a section and gives 三、(一) its items 1–8', () => {
    expect(clause('zhangye', 'zhangye-3-1').number).toBe('(一)');
    expect(numbers(children('zhangye', 'zhangye-3-1', 'item'))).toEqual([
      '1.',
      '2.',
      '3.',
      '4.',
      '5.',
      '6.',
      '7.',
      '8.',
    ]);
  });

  it('keeps 专栏2 sub-headings 一、资金类 and 二、服务类 inside the box, five entries each', () => {
    expect(children('zhangye', 'zhangye-box2', 'box-heading').map((h) => `${h.number}${h.title}`)).toEqual([
      '一、资金类',
      '二、服务类',
    ]);
    expect(children('zhangye', 'zhangye-box2-1', 'box-entry')).toHaveLength(5);
    expect(titles(children('zhangye', 'zhangye-box2-2', 'box-entry'))).toEqual([
      '万名残疾人家庭走访探视行动',
      '阳光家园计划',
      '“幸福·感恩”托养计划',
      '残疾人社会工作和家庭支持服务',
      '重大疫情等突发公共事件中困难残疾人急难救助服务',
    ]);
  });

  it('reads 专栏9, written without blank lines, as eight entries of one line each', () => {
    const entries = children('zhangye', 'zhangye-box9', 'box-entry');
    expect(entries.map((c) => c.lines[0])).toEqual([317, 318, 319, 320, 321, 322, 323, 324]);
    expect(entries[7]?.title).toBe('实施科技助残项目');
  });

  it('gives 三、(三) its items 1–11 around the boxes', () => {
    expect(children('zhangye', 'zhangye-3-3', 'item')).toHaveLength(11);
    expect(clause('zhangye', 'zhangye-3-3-10').title).toBe('大力发展残疾人慈善事业和服务产业');
  });

  it('skips the 抄送 footer and everything after it (lines 352–358)', () => {
    const footer = plan('zhangye').skipped.filter((s) => s.line >= 352);
    expect(footer.map((s) => s.line)).toEqual([352, 354, 356, 358]);
    expect(plan('zhangye').clauses.some((c) => c.text.includes('公开属性'))).toBe(false);
  });
});

describe('every plan', () => {
  for (const p of plans) {
    const source = fs.readFileSync(path.join(CORPUS_DIR, p.file), 'utf8');

    it(`${p.id}: no chapter is a box sub-heading such as 一、资金类`, () => {
      const chapters = p.clauses.filter((c) => c.kind === 'chapter').map((c) => c.title);
      expect(chapters).not.toContain('资金类');
      expect(chapters).not.toContain('服务类');
      expect(chapters).not.toContain('补贴类');
      expect(chapters.every((title) => title.length > 3)).toBe(true);
    });

    it(`${p.id}: clause ids are unique and URL-safe`, () => {
      const ids = p.clauses.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z0-9-]+$/);
    });

    it(`${p.id}: no clause is empty or longer than ${MAX_CLAUSE_CHARS} characters`, () => {
      for (const c of p.clauses) {
        expect(c.text.trim()).not.toBe('');
        expect(c.text.length).toBeLessThanOrEqual(MAX_CLAUSE_CHARS);
      }
    });

    it(`${p.id}: every clause is verbatim apart from whitespace (and the skipped lines)`, () => {
      const skipped = new Set(p.skipped.map((s) => s.line));
      const kept = source
        .split('\n')
        .filter((_, i) => !skipped.has(i + 1))
        .join('\n');
      const whole = matchKey(kept.replace(/\*\*/g, ''));
      const notVerbatim = p.clauses.filter((c) => !whole.includes(matchKey(c.text))).map((c) => c.id);
      expect(notVerbatim).toEqual([]);
    });

    it(`${p.id}: has an indicator table of eleven rows numbered 1–11`, () => {
      const rows = p.clauses.filter((c) => c.kind === 'indicator');
      expect(rows.map((c) => c.number)).toEqual(['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.', '9.', '10.', '11.']);
    });

    it(`${p.id}: parses the same way twice (pure)`, () => {
      expect(parsePlan(source, p).clauses).toEqual(p.clauses);
    });
  }
});

describe('page furniture and paragraph ends', () => {
  const jining = plans.find((p) => p.id === 'jining');

  it('skips 济宁’s page number "- 25 -" and joins the words around it', () => {
    expect(jining?.skipped).toContainEqual({ line: 1130, reason: 'page number' });
    const key = matchKey('吸引更多社会力量和民间资本参与兴办残疾人服务机构');
    expect(jining?.clauses.filter((c) => matchKey(c.text).includes(key)).map((c) => c.id)).toEqual(['jining-3-9-2']);
  });

  it('starts a new paragraph after a section whose body ends with 。 (济宁 “十三五”末…)', () => {
    const clause = jining?.clauses.find((c) => c.text.startsWith('“十三五”末，全市残疾人事业发展还存在一些问题和不足'));
    expect(clause?.kind).toBe('paragraph');
    expect(clause?.lines[0]).toBe(115);
  });
});
