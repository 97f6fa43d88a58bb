// Corpus faults at start-up: a broken plan is skipped with a warning naming file and line; a broken manifest or lexicon stops.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { loadPlans } from '../../src/corpus/load.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of corpus/ under the OS temp directory, changed by `change`. */
function corpusCopy(change: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-'));
  dirs.push(dir);
  fs.cpSync(path.join(ROOT, 'corpus'), dir, { recursive: true });
  change(dir);
  return dir;
}

/** loadPlans with a logger whose warnings are collected. */
function load(dir: string) {
  const warnings: { event: string; plan?: string; line?: number; code?: string; message?: string }[] = [];
  const log = createLogger('warn', (line) => warnings.push(JSON.parse(line) as (typeof warnings)[number]));
  const { plans, skipped } = loadPlans(dir, log);
  return { ids: plans.map((plan) => plan.id), skipped, warnings };
}

const editManifest = (dir: string, edit: (plans: Record<string, unknown>[]) => void) => {
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { plans: Record<string, unknown>[] };
  edit(manifest.plans);
  fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
};

describe('a broken plan is skipped with a warning naming file and line', () => {
  it('skips an empty plan', () => {
    const dir = corpusCopy((d) => fs.writeFileSync(path.join(d, 'yongji.txt'), ''));
    const { ids, skipped, warnings } = load(dir);
    expect(ids).toEqual(['qingzhou', 'shuangyashan', 'jining', 'zhangye']);
    expect(skipped).toEqual([
      {
        id: 'yongji',
        file: path.join(dir, 'yongji.txt'),
        message: `corpus: ${path.join(dir, 'yongji.txt')}:1 yields no clauses (empty or not a plan)`,
      },
    ]);
    expect(warnings.find((w) => w.event === 'corpus_plan_skipped')?.plan).toBe('yongji');
  });

  it('skips a file that is not shaped like a plan', () => {
    const dir = corpusCopy((d) => fs.writeFileSync(path.join(d, 'zhangye.txt'), '{"this": "is json"}\nhello\n'));
    const { ids, skipped } = load(dir);
    expect(ids).not.toContain('zhangye');
    expect(skipped[0]?.message).toBe(
      `corpus: ${path.join(dir, 'zhangye.txt')}:1 has no chapter heading (一、…); it does not read as a plan.`,
    );
  });

  it('skips a plan with bytes that are not UTF-8, naming the line', () => {
    const dir = corpusCopy((d) => {
      const file = path.join(d, 'jining.txt');
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const bad = Buffer.concat([Buffer.from(lines.slice(0, 4).join('\n') + '\n'), Buffer.from([0xff, 0xfe, 0x0a])]);
      fs.writeFileSync(file, Buffer.concat([bad, Buffer.from(lines.slice(4).join('\n'))]));
    });
    const { ids, skipped } = load(dir);
    expect(ids).not.toContain('jining');
    expect(skipped[0]?.message).toBe(
      `corpus: ${path.join(dir, 'jining.txt')}:5 is not valid UTF-8; save the plan as UTF-8 text.`,
    );
  });

  it('skips a plan whose file is missing', () => {
    const dir = corpusCopy((d) => fs.rmSync(path.join(d, 'qingzhou.txt')));
    const { ids, skipped } = load(dir);
    expect(ids).toEqual(['shuangyashan', 'yongji', 'jining', 'zhangye']);
    expect(skipped[0]?.message).toMatch(/^corpus: cannot read .*qingzhou\.txt: ENOENT/);
  });

  it('skips a second plan for a city that is already covered', () => {
    const dir = corpusCopy((d) =>
      editManifest(d, (plans) => plans.push({ ...plans[3], id: 'jining-copy', file: 'jining.txt' })),
    );
    const { ids, skipped } = load(dir);
    expect(ids).toEqual(['qingzhou', 'shuangyashan', 'yongji', 'jining', 'zhangye']);
    expect(skipped[0]?.message).toBe(
      `corpus: ${path.join(dir, 'jining.txt')}:1 is for 济宁, which plan jining already covers.`,
    );
  });

  it('renames a duplicate clause id inside a plan and logs the line', () => {
    const dir = corpusCopy((d) => {
      const file = path.join(d, 'yongji.txt');
      const text = fs.readFileSync(file, 'utf8').split('\n');
      const at = text.findIndex((line, i) => i > 40 && line.startsWith('（二）基本原则'));
      text.splice(at + 1, 0, '（二）基本原则。这一节重复出现了一次。');
      fs.writeFileSync(file, text.join('\n'));
    });
    const { ids, warnings } = load(dir);
    expect(ids).toContain('yongji');
    const duplicate = warnings.find((w) => w.event === 'corpus_warning' && /duplicate clause id/.test(w.message ?? ''));
    expect(duplicate).toMatchObject({
      plan: 'yongji',
      code: 'CLAUSE_ID_RENAMED',
      message: 'duplicate clause id yongji-2-2; stored as yongji-2-2-dup2',
    });
    expect(duplicate?.line).toBeGreaterThan(40);
  });
});

describe('a broken manifest or lexicon stops start-up with a sentence', () => {
  it('names the manifest line of a plan id listed twice', () => {
    const dir = corpusCopy((d) => editManifest(d, (plans) => plans.push({ ...plans[0], city: '别处' })));
    const file = path.join(dir, 'manifest.json');
    const line = fs.readFileSync(file, 'utf8').split('\n').lastIndexOf('      "id": "qingzhou",') + 1;
    expect(() => load(dir)).toThrow(
      `corpus: ${file}:${line} lists plan id "qingzhou" a second time; give each plan its own id.`,
    );
  });

  it('stops when no plan can be loaded', () => {
    const dir = corpusCopy((d) => {
      for (const name of ['qingzhou', 'shuangyashan', 'yongji', 'jining', 'zhangye'])
        fs.writeFileSync(path.join(d, `${name}.txt`), '');
    });
    expect(() => load(dir)).toThrow(`corpus: no plan listed in ${path.join(dir, 'manifest.json')} could be loaded`);
  });

  it('exits 1 with a sentence, not a native abort, when the jieba user dictionary is missing', () => {
    const dir = corpusCopy((d) => fs.rmSync(path.join(d, 'lexicon', 'userdict.txt')));
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, CORPUS_DIR: dir, PORT: '0', WORKERS: '1', LOG_LEVEL: 'error', DATA_DIR: dir },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`lexicon: missing file ${path.join(dir, 'lexicon', 'userdict.txt')}`);
  }, 25_000);

  it('stops the whole cluster with the worker exit code when start-up fails in the workers', () => {
    const dir = corpusCopy((d) => fs.writeFileSync(path.join(d, 'manifest.json'), '{"plans": ['));
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, CORPUS_DIR: dir, PORT: '0', WORKERS: '2', LOG_LEVEL: 'error', DATA_DIR: dir },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`corpus: cannot read ${path.join(dir, 'manifest.json')}`);
  }, 25_000);
});
