// Start-up shortcut: reuse a saved index snapshot when the plans and the lexicon are unchanged, else build and save.
// The snapshot is three files: `index-<key>.parts`, one line per plan (its part as MiniSearch's JSON, the
// postings apart from the terms: src/search/part-codec.ts),
// `index-<key>.outlines`, one line per plan (what the plan-level router reads), and `index-<key>.json`, the header
// (where each plan's lines start and end, the document frequencies, the place names used plainly), written last so a
// header means a complete snapshot. Only the header is read at start-up; a plan's lines are read when a question or the
// router needs them, so a national corpus starts in seconds and holds only the plans being asked about. The key reads no clause of a plan whose source is known (Plan.source: the parsed-corpus
// cache's key, itself made of file sizes and times), so neither does start-up.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Tokenizer } from './types.ts';
import { DICTIONARY_FORMAT } from './dictionary.ts';
import { SNAPSHOT_VERSION, buildIndex, buildParts, createIndex } from './index.ts';
import type { ClauseIndex, ClauseSource, IndexStatistics, PlanOutline } from './index.ts';
import { encodePart } from './part-codec.ts';

/**
 * A plan's line read back takes about this many bytes of heap per byte of the line: 1.0-1.3 when read (its terms, and
 * its postings as one string), up to 10.6-11.6 with every term's postings parsed, which no plan's questions come near.
 * The residency budget counts lines by it.
 */
export const HEAP_PER_LINE_BYTE = 4;

const read = promisify(fs.read);

/**
 * A key that changes with any plan's source (or, where it is not known, any of its clauses), any lexicon file, the
 * candidate words, the snapshot version or what the compact dictionary keeps (the plans segment by it).
 */
export function snapshotKey(clauses: ClauseSource, lexiconDir: string, candidates: readonly string[] = []): string {
  const hash = crypto.createHash('sha256').update(`${SNAPSHOT_VERSION}\u0000${DICTIONARY_FORMAT}`);
  for (const planId of clauses.planIds) {
    const source = clauses.sourceOf?.(planId);
    if (source !== undefined) hash.update(`${planId}\u0002${source}\u0001`);
    else
      for (const clause of clauses.clausesOf(planId))
        hash.update(`${clause.id}\u0000${clause.text}\u0000${clause.path.join('›')}\u0001`);
  }
  hash.update(candidates.join('\u0000'));
  for (const file of fs.readdirSync(lexiconDir).sort())
    hash.update(file).update(fs.readFileSync(path.join(lexiconDir, file)));
  return hash.digest('hex').slice(0, 24);
}

interface Header {
  version: number;
  /** Plan id, byte offset and byte length of its line in the parts file, in corpus order. */
  plans: [string, number, number][];
  df: [string, number][];
  gramDf: [string, number][];
  /** Byte offset and length of each plan's outline in the outlines file, in the order of `plans`. */
  outlines: [number, number][];
  size: number;
  plain: [string, string[]][];
}

export interface SnapshotOptions {
  cacheDir: string | null;
  lexiconDir: string;
  /** Memory the loaded parts may take (LIMIT_INDEX_MEMORY_MB); unlimited when left out. */
  budgetBytes?: number;
  /** Words ClauseIndex.usedPlainly is asked about (the gazetteer's short place names). */
  candidates?: readonly string[];
}

/** Builds the parts one plan at a time into `<base>.parts` and then writes `<base>.json` (both via temporary files). */
function buildAndSave(clauses: ClauseSource, tokenizer: Tokenizer, base: string, candidates: readonly string[]): void {
  const temporary = `${base}.${process.pid}.tmp`;
  const fd = fs.openSync(`${temporary}.parts`, 'w');
  const outlinesFd = fs.openSync(`${temporary}.outlines`, 'w');
  const outlines: Header['outlines'] = [];
  let outlinesOffset = 0;
  const plans: Header['plans'] = [];
  let offset = 0;
  let statistics: IndexStatistics;
  try {
    statistics = buildParts(
      clauses,
      tokenizer,
      ({ planId, part, outline }) => {
        const line = Buffer.from(`${encodePart(part)}\n`);
        fs.writeSync(fd, line);
        plans.push([planId, offset, line.length - 1]);
        offset += line.length;
        const outlineLine = Buffer.from(`${JSON.stringify(outline)}\n`);
        fs.writeSync(outlinesFd, outlineLine);
        outlines.push([outlinesOffset, outlineLine.length - 1]);
        outlinesOffset += outlineLine.length;
      },
      candidates,
    );
  } finally {
    fs.closeSync(fd);
    fs.closeSync(outlinesFd);
  }
  const header: Header = {
    version: SNAPSHOT_VERSION,
    plans,
    df: [...statistics.df],
    gramDf: [...statistics.gramDf],
    outlines,
    size: statistics.size,
    plain: [...statistics.plain],
  };
  fs.writeFileSync(`${temporary}.json`, JSON.stringify(header));
  fs.renameSync(`${temporary}.parts`, `${base}.parts`);
  fs.renameSync(`${temporary}.outlines`, `${base}.outlines`);
  fs.renameSync(`${temporary}.json`, `${base}.json`);
}

