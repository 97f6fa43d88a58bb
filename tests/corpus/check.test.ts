// checkPlan: every non-blank line of every plan placed, and the messages staff see when a plan is not.
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { checkPlan, located, type PlanCheck } from '../../src/corpus/check.ts';
import { problem } from '../../src/corpus/problems.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { parsePlan } from '../../src/corpus/parse.ts';
import type { Plan, PlanMeta } from '../../src/corpus/types.ts';

const CORPUS_DIR = path.join(import.meta.dirname, '../../corpus');

const META: PlanMeta = {
  id: 'testcity',
  city: '测试',
  province: '测试省',
  title: '测试市残疾人事业发展规划',
  issuer: '测试市人民政府',
  docNumber: null,
  issued: null,
  period: '2021-2025',
  file: 'testcity.txt',
  seedFile: 'testcity.txt',
};

const SOURCE = [
  '测试市残疾人事业发展规划',
  '',
  '一、总体要求',
  '（一）指导思想。坚持以人民为中心。',
  '1. 提高保障水平。落实补贴。',
  '',
].join('\n');

function planOf(source: string): Plan {
  return { ...META, ...parsePlan(source, META) };
}

describe('checkPlan on the five plans', () => {
  for (const plan of loadCorpus(CORPUS_DIR)) {
    it(`${plan.id}: every non-blank line is in some clause or on the skip list, ids unique, sizes in range`, () => {
      const source = fs.readFileSync(path.join(CORPUS_DIR, plan.file), 'utf8');
      expect(errorsOf(checkPlan(plan, source))).toEqual([]);
    });
  }

  it('counts 济宁: 4 chapters, 20 sections, 35 items, 9 boxes, 51 box entries, 11 indicators, 35 annotations', () => {
    const jining = loadCorpus(CORPUS_DIR).find((p) => p.id === 'jining') as Plan;
    const source = fs.readFileSync(path.join(CORPUS_DIR, jining.file), 'utf8');
    expect(checkPlan(jining, source).counts).toMatchObject({
      chapters: 4,
      sections: 20,
      items: 35,
      boxes: 9,
      boxHeadings: 0,
      boxEntries: 51,
      indicators: 11,
      departmentAnnotations: 35,
    });
  });
});

/** The check's errors and warnings as corpus:check prints them (`corpus/x.txt:88 message`). */
const errorsOf = (check: PlanCheck) => check.errors.map((found) => located(check, found));
const warningsOf = (check: PlanCheck) => check.warnings.map((found) => located(check, found));

describe('checkPlan on a small plan', () => {
  it('finds nothing wrong with a well-formed plan and counts its clauses', () => {
    const result = checkPlan(planOf(SOURCE), SOURCE);
    expect(result).toEqual({
      counts: {
        chapters: 1,
        sections: 1,
        items: 1,
        boxes: 0,
        boxHeadings: 0,
        boxEntries: 0,
        indicators: 0,
        paragraphs: 0,
        departmentAnnotations: 0,
      },
      source: 'corpus/testcity.txt',
      warnings: [],
      errors: [],
    });
  });

  it('names file and line of a line that is in no clause', () => {
    const plan = planOf(SOURCE);
    plan.clauses = plan.clauses.filter((c) => c.kind !== 'item');
    expect(errorsOf(checkPlan(plan, SOURCE))).toEqual([
      'corpus/testcity.txt:5 line is in no clause and not skipped: "1. 提高保障水平。落实补贴。"',
    ]);
  });

  it('accepts a line that is on the skip list', () => {
    const plan = planOf(SOURCE);
    plan.clauses = plan.clauses.filter((c) => c.kind !== 'item');
    plan.skipped.push({ line: 5, reason: 'test' });
    expect(errorsOf(checkPlan(plan, SOURCE))).toEqual([]);
  });

  it('reports a duplicate id with the line of its first use', () => {
    const plan = planOf(SOURCE);
    const item = plan.clauses.find((c) => c.kind === 'item');
    if (item) item.id = 'testcity-1-1';
    expect(errorsOf(checkPlan(plan, SOURCE))).toEqual([
      'corpus/testcity.txt:5 duplicate clause id testcity-1-1 (first at line 4)',
    ]);
  });

  it('reports an id the parser had to rename, once, as an error rather than a warning', () => {
    const source = ['一、总体要求', '（一）指导思想。坚持以人民为中心。', '（一）基本原则。坚持党的全面领导。'].join(
      '\n',
    );
    const result = checkPlan(planOf(source), source);
    expect(errorsOf(result)).toEqual([
      'corpus/testcity.txt:3 duplicate clause id testcity-1-1; stored as testcity-1-1-dup2',
    ]);
    expect(warningsOf(result)).toEqual(['corpus/testcity.txt:3 section （一） follows section 1']);
  });

  it('reports an empty clause and a clause over 1,500 characters', () => {
    const plan = planOf(SOURCE);
    const [chapter, section] = plan.clauses;
    if (chapter) chapter.text = ' ';
    if (section) section.text = '残'.repeat(1501);
    expect(errorsOf(checkPlan(plan, SOURCE))).toEqual([
      'corpus/testcity.txt:3 clause testcity-1 is empty',
      'corpus/testcity.txt:4 clause testcity-1-1 has 1501 characters (limit 1500)',
    ]);
  });

  it('passes the parser warnings on as file:line messages, under the corpus directory given', () => {
    const plan = planOf(SOURCE);
    plan.warnings.push(problem(4, 'BOX_WITHOUT_HEADING', { number: 2 }));
    expect(warningsOf(checkPlan(plan, SOURCE, 'data/plans'))).toEqual([
      'data/plans/testcity.txt:4 box entries without a 专栏 heading; read as 专栏2',
    ]);
  });

  it('treats lines of whitespace and ideographic spaces as blank', () => {
    const source = `${SOURCE}\u3000\u3000\n\t \n`;
    expect(checkPlan(planOf(source), source).errors).toEqual([]);
  });
});
