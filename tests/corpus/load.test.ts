// Loading the manifest and the plan files: the real corpus, and the errors staff see when a plan is broken.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, it, expect } from 'vitest';
import { CorpusError, loadCorpus, loadPlan, readManifest } from '../../src/corpus/load.ts';
import type { PlanMeta } from '../../src/corpus/types.ts';

const CORPUS_DIR = path.join(import.meta.dirname, '../../corpus');
const temporary: string[] = [];

function tempCorpus(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-load-'));
  temporary.push(dir);
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

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

afterEach(() => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('loadCorpus on the real corpus', () => {
  it('loads the five plans of the manifest in order, with their cities and seed files', () => {
    const plans = loadCorpus(CORPUS_DIR);
    expect(plans.map((p) => [p.id, p.city, p.seedFile])).toEqual([
      ['qingzhou', '青州', '000_f9a15bcab960cf02.txt'],
      ['shuangyashan', '双鸭山', '001_b94ac6c76bdd3040.txt'],
      ['yongji', '永济', '002_5bf64058b5ed9e5e.txt'],
      ['jining', '济宁', '003_d69efc627f7d24d0.txt'],
      ['zhangye', '张掖', '004_a21516f2c4b52b0d.txt'],
    ]);
  });

  it('reads the document numbers the plans state, and null for 青州 and 双鸭山', () => {
    expect(readManifest(CORPUS_DIR).map((m) => m.docNumber)).toEqual([
      null,
      null,
      '永政发〔2022〕47号',
      '济政字〔2021〕71号',
      '张政发〔2022〕32号',
    ]);
  });
});

/** The CorpusError `load` throws (fails the test when it throws anything else or nothing). */
function catchCorpusError(load: () => unknown): CorpusError {
  try {
    load();
  } catch (error) {
    if (error instanceof CorpusError) return error;
    throw error;
  }
  throw new Error('expected a CorpusError');
}

describe('loading a broken corpus', () => {
  it('throws a CorpusError naming the file when the manifest lists a missing plan', () => {
    const dir = tempCorpus({ 'manifest.json': JSON.stringify({ plans: [META] }) });
    expect(() => loadCorpus(dir)).toThrow(CorpusError);
    expect(() => loadCorpus(dir)).toThrow(/testcity\.txt/);
  });

  it('throws a CorpusError when a plan text is empty', () => {
    const dir = tempCorpus({ 'manifest.json': JSON.stringify({ plans: [META] }), 'testcity.txt': '\n\n  \n' });
    expect(() => loadPlan(dir, META)).toThrow(CorpusError);
    expect(() => loadPlan(dir, META)).toThrow(/testcity\.txt:1 yields no clauses/);
  });

  it('throws a CorpusError naming the manifest when it is missing', () => {
    const dir = tempCorpus({});
    expect(() => readManifest(dir)).toThrow(/manifest\.json/);
  });

  it('rejects a manifest entry without a title', () => {
    const dir = tempCorpus({ 'manifest.json': JSON.stringify({ plans: [{ ...META, title: undefined }] }) });
    expect(() => readManifest(dir)).toThrow('plans[0] needs a non-empty string "title"');
  });

  it('rejects a plan id that is not URL-safe and a plan listed twice', () => {
    const bad = tempCorpus({ 'manifest.json': JSON.stringify({ plans: [{ ...META, id: 'Test City' }] }) });
    expect(() => readManifest(bad)).toThrow(/is not URL-safe/);
    const twice = tempCorpus({ 'manifest.json': JSON.stringify({ plans: [META, META] }, null, 2) });
    expect(() => readManifest(twice)).toThrow(/lists plan id "testcity" a second time/);
  });

  it('carries the file, line and code of the fault as fields, not only in its message', () => {
    const manifest = JSON.stringify({ plans: [META, META] }, null, 2);
    const twice = tempCorpus({ 'manifest.json': manifest });
    const secondId = manifest.split('\n').findLastIndex((line) => line.includes('"id": "testcity"')) + 1;
    expect(catchCorpusError(() => readManifest(twice))).toMatchObject({
      code: 'DUPLICATE_PLAN_ID',
      file: path.join(twice, 'manifest.json'),
      line: secondId,
    });
    const empty = tempCorpus({ 'manifest.json': JSON.stringify({ plans: [META] }), 'testcity.txt': '\n' });
    expect(catchCorpusError(() => loadPlan(empty, META))).toMatchObject({
      code: 'NO_CLAUSES',
      file: path.join(empty, 'testcity.txt'),
      line: 1,
    });
  });
});
