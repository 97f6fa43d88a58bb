// The /ws/voice route: a `ws` server on the HTTP server's upgrade event, with every limit of the voice protocol.
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { AskFlow } from '../ask/flow.ts';
import { parseClientMessage } from '../ask/schema.ts';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Recognizer } from '../asr/recognizer.ts';
import {
  CLOSE_GOING_AWAY,
  CLOSE_IDLE,
  CLOSE_INTERNAL,
  CLOSE_POLICY,
  encodeServerMessage,
  type ServerMessage,
} from './protocol.ts';
import { VoiceSession } from './session.ts';
import { createSharedSessionCounter } from '../server/cluster-limits.ts';
import type { SessionCounter } from '../server/rate-limit.ts';
import { clientAddressOfRequest, proxyTrust } from '../server/client-address.ts';
import { Tts } from './tts.ts';

export const VOICE_PATH = '/ws/voice';
/** A window with more than this many times the allowed messages closes the socket at once (1008). */
export const RATE_ABUSE_FACTOR = 5;
/** This many consecutive rate-limited seconds close the socket (1008). */
export const RATE_ABUSE_STRIKES = 3;
/** Longest wait for the socket to drain before an audio frame is dropped. */
export const DRAIN_WAIT_MS = 2_000;
/** Text frames keep flowing above the audio ceiling (text always wins) up to this multiple of it; then the socket closes. */
export const TEXT_CEILING_FACTOR = 4;
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

interface Connection {
  ws: WebSocket;
  session: VoiceSession;
  alive: boolean;
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

    let drained: Promise<void> = Promise.resolve();
    const sendRaw = (data: string | Buffer, binary: boolean) => {
      drained = new Promise<void>((resolve) => ws.send(data, { binary }, () => resolve()));
    };
    const closeWith = (code: number, reason: string) => {
      if (ws.readyState === WebSocket.OPEN) ws.close(code, reason);
    };

    const session = new VoiceSession(
      { flow: deps.flow, limits, tts, recognizer: deps.recognizer, log },
      {
        send(message) {
          if (ws.readyState !== WebSocket.OPEN) return;
          if (ws.bufferedAmount > limits.wsQueuedBytes * TEXT_CEILING_FACTOR) {
            log?.warn('voice.slow_consumer', { buffered: ws.bufferedAmount });
            ws.terminate();
            return;
          }
          sendRaw(encodeServerMessage(message), false);
        },
        async sendAudio(pcm) {
          if (ws.readyState !== WebSocket.OPEN) return false;
          if (ws.bufferedAmount + pcm.length > limits.wsQueuedBytes / 2) {
            let timer: NodeJS.Timeout | undefined;
            await Promise.race([drained, new Promise<void>((resolve) => (timer = setTimeout(resolve, DRAIN_WAIT_MS)))]);
            clearTimeout(timer);
          }
          if (ws.readyState !== WebSocket.OPEN || ws.bufferedAmount + pcm.length > limits.wsQueuedBytes) return false;
          sendRaw(pcm, true);
          return true;
        },
      },
    );
    const connection: Connection = { ws, session, alive: true };
    connections.add(connection);
    log?.debug('voice.open', { sessions: connections.size });

    let idle: NodeJS.Timeout;
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => {
        // A turn being spoken is activity too: wait for it to finish.
        if (session.busy) armIdle();
        else closeWith(CLOSE_IDLE, 'idle timeout');
      }, limits.wsIdleMs);
    };
    armIdle();

    let windowStart = Date.now();
    let windowCount = 0;
    let warned = false;
    let strikes = 0;
    const withinRate = (): boolean => {
      const now = Date.now();
      if (now - windowStart >= 1000) {
        if (windowCount <= limits.wsMessagesPerSecond || now - windowStart >= 2000) strikes = 0;
        windowStart = now;
        windowCount = 0;
        warned = false;
      }
      windowCount++;
      if (windowCount <= limits.wsMessagesPerSecond) return true;
      const abusive = windowCount > limits.wsMessagesPerSecond * RATE_ABUSE_FACTOR;
      if (!warned || abusive) {
        if (!warned) strikes++;
        warned = true;
        const fatal = abusive || strikes >= RATE_ABUSE_STRIKES;
        if (ws.readyState === WebSocket.OPEN) {
          const message = `voice: at most ${limits.wsMessagesPerSecond} messages per second.`;
          sendRaw(encodeServerMessage({ type: 'error', code: 'RATE_LIMITED', message, fatal }), false);
        }
        if (fatal) {
          log?.warn('voice.abuse', { reason: 'rate' });
          session.dispose();
          closeWith(CLOSE_POLICY, 'too many messages');
        }
      }
      return false;
    };

    ws.on('pong', () => {
      connection.alive = true;
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      connection.alive = true;
      armIdle();
      if (!withinRate()) return;
      try {
        const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
        if (isBinary) {
          session.receiveAudio(buffer);
          return;
        }
        const message = parseClientMessage(buffer.toString('utf8'), deps.flow.schemas);
        if (message instanceof AppError) session.reject(message);
        else session.receive(message);
      } catch (error) {
        log?.error('voice.internal', { error: error instanceof Error ? error.name : 'unknown' });
        session.dispose();
        closeWith(CLOSE_INTERNAL, 'internal error');
      }
    });
    ws.on('close', (code: number) => {
      clearTimeout(idle);
      session.dispose();
      connections.delete(connection);
      perAddress.close(address);
      log?.debug('voice.close', { code, sessions: connections.size });
    });
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
