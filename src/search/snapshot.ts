// Start-up shortcut: reuse a saved index snapshot when the clauses and the lexicon are unchanged, else build and save.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Clause } from '../corpus/types.ts';
import type { Tokenizer } from './types.ts';
import { SNAPSHOT_VERSION, buildIndex, loadIndex } from './index.ts';
import type { ClauseIndex } from './index.ts';

/** A key that changes with any clause, any lexicon file or the snapshot version. */
export function snapshotKey(clauses: readonly Clause[], lexiconDir: string): string {
  const hash = crypto.createHash('sha256').update(String(SNAPSHOT_VERSION));
  for (const clause of clauses) hash.update(`${clause.id}\u0000${clause.text}\u0000${clause.path.join('›')}\u0001`);
  for (const file of fs.readdirSync(lexiconDir).sort())
    hash.update(file).update(fs.readFileSync(path.join(lexiconDir, file)));
  return hash.digest('hex').slice(0, 24);
}

/**
 * Loads `<cacheDir>/index-<key>.jsonl` when it exists and is valid; otherwise builds the index and writes the snapshot
 * (atomically, via a temporary file). With no cacheDir it always builds.
 */
export function loadOrBuildIndex(
  clauses: readonly Clause[],
  tokenizer: Tokenizer,
  options: { cacheDir: string | null; lexiconDir: string },
): { index: ClauseIndex; from: 'snapshot' | 'build' } {
  if (!options.cacheDir) return { index: buildIndex(clauses, tokenizer), from: 'build' };
  const file = path.join(options.cacheDir, `index-${snapshotKey(clauses, options.lexiconDir)}.jsonl`);
  if (fs.existsSync(file)) {
    try {
      return { index: loadIndex(fs.readFileSync(file, 'utf8'), clauses, tokenizer), from: 'snapshot' };
    } catch {
      // a damaged or foreign snapshot is rebuilt below
    }
  }
  const index = buildIndex(clauses, tokenizer);
  try {
    fs.mkdirSync(options.cacheDir, { recursive: true });
    for (const old of fs.readdirSync(options.cacheDir)) {
      if (/^index-[0-9a-f]+\.jsonl?$/.test(old)) fs.rmSync(path.join(options.cacheDir, old), { force: true });
    }
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, index.serialize());
    fs.renameSync(temporary, file);
  } catch {
    // a read-only data directory only costs the next start-up a rebuild
  }
  return { index, from: 'build' };
}
