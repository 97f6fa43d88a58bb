// The build carries everything the server loads at run time (issue 18): a fresh `npm run build` into a folder beside
// src/ holds every file the sources name through `new URL(…, import.meta.url)` and every non-TypeScript file of src/,
// and taking any one of them away is reported, so a helper left out of dist/ (espeak-host.mjs was) fails here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript build helper without types (scripts/runtime-files.js)
import { assetFiles, missingRuntimeFiles, urlReferences } from '../scripts/runtime-files.js';

interface Reference {
  module: string;
  target: string;
}
const references = urlReferences as (dir: string) => Reference[];
const assets = assetFiles as (dir: string) => string[];
const missing = missingRuntimeFiles as (source: string, out: string) => string[];

const OUT = `.tmp-build-${process.pid}`;

describe('npm run build', () => {
  beforeAll(() => {
    const run = spawnSync(process.execPath, ['scripts/build.js', OUT], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 120_000);
  afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

  it('finds the files the sources load at run time', () => {
    // Read from src/: the speech helper espeak-host.ts spawns, the web/ folder server/pages.ts serves, the admin page.
    expect(references('src')).toEqual(
      expect.arrayContaining([
        { module: 'voice/espeak-host.ts', target: './espeak-host.mjs' },
        { module: 'server/pages.ts', target: '../../web/' },
        { module: 'admin/pages.ts', target: '../../web/admin.html' },
      ]),
    );
    expect(assets('src')).toContain('voice/espeak-host.mjs');
  });

  it('puts every one of them where the compiled modules look', () => {
    expect(missing('src', OUT)).toEqual([]);
    expect(fs.readFileSync(path.join(OUT, 'voice/espeak-host.mjs'), 'utf8')).toBe(
      fs.readFileSync('src/voice/espeak-host.mjs', 'utf8'),
    );
  });

  it('reports each runtime file taken out of the build', () => {
    const inBuild = [
      ...references('src')
        .map(({ module, target }) => path.join(OUT, path.dirname(module), target))
        .filter((file) => file.startsWith(`${OUT}${path.sep}`)),
      ...assets('src').map((asset) => path.join(OUT, asset)),
    ];
    expect(inBuild).toContain(path.join(OUT, 'voice/espeak-host.mjs'));
    for (const file of new Set(inBuild)) {
      fs.renameSync(file, `${file}.away`);
      try {
        expect(missing('src', OUT).join('\n')).toContain(file);
      } finally {
        fs.renameSync(`${file}.away`, file);
      }
    }
  });

  it('reports a reference to a file outside the build that is not there', () => {
    const source = fs.mkdtempSync('.tmp-source-');
    try {
      fs.mkdirSync(path.join(source, 'voice'));
      fs.writeFileSync(path.join(source, 'voice/a.ts'), "const x = new URL('../../nowhere.html', import.meta.url);\n");
      expect(missing(source, OUT)).toEqual([`nowhere.html (named in src/voice/a.ts)`]);
    } finally {
      fs.rmSync(source, { recursive: true, force: true });
    }
  });
});
