// docs/architecture.md's module map is made from the tree as it is: every file of src/ has its row, every row a file.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name).replace(/\\/g, '/')],
    );
}

const architecture = fs.readFileSync('docs/architecture.md', 'utf8');
const map = architecture.slice(architecture.indexOf('## Module map'), architecture.indexOf('## HTTP contract'));
const rows = [...map.matchAll(/^\| `(src\/[^`]+)` \|/gm)].map((match) => match[1]);

describe('the module map of docs/architecture.md', () => {
  it('has a row for every file of src/, and no row for a file that is gone', () => {
    expect([...rows].sort()).toEqual(sourceFiles('src').sort());
  });

  it('gives each file the job its own header states', () => {
    for (const file of ['src/runtime/start.ts', 'src/voice/protocol.ts', 'src/audio/resample.ts']) {
      const header = fs
        .readFileSync(file, 'utf8')
        .split('\n')[0]!
        .replace(/^\/\/ /, '');
      expect(map).toContain(`| \`${file}\` | ${header}`);
    }
  });
});