/** Opens a saved snapshot: the header now, each plan's line when its part is needed. Throws when it is not one of this version. */
export function openSnapshot(
  base: string,
  clauses: ClauseSource,
  tokenizer: Tokenizer,
  budgetBytes = Number.MAX_SAFE_INTEGER,
): ClauseIndex {
  const header = JSON.parse(fs.readFileSync(`${base}.json`, 'utf8')) as Partial<Header>;
  if (
    header.version !== SNAPSHOT_VERSION ||
    !Array.isArray(header.plans) ||
    !Array.isArray(header.df) ||
    !Array.isArray(header.gramDf) ||
    !Array.isArray(header.outlines) ||
    header.outlines.length !== header.plans.length ||
    typeof header.size !== 'number' ||
    !Array.isArray(header.plain)
  ) {
    throw new Error('index: snapshot is not of this version');
  }
  // Kept open for the index's life: a newer snapshot written meanwhile (staff publish) may unlink this one.
  const fd = fs.openSync(`${base}.parts`, 'r');
  const outlinesFd = fs.openSync(`${base}.outlines`, 'r');
  const where = new Map(header.plans.map(([planId, offset, length]) => [planId, { offset, length }]));
  const outlineAt = new Map<string, [number, number]>(
    header.plans.map(([planId], i) => [planId, header.outlines?.[i] ?? [0, 0]]),
  );
  const readBytes = (file: number, offset: number, length: number) => {
    const buffer = Buffer.allocUnsafe(length);
    fs.readSync(file, buffer, 0, length, offset);
    return buffer;
  };
  const span = (planId: string) => {
    const at = where.get(planId);
    if (!at) throw new Error(`index: no line for plan ${planId} in the snapshot`);
    return at;
  };
  return createIndex(
    {
      ids: header.plans.map(([planId]) => planId),
      loaded: new Map(),
      budgetBytes,
      sizeOf: (planId) => (where.get(planId)?.length ?? 0) * HEAP_PER_LINE_BYTE,
      readSync(planId) {
        const { offset, length } = span(planId);
        return readBytes(fd, offset, length);
      },
      async read(planId) {
        const { offset, length } = span(planId);
        const buffer = Buffer.allocUnsafe(length);
        await read(fd, buffer, 0, length, offset);
        return buffer;
      },
    },
    {
      df: new Map(header.df),
      gramDf: new Map(header.gramDf),
      outlines: {
        get(planId) {
          const [offset, length] = outlineAt.get(planId) ?? [0, 0];
          return length > 0
            ? (JSON.parse(readBytes(outlinesFd, offset, length).toString('utf8')) as PlanOutline)
            : undefined;
        },
      },
      size: header.size,
      plain: new Map(header.plain),
    },
    clauses,
    tokenizer,
  );
}

/**
 * Opens `<cacheDir>/index-<key>` when it exists and is valid; otherwise builds the index into it and opens that (a
 * build never holds more than one plan's part beyond the budget). With no cacheDir it builds in memory.
 */
export function loadOrBuildIndex(
  clauses: ClauseSource,
  tokenizer: Tokenizer,
  options: SnapshotOptions,
): { index: ClauseIndex; from: 'snapshot' | 'build' } {
  const candidates = options.candidates ?? [];
  if (!options.cacheDir) return { index: buildIndex(clauses, tokenizer, candidates), from: 'build' };
  const base = path.join(options.cacheDir, `index-${snapshotKey(clauses, options.lexiconDir, candidates)}`);
  if (fs.existsSync(`${base}.json`)) {
    try {
      return { index: openSnapshot(base, clauses, tokenizer, options.budgetBytes), from: 'snapshot' };
    } catch {
      // a damaged or foreign snapshot is rebuilt below
    }
  }
  try {
    fs.mkdirSync(options.cacheDir, { recursive: true });
    for (const old of fs.readdirSync(options.cacheDir)) {
      if (/^index-[0-9a-f]+\.(?:jsonl?|parts|outlines)$/.test(old))
        fs.rmSync(path.join(options.cacheDir, old), { force: true });
    }
    buildAndSave(clauses, tokenizer, base, candidates);
    return { index: openSnapshot(base, clauses, tokenizer, options.budgetBytes), from: 'build' };
  } catch {
    // a read-only data directory only costs this process an index in memory and the next start-up a rebuild
    return { index: buildIndex(clauses, tokenizer, candidates), from: 'build' };
  }
}
