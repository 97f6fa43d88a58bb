// One accepted /ws/voice socket run as a voice session: what the session sends goes out with back-pressure (text
// always, audio only while the socket drains), what arrives is rate-limited, parsed and handed to the session, and an
// idle socket is closed. The route (route.ts) decides whether a socket may open; this runs it once it has.
import type { RawData, WebSocket } from 'ws';
import type { AskFlow } from '../ask/flow.ts';
import { parseClientMessage } from '../ask/schema.ts';
import type { Recognizer } from '../asr/recognizer.ts';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import { AudioRate, audioRateMessage } from './audio-rate.ts';
import { MessageRate } from './message-rate.ts';
import { CLOSE_IDLE, CLOSE_INTERNAL, CLOSE_POLICY, encodeServerMessage } from './protocol.ts';
import { VoiceSession, type SessionOutput } from './session.ts';
import type { Tts } from './tts.ts';

/** Longest wait for the socket to drain before an audio frame is dropped. */
export const DRAIN_WAIT_MS = 2_000;
/** Text frames keep flowing above the audio ceiling (text always wins) up to this multiple of it; then the socket closes. */
export const TEXT_CEILING_FACTOR = 4;

export interface ConnectionDeps {
  flow: AskFlow;
  limits: Config['limits'];
  tts: Tts;
  recognizer?: Recognizer | null;
  log?: Logger;
}

export interface Connection {
  ws: WebSocket;
  session: VoiceSession;
  /** Whether the socket answered since the last heartbeat ping. */
  alive: boolean;
}

/** What a session sends, written to `ws`: text unless the socket is hopelessly behind, audio only while it drains. */
export function socketTransport(
  ws: WebSocket,
  limits: Pick<Config['limits'], 'wsQueuedBytes'>,
  log?: Logger,
): SessionOutput & { sendRaw(data: string | Buffer, binary: boolean): void } {
  let drained: Promise<void> = Promise.resolve();
  const sendRaw = (data: string | Buffer, binary: boolean) => {
    drained = new Promise<void>((resolve) => ws.send(data, { binary }, () => resolve()));
  };
  return {
    sendRaw,
    send(message) {
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount > limits.wsQueuedBytes * TEXT_CEILING_FACTOR) {
        log?.warn('voice.slow_consumer', { buffered: ws.bufferedAmount });
        ws.terminate();
        return;
      }
      sendRaw(encodeServerMessage(message), false);
    },
    async sendAudio(pcm) {
      if (ws.readyState !== ws.OPEN) return false;
      if (ws.bufferedAmount + pcm.length > limits.wsQueuedBytes / 2) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([drained, new Promise<void>((resolve) => (timer = setTimeout(resolve, DRAIN_WAIT_MS)))]);
        clearTimeout(timer);
      }
      if (ws.readyState !== ws.OPEN || ws.bufferedAmount + pcm.length > limits.wsQueuedBytes) return false;
      sendRaw(pcm, true);
      return true;
    },
  };
}

/** Runs `ws` as a voice session until it closes; `onClose` is called once then, with the close code. */
export function openConnection(ws: WebSocket, deps: ConnectionDeps, onClose: (code: number) => void): Connection {
  const { limits, log } = deps;
  const closeWith = (code: number, reason: string) => {
    if (ws.readyState === ws.OPEN) ws.close(code, reason);
  };
  const transport = socketTransport(ws, limits, log);
  const session = new VoiceSession(
    { flow: deps.flow, limits, tts: deps.tts, recognizer: deps.recognizer, log },
    transport,
  );
  const connection: Connection = { ws, session, alive: true };

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

  const rate = new MessageRate(limits.wsMessagesPerSecond);
  const withinRate = (): boolean => {
    const verdict = rate.take();
    if (verdict === 'ok') return true;
    if (verdict === 'dropped') return false;
    const fatal = verdict === 'fatal';
    if (ws.readyState === ws.OPEN) {
      const message = `voice: at most ${limits.wsMessagesPerSecond} text messages per second.`;
      transport.sendRaw(encodeServerMessage({ type: 'error', code: 'RATE_LIMITED', message, fatal }), false);
    }
    if (fatal) {
      log?.warn('voice.abuse', { reason: 'rate' });
      session.dispose();
      closeWith(CLOSE_POLICY, 'too many messages');
    }
    return false;
  };

  // Audio is bounded by bytes at the session's rate (audio-rate.ts); the message count above is for text frames.
  const audioRate = new AudioRate(limits);
  let audioWarnedAt = -Infinity;
  const withinAudioRate = (bytes: number): boolean => {
    if (audioRate.take(bytes, session.audioSampleRate)) return true;
    const now = Date.now();
    // One error a second at most while frames keep being dropped; the session goes on.
    if (now - audioWarnedAt >= 1000 && ws.readyState === ws.OPEN) {
      audioWarnedAt = now;
      const message = audioRateMessage(limits, session.audioSampleRate);
      transport.sendRaw(encodeServerMessage({ type: 'error', code: 'RATE_LIMITED', message, fatal: false }), false);
    }
    return false;
  };

  ws.on('pong', () => {
    connection.alive = true;
  });
  ws.on('message', (data: RawData, isBinary: boolean) => {
    connection.alive = true;
    armIdle();
    try {
      const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
      if (isBinary) {
        if (withinAudioRate(buffer.length)) session.receiveAudio(buffer);
        return;
      }
      if (!withinRate()) return;
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
    onClose(code);
  });
  return connection;
}
