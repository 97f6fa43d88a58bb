// The services residents are served from, as one immutable snapshot (plans, corpus, index, engine, Hono app) swapped
// whole when staff publish: a request is answered entirely by the snapshot it started on. Every worker watches the
// registry file and rebuilds when the set of served versions changes. The ask flow is made once, over the current one.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createApp, type App } from '../app.ts';
import type { AskFlow } from '../ask/flow.ts';
import type { Plan } from '../corpus/types.ts';
import { loadPlans } from '../corpus/load.ts';
import { createSharedRateLimiter } from '../server/cluster-limits.ts';
import { servedKey, servedPlans } from '../admin/catalog.ts';
import type { PlanDesk } from '../admin/desk.ts';
import { EMPTY_REGISTRY, type Registry } from '../admin/registry.ts';
import { adminRoutes } from '../admin/routes.ts';
import { openPlanStore, type PlanStore } from '../admin/store.ts';
import type { Shared } from '../store/shared.ts';
import type { ServiceBase } from './base.ts';
import { servicesFor } from './plan-services.ts';
import { appDepsFor, askFlowFor, type Handlers, type Services } from './services.ts';

export interface Snapshot {
  deps: Services;
  app: App;
  /** Which plan versions it serves (catalog.servedKey). */
  key: string;
}

export interface LiveServices extends PlanDesk, Handlers {
  base: ServiceBase;
  current(): Snapshot;
  /** The ask flow over whatever snapshot is current: HTTP, voice and phone all answer through it. */
  flow: AskFlow;
  /** Starts watching the registry file; returns the function that stops it. */
  watch(): () => void;
}

/** The sha256 of each shipped plan's file, read when staff's listing first asks (start-up reads no plan's text). */
function checksumsOf(corpusDir: string, plans: Plan[]): Pick<ReadonlyMap<string, string>, 'get'> {
  const files = new Map(plans.map((plan) => [plan.id, plan.file]));
  const known = new Map<string, string>();
  return {
    get(id) {
      const file = files.get(id);
      if (file === undefined) return undefined;
      let sum = known.get(id);
      if (sum === undefined) {
        try {
          sum = crypto
            .createHash('sha256')
            .update(fs.readFileSync(path.join(corpusDir, file)))
            .digest('hex');
        } catch {
          return undefined; // removed since start-up: listed without a checksum
        }
        known.set(id, sum);
      }
      return sum;
    },
  };
}

/**
 * Builds the services from corpus/ overlaid with what is published in `config.dataDir`/plans. A registry that cannot
 * be read at start-up is logged and the shipped plans are served (nothing published is lost: the files stay).
 */
export function createLiveServices(base: ServiceBase, shared: Partial<Shared> = {}): LiveServices {
  const { config, log } = base;
  const { stores, limits } = shared;
  const store: PlanStore = stores?.plans ?? openPlanStore(config.dataDir);
  if (stores) base.health.depend('postgresql', stores.records.available);
  const plans = loadPlans(config.corpusDir, log).plans;
  const rateLimiter = limits?.requests ?? createSharedRateLimiter(config.limits.requestsPerMinutePerIp);
  let snapshot: Snapshot;
  const flow = askFlowFor(base, () => snapshot.deps);

  const build = (registry: Registry): Snapshot => {
    const deps = appDepsFor(base, servicesFor(base, servedPlans(plans, registry, store.text)), flow);
    return { deps, app: createApp({ ...deps, extraRoutes: routes, rateLimiter }), key: servedKey(registry) };
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
    config,
    log,
    store,
    shipped: { plans, checksums: checksumsOf(config.corpusDir, plans) },
    today: base.today,
    current: () => snapshot,
    served: () => ({ plans: snapshot.deps.plans, key: snapshot.key }),
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
