// The services residents are served from, as one immutable snapshot (plans, corpus, index, engine, Hono app) swapped
// whole when staff publish: a request is answered entirely by the snapshot it started on. Every worker watches the
// registry file and rebuilds when the set of served versions changes.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../app.ts';
import { createAskFlow } from '../ask/flow.ts';
import type { AskFlow } from '../ask/flow.ts';
import type { App, AppDeps, AppEnv } from '../app.ts';
import type { Config } from '../config.ts';
import type { Plan } from '../corpus/types.ts';
import type { Logger } from '../log.ts';
import { loadPlans } from '../corpus/load.ts';
import { createSharedRateLimiter } from '../server/cluster-limits.ts';
import { createServiceBase, servicesFor } from '../services.ts';
import type { ServiceBase } from '../services.ts';
import { servedKey, servedPlans } from './catalog.ts';
import type { Registry } from './registry.ts';
import { EMPTY_REGISTRY } from './registry.ts';
import { openPlanStore } from './store.ts';
import type { PlanStore } from './store.ts';
import type { Shared } from '../store/shared.ts';
import { adminRoutes } from './routes.ts';

export interface Snapshot {
  deps: AppDeps;
  app: App;
  /** Which plan versions it serves (catalog.servedKey). */
  key: string;
}

export interface LiveServices {
  base: ServiceBase;
  store: PlanStore;
  /** The shipped plans of corpus/ and the sha256 of each one's file. */
  shipped: { plans: Plan[]; checksums: Map<string, string> };
  current(): Snapshot;
  /** The ask flow over whatever snapshot is current: HTTP, voice and phone all answer through it. */
  flow: AskFlow;
  /** Hands a request to the current snapshot's app. */
  fetch(request: Request, env?: AppEnv['Bindings']): Response | Promise<Response>;
  /** Re-reads the registry and swaps in a new snapshot when the served versions changed; true when it swapped. */
  reload(): boolean;
  /** Starts watching the registry file; returns the function that stops it. */
  watch(): () => void;
}

/**
 * Builds the services from corpus/ overlaid with what is published in `config.dataDir`/plans. A registry that cannot
 * be read at start-up is logged and the shipped plans are served (nothing published is lost: the files stay).
 */
export function createLiveServices(config: Config, log: Logger, shared: Partial<Shared> = {}): LiveServices {
  const { stores, limits } = shared;
  const base = createServiceBase(config, { log, records: stores?.records });
  const store: PlanStore = stores?.plans ?? openPlanStore(config.dataDir);
  if (stores) base.health.depend('postgresql', stores.records.available);
  const plans = loadPlans(config.corpusDir, log).plans;
  const checksums = new Map(
    plans.map((plan) => [
      plan.id,
      crypto
        .createHash('sha256')
        .update(fs.readFileSync(path.join(config.corpusDir, plan.file)))
        .digest('hex'),
    ]),
  );
  const rateLimiter = limits?.requests ?? createSharedRateLimiter(config.limits.requestsPerMinutePerIp);
  let snapshot: Snapshot;
  const flow = createAskFlow({
    limits: config.limits,
    served: () => snapshot.deps,
    records: base.records,
    log,
  });

  const build = (registry: Registry): Snapshot => {
    const deps = servicesFor(base, servedPlans(plans, registry, store.text));
    return { deps, app: createApp({ ...deps, extraRoutes: routes, rateLimiter, flow }), key: servedKey(registry) };
  };
  const readRegistry = (): Registry => {
    try {
      return store.read();
    } catch (error) {
      log.error('plans_registry_unreadable', { file: store.where, name: (error as Error).name });
      return EMPTY_REGISTRY;
    }
  };

  const live: LiveServices = {
    base,
    store,
    shipped: { plans, checksums },
    current: () => snapshot,
    flow,
    fetch: (request, env) => snapshot.app.fetch(request, env),
    reload() {
      const registry = readRegistry();
      if (servedKey(registry) === snapshot.key) return false;
      try {
        snapshot = build(registry);
      } catch (error) {
        log.error('plans_reload_failed', { name: (error as Error).name, message: (error as Error).message });
        return false;
      }
      log.info('plans_reloaded', {
        generation: registry.generation,
        plans: snapshot.deps.plans.length,
        pid: process.pid,
      });
      return true;
    },
    watch: () => store.watch(() => live.reload()),
  };
  const routes = adminRoutes(live);
  try {
    snapshot = build(readRegistry());
  } catch (error) {
    log.error('plans_published_unusable', { name: (error as Error).name, message: (error as Error).message });
    snapshot = build(EMPTY_REGISTRY);
  }
  return live;
}
