// npm run build (run by npm start first): src/ → dist/ as plain JavaScript, one module per file in the same folders (so
// paths relative to a module, like ../../web/, still hold). The server then runs under plain node: no TypeScript loader
// thread in every process (tsx costs each worker about 33 MiB and its start-up a compile); tests and tools keep running
// the TypeScript sources through tsx and vitest.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const SOURCE = 'src';
const OUT = 'dist';

const entryPoints = fs
  .readdirSync(SOURCE, { recursive: true })
  .map(String)
  .filter((file) => file.endsWith('.ts'))
  .map((file) => path.join(SOURCE, file));

fs.rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints,
  outdir: OUT,
  outbase: SOURCE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  plugins: [
    {
      // Each module stays its own file: a relative import is left to node, pointing at the compiled .js.
      name: 'one-file-per-module',
      setup(builder) {
        builder.onResolve({ filter: /^\.\.?\/.*\.ts$/ }, (args) =>
          args.kind === 'entry-point' ? undefined : { path: args.path.replace(/\.ts$/, '.js'), external: true },
        );
      },
    },
  ],
});
