// What /healthz reports: starting until the first index is built, ready while serving, stopping once the worker
// drains on SIGTERM (so a load balancer stops sending it new requests before it closes).
export type HealthState = 'starting' | 'ready' | 'stopping';

export interface Health {
  state(): HealthState;
  /** The services are built: the worker can answer. */
  markReady(): void;
  /** The worker is draining: it finishes what it has and takes nothing new. Final. */
  markStopping(): void;
}

export function createHealth(): Health {
  let state: HealthState = 'starting';
  return {
    state: () => state,
    markReady() {
      if (state === 'starting') state = 'ready';
    },
    markStopping() {
      state = 'stopping';
    },
  };
}
