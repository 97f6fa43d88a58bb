// DATA_DIR/plans: the registry and one text file per uploaded version. Every write goes to a temporary file first and
// is renamed into place, so a crash never leaves half a file; a lock directory serialises changes from several workers.
// (With DATABASE_URL the same interface is kept in PostgreSQL instead: src/store/pg-plans.ts.)
import fs from 'node:fs';
import path from 'node:path';
import type { StaffIdentity } from '../staff-tokens.ts';
import { EMPTY_REGISTRY, type Registry } from './registry.ts';

/** How often a worker looks at the registry file for a publish made by another worker. */
export const WATCH_INTERVAL_MS = 200;

/** A lock older than this was left by a process that died while holding it. */
const STALE_LOCK_MS = 10_000;
const LOCK_WAIT_MS = 5_000;
const LOCK_POLL_MS = 10;

/** A change staff make: the registry to write (null: none), the version texts to store with it, what to return. */
export type PlanChange<T> = (registry: Registry) => {
  registry: Registry | null;
  texts?: [string, number, string][];
  result: T;
};

/** A staff action as the audit log keeps it (a token's id and name, never the token). */
export interface AuditEntry {
  who: StaffIdentity;
  action: 'upload' | 'publish' | 'rollback' | 'withdraw' | 'delete' | 'force';
  planId: string;
  version: number | null;
}

export interface PlanStore {
  /** Where it is kept (for logs). */
  where: string;
  read(): Registry;
  /** The stored text of one uploaded version. */
  text(id: string, version: number): string;
  /**
   * Runs `change` on the current registry under the lock; when it returns a registry, that is written (and the version
   * texts it lists in `texts` before it, and `audit` with it where the store keeps an audit log). Returns what
   * `change` returned.
   */
  update<T>(change: PlanChange<T>, audit?: AuditEntry): T | Promise<T>;
  /** Calls `onChange` after another worker or instance changed the registry; returns the function that stops it. */
  watch(onChange: () => void): () => void;
}

/** The file store: changes are written before `update` returns. */
export interface FilePlanStore extends PlanStore {
  dir: string;
  /** The file workers watch: it changes exactly when something is published, rolled back or withdrawn. */
  registryFile: string;
  update<T>(change: PlanChange<T>): T;
}

function writeAtomic(file: string, data: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Holds DATA_DIR/plans/.lock while `run` runs (a directory: mkdir is atomic on every file system we run on). */
function locked<T>(dir: string, run: () => T): T {
  const lock = path.join(dir, '.lock');
  fs.mkdirSync(dir, { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > STALE_LOCK_MS) fs.rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`store: ${lock} is held by another process`, { cause: error });
      else sleep(LOCK_POLL_MS);
    }
  }
  try {
    return run();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The store under `dataDir`/plans (created on the first upload; absent means a fresh install: corpus/ only). */
export function openPlanStore(dataDir: string): FilePlanStore {
  const dir = path.join(dataDir, 'plans');
  const registryFile = path.join(dir, 'registry.json');
  const textFile = (id: string, version: number) => path.join(dir, id, `v${version}.txt`);
  const read = (): Registry => {
    if (!fs.existsSync(registryFile)) return EMPTY_REGISTRY;
    return JSON.parse(fs.readFileSync(registryFile, 'utf8')) as Registry;
  };
  return {
    dir,
    registryFile,
    where: registryFile,
    watch(onChange) {
      fs.watchFile(registryFile, { interval: WATCH_INTERVAL_MS, persistent: false }, onChange);
      return () => fs.unwatchFile(registryFile, onChange);
    },
    read,
    text: (id, version) => fs.readFileSync(textFile(id, version), 'utf8'),
    update(change) {
      return locked(dir, () => {
        const { registry, texts = [], result } = change(read());
        if (registry) {
          for (const [id, version, text] of texts) writeAtomic(textFile(id, version), text);
          writeAtomic(registryFile, `${JSON.stringify(registry, null, 1)}\n`);
        }
        return result;
      });
    },
  };
}
