// The composition root: builds every part of a serving process once and hands each its parts — config and log (from
// main.ts), the base (lexicon loaded once, tokenizer, records, health), the live plan services and the one ask flow,
// the HTTP server with the voice channel, speech input and the phone line — and watches for plans staff publish.
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { createServiceBase } from './base.ts';
import { createLiveServices } from './live.ts';
import { createServer, type RunningServer } from './server.ts';
import { openShared } from '../store/shared.ts';

export interface StartedService {
  running: RunningServer;
  /** Stops watching for publishes, drains the server, closes the records; true when it drained in time. */
  stop(): Promise<boolean>;
}

/**
 * Builds and starts the service in this process on `config.port` (shared by the cluster's workers). `onListening` is
 * called once the port is bound. Throws with a sentence naming the file when the lexicon or the manifest is broken.
 */
export async function startService(
  config: Config,
  log: Logger,
  onListening: (port: number) => void,
): Promise<StartedService> {
  // DATABASE_URL, REDIS_URL: records, plans and limits shared by many instances (none set: the embedded default).
  const shared = await openShared(config, log);
  const base = createServiceBase(config, { log, records: shared.stores?.records });
  // Plans staff publish replace the served snapshot whole, in this worker and (via the registry file, or PostgreSQL's
  // NOTIFY) in the others.
  const live = createLiveServices(base, shared);
  const stopWatching = live.watch();
  const running = await createServer({
    config,
    log,
    handlers: live,
    lexicon: base.lexicon,
    health: base.health,
    onListening,
    sessions: shared.limits?.sessions,
  });
  return {
    running,
    async stop() {
      stopWatching();
      const clean = await running.close();
      await Promise.resolve(base.records.close())
        .then(() => shared.stores?.close())
        .then(() => shared.limits?.close())
        .catch(() => undefined);
      return clean;
    },
  };
}
