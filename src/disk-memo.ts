// A value computed once and kept as JSON in the system's temporary folder, for start-up work whose inputs rarely change
// (the parsed corpus, the pinyin of the plans' words): written atomically (processes starting together never read half
// a file), the newest few kept, and any trouble with the folder or a file only means computing again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface DiskMemoOptions {
  /** Folder name under the system's temporary folder. */
  folder: string;
  /** A hash of everything the value depends on (hex). */
  key: string;
  /** How many values (the newest) are kept in the folder. */
  keep: number;
}

/** `compute()`, or the value it returned for the same key before. The value must survive JSON (plain data). */
export function diskMemo<T>({ folder, key, keep }: DiskMemoOptions, compute: () => T): T {
  const dir = path.join(os.tmpdir(), folder);
  const file = path.join(dir, `${key}.json`);
  try {
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  } catch {
    // a damaged or vanished file is computed again below
  }
  const value = compute();
  try {
    fs.mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(value));
    fs.renameSync(temporary, file);
    prune(dir, keep);
  } catch {
    // a read-only temporary folder only costs the next start-up the work
  }
  return value;
}

function prune(dir: string, keep: number): void {
  const files = fs
    .readdirSync(dir)
    .filter((name) => /^[0-9a-f]+\.json$/.test(name))
    .map((name) => ({ name, time: fs.statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { name } of files.slice(keep)) fs.rmSync(path.join(dir, name), { force: true });
}
