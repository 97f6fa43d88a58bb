// Starts the real server (`node --import tsx src/main.ts`) on port 0 in its own process group, for shutdown and kill tests.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningServer {
  url: string;
  child: ChildProcess;
  dataDir: string;
  /** Every stdout line so far (JSON log lines). */
  lines: string[];
  /** Resolves with the exit code and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Spawns the server with `env` and waits for its `listening` line (at most `timeoutMs`). */
export function startServer(env: Record<string, string> = {}, timeoutMs = 30_000): Promise<RunningServer> {
  const dataDir = env.DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'server-data-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      LIMIT_REQUESTS_PER_MINUTE: '1000000',
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
  return new Promise((resolve, reject) => {
    let buffer = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`server did not listen in ${timeoutMs} ms: ${stderr}`)), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line.includes('"event":"listening"')) {
          clearTimeout(timer);
          resolve({ url: (JSON.parse(line) as { url: string }).url, child, dataDir, lines, exited });
        }
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before listening: ${stderr}`));
    });
  });
}

/** Kills the whole process group (primary and workers) if it is still running. */
export function killGroup(server: RunningServer, signal: NodeJS.Signals = 'SIGKILL'): void {
  try {
    if (server.child.pid !== undefined) process.kill(-server.child.pid, signal);
  } catch {
    // already gone
  }
}
