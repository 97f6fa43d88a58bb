// Private PostgreSQL, Redis and nginx servers for the many-instances tests: each on a free loopback port in its own
// temporary folder, never the system services. PostgreSQL runs as the `postgres` user (initdb and pg_ctl refuse root,
// and CI runs as root). Without the programs the suites are skipped with a warning; under CI=true the run fails.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { requireTool } from '../tools.ts';

export const PG_BIN = '/usr/lib/postgresql/15/bin';
const REDIS = '/usr/bin/redis-server';
const NGINX = '/usr/sbin/nginx';

/** PostgreSQL, Redis and nginx are all installed (.ci/run installs them). */
export const HAS_SERVERS = requireTool(
  'PostgreSQL 15, redis-server and nginx',
  fs.existsSync(path.join(PG_BIN, 'pg_ctl')) && fs.existsSync(REDIS) && fs.existsSync(NGINX),
  'the many-instances suites (tests/store)',
);

/** A free TCP port on 127.0.0.1 (bound and released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Resolves once something accepts connections on 127.0.0.1:`port` (at most 5 s). */
async function listening(port: number, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not listen on ${port}`);
}

function asPostgres(args: string[]): string {
  return execFileSync('runuser', ['-u', 'postgres', '--', ...args], { stdio: 'pipe', encoding: 'utf8' });
}

export interface Postgres {
  url: string;
  port: number;
  start(): void;
  /** Stops at once (`-m immediate`: as if the machine lost it). */
  stop(): void;
  /** Stops and deletes the folder. */
  destroy(): void;
}

/** A fresh cluster (C locale, trust on loopback) in a temporary folder, started. About 3 s. */
export async function startPostgres(): Promise<Postgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-'));
  fs.chmodSync(dir, 0o755);
  const data = path.join(dir, 'data');
  fs.mkdirSync(data);
  execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const port = await freePort();
  asPostgres([`${PG_BIN}/initdb`, '-D', data, '-A', 'trust', '-U', 'postgres', '--locale=C', '-E', 'UTF8']);
  const start = () =>
    asPostgres([
      `${PG_BIN}/pg_ctl`,
      '-D',
      data,
      '-l',
      path.join(dir, 'log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-w',
      'start',
    ]);
  const stop = () => {
    try {
      asPostgres([`${PG_BIN}/pg_ctl`, '-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // not running
    }
  };
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    destroy() {
      stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Redis {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Redis in the foreground, no persistence, on a free port. */
export async function startRedis(): Promise<Redis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(REDIS, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await listening(port, 'redis-server');
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    async stop() {
      const c = child;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await exited;
    },
  };
}

export interface Nginx {
  url: string;
  stop(): Promise<void>;
}

/** nginx with deploy/nginx.conf's server block, proxying to `upstreams` (host:port), on a free port. */
export async function startNginx(upstreams: string[]): Promise<Nginx> {
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'nginx-'));
  fs.mkdirSync(path.join(prefix, 'logs'));
  const port = await freePort();
  const site = fs
    .readFileSync(path.resolve(import.meta.dirname, '../../deploy/nginx.conf'), 'utf8')
    .replace(/upstream policy_assistant \{[^}]*\}/, () => {
      const servers = upstreams.map((u) => `    server ${u} max_fails=1 fail_timeout=2s;`).join('\n');
      return `upstream policy_assistant {\n${servers}\n}`;
    })
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`);
  const config = `daemon off;\npid ${prefix}/nginx.pid;\nerror_log ${prefix}/logs/error.log warn;\nevents { worker_connections 1024; }\nhttp {\n  access_log off;\n  client_body_temp_path ${prefix}/body;\n  proxy_temp_path ${prefix}/proxy;\n${site}\n}\n`;
  fs.writeFileSync(path.join(prefix, 'nginx.conf'), config);
  const child = spawn(NGINX, ['-c', path.join(prefix, 'nginx.conf'), '-p', prefix], { stdio: 'ignore' });
  await listening(port, 'nginx');
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(prefix, { recursive: true, force: true });
    },
  };
}
