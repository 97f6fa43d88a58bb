// speakable(): numbers and symbols as a person reads them aloud; splitSentences(): the unit of deltas and speech;
// firstClauseEnd(): where a first sentence's first clause, synthesized on its own, ends.
import { describe, expect, it } from 'vitest';
import { firstClauseEnd, readCardinal, speakable, splitSentences } from '../../src/voice/speakable.ts';

describe('speakable', () => {
  it.each([
    ['≥95%', '不低于百分之九十五'],
    ['>96%', '高于百分之九十六'],
    ['≤5‰', '不高于千分之五'],
    ['<3%', '低于百分之三'],
    ['2025年', '二零二五年'],
    ['2020 年底', '二零二零年底'],
    ['2021—2025年', '二零二一到二零二五年'],
    ['0—6周岁', '零到六周岁'],
    ['0-6岁', '零到六岁'],
    ['90%-95%', '百分之九十到百分之九十五'],
    ['（一）', '第一'],
    ['（三）强化残疾人社会保障', '第三，强化残疾人社会保障'],
    ['(2)', '第二'],
    ['100%', '百分之百'],
    ['95.5%', '百分之九十五点五'],
    ['5300万元', '五千三百万元'],
    ['10005人', '一万零五人'],
    ['1010', '一千零一十'],
    ['15', '十五'],
    ['2项补贴', '两项补贴'],
    ['第2个', '第二个'],
    ['12385', '一二三八五'],
    ['拨打12385热线', '拨打一二三八五热线'],
    ['0537-2345678', '零五三七，二三四五六七八'],
    ['《济宁市残疾人事业发展“十四五”规划》', '济宁市残疾人事业发展十四五规划'],
    ['先做这个；再做那个', '先做这个。再做那个'],
    ['护理补贴（按规定）发放', '护理补贴，按规定，发放'],
    ['牵头部门：市民政局', '牵头部门，市民政局'],
    ['每人200元/月', '每人二百元每月'],
    ['1. 完善制度', '一，完善制度'],
    ['**两项补贴**', '两项补贴'],
    ['１００％', '百分之百'],
    ['覆盖率（%） 100 100 约束性', '覆盖率，百分比，一百，一百约束性'],
  ])('reads %s as %s', (text, spoken) => {
    expect(speakable(text)).toBe(spoken);
  });

  it.each([
    ['0', '零'],
    ['10', '十'],
    ['110', '一百一十'],
    ['100000', '十万'],
    ['120000000', '一亿二千万'],
    ['100000001', '一亿零一'],
  ])('reads the cardinal %s as %s', (n, spoken) => {
    expect(readCardinal(n)).toBe(spoken);
  });
});

describe('splitSentences', () => {
  it('keeps whole sentences with their closing quotes', () => {
    expect(splitSentences('济宁的规划里有。依据：“落实两项补贴。”请咨询12385！还有吗？\n第二行')).toEqual([
      '济宁的规划里有。',
      '依据：“落实两项补贴。”',
      '请咨询12385！',
      '还有吗？',
      '第二行',
    ]);
  });

  it('splits a very long sentence after ；', () => {
    const part = '落实残疾人两项补贴制度'.repeat(10);
    expect(splitSentences(`${part}；${part}。`)).toEqual([`${part}；`, `${part}。`]);
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('  \n ')).toEqual([]);
  });
});

describe('firstClauseEnd', () => {
  it.each([
    ['据济宁市的规划，重度残疾人护理补贴覆盖率不低于百分之九十五。', '据济宁市的规划，'],
    ['共有两个城市的规划写到了相关内容，双鸭山，开展残疾人社会工作服务。', '共有两个城市的规划写到了相关内容，'],
    [
      '落实宪法、民法典等法律法规关于保障残疾人权益的要求，推动残疾人保障立法工作。',
      '落实宪法、民法典等法律法规关于保障残疾人权益的要求，',
    ],
    ['市残联、市人社局、市卫体局、市医保局等部门负责。', '市残联、市人社局、'],
  ])('ends the first clause of %s at %s', (sentence, clause) => {
    expect(sentence.slice(0, firstClauseEnd(sentence))).toBe(clause);
  });

  it.each([
    ['济宁的规划里有相关规定。'],
    ['济宁，济宁市残疾人事业发展规划。'],
    ['落实宪法、民法典等法律法规关于保障残疾人权益的要求，推动立法。'],
  ])('leaves %s whole (no clause of eight characters with eight after it)', (sentence) => {
    expect(firstClauseEnd(sentence)).toBe(-1);
  });
});
