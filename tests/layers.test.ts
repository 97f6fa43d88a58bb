// The import rules of `npm run lint` (.dependency-cruiser.cjs, docs/architecture.md "Layers"): dependency-cruiser run
// as the lint runs it, over small trees written for each case, fails on a cycle and on an import up the layers.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = process.cwd();
const CLI = path.join(ROOT, 'node_modules/.bin/depcruise');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const trees: string[] = [];

/** Writes `files` (path → source) into a fresh folder with the repository's tsconfig.json, as `src/…`. */
function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
  trees.push(dir);
  fs.copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  for (const [file, source] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), source);
  }
  return dir;
}

/** The lint's import check in `dir`: its exit code and what it printed. */
async function cruise(dir: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(CLI, ['src', '--config', CONFIG], { cwd: dir });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

afterAll(() => {
  for (const dir of trees) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the import rules of npm run lint', () => {
  it('pass a tree whose imports run down the layers', async () => {
    const dir = tree({
      'src/corpus/types.ts': 'export type Plan = { id: string };\n',
      'src/answer/cite.ts': "import type { Plan } from '../corpus/types.ts';\nexport const id = (p: Plan) => p.id;\n",
    });
    const { code, output } = await cruise(dir);
    expect(code).toBe(0);
    expect(output).toContain('no dependency violations found');
  });

  it('fail on two modules that import each other', async () => {
    const dir = tree({
      'src/server/headers.ts': "import { json } from './json.ts';\nexport const headers = () => json;\n",
      'src/server/json.ts': "import { headers } from './headers.ts';\nexport const json = () => headers;\n",
    });
    const { code, output } = await cruise(dir);
    expect(code).not.toBe(0);
    expect(output).toContain('error no-circular: src/server/headers.ts →');
  });

  it('fail on an import from a lower layer to a higher one, naming the layer', async () => {
    const dir = tree({
      'src/config.ts': "import { trust } from './server/client-address.ts';\nexport const config = trust;\n",
      'src/server/client-address.ts': 'export const trust = 1;\n',
    });
    const { code, output } = await cruise(dir);
    expect(code).not.toBe(0);
    expect(output).toContain('error no-upward-from-foundation: src/config.ts → src/server/client-address.ts');
  });

  it('fail on a new top-level module that has no layer yet', async () => {
    const dir = tree({
      'src/helpers.ts': "import { trust } from './server/client-address.ts';\nexport const x = trust;\n",
      'src/server/client-address.ts': 'export const trust = 1;\n',
    });
    const { code, output } = await cruise(dir);
    expect(code).not.toBe(0);
    expect(output).toContain('error every-src-module-is-layered: src/helpers.ts → src/server/client-address.ts');
  });
});
