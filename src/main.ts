// The only entry with side effects: read config, load the corpus, build the index, listen; stop cleanly on SIGTERM.
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import { loadConfig, ConfigError } from './config.ts';
import { createApp } from './app.ts';
import { createServices } from './services.ts';
import { createLogger } from './log.ts';
import { attachVoice } from './voice/route.ts';

async function main() {
  let config;
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
  const deps = await createServices(config, { log });
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    log.info('listening', { url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${info.port}` });
  }) as Server;
  server.requestTimeout = config.limits.requestTimeoutMs;
  const voice = attachVoice(server, {
    config,
    ask: deps.ask,
    log,
    cities: deps.plans,
    onFeedback: (record) => deps.records.feedback(record),
  });

  const shutdown = (signal: string) => {
    log.info('shutdown', { signal });
    void voice.close(1001);
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
