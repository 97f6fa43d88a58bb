// The parser's problems as staff read them: each code worded in Chinese from its values, never from an English message.
import { describe, expect, it } from 'vitest';
import { sentence } from '../../src/admin/sentences.ts';
import { parsePlan } from '../../src/corpus/parse.ts';
import { problem } from '../../src/corpus/problems.ts';

const META = { id: 'testcity', city: '测试', title: '测试市残疾人事业发展规划' };

describe('sentence', () => {
  it('words an item number that does not follow on, as the parser reports it with its line', () => {
    const source = [
      '测试市残疾人事业发展规划',
      '一、总体要求',
      '（一）主要任务',
      '1. 落实护理补贴。',
      '3. 开展康复服务。',
    ].join('\n');
    const [warning] = parsePlan(source, META).warnings;
    expect(warning).toMatchObject({ line: 5, code: 'ITEM_JOINED', values: { number: '3.', previous: 1 } });
    expect(sentence(warning!)).toBe('“3.”不接第 1 项的编号，已并入上一条的正文。');
  });

  it('words the indicator-table problems that had no Chinese sentence before', () => {
    expect(sentence(problem(9, 'INDICATOR_VALUE_COUNT', { name: '残疾人证办理率', count: 1, expected: 2 }))).toBe(
      '指标“残疾人证办理率”有 1 个数值，表头要求 2 个。',
    );
    expect(sentence(problem(12, 'INDICATOR_TABLE_ENDS_IN_ROW', {}))).toBe(
      '指标表在一行的中间结束了，请检查最后一行是否完整。',
    );
  });

  it('words a clause id the parser renamed (its English message and the check’s used to differ)', () => {
    expect(sentence(problem(3, 'CLAUSE_ID_RENAMED', { id: 'testcity-1-1', renamed: 'testcity-1-1-dup2' }))).toBe(
      '条款编号 testcity-1-1 用了两次，第二处暂记为 testcity-1-1-dup2。',
    );
  });
});
