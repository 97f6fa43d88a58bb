// Runs espeak-ng through one small helper process (espeak-host.mjs) instead of forking it from the server: a fork copies
// the page tables of this large process and blocks its event loop 15–25 ms per sentence, every session's audio with it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The helper program, plain JavaScript beside this module. */
const HOST_SCRIPT = fileURLToPath(new URL('./espeak-host.mjs', import.meta.url));
const HEADER_BYTES = 9;
const DATA = 0;
const END = 1;

/** How one espeak-ng run ended: its exit code or signal, or why it could not be started (an errno code such as ENOENT). */
export type EspeakEnd =
  | { code: number | null; signal: string | null; error?: undefined; message?: undefined }
  | { error: string; message: string; code?: undefined; signal?: undefined };

export interface EspeakRun {
  /** Kills the espeak-ng process; nothing more is reported for it. */
  kill(): void;
}

interface Pending {
  data(chunk: Buffer): void;
  end(result: EspeakEnd): void;
}

/**
 * Starts espeak-ng processes with fixed arguments through the helper, which keeps `spares` of them started ahead of
 * need. Until one run has succeeded (the speech probe), runs are started from this process, so that a missing engine is
 * known at once and no helper is started for it; the helper starts then, and again after it dies. It never keeps this
 * process alive by itself.
 */
export class EspeakHost {
  private child: ChildProcess | null = null;
  private proven = false;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private buffered: Buffer = Buffer.alloc(0);

  constructor(
    private readonly espeakPath: string,
    private readonly args: readonly string[],
    private readonly spares: number,
  ) {}

  /** Synthesizes `text`: `data` gets espeak-ng's stdout as it comes, then `end` once (not after `kill()`). */
  run(text: string, data: (chunk: Buffer) => void, end: (result: EspeakEnd) => void): EspeakRun {
    if (!this.proven) return this.runHere(text, data, end);
    const child = this.child ?? this.startHost();
    const id = this.nextId++;
    this.pending.set(id, { data, end });
    child.stdin!.write(`${JSON.stringify({ id, text })}\n`);
    return {
      kill: () => {
        if (!this.pending.delete(id) || this.child !== child) return;
        child.stdin!.write(`${JSON.stringify({ kill: id })}\n`);
      },
    };
  }

  /**
   * Once a run has succeeded: starts the helper and runs `text` through it, so that node's start-up and the spare
   * processes are behind it before a session needs it. Resolves when that run ends, however it ends.
   */
  warm(text: string): Promise<void> {
    if (!this.proven) return Promise.resolve();
    return new Promise((resolve) => {
      this.run(
        text,
        () => undefined,
        () => resolve(),
      );
    });
  }

  /** One run forked from this process (before the engine is known to work). */
  private runHere(text: string, data: (chunk: Buffer) => void, end: (result: EspeakEnd) => void): EspeakRun {
    const child = spawn(this.espeakPath, this.args, { stdio: ['pipe', 'pipe', 'ignore'] });
    let ended = false;
    const finish = (result: EspeakEnd) => {
      if (ended) return;
      ended = true;
      if (result.code === 0) this.proven = true;
      end(result);
    };
    child.on('error', (error: NodeJS.ErrnoException) =>
      finish({ error: error.code ?? 'failed', message: error.message }),
    );
    child.on('close', (code, signal) => finish({ code, signal }));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (!ended) data(chunk);
    });
    child.stdin!.on('error', () => undefined);
    child.stdin!.end(text);
    return {
      kill: () => {
        ended = true;
        child.kill('SIGKILL');
      },
    };
  }

  /** Stops the helper and every espeak-ng process it runs; a later `run()` starts a new helper. */
  close(): void {
    const child = this.child;
    if (!child) return;
    this.hostGone(child);
    child.stdin!.end();
  }

  private startHost(): ChildProcess {
    const child = spawn(process.execPath, [HOST_SCRIPT, String(this.spares), this.espeakPath, ...this.args], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    this.child = child;
    this.buffered = Buffer.alloc(0);
    child.on('error', () => this.hostGone(child));
    child.on('close', () => this.hostGone(child));
    child.stdin!.on('error', () => this.hostGone(child));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (this.child === child) this.receive(chunk);
    });
    // Each run has its own timeout timer, which keeps the event loop alive while it lasts; the helper must not.
    child.unref();
    (child.stdin as unknown as { unref(): void }).unref();
    (child.stdout as unknown as { unref(): void }).unref();
    return child;
  }

  /** Splits the helper's output into frames and hands each to its run. */
  private receive(chunk: Buffer): void {
    let bytes = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    while (bytes.length >= HEADER_BYTES) {
      const length = bytes.readUInt32LE(5);
      if (bytes.length < HEADER_BYTES + length) break;
      const id = bytes.readUInt32LE(0);
      const kind = bytes.readUInt8(4);
      const payload = bytes.subarray(HEADER_BYTES, HEADER_BYTES + length);
      bytes = bytes.subarray(HEADER_BYTES + length);
      const run = this.pending.get(id);
      if (!run) continue;
      if (kind === DATA) run.data(payload);
      else if (kind === END) {
        this.pending.delete(id);
        run.end(JSON.parse(payload.toString('utf8')) as EspeakEnd);
      }
    }
    this.buffered = bytes;
  }

  /** The helper exited (or was closed): every run still waiting ends as failed. */
  private hostGone(child: ChildProcess): void {
    if (this.child !== child) return;
    this.child = null;
    const runs = [...this.pending.values()];
    this.pending.clear();
    for (const run of runs) run.end({ error: 'host', message: 'the espeak-ng helper process exited' });
  }
}
