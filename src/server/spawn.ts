// Starts the real service as a child process (npm start's command on the built dist/, or the same from the TypeScript
// sources) on port 0 in its own process group, and waits until it says it listens: the one way the scripts (bench, load,
// smoke) and the end-to-end and process tests (browser, screen reader, voice client, phone, shutdown, kill, cluster,
// publishing) run a server: as shipped, not built in-process.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SpawnedServer {
  url: string;
  child: ChildProcess;
  dataDir: string;
  /** Every stdout line so far (JSON log lines). */
  lines: string[];
  /** The processes answering requests: the workers, or the one process when WORKERS=1. */
  pids: number[];
  /** Milliseconds from spawning to the `listening` line (every worker listens). */
  readyMs: number;
  /** Milliseconds from spawning until the first process listened (from then on /healthz answers 200). */
  firstReadyMs: number;
  /** Resolves with the exit code and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (default SIGTERM) to the primary and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The end of a test's or script's server: SIGTERM to the whole group, the exit, and the data folder removed when
   * spawnServer made it. */
  dispose(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** `npm start`'s command line: its environment settings (VAR=value) and node's arguments (V8 flags, dist/main.js). */
function startCommand(): { env: Record<string, string>; nodeArgs: string[] } {
  const words = (
    JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
  ).scripts.start.split(/\s+/);
  const env = Object.fromEntries(words.filter((w) => /^[A-Z_]+=/.test(w)).map((w) => w.split('=') as [string, string]));
  const nodeArgs = words.slice(words.indexOf('node') + 1);
  return { env, nodeArgs };
}

export interface SpawnOptions {
  /** Longest wait for the `listening` line. */
  timeoutMs?: number;
  /** Run dist/main.js exactly as `npm start` does (default; built beforehand: `npm run build`, or the test run's global
   * setup, tests/global-setup.ts); false: the TypeScript sources through tsx, with npm start's V8 flags and environment. */
  built?: boolean;
  /** Run `npm start` itself (its prestart build first), as a person starting the product does (npm run smoke). */
  npmStart?: boolean;
}

/**
 * Spawns the server with `env` over a minimal environment (PATH, HOME; port 0 on 127.0.0.1; a fresh DATA_DIR unless
 * given; rate limits out of the way) and resolves once it logs `listening` (at most `timeoutMs`).
 */
export function spawnServer(env: Record<string, string> = {}, options: SpawnOptions = {}): Promise<SpawnedServer> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const ownDataDir = env.DATA_DIR === undefined;
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'server-data-'));
  const start = startCommand();
  const flags = start.nodeArgs.filter((arg) => arg.startsWith('--'));
  const args = (options.built ?? true) ? start.nodeArgs : ['--import', 'tsx', ...flags, 'src/main.ts'];
  const started = performance.now();
  const [command, commandArgs] = options.npmStart ? ['npm', ['start', '--silent']] : [process.execPath, args];
  const child = spawn(command, commandArgs, {
    cwd: ROOT,
    env: {
      ...start.env,
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      LIMIT_REQUESTS_PER_MINUTE: '1000000',
      LIMIT_WS_SESSIONS_PER_IP: '100000',
      DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return exited;
    // npm start's npm is a parent of the server: the signal goes to the whole group, as a terminal's Ctrl-C does.
    if (options.npmStart) killGroup({ child }, signal);
    else child.kill(signal);
    return exited;
  };
  const dispose = async () => {
    killGroup({ child }, 'SIGTERM');
    await exited;
    if (ownDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  let firstReadyMs = 0;
  return new Promise((resolve, reject) => {
    let buffer = '';
    let stderr = '';
    const timer = setTimeout(() => {
      killGroup({ child });
      reject(new Error(`server did not listen in ${timeoutMs} ms: ${stderr}`));
    }, timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (!firstReadyMs && /"event":"(worker_)?listening"/.test(line)) firstReadyMs = performance.now() - started;
        if (!line.includes('"event":"listening"')) continue;
        clearTimeout(timer);
        const listening = JSON.parse(line) as { url: string; pid: number };
        const workers = lines
          .filter((l) => l.includes('"event":"worker_listening"'))
          .map((l) => (JSON.parse(l) as { pid: number }).pid);
        resolve({
          url: listening.url,
          child,
          dataDir,
          lines,
          pids: workers.length > 0 ? workers : [listening.pid],
          readyMs: performance.now() - started,
          firstReadyMs,
          exited,
          stop,
          dispose,
        });
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening: ${stderr}`));
    });
  });
}

/** Kills the whole process group (primary and workers) if it is still running. */
export function killGroup(server: Pick<SpawnedServer, 'child'>, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    if (server.child.pid !== undefined) process.kill(-server.child.pid, signal);
  } catch {
    // already gone
  }
}
