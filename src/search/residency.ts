// Which plans' parts of the index are in memory: a part is loaded from the snapshot when a question needs it, and the
// least recently asked parts are dropped when the loaded ones outgrow the memory budget (LIMIT_INDEX_MEMORY_MB). A
// thousand plans' indexes do not fit in one worker; the ones residents are asking about do.
import { LRUCache } from 'lru-cache';

export interface ResidencyOptions<T extends object> {
  /** Plan ids in corpus order. */
  ids: readonly string[];
  /** Bytes the loaded parts may take together (estimated with `sizeOf`); a part over the budget is still served. */
  budgetBytes: number;
  /** Estimated memory of a plan's loaded part. */
  sizeOf(id: string): number;
  /** Loads a part now (a question about a plan not prepared in time). */
  loadSync(id: string): T;
  /** Loads a part off the request path (its file read on the thread pool). */
  loadAsync(id: string): Promise<T>;
  /** Parts that can be loaded again once dropped; the others (built in memory, no snapshot) stay resident. */
  evictable: boolean;
  /** Parts already in memory (an index just built). */
  loaded?: ReadonlyMap<string, T>;
}

export interface Residency<T> {
  /** The part, loaded now when it is not resident; marks it most recently used. */
  get(id: string): T | undefined;
  /** Resolves when the parts of `ids` are resident (loading the missing ones off the request path). */
  prepare(ids: readonly string[]): Promise<void>;
  /** Is the part in memory now? */
  has(id: string): boolean;
  /**
   * Loads the next part not resident, off the request path, while the budget has room; resolves false once it has none
   * (or every part is loaded).
   */
  warm(): Promise<boolean>;
  /** How many parts are in memory and their estimated bytes. */
  stats(): { resident: number; bytes: number; loads: number; drops: number };
}

/** A budget of `budgetBytes` over parts loaded on demand, least recently used dropped first. */
export function createResidency<T extends object>(options: ResidencyOptions<T>): Residency<T> {
  const known = new Set(options.ids);
  let loads = 0;
  let drops = 0;
  const cache = new LRUCache<string, T>({
    maxSize: options.evictable ? Math.max(1, options.budgetBytes) : Number.MAX_SAFE_INTEGER,
    // A part larger than the whole budget is served anyway: maxEntrySize at the cache's own maximum refuses none.
    maxEntrySize: Number.MAX_SAFE_INTEGER,
    sizeCalculation: (_part, id) => Math.max(1, Math.min(options.sizeOf(id), options.budgetBytes)),
    dispose: (_part, _id, reason) => {
      if (reason === 'evict') drops++;
    },
  });
  for (const [id, part] of options.loaded ?? []) cache.set(id, part, { noDisposeOnSet: true });
  const inFlight = new Map<string, Promise<void>>();
  const pending = options.ids.filter((id) => !cache.has(id));

  const put = (id: string, part: T) => {
    loads++;
    cache.set(id, part);
  };
  const loadAsync = (id: string): Promise<void> => {
    const running = inFlight.get(id);
    if (running) return running;
    const promise = options
      .loadAsync(id)
      .then((part) => {
        // A question that could not wait may have loaded it meanwhile.
        if (!cache.has(id)) put(id, part);
      })
      .finally(() => inFlight.delete(id));
    inFlight.set(id, promise);
    return promise;
  };
  return {
    get(id) {
      const part = cache.get(id);
      if (part || !known.has(id)) return part;
      const loaded = options.loadSync(id);
      put(id, loaded);
      return loaded;
    },
    async prepare(ids) {
      await Promise.all(ids.filter((id) => known.has(id) && !cache.has(id)).map(loadAsync));
    },
    has: (id) => cache.has(id),
    async warm() {
      const next = () => {
        while (pending.length > 0 && cache.has(pending[0] as string)) pending.shift();
        const id = pending[0];
        const fits = id !== undefined && cache.calculatedSize + options.sizeOf(id) <= options.budgetBytes;
        return fits || (id !== undefined && !options.evictable) ? id : undefined;
      };
      const id = next();
      if (id === undefined) return false;
      await loadAsync(id);
      return next() !== undefined;
    },
    stats: () => ({ resident: cache.size, bytes: cache.calculatedSize, loads, drops }),
  };
}
