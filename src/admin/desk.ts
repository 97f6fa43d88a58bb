// What the staff routes and pages work on: the plan store, the shipped plans, the plans served now, and the reload that
// makes a publish served. The runtime (src/runtime/live.ts) hands it in, so admin/ never reaches up to the assembly.
import type { Config } from '../config.ts';
import type { Plan } from '../corpus/types.ts';
import type { Logger } from '../log.ts';
import type { PlanStore } from './store.ts';

export interface PlanDesk {
  config: Config;
  log: Logger;
  store: PlanStore;
  /** The shipped plans of corpus/ and the sha256 of each one's file (read when first asked: thousands of plans). */
  shipped: { plans: Plan[]; checksums: Pick<ReadonlyMap<string, string>, 'get'> };
  /** The plans residents are served now and which versions they are (catalog.servedKey). */
  served(): { plans: readonly Plan[]; key: string };
  /** Re-reads the registry and serves what it now says; true when the served plans changed. */
  reload(): boolean;
  /** Today as YYYY-MM-DD (the one clock: TODAY, else the date now), for a document's state in force. */
  today(): string;
}
