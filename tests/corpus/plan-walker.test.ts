// The plan parser's walk, one kind of line at a time: the helpers that decide what a line is, on lines of the plans.
import { describe, expect, it } from 'vitest';
import { classifyLine } from '../../src/corpus/classify-line.ts';
import { endsTable, isAnnotationLine, sectionHeading, startsUnheadedBox } from '../../src/corpus/plan-walker.ts';

describe('sectionHeading', () => {
  it('takes the title up to the first 。 and keeps the body for the clause (jining.txt:131)', () => {
    expect(sectionHeading('指导思想。高举中国特色社会主义伟大旗帜，深入贯')).toEqual({
      title: '指导思想',
      headingOnly: false,
    });
  });

  it('reads a short line with no 。 as a heading alone (jining.txt:223)', () => {
    expect(sectionHeading('强化残疾人社会保障 ')).toEqual({ title: '强化残疾人社会保障', headingOnly: true });
  });

  it('reads a line whose only 。 ends it as a heading alone', () => {
    expect(sectionHeading('残疾人保障水平不断提升。')).toEqual({ title: '残疾人保障水平不断提升', headingOnly: true });
  });
});

describe('isAnnotationLine', () => {
  it('knows a department annotation on its own line (jining.txt:282)', () => {
    expect(isAnnotationLine('（牵头部门：市民政局、市残联；参与部门：市卫生健康委、市')).toBe(true);
    expect(isAnnotationLine('（一）强化残疾人社会保障')).toBe(false);
  });
});

describe('startsUnheadedBox', () => {
  it('takes an indented “name  description” line for a 专栏 entry whose heading was lost (qingzhou.txt:88)', () => {
    const raw = ' \t“如康家园”残疾人之家综合服务平台  以区域为单位';
    expect(startsUnheadedBox({ raw, text: raw.trim() })).toBe(true);
  });

  it('leaves an unindented paragraph alone', () => {
    const raw = '“如康家园”残疾人之家综合服务平台  以区域为单位';
    expect(startsUnheadedBox({ raw, text: raw })).toBe(false);
  });
});

describe('endsTable', () => {
  const line = (raw: string, width = raw.length) => ({ raw, text: raw.trim(), width });

  it('ends an indicator table at a heading or at prose', () => {
    expect(endsTable(classifyLine('二、指导思想'), line('二、指导思想'))).toBe(true);
    expect(endsTable(classifyLine('专栏3  残疾人健康和康复服务项目'), line('专栏3  残疾人健康和康复服务项目'))).toBe(
      true,
    );
    expect(
      endsTable(classifyLine('到2025年，残疾人基本民生得到稳定保障。'), line('到2025年，残疾人基本民生得到稳定保障。')),
    ).toBe(true);
  });

  it('keeps a line of cells in the table', () => {
    expect(endsTable(classifyLine('\t2020年'), line('\t2020年'))).toBe(false);
    expect(endsTable(classifyLine('约束性'), line('约束性'))).toBe(false);
  });
});
