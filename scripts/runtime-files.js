// What the built server reads at run time besides its compiled modules, found in the sources themselves: every file a
// module names with `new URL('<literal>', import.meta.url)` (a helper it spawns, a page it serves, the web/ folder), and
// every file under src/ that is not TypeScript (copied into dist/ as it is). The build checks the list after compiling,
// and tests/build.test.ts removes each entry from a fresh build to see the check fail.
import fs from 'node:fs';
import path from 'node:path';

/** `new URL('./x.mjs', import.meta.url)` and the same with double quotes or a template literal without `${`. */
const URL_REFERENCE = /new URL\(\s*(['"`])([^'"`$]+)\1\s*,\s*import\.meta\.url\s*\)/g;

/** Every file under `dir` (relative paths, `/` separators), sorted. */
function filesUnder(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** The non-TypeScript files under `sourceDir` (relative to it): the build copies them into the output as they are. */
export function assetFiles(sourceDir) {
  return filesUnder(sourceDir).filter((file) => !/\.ts$/.test(file));
}

/**
 * The run-time references of the modules under `sourceDir`, each as the module that makes it (relative to `sourceDir`)
 * and the literal it names (relative to that module; a trailing `/` names a folder).
 */
export function urlReferences(sourceDir) {
  const references = [];
  for (const module of filesUnder(sourceDir).filter((file) => file.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(sourceDir, module), 'utf8');
    for (const match of text.matchAll(URL_REFERENCE)) references.push({ module, target: match[2] });
  }
  return references;
}

/**
 * What a build in `outDir` (compiled from `sourceDir`) lacks: each reference resolved from the compiled module's folder,
 * and each asset at its place. Empty when everything the server loads at run time is there.
 */
export function missingRuntimeFiles(sourceDir, outDir) {
  const missing = [];
  for (const { module, target } of urlReferences(sourceDir)) {
    const resolved = path.resolve(outDir, path.dirname(module), target);
    const present = target.endsWith('/')
      ? fs.existsSync(resolved) && fs.statSync(resolved).isDirectory()
      : fs.existsSync(resolved) && fs.statSync(resolved).isFile();
    if (!present) missing.push(`${path.relative(process.cwd(), resolved) || '.'} (named in src/${module})`);
  }
  for (const asset of assetFiles(sourceDir)) {
    if (!fs.existsSync(path.join(outDir, asset)))
      missing.push(`${path.join(path.relative(process.cwd(), outDir), asset)} (src/${asset})`);
  }
  return missing;
}
