// A stand-in for Asterisk: an AudioSocket client over a real TCP socket that sends a call id, speech in real time,
// silence and DTMF, and records every frame it gets back with its arrival time.
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  FrameReader,
  KIND_AUDIO,
  KIND_CALL_ID,
  KIND_DTMF,
  KIND_HANGUP,
  PHONE_FRAME_BYTES,
  PHONE_FRAME_MS,
  encodeFrame,
  type AudioSocketFrame,
} from '../../src/phone/audiosocket.ts';

export interface Received extends AudioSocketFrame {
  at: number;
}

export const CALL_ID = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');

export class FakeCaller {
  readonly received: Received[] = [];
  readonly closed: Promise<void>;
  private readonly reader = new FrameReader();
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      const at = performance.now();
      for (const frame of this.reader.push(chunk)) this.received.push({ ...frame, at });
      this.wake();
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.on('close', () => (this.wake(), resolve())));
  }

  static connect(port: number): Promise<FakeCaller> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new FakeCaller(socket)));
      socket.once('error', reject);
    });
  }

  send(kind: number, payload?: Buffer): void {
    if (!this.socket.destroyed) this.socket.write(encodeFrame(kind, payload));
  }

  callId(id: Buffer = CALL_ID): void {
    this.send(KIND_CALL_ID, id);
  }

  dtmf(digit: string): void {
    this.send(KIND_DTMF, Buffer.from(digit, 'latin1'));
  }

  /** Sends PCM as 20 ms frames in real time; resolves when the last one is sent (its time, performance.now()). */
  async speak(pcm: Buffer): Promise<number> {
    const started = performance.now();
    let index = 0;
    for (let offset = 0; offset < pcm.length; offset += PHONE_FRAME_BYTES, index++) {
      const wait = started + index * PHONE_FRAME_MS - performance.now();
      if (wait > 0) await sleep(wait);
      const frame = Buffer.alloc(PHONE_FRAME_BYTES);
      pcm.copy(frame, 0, offset, offset + PHONE_FRAME_BYTES);
      this.send(KIND_AUDIO, frame);
    }
    return performance.now();
  }

  /** Sends `ms` of silence in real time, as a phone line does between words. */
  silence(ms: number): Promise<number> {
    return this.speak(Buffer.alloc(Math.round(ms / PHONE_FRAME_MS) * PHONE_FRAME_BYTES));
  }

  /** Audio frames received at or after `from` (an index into `received`). */
  audio(from = 0): Received[] {
    return this.received.slice(from).filter((f) => f.kind === KIND_AUDIO);
  }

  hungUp(): boolean {
    return this.received.some((f) => f.kind === KIND_HANGUP);
  }

  /** Waits until `ready()` holds or `timeoutMs` passes (then throws, naming `what`). */
  async until(what: string, ready: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (!ready()) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`fake caller: timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 50));
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }

  /** Waits until no audio frame has arrived for `quietMs` (the line has stopped speaking). */
  async quiet(quietMs = 200, timeoutMs = 30_000): Promise<void> {
    await this.until(
      'the line to fall quiet',
      () => performance.now() - (this.audio().at(-1)?.at ?? 0) >= quietMs,
      timeoutMs,
    );
  }

  end(): void {
    this.socket.destroy();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
