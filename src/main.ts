// The only entry with side effects: read config, fork WORKERS processes (or serve in this one), listen, stop on SIGTERM.
import cluster from 'node:cluster';
import type { Worker } from 'node:cluster';
import { loadConfig, ConfigError } from './config.ts';
import type { Config } from './config.ts';
import { createLogger } from './log.ts';
import type { Logger } from './log.ts';
import { serveClusterLimits } from './server/cluster-limits.ts';

/** What a worker tells the primary once it listens. */
interface ListeningMessage {
  type: 'listening';
  port: number;
}

/** Crashes (after start-up) the primary replaces within CRASH_WINDOW_MS before it gives up and exits 1. */
const MAX_CRASHES = 5;
const CRASH_WINDOW_MS = 60_000;

function publicUrl(config: Config, port: number): string {
  return `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
}

/**
 * Serves in this process: the composition root (src/runtime/start.ts) builds and starts the service on the port
 * shared by the cluster when this is a worker. On SIGTERM/SIGINT (or when the primary goes away) it drains, closes the
 * records database and exits 0; when the drain takes longer than LIMIT_SHUTDOWN_MS it drops what is left and exits 1.
 */
async function runServer(config: Config, log: Logger): Promise<void> {
  // Loaded here, not at the top: the cluster's primary only forks, so it starts without the app, jieba or the index.
  const { startService } = await import('./runtime/start.ts');
  const service = await startService(config, log, (port) => {
    if (cluster.isWorker) process.send?.({ type: 'listening', port } satisfies ListeningMessage);
    else log.info('listening', { url: publicUrl(config, port), workers: 1, pid: process.pid });
  });
  const { running } = service;

  let stopping = false;
  const shutdown = (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutdown', {
      reason,
      inFlight: running.inFlight(),
      sessions: running.voice.sessions(),
      pid: process.pid,
    });
    void service.stop().then((clean) => {
      if (!clean) log.warn('shutdown_forced', { inFlight: running.inFlight(), pid: process.pid });
      if (clean) log.info('stopped', { pid: process.pid });
      process.exit(clean ? 0 : 1);
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // A worker whose primary died (even by SIGKILL) stops as well instead of serving on as an orphan.
  if (cluster.isWorker) process.on('disconnect', () => shutdown('primary_gone'));
}

/**
 * The cluster primary: forks `config.workers` workers one after another (each once the previous listens), logs one `listening` line (with the real port) once all of them
 * listen, replaces a worker that crashes after start-up, and on SIGTERM/SIGINT passes the signal on and exits when all
 * workers have stopped (0 if they all stopped cleanly). A worker that fails during start-up (a config or corpus error)
 * stops the whole service with its exit code, since every other worker would fail the same way.
 */
function runPrimary(config: Config, log: Logger): void {
  const ready = new Set<Worker>();
  const crashes: number[] = [];
  let stopping = false;
  let failed = false;
  let announced = false;
  // Workers start one after another: on two cores, two workers loading jieba at once both take twice as long, so the
  // first one serves sooner when it has the machine to itself.
  let toStart = config.workers - 1;

  const fork = () => {
    const worker = cluster.fork();
    worker.on('message', (message: ListeningMessage) => {
      if (message?.type !== 'listening') return;
      ready.add(worker);
      log.info('worker_listening', { pid: worker.process.pid ?? null, port: message.port });
      if (toStart > 0 && !stopping) {
        toStart -= 1;
        fork();
      }
      if (!announced && ready.size === config.workers) {
        announced = true;
        log.info('listening', { url: publicUrl(config, message.port), workers: config.workers, pid: process.pid });
      }
    });
    worker.on('exit', (code, signal) => {
      const wasReady = ready.delete(worker);
      if (code !== 0) failed = true;
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
        return;
      }
      log.error('worker_exit', { pid: worker.process.pid ?? null, code, signal });
      if (!wasReady) {
        log.error('startup_failed', { code });
        stop('startup_failed');
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(code || 1);
        return;
      }
      const now = Date.now();
      crashes.push(now);
      while (crashes.length > 0 && crashes[0]! < now - CRASH_WINDOW_MS) crashes.shift();
      if (crashes.length > MAX_CRASHES) {
        log.error('too_many_crashes', { crashes: crashes.length, windowMs: CRASH_WINDOW_MS });
        stop('too_many_crashes');
        return;
      }
      fork();
    });
  };

  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutdown', { reason, workers: Object.keys(cluster.workers ?? {}).length, pid: process.pid });
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
      process.exit(1);
    }, config.limits.shutdownMs + 2_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  // One set of per-address counters for all workers (an address gets each limit once, not once per worker).
  serveClusterLimits({
    perMinute: config.limits.requestsPerMinutePerIp,
    sessionsPerAddress: config.limits.wsSessionsPerIp,
    workers: config.workers,
  });
  fork();
}

async function main() {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  if (config.workers > 1 && cluster.isPrimary) runPrimary(config, log);
  else await runServer(config, log);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
