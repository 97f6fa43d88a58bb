// Text helpers: wrap joining, line cleaning, quote keys and department annotations from the plans.
import { describe, it, expect } from 'vitest';
import {
  cleanLine,
  endsWithAnnotation,
  hasAnnotation,
  joinWrapped,
  matchKey,
  parseDepartments,
} from '../../src/corpus/text.ts';

describe('joinWrapped', () => {
  it('joins a 济宁 hard wrap inside a word without a gap (lines 225/227)', () => {
    expect(joinWrapped('1. 巩固拓展脱贫攻坚成果同乡村振兴有效衔接。保持 5年过', '渡期内帮扶政策总体稳定，')).toBe(
      '1. 巩固拓展脱贫攻坚成果同乡村振兴有效衔接。保持 5年过渡期内帮扶政策总体稳定，',
    );
  });

  it('joins a 永济 page split inside a word (lines 106/108)', () => {
    expect(joinWrapped('完善困难残疾', '人生活补贴和重度残疾人护理补贴')).toBe(
      '完善困难残疾人生活补贴和重度残疾人护理补贴',
    );
  });

  it('joins a number and a Chinese word without a gap (济宁 lines 1138/1140)', () => {
    expect(joinWrapped('推动人工智能、云计算、5G', '等新技术')).toBe('推动人工智能、云计算、5G等新技术');
  });

  it('keeps one space between two Latin words', () => {
    expect(joinWrapped('APP', 'Store')).toBe('APP Store');
  });

  it('returns the other side when one side is empty', () => {
    expect(joinWrapped('', '专栏2')).toBe('专栏2');
    expect(joinWrapped('专栏2', '')).toBe('专栏2');
  });
});

describe('cleanLine', () => {
  it('removes 张掖 Markdown bold', () => {
    expect(cleanLine('**张掖市人民政府')).toBe('张掖市人民政府');
    expect(cleanLine('残疾人保障和发展规划的通知**')).toBe('残疾人保障和发展规划的通知');
  });

  it('turns tabs and ideographic spaces into spaces and trims', () => {
    expect(cleanLine('\t专栏1\u3000 “十四五”残疾人保障和发展主要指标')).toBe('专栏1  “十四五”残疾人保障和发展主要指标');
    expect(cleanLine('\u3000\u3000\u3000')).toBe('');
  });
});

describe('matchKey', () => {
  it('ignores whitespace and folds full-width signs, so quotes match across wraps', () => {
    expect(matchKey('保持 5年过\n渡期内')).toBe('保持5年过渡期内');
    expect(matchKey('＞90')).toBe('>90');
  });
});

describe('parseDepartments', () => {
  it('reads 济宁 牵头部门 and 参与部门 split by a wrap', () => {
    expect(
      parseDepartments('动员社会力量参与残疾人帮扶。（牵头部门：市乡村振兴局；参与部门：\n 市民政局、市残联）'),
    ).toEqual({
      lead: ['市乡村振兴局'],
      participating: ['市民政局', '市残联'],
    });
  });

  it('reads 青州 multi-department annotations', () => {
    expect(parseDepartments('（牵头部门：市人社局、市医保局；参与部门：市残联、潍坊市银保监分局青州监管组）')).toEqual({
      lead: ['市人社局', '市医保局'],
      participating: ['市残联', '潍坊市银保监分局青州监管组'],
    });
  });

  it('reads 永济 责任单位 as lead departments', () => {
    expect(parseDepartments('（责任单位：市人社局、市卫体局、市医保局、市残联）')).toEqual({
      lead: ['市人社局', '市卫体局', '市医保局', '市残联'],
      participating: [],
    });
  });

  it('reads 永济 牵头单位/参与单位 separated by a comma, with bracketed names', () => {
    expect(
      parseDepartments(
        '（牵头单位：市农业农村局[市乡村振兴局]、各镇[街道]，参与单位：市委组织部、市民政局、市财政局、市自然资源局、市住建局、市卫体局、市医保局、市残联）',
      ),
    ).toEqual({
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

  it('reads a 永济 annotation that closes with a half-width bracket (lines 272–274)', () => {
    expect(
      parseDepartments(
        '加强残疾人服务大数据建设。（牵头单位：市残联，参与单位：市发改局、市财政局、市\n\n教育局、市民政局、市统计局、市卫体局、市审批服务管理局)',
      ),
    ).toEqual({
      lead: ['市残联'],
      participating: ['市发改局', '市财政局', '市教育局', '市民政局', '市统计局', '市卫体局', '市审批服务管理局'],
    });
  });

  it('returns null for text without an annotation', () => {
    expect(parseDepartments('1.最低生活保障。将符合条件的残疾人家庭全部纳入最低生活保障范围。')).toBeNull();
  });
});

describe('annotation detection', () => {
  it('tells whether a clause contains or ends with an annotation', () => {
    const item = '加强对残疾人的关爱服务。（牵头部门：市乡村振兴局；参与部门：市民政局、市残联）';
    expect(hasAnnotation(item)).toBe(true);
    expect(endsWithAnnotation(item)).toBe(true);
    expect(endsWithAnnotation(`${item}此后还有正文。`)).toBe(false);
    expect(hasAnnotation('（一）指导思想。')).toBe(false);
  });
});
