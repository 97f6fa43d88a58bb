// Start-up shortcut for large corpora: what loading every plan of a manifest gave (each plan parsed, or why it was
// skipped), kept in the system's temporary folder as two files: `<key>.json`, every plan without its clauses (small),
// and `<key>.clauses`, one line of clauses per plan. Start-up reads the first; a plan's clauses are read when something
// first needs them (its index part is built or searched, the viewer shows it) and the least recently used are let go.
// The key is the corpus code (this folder's modules, compiled or not), the folder, the manifest's entries and each plan
// file's size and modification time: checking it reads no plan, so start-up does not grow with the plans' text.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LRUCache } from 'lru-cache';
import type { Clause, Plan, PlanMeta } from './types.ts';

/**
 * Where the cached outcomes go (under the temporary folder), and how many (the newest) are kept there. Not the folder
 * of the earlier one-file cache (policy-assistant-corpus): an older build on the same machine prunes that one its way.
 */
export const PLAN_CACHE_FOLDER = 'policy-assistant-plans';
export const PLAN_CACHE_KEEP = 4;
/** Plans whose clauses stay in memory once read (about 0.3 MiB each); the least recently used are read again. */
export const PLAN_CLAUSES_KEPT = 128;

/** A plan's outcome: parsed, or why it was skipped. */
export type Outcome<S> = { plan: Plan } | { skipped: S };

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

/** The key of a corpus: the code, the folder, the manifest's entries and each plan file's size and modification time. */
export function corpusKey(dir: string, metas: readonly PlanMeta[]): string {
  const hash = crypto.createHash('sha256').update(corpusCode()).update(path.resolve(dir)).update(JSON.stringify(metas));
  for (const meta of metas) {
    try {
      const stat = fs.statSync(path.join(dir, meta.file));
      hash.update(`\u0000${stat.size}:${stat.mtimeMs}`);
    } catch {
      hash.update('\u0001missing');
    }
  }
  return hash.digest('hex').slice(0, 32);
}

/** A plan as the header keeps it: everything but its clauses, and how many it has. */
type Shelved = Omit<Plan, 'clauses'> & { clauseCount: number };
interface Header<S> {
  outcomes: ({ plan: Shelved; at: [number, number] } | { skipped: S })[];
}

/** Writes the outcomes' clauses one line per plan, then the header (both via temporary files: a header means both). */
function write<S>(base: string, outcomes: readonly Outcome<S>[]): void {
  const temporary = `${base}.${process.pid}.tmp`;
  const fd = fs.openSync(`${temporary}.clauses`, 'w');
  const header: Header<S> = { outcomes: [] };
  let offset = 0;
  try {
    for (const outcome of outcomes) {
      if ('skipped' in outcome) {
        header.outcomes.push(outcome);
        continue;
      }
      const { clauses, ...rest } = outcome.plan;
      const line = Buffer.from(`${JSON.stringify(clauses)}\n`);
      fs.writeSync(fd, line);
      header.outcomes.push({ plan: { ...rest, clauseCount: clauses.length }, at: [offset, line.length - 1] });
      offset += line.length;
    }
  } finally {
    fs.closeSync(fd);
  }
  fs.writeFileSync(`${temporary}.json`, JSON.stringify(header));
  fs.renameSync(`${temporary}.clauses`, `${base}.clauses`);
  fs.renameSync(`${temporary}.json`, `${base}.json`);
}

/** The outcomes of a written cache, each plan's clauses read from `<base>.clauses` when first used. */
function open<S>(base: string): Outcome<S>[] {
  const header = JSON.parse(fs.readFileSync(`${base}.json`, 'utf8')) as Header<S>;
  // Kept open for the process's life: a newer cache written meanwhile may prune this one.
  const fd = fs.openSync(`${base}.clauses`, 'r');
  const kept = new LRUCache<string, Clause[]>({ max: PLAN_CLAUSES_KEPT });
  const read = ([offset, length]: [number, number]) => {
    const buffer = Buffer.allocUnsafe(length);
    fs.readSync(fd, buffer, 0, length, offset);
    return JSON.parse(buffer.toString('utf8')) as Clause[];
  };
  return header.outcomes.map((outcome) => {
    if ('skipped' in outcome) return outcome;
    const { plan, at } = outcome;
    const source = `${path.basename(base)}/${plan.id}`;
    const clausesOf = () => {
      let clauses = kept.get(plan.id);
      if (!clauses) kept.set(plan.id, (clauses = read(at)));
      return clauses;
    };
    return {
      plan: {
        ...plan,
        source,
        get clauses() {
          return clausesOf();
        },
      },
    };
  });
}

/**
 * `compute()` for this corpus, or the outcomes it gave the last time for the same key, with each plan's clauses read
 * when first used. `compute` must return plain data (it is written as JSON).
 */
export function cachedForCorpus<S>(dir: string, metas: readonly PlanMeta[], compute: () => Outcome<S>[]): Outcome<S>[] {
  let base: string;
  try {
    base = path.join(os.tmpdir(), PLAN_CACHE_FOLDER, corpusKey(dir, metas));
  } catch {
    return compute();
  }
  try {
    if (fs.existsSync(`${base}.json`)) return open<S>(base);
  } catch {
    // a damaged or vanished cache is computed again below
  }
  const outcomes = compute();
  try {
    fs.mkdirSync(path.dirname(base), { recursive: true });
    write(base, outcomes);
    prune(path.dirname(base));
    return open<S>(base);
  } catch {
    // a read-only temporary folder only costs the next start-up the parsing
    return outcomes;
  }
}

/** Keeps the newest PLAN_CACHE_KEEP caches (a header and its clauses file each). */
function prune(dir: string): void {
  const headers = fs
    .readdirSync(dir)
    .filter((name) => /^[0-9a-f]+\.json$/.test(name))
    .map((name) => ({ key: name.slice(0, -'.json'.length), time: fs.statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { key } of headers.slice(PLAN_CACHE_KEEP)) {
    fs.rmSync(path.join(dir, `${key}.json`), { force: true });
    fs.rmSync(path.join(dir, `${key}.clauses`), { force: true });
  }
}
