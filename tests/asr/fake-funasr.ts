// A stand-in FunASR runtime server over a real WebSocket: it checks the protocol, sends partials and a 2pass-offline final.
import { createHash } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { funasrDialect } from '../../src/asr/funasr.ts';
import { WsRecognizer } from '../../src/asr/ws-recognizer.ts';

/** What one connection (one utterance) carried. */
export interface FakeUtterance {
  config: Record<string, unknown>;
  bytes: number;
  checksum: string;
  ended: boolean;
}

export interface FakeFunasrOptions {
  /** Wait before the final reply (a slow recogniser). */
  finalDelayMs?: number;
  /** Never reply at all (a hung recogniser). */
  mute?: boolean;
  /** Bytes of audio between two partial replies. */
  partialEveryBytes?: number;
  /** What audio nobody registered or queued a text for is heard as (default ''). */
  otherwise?: string;
}

/** The project's FunASR client for `url` (no hotwords), as main.ts builds it. */
export function funasrClient(url: string, timeoutMs = 2000, concurrency = 64): WsRecognizer {
  return new WsRecognizer({ url, dialect: funasrDialect({}), timeoutMs, concurrency });
}

/** A ws:// address on 127.0.0.1 where nothing listens: a recogniser that is down. */
export async function downUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `ws://127.0.0.1:${port}`;
}

/** The SHA-1 of PCM bytes: how the fake knows which registered text an utterance carries. */
export function checksum(pcm: Buffer): string {
  return createHash('sha1').update(pcm).digest('hex');
}

/**
 * Transcripts come from `register(pcm, text)` (the exact audio the test will send) or, for audio the test cannot know
 * byte for byte (after the phone's voice detection), from `next(text)`, in order. Unknown audio is heard as ''.
 */
export class FakeFunasr {
  readonly utterances: FakeUtterance[] = [];
  private readonly known = new Map<string, string>();
  private readonly queue: string[] = [];
  private constructor(
    private readonly wss: WebSocketServer,
    readonly options: FakeFunasrOptions,
  ) {
    wss.on('connection', (ws) => this.serve(ws));
  }

  static async start(options: FakeFunasrOptions = {}): Promise<FakeFunasr> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    return new FakeFunasr(wss, options);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.wss.address() as AddressInfo).port}`;
  }

  register(pcm: Buffer, text: string): void {
    this.known.set(checksum(pcm), text);
  }

  next(text: string): void {
    this.queue.push(text);
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private serve(ws: WebSocket): void {
    const chunks: Buffer[] = [];
    let utterance: FakeUtterance | null = null;
    let sinceReply = 0;
    const every = this.options.partialEveryBytes ?? 16000;
    const reply = (mode: string, text: string, isFinal: boolean) =>
      ws.send(JSON.stringify({ mode, text, wav_name: utterance?.config.wav_name, is_final: isFinal }));
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) {
        const message = JSON.parse(String(data)) as Record<string, unknown>;
        if (!utterance) {
          utterance = { config: message, bytes: 0, checksum: '', ended: false };
          this.utterances.push(utterance);
          return;
        }
        if (message.is_speaking !== false) return;
        utterance.ended = true;
        const pcm = Buffer.concat(chunks);
        utterance.checksum = checksum(pcm);
        const text = this.known.get(utterance.checksum) ?? this.queue.shift() ?? this.options.otherwise ?? '';
        if (this.options.mute) return;
        setTimeout(() => reply('2pass-offline', text, false), this.options.finalDelayMs ?? 0);
        return;
      }
      if (!utterance) throw new Error('fake funasr: audio before the config message');
      chunks.push(data);
      utterance.bytes += data.length;
      sinceReply += data.length;
      if (sinceReply >= every && !this.options.mute) {
        sinceReply = 0;
        const guess = this.queue[0] ?? this.options.otherwise ?? '';
        reply('2pass-online', guess.slice(0, Math.max(1, Math.floor(guess.length / 2))), false);
      }
    });
  }
}
