// A recogniser client over WebSocket: one connection per utterance, bounded concurrency, a timeout, backoff when down.
import WebSocket from 'ws';
import type { Logger } from '../log.ts';
import type { Dialect, DialectUtterance } from './dialect.ts';
import { AsrError, type Recognizer, type Utterance, type UtteranceListener } from './recognizer.ts';

/** Largest reply accepted from the recogniser. */
export const ASR_MAX_REPLY_BYTES = 64 * 1024;
/** First wait after a failed connection before the server is tried again; it doubles up to BACKOFF_MAX_MS. */
export const BACKOFF_START_MS = 500;
export const BACKOFF_MAX_MS = 30_000;

export interface WsRecognizerOptions {
  url: string;
  dialect: Dialect;
  /** Longest wait for the connection to open, and for the final text after the utterance ends. */
  timeoutMs: number;
  /** Utterances at once; more fail at once with `busy`. */
  concurrency: number;
  log?: Logger;
}

const UNAVAILABLE = 'speech recognition server is unavailable';

/**
 * Speaks a dialect over a fresh connection per utterance (a broken connection loses one utterance, never a session).
 * After a connection fails, utterances fail at once with `unavailable` until the backoff has passed; then the next one
 * tries again (500 ms, doubling to 30 s); one that connects resets it.
 */
export class WsRecognizer implements Recognizer {
  private inFlight = new Set<() => void>();
  private failures = 0;
  private downUntil = 0;

  constructor(private readonly options: WsRecognizerOptions) {}

  get active(): number {
    return this.inFlight.size;
  }

  start(sampleRate: number, listener: UtteranceListener): Utterance {
    if (Date.now() < this.downUntil) return this.failed(listener, new AsrError('unavailable', `asr: ${UNAVAILABLE}.`));
    if (this.inFlight.size >= this.options.concurrency) {
      const message = `asr: at most ${this.options.concurrency} utterances are recognised at once.`;
      return this.failed(listener, new AsrError('busy', message));
    }
    return this.open(this.options.dialect.begin(sampleRate), listener);
  }

  close(): void {
    for (const abort of [...this.inFlight]) abort();
  }

  /** An utterance that already failed: the error is reported after start() returns. */
  private failed(listener: UtteranceListener, error: AsrError): Utterance {
    let aborted = false;
    queueMicrotask(() => {
      if (!aborted) listener.error(error);
    });
    return { write: () => undefined, end: () => undefined, abort: () => (aborted = true) };
  }

  /** Runs a listener callback; a bug in it is logged, never thrown into the socket's event handlers. */
  private guard(callback: () => void): void {
    try {
      callback();
    } catch (error) {
      this.options.log?.error('asr.listener_failed', { error: error instanceof Error ? error.name : 'unknown' });
    }
  }

  private connected(): void {
    this.failures = 0;
    this.downUntil = 0;
  }

  private down(reason: string): void {
    this.failures++;
    const wait = Math.min(BACKOFF_MAX_MS, BACKOFF_START_MS * 2 ** (this.failures - 1));
    this.downUntil = Date.now() + wait;
    this.options.log?.warn('asr.down', { backend: this.options.dialect.name, reason, retryMs: wait });
  }

  private open(dialect: DialectUtterance, listener: UtteranceListener): Utterance {
    const { timeoutMs } = this.options;
    const ws = new WebSocket(this.options.url, { handshakeTimeout: timeoutMs, maxPayload: ASR_MAX_REPLY_BYTES });
    let queue: (string | Buffer)[] = [];
    let opened = false;
    let ended = false;
    let done = false;
    let timer: NodeJS.Timeout | undefined;

    const finish = (report: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      this.inFlight.delete(abort);
      ws.removeAllListeners('message');
      ws.on('error', () => undefined);
      if (ws.readyState === WebSocket.OPEN) ws.close(1000);
      else ws.terminate();
      this.guard(report);
    };
    const abort = () => finish(() => undefined);
    const fail = (error: AsrError) => finish(() => listener.error(error));
    const send = (frames: (string | Buffer)[]) => {
      if (!opened) queue.push(...frames);
      else for (const frame of frames) ws.send(frame);
    };
    this.inFlight.add(abort);

    ws.on('open', () => {
      opened = true;
      this.connected();
      for (const frame of [...dialect.opening(), ...queue]) ws.send(frame);
      queue = [];
    });
    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      if (isBinary) return;
      const reply = dialect.read(String(data), ended);
      if (!reply) return;
      if (reply.final) finish(() => listener.final(reply.text.trim()));
      else this.guard(() => listener.partial(reply.text.trim()));
    });
    ws.on('error', () => {
      if (!opened) this.down('connect');
    });
    ws.on('close', () => {
      if (!opened) return fail(new AsrError('unavailable', `asr: ${UNAVAILABLE}.`));
      const text = dialect.closed(ended);
      if (text !== null) finish(() => listener.final(text.trim()));
      else fail(new AsrError('failed', 'asr: the speech recognition server closed the connection early.'));
    });
    // The connection must open within the timeout too (handshakeTimeout), so nothing waits longer than twice it.
    return {
      write: (pcm) => {
        if (!done && !ended && pcm.length > 0) send([dialect.audio(pcm)]);
      },
      end: () => {
        if (done || ended) return;
        ended = true;
        send(dialect.ending());
        timer = setTimeout(() => {
          const text = dialect.closed(true);
          if (text !== null && text !== '') finish(() => listener.final(text.trim()));
          else fail(new AsrError('timeout', `asr: no text within ${timeoutMs} ms.`));
        }, timeoutMs);
      },
      abort,
    };
  }
}
