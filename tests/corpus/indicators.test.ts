// Indicator tables (专栏1) of all five plans, whatever their layout, and the cell-level table reader.
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { parseIndicatorCells, splitTableLine } from '../../src/corpus/indicators.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import type { IndicatorRow } from '../../src/corpus/types.ts';

const plans = loadCorpus(path.join(import.meta.dirname, '../../corpus'));

function row(planId: string, n: number): IndicatorRow | null {
  const clause = plans.find((p) => p.id === planId)?.clauses.find((c) => c.id === `${planId}-box1-${n}`);
  return clause?.indicator ?? null;
}

describe('indicator rows of the plans', () => {
  it('济宁 (one row per line, space-separated): row 6 残疾人基本康复服务覆盖率 ＞90 → ＞95, 约束性', () => {
    expect(row('jining', 6)).toEqual({
      category: null,
      name: '残疾人基本康复服务覆盖率',
      unit: '%',
      value2020: '＞90',
      value2025: '＞95',
      attribute: '约束性',
    });
  });

  it('济宁: row 10 has no 2020 value (——) and a target of ＞8000 households', () => {
    expect(row('jining', 10)).toMatchObject({
      name: '困难重度残疾人家庭无障碍改造数',
      unit: '户',
      value2020: '——',
      value2025: '＞8000',
      attribute: '约束性',
    });
  });

  it('青州 (one cell per line, no 专栏 heading): row 9 城乡残疾人职业技能培训人数 0.75万 → >0.9万', () => {
    expect(row('qingzhou', 9)).toEqual({
      category: null,
      name: '城乡残疾人职业技能培训人数',
      unit: '人/次',
      value2020: '0.75万',
      value2025: '>0.9万',
      attribute: '预期性',
    });
  });

  it('青州: row 6 残疾人基本康复服务覆盖率 >95 → >98, 约束性', () => {
    expect(row('qingzhou', 6)).toMatchObject({ value2020: '>95', value2025: '>98', attribute: '约束性' });
  });

  it('双鸭山 (one cell per line with categories): row 9 残疾人基本康复服务覆盖率 >80 → 85, 约束性', () => {
    expect(row('shuangyashan', 9)).toEqual({
      category: '社会保障和基本公共服务',
      name: '残疾人基本康复服务覆盖率',
      unit: '%',
      value2020: '>80',
      value2025: '85',
      attribute: '约束性',
    });
  });

  it('双鸭山: row 1 belongs to 收入和就业 and its target is a phrase', () => {
    expect(row('shuangyashan', 1)).toEqual({
      category: '收入和就业',
      name: '残疾人家庭人均收入年均增长',
      unit: '%',
      value2020: '——',
      value2025: '与我市地区生产总值增长基本同步',
      attribute: '预期性',
    });
  });

  it('永济 (tab cells, no 2020 column): row 8 has value2020 null and ≥98', () => {
    expect(row('yongji', 8)).toEqual({
      category: '社会保障和基本公共服务',
      name: '残疾儿童少年义务教育入学率',
      unit: '%',
      value2020: null,
      value2025: '≥98',
      attribute: '预期性',
    });
  });

  it('永济: row 2 城乡残疾人职业技能培训人数 targets 1100 people, 预期性', () => {
    expect(row('yongji', 2)).toEqual({
      category: '收入和就业',
      name: '城乡残疾人职业技能培训人数',
      unit: '人',
      value2020: null,
      value2025: '1100',
      attribute: '预期性',
    });
  });

  it('张掖 (tab cells, half-width unit brackets): row 6 养老保险参保率 90 → > 90, 预期性', () => {
    expect(row('zhangye', 6)).toEqual({
      category: '社会保障和基本公共服务',
      name: '残疾人城乡居民基本养老保险参保率',
      unit: '%',
      value2020: '90',
      value2025: '> 90',
      attribute: '预期性',
    });
  });

  it('张掖: row 2 职业技能培训人数 is 约束性 with a target of 10000', () => {
    expect(row('zhangye', 2)).toMatchObject({ value2020: '—', value2025: '10000', attribute: '约束性' });
  });

  it('gives every plan eleven rows, each with a 2025 value and an attribute', () => {
    for (const plan of plans) {
      const rows = plan.clauses.filter((c) => c.kind === 'indicator');
      expect(rows, plan.id).toHaveLength(11);
      for (const r of rows) {
        expect(r.indicator?.value2025).not.toBe('');
        expect(['约束性', '预期性']).toContain(r.indicator?.attribute);
      }
    }
  });
});

describe('splitTableLine', () => {
  it('splits a 永济 tab row into its cells and drops the empty category cell', () => {
    expect(splitTableLine('\t2. 城乡残疾人职业技能培训人数（人）\t1100\t预期性')).toEqual([
      '2. 城乡残疾人职业技能培训人数（人）',
      '1100',
      '预期性',
    ]);
  });

  it('keeps a 济宁 space-separated row as one cell', () => {
    expect(splitTableLine('6. 残疾人基本康复服务覆盖率（%） ＞90 ＞95 约束性 ')).toEqual([
      '6. 残疾人基本康复服务覆盖率（%） ＞90 ＞95 约束性',
    ]);
  });
});

describe('parseIndicatorCells', () => {
  it('reads a header and a space-separated row (济宁 lines 197 and 209)', () => {
    const result = parseIndicatorCells([
      { text: '指标 2020 年 2025 年 属性', line: 197 },
      { text: '6. 残疾人基本康复服务覆盖率（%） ＞90 ＞95 约束性', line: 209 },
    ]);
    expect(result.header.map((c) => c.line)).toEqual([197]);
    expect(result.problems).toEqual([]);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]?.number).toBe('6.');
    expect(result.rows[0]?.record).toEqual({
      category: null,
      name: '残疾人基本康复服务覆盖率',
      unit: '%',
      value2020: '＞90',
      value2025: '＞95',
      attribute: '约束性',
    });
  });

  it('carries a category cell over to the rows below it (双鸭山 one cell per line)', () => {
    const cells = ['类别', '指标', '2020年', '2025年', '属性', '收入和就业', '1.残疾人家庭人均收入年均增长（%）', '——']
      .concat([
        '与我市地区生产总值增长基本同步',
        '预期性',
        '2.城乡残疾人职业技能培训人数（人）',
        '——',
        '2280',
        '预期性',
      ])
      .map((text, i) => ({ text, line: 58 + i }));
    const result = parseIndicatorCells(cells);
    expect(result.problems).toEqual([]);
    expect(result.rows.map((r) => [r.record.category, r.record.name, r.record.value2025])).toEqual([
      ['收入和就业', '残疾人家庭人均收入年均增长', '与我市地区生产总值增长基本同步'],
      ['收入和就业', '城乡残疾人职业技能培训人数', '2280'],
    ]);
  });

  it('reports a row that never reaches its attribute', () => {
    const result = parseIndicatorCells([
      { text: '指标', line: 1 },
      { text: '2020年', line: 2 },
      { text: '2025年', line: 3 },
      { text: '属性', line: 4 },
      { text: '1.困难残疾人生活补贴覆盖率（%）', line: 5 },
      { text: '100', line: 6 },
    ]);
    expect(result.rows).toEqual([]);
    expect(result.problems.map(({ line, code, message }) => ({ line, code, message }))).toEqual([
      { line: 5, code: 'INDICATOR_TABLE_ENDS_IN_ROW', message: 'indicator table ends inside a row' },
    ]);
  });
});
