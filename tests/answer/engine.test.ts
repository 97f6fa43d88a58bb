// The answer engine on the real plans: intents, composition, follow-ups, easy mode, abstention, and the dev-set floor.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/runtime/services.ts';
import { scoreEval } from '../../scripts/eval-score.ts';
import type { EvalItem } from '../../scripts/eval-score.ts';
import { testServices } from '../services.ts';

let deps: Services;
beforeAll(async () => {
  deps = await testServices();
});

describe('long messages', () => {
  it('cites the clause that says the story and the question together, not one that says them pages apart', () => {
    // jining-3-1-3 says 完善养老服务机构功能，接收符合条件的老年残疾人 in one sentence; jining-3-3-5 (辅助器具适配服务),
    // first when whole clauses were compared, names 养老机构 once in a list of providers, apart from the rest.
    const r = deps.ask({
      question:
        '俺娘八十多了，耳朵聋眼睛也不好，办了残疾证。俺们两口子在外地打工顾不上她。济宁的养老院收不收残疾的老人？',
    });
    expect(r.citations[0]?.id).toBe('jining-3-1-3');
    expect(r.answer.replace(/\s/g, '')).toContain('完善养老服务机构功能，接收符合条件的老年残疾人');
  });
});

describe('composing answers', () => {
  it('answers an indicator from the structured row (济宁 基本康复服务覆盖率: ＞90 → ＞95, 约束性)', () => {
    const r = deps.ask({ question: '济宁 残疾人基本康复服务覆盖率 目标' });
    expect(r.intent).toBe('indicator');
    expect(r.citations[0]?.id).toBe('jining-box1-6');
    expect(r.answer).toContain('济宁：残疾人基本康复服务覆盖率（%），2020年＞90，2025年目标＞95（约束性）。');
  });

  it('answers a number asked per year from the sentence giving one per year, not from the five-year target row', () => {
    const r = deps.ask({ question: '张掖无障碍改造一年能改多少户？' });
    expect(r.citations[0]?.id).toBe('zhangye-box8-1-3');
    expect(r.answer).toContain('每年为 200 户困难重度残疾人家庭实施无障碍改造，五年累计改造 1000 户。');
  });

  it('names the lead departments of 济宁’s 残疾预防 item', () => {
    const r = deps.ask({ question: '济宁 残疾预防 牵头部门' });
    expect(r.intent).toBe('department');
    expect(r.citations[0]?.id).toBe('jining-3-3-1');
    expect(r.answer).toContain('牵头单位是市卫生健康委、市残联');
  });

  it('says so, quoting the clause, when a plan names no lead departments at all (张掖)', () => {
    const r = deps.ask({ question: '张掖 残疾预防 牵头部门' });
    expect(r.answered).toBe(false);
    expect(r.answer).toContain('张掖的规划没有写明牵头部门');
    expect(r.citations[0]?.city).toBe('张掖');
  });

  it('quotes the clause verbatim and says where to ask', () => {
    const r = deps.ask({ question: '低保边缘户家里的残疾人，能不能纳入低保？', city: '济宁' });
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('低保边缘家庭中的残疾人');
    expect(r.citations[0]?.text).toContain('低保边缘家庭中的残疾人');
    expect(r.answer).toContain('12385');
    expect(r.answer).toContain('2021—2025年');
  });

  it('keeps the city of an earlier turn for a follow-up', () => {
    const r = deps.ask({ question: '那孩子康复呢？', history: ['我在张掖', '重度残疾人有护理补贴吗'] });
    expect(r.city).toBe('张掖');
    expect(r.citations.every((c) => c.city === '张掖')).toBe(true);
  });

  it('answers across cities, one cited line per city, when no city is given', () => {
    const r = deps.ask({ question: '盲人按摩有什么扶持？' });
    expect(r.city).toBeNull();
    const cities = r.citations.map((c) => c.city);
    expect(new Set(cities).size).toBe(cities.length);
    expect(cities.length).toBeGreaterThanOrEqual(3);
  });

  it('compares three named cities, a line each: 三个地方 counts places, it is no topic only 青州’s clause happens to hold', () => {
    const r = deps.ask({ question: '青州、双鸭山、张掖三个地方对盲人按摩各有什么政策？' });
    expect(r.intent).toBe('compare');
    expect(new Set(r.citations.map((c) => c.city))).toEqual(new Set(['青州', '双鸭山', '张掖']));
    expect(r.answer).not.toContain('没有找到相关内容');
    // Each city's line is its own plan's 盲人按摩 clause.
    const line = (city: string) => r.citations.find((c) => c.city === city)?.text ?? '';
    expect(line('青州')).toContain('完善盲人按摩产业扶持政策');
    // 张掖: the box entry on 盲人按摩 (its passages say 盲人按摩 throughout), before the long employment clause that
    // names it once among other things.
    expect(line('张掖')).toContain(
      '盲人按摩提升项目。大力推进盲人按摩人员在医院、社区卫生服务机构和残疾人康复托养机构等就业执业',
    );
    expect(line('双鸭山')).toContain('大力推进盲人医疗按摩人员在医院、社区卫生服务机构等就业执业');
  });

  it('读书的屋子 is a place described by what is done there, and 盲人阅览室: both cities of the comparison get their line', () => {
    const r = deps.ask({ question: '济宁和张掖的图书馆，会不会专门给看不见的人开个读书的屋子？' });
    expect(new Set(r.citations.map((c) => c.city))).toEqual(new Set(['济宁', '张掖']));
  });

  it('两地 in a comparison says where, it is no thing the plans lack (三、四级 护理补贴 in 双鸭山 and 张掖)', () => {
    const r = deps.ask({ question: '双鸭山和张掖，三级四级的智力、精神残疾能不能领护理补贴，两地说法一样吗？' });
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('重度残疾人护理补贴扩大到三、四级智力、精神残疾人或其他残疾人');
  });

  it('quotes for every city of a comparison the clause that states the asked fact (年龄: 0~6岁 and 0-16岁)', () => {
    const r = deps.ask({ question: '永济和张掖给残疾孩子做康复救助，年龄上管到多大？' });
    expect(r.intent).toBe('compare');
    expect(r.answer).toContain('对有康复需求的0~6岁残疾儿童应救尽救');
    expect(r.answer).toContain('组织实施天使康复（0-16岁）计划');
  });

  it('writes short plain sentences in easy mode and still links the clause', () => {
    const r = deps.ask({ question: '重度残疾人有护理补贴吗？', city: '永济', mode: 'easy' });
    expect(r.answered).toBe(true);
    expect(r.citations.length).toBeGreaterThan(0);
    const sentences = r.answer.split('。').filter(Boolean);
    const short = sentences.filter((s) => [...s].length <= 24).length;
    expect(short / sentences.length).toBeGreaterThan(0.6);
  });

  it('takes the city field in traditional characters and still abstains on the unstated amount', () => {
    const r = deps.ask({ question: '重度殘疾人護理補貼標準是多少', city: '濟寧' });
    expect(r.city).toBe('济宁');
    expect(r.answered).toBe(false);
    expect(r.answer).toContain('没有写明具体金额或标准');
  });

  it('maps an English word to the plan term (wheelchair → 辅助器具)', () => {
    const r = deps.ask({ question: '残疾人 wheelchair 适配', city: '青州' });
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain('辅助器具');
    expect(deps.search('wheelchair', { city: '青州', limit: 3 })[0]?.text).toContain('辅助器具');
  });

  it('finds 济宁’s two subsidies for 两项补贴, a term its plan never uses, and explains it in easy mode', () => {
    const r = deps.ask({ question: '两项补贴是什么', city: '济宁', mode: 'easy' });
    expect(r.citations[0]?.id).toBe('jining-3-1-2');
    expect(r.answer).toContain('两项补贴：就是困难残疾人生活补贴和重度残疾人护理补贴。');
  });

  it('reads a box entry’s name as a label (“最低生活保障：将符合条件…”)', () => {
    const r = deps.ask({ question: '低保边缘家庭的残疾人能参照单人户纳入低保吗？', city: '济宁' });
    expect(r.citations[0]?.id).toBe('jining-box2-2');
    expect(r.answer).not.toContain('最低生活保障 将');
  });

  it('does not answer for a city outside the corpus (广州)', () => {
    const r = deps.ask({ question: '广州残疾人两项补贴标准是多少？' });
    expect(r.answered).toBe(false);
    expect(r.citations).toEqual([]);
    expect(r.answer).toContain('广州');
  });

  it('abstains when the asked amount is not in the plan (青州 养老金 每月多少钱)', () => {
    const r = deps.ask({ question: '青州残疾人的养老金每个月能领多少钱？' });
    expect(r.answered).toBe(false);
    expect(r.answer).toContain('12385');
  });

  it('abstains on nonsense', () => {
    expect(deps.ask({ question: 'asdfgh qwerty' }).answered).toBe(false);
  });
});

describe('the development questions (tests/eval: dev 61 + tune 132)', () => {
  const read = (file: string) =>
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as EvalItem);

  it.each([
    // file, hit@1, hit@3, compare covered, abstained, false abstention at most
    ['dev', 0.95, 0.98, 4, 6, 0],
    ['tune', 0.9, 0.97, 7, 15, 0.01],
  ] as const)(
    '%s stays at or above the measured floor (hit@1 %s, hit@3 %s, compare %s, abstention %s)',
    (set, h1, h3, compare, abstained, falseAbstention) => {
      const report = scoreEval(read(`tests/eval/${set}.jsonl`), deps.ask);
      expect(report.hit1).toBeGreaterThanOrEqual(h1);
      expect(report.hit3).toBeGreaterThanOrEqual(h3);
      expect(report.compareCovered).toBeGreaterThanOrEqual(compare);
      expect(report.abstained).toBeGreaterThanOrEqual(abstained);
      expect(report.falseAbstention).toBeLessThanOrEqual(falseAbstention);
      expect(report.crossCity).toBe(0);
    },
  );
});
