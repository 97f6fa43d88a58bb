// The /ws/voice route: a `ws` server on the HTTP server's upgrade event that admits a socket (path, origin, sessions per
// address) and hands it to connection.ts, keeps the heartbeat, and closes every session on shutdown.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { AskFlow } from '../ask/flow.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Recognizer } from '../asr/recognizer.ts';
import { openConnection, type Connection } from './connection.ts';
import { CLOSE_GOING_AWAY, CLOSE_POLICY, encodeServerMessage, type ServerMessage } from './protocol.ts';
import { createSharedSessionCounter } from '../server/cluster-limits.ts';
import type { SessionCounter } from '../server/rate-limit.ts';
import { clientAddressOfRequest, proxyTrust } from '../server/client-address.ts';
import { Tts } from './tts.ts';

export const VOICE_PATH = '/ws/voice';
/** Time a client gets to answer our close frame on shutdown before its socket is destroyed. */
export const CLOSE_GRACE_MS = 1_000;

export interface VoiceDeps {
  config: Config;
  /** The ask flow HTTP uses: every question, city and feedback of a session goes through it. */
  flow: AskFlow;
  log?: Logger;
  /** Server speech recognition for audio.* (absent: ASR_UNAVAILABLE). */
  recognizer?: Recognizer | null;
  /** The espeak-ng binary; a path that does not exist simulates a machine without server speech. */
  espeakPath?: string;
  /** Bytes of synthesized sentences kept; 0 disables the cache (the benchmark's cold runs). */
  ttsCacheBytes?: number;
  /** Open sessions per address counted elsewhere (Redis, many instances); absent: this machine's counters. */
  sessions?: SessionCounter;
}

export interface VoiceServer {
  /** Closes every session with `code` (default 1001 going away) and stops accepting new ones. */
  close(code?: number): Promise<void>;
  /** Open sessions. */
  sessions(): number;
  /** The shared speech engine (probe state, cache size). */
  readonly tts: Tts;
}

/** True when a browser Origin is our own (same host as the Host header) or listed in EMBED_ORIGINS; no Origin is a non-browser client. */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  embedOrigins: readonly string[],
): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (host !== undefined && url.host === host.toLowerCase()) return true;
  return embedOrigins.includes(url.origin);
}

/**
 * Serves the voice channel on `server` at /ws/voice (upgrade requests for other paths are refused). Sessions share one
 * speech engine, probed once here; whether it is missing is logged once.
 */
export function attachVoice(server: Server, deps: VoiceDeps): VoiceServer {
  const { config } = deps;
  const limits = config.limits;
  const log = deps.log;
  const tts = new Tts({
    espeakPath: deps.espeakPath,
    timeoutMs: limits.ttsTimeoutMs,
    concurrency: limits.ttsConcurrency,
    cacheBytes: deps.ttsCacheBytes,
  });
  void tts.probe().then((ok) => {
    if (ok) log?.info('voice.tts_ready', { engine: 'espeak-ng', voice: tts.voice });
    else log?.warn('voice.tts_unavailable', { engine: 'espeak-ng', path: tts.espeakPath, reason: tts.reason });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.wsMaxPayloadBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });
  const connections = new Set<Connection>();
  // Sessions per client address (behind a trusted proxy, the address it forwards), counted across the cluster.
  const perAddress = deps.sessions ?? createSharedSessionCounter(limits.wsSessionsPerIp);
  const proxies = proxyTrust(config.trustProxy);
  let closing = false;

  const heartbeat = setInterval(() => {
    for (const connection of connections) {
      if (!connection.alive) {
        connection.ws.terminate();
        continue;
      }
      connection.alive = false;
      connection.ws.ping();
    }
  }, limits.wsHeartbeatMs);
  heartbeat.unref();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    let pathname: string;
    try {
      pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    } catch {
      socket.destroy();
      return;
    }
    if (pathname !== VOICE_PATH || closing) {
      socket.destroy();
      return;
    }
    socket.on('error', () => socket.destroy());
    wss.handleUpgrade(request, socket, head, (ws) => void accept(ws, request));
  };
  server.on('upgrade', onUpgrade);

  function refuse(ws: WebSocket, message: ServerMessage, reason: string) {
    // A paused socket would never read the client's half of the closing handshake.
    ws.resume();
    ws.send(encodeServerMessage(message));
    ws.close(CLOSE_POLICY, reason);
  }

  async function accept(ws: WebSocket, request: IncomingMessage) {
    ws.on('error', () => undefined);
    if (!originAllowed(request.headers.origin, request.headers.host, config.embedOrigins)) {
      log?.warn('voice.origin_refused', { origin: String(request.headers.origin).slice(0, 200) });
      refuse(ws, { type: 'error', code: 'BAD_MESSAGE', message: 'voice: origin not allowed.', fatal: true }, 'origin');
      return;
    }
    const address = clientAddressOfRequest(request, proxies);
    // Frames that arrive while the cluster's primary counts the session wait in the socket, not on the floor.
    ws.pause();
    if (!(await perAddress.open(address))) {
      log?.warn('voice.sessions_per_ip', { limit: limits.wsSessionsPerIp });
      const message = `voice: at most ${limits.wsSessionsPerIp} voice sessions per address.`;
      refuse(ws, { type: 'error', code: 'RATE_LIMITED', message, fatal: true }, 'too many sessions');
      return;
    }
    if (ws.readyState !== WebSocket.OPEN) {
      perAddress.close(address);
      return;
    }

    const connection = openConnection(
      ws,
      { flow: deps.flow, limits, tts, recognizer: deps.recognizer, log },
      (code) => {
        connections.delete(connection);
        perAddress.close(address);
        log?.debug('voice.close', { code, sessions: connections.size });
      },
    );
    connections.add(connection);
    log?.debug('voice.open', { sessions: connections.size });
    ws.resume();
  }

  return {
    tts,
    sessions: () => connections.size,
    async close(code = CLOSE_GOING_AWAY) {
      closing = true;
      server.off('upgrade', onUpgrade);
      clearInterval(heartbeat);
      await Promise.all(
        [...connections].map(
          ({ ws, session }) =>
            new Promise<void>((resolve) => {
              session.dispose();
              if (ws.readyState === WebSocket.CLOSED) return resolve();
              ws.once('close', () => resolve());
              const timer = setTimeout(() => ws.terminate(), CLOSE_GRACE_MS);
              timer.unref();
              ws.close(code, 'server shutting down');
            }),
        ),
      );
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      tts.close();
    },
  };
}
