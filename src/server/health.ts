// What /healthz reports: starting until the first index is built, ready while serving, stopping once the worker
// drains on SIGTERM (so a load balancer stops sending it new requests before it closes). A ready worker whose shared
// database is down is `degraded`: it still answers questions, so it stays in the load balancer's rotation.
export type HealthState = 'starting' | 'ready' | 'stopping';

export interface Health {
  state(): HealthState;
  /** The services are built: the worker can answer. */
  markReady(): void;
  /** The worker is draining: it finishes what it has and takes nothing new. Final. */
  markStopping(): void;
  /** Registers a dependency (`postgresql`) this worker can serve without, reported when `up()` is false. */
  depend(name: string, up: () => boolean): void;
  /** The dependencies down right now, by name. */
  degraded(): string[];
}

export function createHealth(): Health {
  let state: HealthState = 'starting';
  const dependencies = new Map<string, () => boolean>();
  return {
    state: () => state,
    markReady() {
      if (state === 'starting') state = 'ready';
    },
    markStopping() {
      state = 'stopping';
    },
    depend(name, up) {
      dependencies.set(name, up);
    },
    degraded: () => [...dependencies].filter(([, up]) => !up()).map(([name]) => name),
  };
}
