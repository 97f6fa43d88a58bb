// A corpus with more plans than a list can read out (13: the five shipped plans and eight copies under other
// prefectures' names, written to a temporary folder): a question naming no place is asked "which place?", comparisons
// name their places, a county without its own plan is answered from its prefecture's plan and says so, and a county
// with its own plan (青州, in 潍坊) keeps it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { createServices, type Services } from '../../src/runtime/services.ts';

/** Copy's city → the shipped plan it copies. */
const COPIES: Record<string, string> = {
  潍坊: 'jining',
  运城: 'yongji',
  菏泽: 'zhangye',
  临沂: 'shuangyashan',
  泰安: 'qingzhou',
  德州: 'jining',
  聊城: 'zhangye',
  滨州: 'yongji',
};

let dir: string;
let deps: Services;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-13-'));
  fs.cpSync('corpus/lexicon', path.join(dir, 'lexicon'), { recursive: true });
  type Meta = { id: string; city: string; title: string; file: string };
  const seeds = (JSON.parse(fs.readFileSync('corpus/manifest.json', 'utf8')) as { plans: Meta[] }).plans;
  const plans: Meta[] = [];
  for (const seed of seeds) {
    fs.copyFileSync(path.join('corpus', seed.file), path.join(dir, seed.file));
    plans.push(seed);
  }
  Object.entries(COPIES).forEach(([city, of], i) => {
    const seed = seeds.find((s) => s.id === of) as Meta;
    const text = fs.readFileSync(path.join('corpus', seed.file), 'utf8').split(seed.city).join(city);
    fs.writeFileSync(path.join(dir, `copy${i}.txt`), text);
    const title = seed.title.split(seed.city).join(city);
    plans.push({ ...seed, id: `copy${i}`, city, title, file: `copy${i}.txt` });
  });
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ plans }));
  deps = await createServices(loadConfig({ CORPUS_DIR: dir, LOG_LEVEL: 'error', LIMIT_ANSWER_CACHE_ENTRIES: '0' }), {
    log: createLogger('error'),
    dataDir: null,
  });
}, 300_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('national scale: which place?', () => {
  it('asks at once while the plan-level router is still being built after start-up, offering no places yet', async () => {
    const r = deps.ask({ question: '重度残疾人护理补贴' });
    expect(r.answered).toBe(false);
    expect(r.places).toEqual([]);
    expect(r.suggestions).toEqual([]);
    expect(r.answer).toBe('各地政策不同，请问您在哪个市或区县？我们收录了13个地方的规划，请说出地名再问一次。');
    await deps.routerReady();
  });

  it('asks where the resident lives instead of searching all 13 plans, offering five places as questions', () => {
    const r = deps.ask({ question: '重度残疾人护理补贴' });
    expect(r.answered).toBe(false);
    expect(r.citations).toEqual([]);
    expect(r.places).toHaveLength(5);
    expect(r.answer).toMatch(/^各地政策不同，请问您在哪个市或区县？我们收录了13个地方的规划/);
    expect(r.suggestions).toEqual(r.places?.slice(0, 3).map((city) => `${city}重度残疾人护理补贴`));
  });

  it('offers first the plans that mention the question’s plan term (人工耳蜗: 济宁, 青州 and the copies of 济宁 and 青州)', () => {
    const r = deps.ask({ question: '人工耳蜗有补助吗' });
    expect(new Set(r.places)).toEqual(new Set(['济宁', '青州', '潍坊', '泰安', '德州']));
  });

  it('asks which places to compare when a comparison names fewer than two', () => {
    const r = deps.ask({ question: '各地残疾人托养服务对比' });
    expect(r.answered).toBe(false);
    expect(r.answer).toMatch(/^我们收录了13个地方的规划，请说出要比较的地方/);
    const two = deps.ask({ question: '济宁和潍坊的残疾人托养服务对比' });
    expect(two.answered).toBe(true);
    expect(new Set(two.citations.map((c) => c.city))).toEqual(new Set(['济宁', '潍坊']));
  });

  it('answers from the chosen city or an earlier turn’s place without asking', () => {
    expect(deps.ask({ question: '重度残疾人护理补贴', city: '运城' }).city).toBe('运城');
    expect(deps.ask({ question: '重度残疾人护理补贴', history: ['我在临沂'] }).city).toBe('临沂');
  });

  it('searches for an operator with no city only in the plans the router ranks first (12 of 13)', () => {
    const cities = new Set(deps.search('托养', { city: null, limit: 50 }).map((h) => h.city));
    expect(cities.size).toBeLessThanOrEqual(12);
  });
});

describe('national scale: places through the gazetteer', () => {
  it('answers 寿光 (a county of 潍坊 with no plan of its own) from 潍坊’s plan and says so', () => {
    const r = deps.ask({ question: '寿光重度残疾人护理补贴' });
    expect(r.city).toBe('潍坊');
    expect(r.answer.startsWith('寿光市没有单独的规划，以下是潍坊的规划。')).toBe(true);
  });

  it('answers 青州 (a county of 潍坊 with its own plan) from its own plan, with no such sentence', () => {
    const r = deps.ask({ question: '青州重度残疾人护理补贴' });
    expect(r.city).toBe('青州');
    expect(r.answer).not.toContain('没有单独的规划');
  });
});
