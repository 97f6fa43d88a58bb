// Start-up shortcut for large corpora: what loading every plan of a manifest gave (each plan parsed, or why it was
// skipped), kept as one JSON file in the system's temporary folder and reused while the manifest, every plan file and
// the corpus code itself (this folder's modules, compiled or not) are unchanged. Parsing is most of start-up at hundreds
// of plans (about 7 ms a plan); checking the key costs one read of each file, and the cached outcome one JSON.parse.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diskMemo } from '../disk-memo.ts';
import type { PlanMeta } from './types.ts';

/** Where the cached outcomes go (under the temporary folder), and how many (the newest) are kept there. */
export const PLAN_CACHE_FOLDER = 'policy-assistant-corpus';
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
 * `compute()` for this corpus, or what it returned the last time for the same key (src/disk-memo.ts). The value must
 * survive JSON (plain data).
 */
export function cachedForCorpus<T>(dir: string, metas: readonly PlanMeta[], compute: () => T): T {
  let key: string;
  try {
    key = corpusKey(dir, metas);
  } catch {
    return compute();
  }
  return diskMemo({ folder: PLAN_CACHE_FOLDER, key, keep: PLAN_CACHE_KEEP }, compute);
}
