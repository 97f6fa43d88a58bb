// When two clauses disagree on the asked fact (src/answer/force.ts): both state it, they are about the same thing and
// their figures differ. The clauses are the invented fixtures' articles, parsed as an upload is.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan } from '../../src/corpus/parse.ts';
import { disagree, overlap } from '../../src/answer/force.ts';
import { asksPast } from '../../src/answer/understand.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'documents');
const articles = (file: string, id: string) => {
  const { clauses } = parsePlan(fs.readFileSync(path.join(FIXTURES, file), 'utf8'), { id, city: '济宁', title: id });
  return (n: number) => clauses.find((c) => c.id === `${id}-a${n}`)!;
};
const old = articles('jining-rules.txt', 'xize');
const now = articles('jining-rules-2025.txt', 'banfa');

describe('two clauses that disagree', () => {
  it('护理补贴 of 2023 (第七条, 120/100/150元) and of 2025 (第八条, 150/120/180元) disagree on the amount', () => {
    expect(old(7).text).toContain('一级残疾人每人每月120元');
    expect(now(8).text).toContain('一级残疾人每人每月150元');
    expect(disagree(old(7), now(8), 'amount')).toBe(true);
  });

  it('生活补贴 (80元 in 第六条, 100元 in 第七条) disagree too: the same mechanism, other articles', () => {
    expect(disagree(old(6), now(7), 'amount')).toBe(true);
  });

  it('生活补贴 and 护理补贴 are different things, however different their amounts', () => {
    expect(overlap(old(6).text, now(8).text)).toBeLessThan(0.6);
    expect(disagree(old(6), now(8), 'amount')).toBe(false);
  });

  it('a clause does not disagree with itself, nor on a fact neither states as a figure', () => {
    expect(disagree(old(7), old(7), 'amount')).toBe(false);
    // 第八条 of 2023 and 第九条 of 2025 (两项补贴分别发放) state no amount.
    expect(disagree(old(8), now(9), 'amount')).toBe(false);
  });

  it('time limits disagree as amounts do: 10个工作日 (2023 第十一条) and 15日内 (2025 第十一条)', () => {
    expect(disagree(old(11), now(11), 'time')).toBe(true);
  });
});

describe('questions about the past', () => {
  it.each([
    ['济宁以前重度残疾人护理补贴一个月多少钱', true],
    ['原来的护理补贴标准是多少', true],
    ['2020年的时候护理补贴给多少', true],
    ['当时申请要带什么材料', true],
    ['旧的标准是多少', true],
    ['去年护理补贴多少钱', true],
    ['调整前每月多少钱', true],
    ['济宁重度残疾人护理补贴一个月多少钱', false],
    ['16周岁以前能领吗', false],
    ['3月1日以前要交材料吗', false],
    ['我要过去办吗', false],
    ['2025年目标是多少', false],
  ])('%s → %s', (question, past) => {
    expect(asksPast(question)).toBe(past);
  });
});
