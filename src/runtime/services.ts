// Where the ask flow is made (once per running service) and the app's dependencies put together from the base and the
// plan services; and the fixed service over the shipped plans that the tests, the scripts and the benchmarks start.
import { createApp, type AppDeps, type AppEnv } from '../app.ts';
import { createAskFlow, type AskFlow } from '../ask/flow.ts';
import type { AskFn, TopicFn } from '../answer/types.ts';
import type { Config } from '../config.ts';
import { loadPlans } from '../corpus/load.ts';
import type { RecordStore } from '../records.ts';
import { createServiceBase, type BaseOptions, type ServiceBase } from './base.ts';
import { servicesFor, type PlanServices } from './plan-services.ts';

/** The one ask flow of a service: HTTP, voice and phone answer through it, over whatever plans `current` returns. */
export function askFlowFor(
  base: Pick<ServiceBase, 'config' | 'log'> & { records: Pick<RecordStore, 'feedback' | 'unanswered'> },
  current: () => Pick<PlanServices, 'ask' | 'corpus' | 'prepare' | 'topic'>,
): AskFlow {
  return createAskFlow({ limits: base.config.limits, current, records: base.records, log: base.log });
}

/** A fixed service: the app's dependencies with the answer function of its plans (tests and scripts call it). */
export type Services = AppDeps & { ask: AskFn; topic: TopicFn } & Pick<
    PlanServices,
    'prepare' | 'residency' | 'routerReady'
  >;

/** The app's dependencies for `plans` served with `flow`. */
export function appDepsFor(base: ServiceBase, plans: PlanServices, flow: AskFlow): Services {
  return {
    ...plans,
    config: base.config,
    records: base.records,
    log: base.log,
    ready: base.health.state,
    degraded: base.health.degraded,
    flow,
  };
}

/** Loads the shipped corpus and builds the index. Throws with a sentence naming the file when something is wrong. */
export async function createServices(config: Config, options: BaseOptions = {}): Promise<Services> {
  const base = createServiceBase(config, options);
  // A broken plan is skipped with a warning; a broken manifest or lexicon stops start-up (src/corpus/load.ts).
  const plans = servicesFor(base, loadPlans(config.corpusDir, base.log).plans);
  return appDepsFor(
    base,
    plans,
    askFlowFor(base, () => plans),
  );
}

/** `services` with another config or records store, and so its own ask flow over the same plans (tests of limits). */
export function rewire(services: Services, changes: Partial<Pick<Services, 'config' | 'records'>>): Services {
  const next = { ...services, ...changes };
  return { ...next, flow: askFlowFor(next, () => services) };
}

/** What answers a server's traffic: `fetch` for HTTP, `flow` for the voice and phone channels. */
export interface Handlers {
  fetch(request: Request, env?: AppEnv['Bindings']): Response | Promise<Response>;
  flow: AskFlow;
}

/** The handlers of a fixed service: its app and its flow. */
export function handlersOf(services: AppDeps): Handlers {
  return { fetch: createApp(services).fetch, flow: services.flow };
}
