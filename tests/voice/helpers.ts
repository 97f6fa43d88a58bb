// Test helpers for the voice channel: a real server on port 0 and a real `ws` client that records what it receives.
import WebSocket from 'ws';
import type { AskFn, AskResponse } from '../../src/answer/types.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { createServices, type Services } from '../../src/runtime/services.ts';
import type { ServerMessage } from '../../src/voice/protocol.ts';
import type { VoiceServer } from '../../src/voice/route.ts';
import { createServer, type ServerDeps } from '../../src/runtime/server.ts';
import { testFlow, type TestFlowOptions } from '../ask-flow.ts';

/** Whether espeak-ng with the Mandarin voice is installed (speech tests skip without it; under CI=true they fail). */
export { HAS_ESPEAK } from '../tools.ts';

/** A config for tests: defaults plus the given environment-style overrides. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ HOST: '127.0.0.1', PORT: '0', ...env });
}

let services: Promise<Services> | null = null;

/** The real answer engine over the real plans, built once per test file (records kept in memory). */
export function realServices(): Promise<Services> {
  services ??= createServices(testConfig(), { log: createLogger('error'), dataDir: null });
  return services;
}

/**
 * A small real AskFn over plain data, for the session tests that must not depend on the corpus: it echoes the city and
 * history it was given, so the tests can check what the session passes on.
 */
export function plainAsk(calls: Parameters<AskFn>[0][] = []): AskFn {
  return (request) => {
    calls.push(request);
    const long = request.question.includes('详细');
    const sentences = [
      `${request.city ?? '各市'}的规划写明：重度残疾人护理补贴覆盖率≥95%。`,
      '2025年前，0—6周岁残疾儿童康复救助覆盖率达到100%。',
      '具体金额请咨询当地残联或拨打12385。',
    ];
    const answer = long ? Array.from({ length: 8 }, () => sentences.join('')).join('') : sentences.join('');
    const response: AskResponse = {
      answered: true,
      answer,
      city: request.city ?? null,
      intent: 'entitlement',
      confidence: 0.9,
      citations: [
        {
          id: 'jining-3-1-2',
          city: '济宁',
          document: '济宁市残疾人事业发展“十四五”规划',
          path: ['三、重点任务和主要措施'],
          text: '落实困难残疾人生活补贴和重度残疾人护理补贴制度。',
          url: '/docs/jining#jining-3-1-2',
        },
      ],
      suggestions: ['怎么申请？'],
    };
    return response;
  };
}

export interface TestServer {
  url: string;
  port: number;
  voice: VoiceServer;
  close(): Promise<void>;
}

/** What the voice tests vary: config, speech and recogniser, and an ask flow made from an answer function, a corpus and
 * records (tests/ask-flow.ts). */
export interface VoiceServerOptions
  extends Pick<ServerDeps, 'config' | 'recognizer' | 'espeakPath' | 'ttsCacheBytes'>, Omit<TestFlowOptions, 'limits'> {}

/** Starts the server as main.ts does (createServer) on port 0, with no HTTP routes: the voice channel is what is tested. */
export async function startVoiceServer(options: VoiceServerOptions): Promise<TestServer> {
  const { ask, corpus, records, ...deps } = options;
  const flow = testFlow({ ask, corpus, records, limits: deps.config.limits });
  const server = await createServer({
    ...deps,
    log: createLogger('error'),
    handlers: { flow, fetch: () => new Response(null, { status: 404 }) },
  });
  await server.voice.tts.probe();
  return {
    url: `ws://127.0.0.1:${server.port}/ws/voice`,
    port: server.port,
    voice: server.voice,
    close: async () => void (await server.close()),
  };
}

export type Event = { kind: 'message'; message: ServerMessage } | { kind: 'audio'; bytes: Buffer };

/** A real WebSocket client that keeps every frame it receives, in order. */
export class VoiceClient {
  readonly events: Event[] = [];
  readonly messages: ServerMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) {
        this.events.push({ kind: 'audio', bytes: data });
        return;
      }
      const message = JSON.parse(data.toString('utf8')) as ServerMessage;
      this.events.push({ kind: 'message', message });
      this.messages.push(message);
      this.notify();
    });
    this.closed = new Promise((resolve) => {
      ws.on('close', (code: number, reason: Buffer) => {
        this.notify();
        resolve({ code, reason: reason.toString('utf8') });
      });
    });
    ws.on('error', () => undefined);
  }

  /** Opens a socket and resolves once it is open. */
  static connect(url: string, headers: Record<string, string> = {}): Promise<VoiceClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      const client = new VoiceClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
    });
  }

  send(value: unknown): void {
    this.ws.send(typeof value === 'string' ? value : JSON.stringify(value));
  }

  /** Sends session.start and waits for session.ready. */
  async start(fields: Record<string, unknown> = {}): Promise<Extract<ServerMessage, { type: 'session.ready' }>> {
    this.send({ type: 'session.start', ...fields });
    return this.waitFor('session.ready');
  }

  /** Waits for the first message of `type` (after `from` messages) matching `where`. */
  async waitFor<T extends ServerMessage['type']>(
    type: T,
    where: (m: Extract<ServerMessage, { type: T }>) => boolean = () => true,
    timeoutMs = 10_000,
  ): Promise<Extract<ServerMessage, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(
        (m): m is Extract<ServerMessage, { type: T }> => m.type === type && where(m as never),
      );
      if (found) return found;
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error(`socket closed before "${type}" arrived`);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out waiting for "${type}"; got ${this.messages.map((m) => m.type).join(',')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Bytes of audio received between two indexes of `events`. */
  audioBytes(from = 0, to = this.events.length): number {
    return this.events.slice(from, to).reduce((sum, e) => sum + (e.kind === 'audio' ? e.bytes.length : 0), 0);
  }

  indexOf(predicate: (m: ServerMessage) => boolean): number {
    return this.events.findIndex((e) => e.kind === 'message' && predicate(e.message));
  }

  close(): void {
    this.ws.close();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
