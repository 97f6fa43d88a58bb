// createServer(deps): the one way the service starts listening — HTTP handlers, the voice upgrade, speech input
// (recogniser, phone line) and a graceful drain. src/runtime/start.ts, the scripts and the test harnesses start it here.
import type { AddressInfo } from 'node:net';
import type { Server, ServerResponse } from 'node:http';
import { serve } from '@hono/node-server';
import type { AskFlow } from '../ask/flow.ts';
import type { Recognizer } from '../asr/recognizer.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Lexicon } from '../search/lexicon.ts';
import { onClientError } from '../server/client-error.ts';
import type { SessionCounter } from '../server/rate-limit.ts';
import type { Health } from '../server/health.ts';
import { attachVoice, type VoiceServer } from '../voice/route.ts';
import type { Handlers } from './services.ts';
import { startSpeechIn } from './speech-in.ts';

/** How often idle keep-alive connections are closed while draining. */
const DRAIN_POLL_MS = 50;

export interface ServerDeps {
  config: Config;
  log: Logger;
  /** What answers: the live services (start.ts, staff publishing) or a fixed service's handlers (tests, scripts). */
  handlers: Handlers;
  /** The lexicon the recogniser's hotwords come from (absent: no hotwords). */
  lexicon?: Lexicon;
  /** Marked stopping when the drain begins (so /healthz says 503 to a load balancer). */
  health?: Health;
  /** Overrides the configured recogniser (tests hand in one speaking to a fake FunASR). */
  recognizer?: Recognizer | null;
  /** The espeak-ng binary (a missing path simulates a machine without server speech). */
  espeakPath?: string;
  /** Bytes of synthesized sentences kept; 0 for the benchmark's cold runs. */
  ttsCacheBytes?: number;
  /** Called once the port is bound, before anything else is attached. */
  onListening?: (port: number) => void;
  /** Voice sessions per address counted across instances (Redis); absent: this machine's counters. */
  sessions?: SessionCounter;
}

export interface RunningServer {
  server: Server;
  port: number;
  /** `http://host:port` to reach it (localhost for 0.0.0.0). */
  url: string;
  voice: VoiceServer;
  flow: AskFlow;
  /** Requests being answered now. */
  inFlight(): number;
  /**
   * Stops accepting, lets in-flight requests finish (their responses say `Connection: close`), closes voice sessions
   * with 1001 and the phone listener. Resolves true when all of it finished within `config.limits.shutdownMs`, false
   * when it had to drop connections.
   */
  close(): Promise<boolean>;
}

export async function createServer(deps: ServerDeps): Promise<RunningServer> {
  const { config, log, handlers } = deps;
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: handlers.fetch, port: config.port, hostname: config.host }, (info) => {
      deps.onListening?.(info.port);
      resolve(s as Server);
    }) as Server;
  });
  server.on('clientError', onClientError);
  server.requestTimeout = config.limits.requestTimeoutMs;
  server.headersTimeout = Math.min(config.limits.requestTimeoutMs, 60_000);
  server.prependListener('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    if (closing) res.setHeader('Connection', 'close');
    res.on('close', () => inFlight.delete(res));
  });
  const lexicon = deps.lexicon ?? { terms: [], synonyms: [] };
  const speechIn = startSpeechIn(config, lexicon, handlers.flow, log);
  const voice = attachVoice(server, {
    config,
    flow: handlers.flow,
    log,
    recognizer: deps.recognizer === undefined ? speechIn.recognizer : deps.recognizer,
    espeakPath: deps.espeakPath,
    ttsCacheBytes: deps.ttsCacheBytes,
    sessions: deps.sessions,
  });
  const phone = await speechIn.listenPhone(voice.tts);
  const port = (server.address() as AddressInfo).port;

  return {
    server,
    port,
    url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
    voice,
    flow: handlers.flow,
    inFlight: () => inFlight.size,
    async close() {
      if (closing) return true;
      closing = true;
      deps.health?.markStopping();
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      const drain = setInterval(() => server.closeIdleConnections(), DRAIN_POLL_MS);
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const forced = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), config.limits.shutdownMs);
        timer.unref();
      });
      const clean = await Promise.race([
        Promise.all([httpClosed, voice.close(1001), phone?.close()]).then(() => true as const),
        forced,
      ]);
      clearInterval(drain);
      clearTimeout(timer);
      if (!clean) server.closeAllConnections();
      return clean;
    },
  };
}
