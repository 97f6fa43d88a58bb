// Start-up shortcut for large corpora: what loading every plan of a manifest gave (each plan parsed, or why it was
// skipped), kept as one JSON file in the system's temporary folder and reused while the manifest, every plan file and
// the corpus code itself (this folder's modules, compiled or not) are unchanged. Parsing is most of start-up at hundreds
// of plans (about 7 ms a plan); checking the key costs one read of each file, and the cached outcome one JSON.parse.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlanMeta } from './types.ts';

/** Where the cached outcomes go, and how many (the newest) are kept there. */
export const PLAN_CACHE_DIR = path.join(os.tmpdir(), 'policy-assistant-corpus');
export const PLAN_CACHE_KEEP = 4;

let codeKey: string | undefined;

/** A hash of the modules next to this one: a change to the parser or the loader is a new key. */
function corpusCode(): string {
  if (codeKey === undefined) {
    const dir = path.dirname(fileURLToPath(import.meta.url));
    const hash = crypto.createHash('sha256');
    for (const file of fs.readdirSync(dir).sort()) {
      if (/\.[cm]?[jt]s$/.test(file)) hash.update(file).update(fs.readFileSync(path.join(dir, file)));
    }
    codeKey = hash.digest('hex');
  }
  return codeKey;
}

/** The key of a corpus: the code, the folder, the manifest's entries and the bytes of every plan file. */
function corpusKey(dir: string, metas: readonly PlanMeta[]): string {
  const hash = crypto.createHash('sha256').update(corpusCode()).update(path.resolve(dir)).update(JSON.stringify(metas));
  for (const meta of metas) {
    hash.update('\u0000');
    try {
      hash.update(fs.readFileSync(path.join(dir, meta.file)));
    } catch {
      hash.update('\u0001missing');
    }
  }
  return hash.digest('hex').slice(0, 32);
}

/**
 * `compute()` for this corpus, or what it returned the last time for the same key. The value must survive JSON (plain
 * data). Any trouble with the cache (unwritable folder, a damaged or vanished file) falls back to computing.
 */
export function cachedForCorpus<T>(dir: string, metas: readonly PlanMeta[], compute: () => T): T {
  let file: string;
  try {
    file = path.join(PLAN_CACHE_DIR, `plans-${corpusKey(dir, metas)}.json`);
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    return compute();
  }
  const value = compute();
  try {
    fs.mkdirSync(PLAN_CACHE_DIR, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(value));
    fs.renameSync(temporary, file);
    prune();
  } catch {
    // a read-only temporary folder only costs the next start-up a parse
  }
  return value;
}

/** Keeps the newest PLAN_CACHE_KEEP outcomes (tests and tools load many small corpora). */
function prune(): void {
  const files = fs
    .readdirSync(PLAN_CACHE_DIR)
    .filter((name) => /^plans-[0-9a-f]+\.json$/.test(name))
    .map((name) => ({ name, time: fs.statSync(path.join(PLAN_CACHE_DIR, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { name } of files.slice(PLAN_CACHE_KEEP)) fs.rmSync(path.join(PLAN_CACHE_DIR, name), { force: true });
}
