// Each plan's part of the index for the search at hand. A part in memory is searched as it is. A part not in memory,
// from a snapshot, is searched at once all the same: its line is parsed (a few milliseconds) and each search loads into
// MiniSearch only the terms it looks up (src/search/part-codec.ts), while the residency loads the whole part off the
// request path for the questions after. Loading a whole part on the request path took 20-90 ms a plan (MiniSearch's
// loadJS makes a radix-tree entry and two Maps for each of 5,000-7,000 terms). A damaged line costs a rebuild.
import { LRUCache } from 'lru-cache';
import type MiniSearch from 'minisearch';
import type { Options } from 'minisearch';
import { loadPart, loadPartAsync, narrowPart, parsePart, parsePartAsync } from './part-codec.ts';
import type { ParsedPart, WantedTerms } from './part-codec.ts';
import { createResidency } from './residency.ts';
import type { Residency } from './residency.ts';

/** Parsed lines kept for the searches of plans not resident yet (1-3 MB each; the budget counts loaded parts only). */
export const COLD_PARTS_KEPT = 12;

/** Where the parts come from: built and kept in memory, or a snapshot read back on demand (src/search/snapshot.ts). */
export interface PartSource<T> {
  /** Plan ids in corpus order. */
  ids: readonly string[];
  /** Parts already in memory. */
  loaded: ReadonlyMap<string, MiniSearch<T>>;
  /** A part's line (src/search/part-codec.ts), now or off the request path; a source without them keeps every part. */
  readSync?(planId: string): string;
  read?(planId: string): Promise<string>;
  /** Estimated memory of a plan's loaded part. */
  sizeOf(planId: string): number;
  budgetBytes: number;
}

export interface Parts<T> {
  /** The part to run one search for `wanted` over (undefined for a plan with no part). */
  forSearch(planId: string, wanted: WantedTerms): MiniSearch<T> | undefined;
  /** Resolves when these plans can be searched without reading or parsing on the request path. */
  prepare(planIds: readonly string[]): Promise<void>;
  /** Loads one part not in memory while the budget has room (Residency.warm). */
  warm(): Promise<boolean>;
  stats(): ReturnType<Residency<unknown>['stats']>;
}

export function createParts<T>(
  source: PartSource<T>,
  options: Options<T>,
  rebuild: (planId: string) => MiniSearch<T>,
): Parts<T> {
  const { readSync, read } = source;
  const lines = readSync && read ? createParsedLines(readSync, read) : null;
  const loadSync = (planId: string) => {
    try {
      return loadPart(lines?.get(planId) as ParsedPart, options);
    } catch {
      return rebuild(planId);
    }
  };
  const loadAsync = async (planId: string) => {
    try {
      return await loadPartAsync((await lines?.prepare(planId)) as ParsedPart, options);
    } catch {
      return rebuild(planId);
    }
  };
  const parts = createResidency<MiniSearch<T>>({
    ids: source.ids,
    budgetBytes: source.budgetBytes,
    sizeOf: source.sizeOf,
    evictable: lines !== null,
    loaded: source.loaded,
    loadSync: lines ? loadSync : rebuild,
    loadAsync: async (planId) => (lines ? loadAsync(planId) : rebuild(planId)),
  });
  const known = new Set(source.ids);
  return {
    forSearch(planId, wanted) {
      const resident = parts.resident(planId);
      if (resident || !lines || !known.has(planId)) return resident ?? parts.get(planId);
      try {
        const narrowed = narrowPart(lines.get(planId), wanted, options);
        parts.promote(planId);
        return narrowed;
      } catch {
        return parts.get(planId);
      }
    },
    async prepare(planIds) {
      if (!lines) return parts.prepare(planIds);
      // Parsed off the request path for the question waiting; loaded whole after it is answered.
      const missing = planIds.filter((planId) => known.has(planId) && !parts.has(planId));
      await Promise.all(
        missing.map((planId) =>
          lines.prepare(planId).then(
            () => parts.promote(planId),
            () => undefined,
          ),
        ),
      );
    },
    warm: () => parts.warm(),
    stats: () => parts.stats(),
  };
}

/** Parsed lines of the plans asked about most recently, parsed now or off the request path. */
function createParsedLines(readSync: (planId: string) => string, read: (planId: string) => Promise<string>) {
  const kept = new LRUCache<string, ParsedPart>({ max: COLD_PARTS_KEPT });
  const inFlight = new Map<string, Promise<ParsedPart>>();
  return {
    /** Parsed now when not kept (throws when the line is damaged). */
    get(planId: string): ParsedPart {
      const parsed = kept.get(planId) ?? parsePart(readSync(planId));
      kept.set(planId, parsed);
      return parsed;
    },
    /** Read on the thread pool and parsed a slice at a time when not kept. */
    prepare(planId: string): Promise<ParsedPart> {
      const ready = kept.get(planId);
      if (ready) return Promise.resolve(ready);
      const running = inFlight.get(planId);
      if (running) return running;
      const parsing = read(planId)
        .then(parsePartAsync)
        .then((parsed) => {
          kept.set(planId, parsed);
          return parsed;
        })
        .finally(() => inFlight.delete(planId));
      inFlight.set(planId, parsing);
      return parsing;
    },
  };
}
