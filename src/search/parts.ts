// Each plan's part of the index for the search at hand. Built in memory (tests, eval, a read-only data folder), a part
// is a MiniSearch searched as it is. From a snapshot, a plan's line is read back when a question first needs it (about a
// millisecond; src/search/part-codec.ts) and kept under the memory budget, least recently searched dropped first; each search
// loads into MiniSearch the line's head and the postings of the terms it looks up, ranking exactly as the whole part
// would (a question about a plan kept costs the same as about a part held whole). A damaged line costs a rebuild.
import type MiniSearch from 'minisearch';
import type { Options } from 'minisearch';
import { narrowPart, readPartLine } from './part-codec.ts';
import type { WantedTerms } from './part-codec.ts';
import { createResidency } from './residency.ts';
import type { Residency } from './residency.ts';

/** Where the parts come from: built and kept in memory, or a snapshot read back on demand (src/search/snapshot.ts). */
export interface PartSource<T> {
  /** Plan ids in corpus order. */
  ids: readonly string[];
  /** Parts already in memory. */
  loaded: ReadonlyMap<string, MiniSearch<T>>;
  /** A part's line (src/search/part-codec.ts), now or off the request path; a source without them keeps every part. */
  readSync?(planId: string): Buffer;
  read?(planId: string): Promise<Buffer>;
  /** Estimated memory of a plan's line read back. */
  sizeOf(planId: string): number;
  budgetBytes: number;
}

export interface Parts<T> {
  /** The part to run one search for `wanted` over (undefined for a plan with no part). */
  forSearch(planId: string, wanted: WantedTerms): MiniSearch<T> | undefined;
  /** Resolves when these plans' lines are read back (read on the thread pool). */
  prepare(planIds: readonly string[]): Promise<void>;
  /** Reads back one plan's line not kept yet while the budget has room (Residency.warm). */
  warm(): Promise<boolean>;
  stats(): ReturnType<Residency<unknown>['stats']>;
}

/** A part to search: given the terms a search looks up, the MiniSearch to run it over. */
type Searchable<T> = (wanted: WantedTerms) => MiniSearch<T>;

export function createParts<T>(
  source: PartSource<T>,
  options: Options<T>,
  rebuild: (planId: string) => MiniSearch<T>,
): Parts<T> {
  const whole =
    (part: MiniSearch<T>): Searchable<T> =>
    () =>
      part;
  const fromLine = (planId: string, line: Buffer): Searchable<T> => {
    try {
      const read = readPartLine(line);
      return (wanted) => narrowPart(read, wanted, options);
    } catch {
      return whole(rebuild(planId));
    }
  };
  const { readSync, read } = source;
  const parts = createResidency<Searchable<T>>({
    ids: source.ids,
    budgetBytes: source.budgetBytes,
    sizeOf: source.sizeOf,
    evictable: readSync !== undefined && read !== undefined,
    loaded: new Map([...source.loaded].map(([planId, part]) => [planId, whole(part)])),
    loadSync: (planId) => (readSync ? fromLine(planId, readSync(planId)) : whole(rebuild(planId))),
    loadAsync: async (planId) => (read ? fromLine(planId, await read(planId)) : whole(rebuild(planId))),
  });
  return {
    forSearch: (planId, wanted) => parts.get(planId)?.(wanted),
    prepare: (planIds) => parts.prepare(planIds),
    warm: () => parts.warm(),
    stats: () => parts.stats(),
  };
}
