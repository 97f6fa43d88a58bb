// A desktop a screen reader can read, for tests/browser/screen-reader.test.ts: Xvfb, a D-Bus session, the AT-SPI bus,
// Orca (tests/browser/orca-launch.py) and Debian's Chromium as a real window, driven by xdotool as a keyboard user.
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { CHROMIUM } from '../tools.ts';

const run = promisify(execFile);
const ORCA_LAUNCHER = path.join(import.meta.dirname, 'orca-launch.py');
const AT_SPI_BUS_LAUNCHER = '/usr/libexec/at-spi-bus-launcher';
/** Chromium as a person runs it (a window, not headless), with the accessibility tree always on. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--force-renderer-accessibility',
  '--no-first-run',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--window-position=0,0',
  '--window-size=1280,900',
];

/** What Orca said, one utterance per entry, in order (the text of its debug file's SPEECH OUTPUT lines). */
export function parseSpeech(debugLog: string): string[] {
  const out: string[] = [];
  // println() writes "HH:MM:SS.micro - SPEECH OUTPUT: '<text>'", then " voice=<name>" and the voice settings "{…}"
  // for most utterances (not for those of a say-all), indenting a text's further lines by 18 spaces. Key echo
  // ("'tab ' {…}", a space before the settings) is not page speech and does not match.
  const record = /^\d\d:\d\d:\d\d\.\d+ - SPEECH OUTPUT: '((?:[^\n]|\n {18})*?)'(?: voice=\S+)?(?:\{[^\n]*\})?$/gm;
  for (const m of debugLog.matchAll(record)) out.push((m[1] ?? '').replace(/\n {18}/g, '\n'));
  return out;
}

export interface BrowserWindow {
  /** Closes the browser (the whole process group). */
  close(): Promise<void>;
}

export interface Desktop {
  /** Everything Orca has said so far. */
  spoken(): string[];
  /** Waits until an utterance after the first `from` matches `pattern`; returns the utterances after `from`. */
  waitFor(pattern: RegExp, from: number, timeoutMs?: number): Promise<string[]>;
  /** Waits until Orca has said nothing new for `ms` (it reads a newly loaded page through to the end, for one). */
  quiet(ms?: number, timeoutMs?: number): Promise<void>;
  /** Opens `url` in a new Chromium window with a fresh profile and gives it the keyboard. */
  open(url: string): Promise<BrowserWindow>;
  /** Presses keys (xdotool names: Tab, Return, alt+k). */
  key(...keys: string[]): Promise<void>;
  /** Types text as keystrokes (Chinese included). */
  type(text: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts a process in its own process group (so closing it ends its children too); output goes to `log`. */
function start(command: string, args: string[], env: NodeJS.ProcessEnv, log: string): ChildProcess {
  const out = fs.openSync(log, 'a');
  const child = spawn(command, args, { env, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  return child;
}

/** Ends a process group started by start(): SIGTERM, then SIGKILL if it is still there after 3 s. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/** Polls `probe` every 100 ms until it gives a value; throws naming `what` after `timeoutMs`. */
async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`screen reader desktop: ${what} within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Xvfb on a display it picks itself (-displayfd), so parallel runs never collide. */
async function startXvfb(env: NodeJS.ProcessEnv): Promise<{ xvfb: ChildProcess; display: string }> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], {
    env,
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    detached: true,
  });
  const display = await new Promise<string>((resolve, reject) => {
    let text = '';
    xvfb.stdio[3]?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(`:${text.trim()}`);
    });
    xvfb.once('exit', (code) => reject(new Error(`screen reader desktop: Xvfb exited (${code}) before it started`)));
  });
  return { xvfb, display };
}

/**
 * Starts the desktop: Xvfb, a private D-Bus session, the AT-SPI bus with screen reading switched on, and Orca. Every
 * process gets a private HOME and XDG_RUNTIME_DIR, so sockets, settings and profiles stay in one temporary folder.
 */
export async function startDesktop(): Promise<Desktop> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pa-orca-'));
  const base: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    XDG_RUNTIME_DIR: dir,
    // Orca's own words (role names such as "push button") in English, as the assertions expect.
    LANG: 'C.UTF-8',
    LANGUAGE: 'en',
  };
  const children: ChildProcess[] = [];
  const { xvfb, display } = await startXvfb(base);
  children.push(xvfb);
  const bus = `unix:path=${path.join(dir, 'bus')}`;
  const env: NodeJS.ProcessEnv = { ...base, DISPLAY: display, DBUS_SESSION_BUS_ADDRESS: bus };
  const log = (name: string) => path.join(dir, `${name}.log`);
  try {
    children.push(start('dbus-daemon', ['--session', '--nofork', `--address=${bus}`], env, log('dbus')));
    await until('the D-Bus session bus listening', 10_000, () =>
      fs.existsSync(path.join(dir, 'bus')) ? true : undefined,
    );
    children.push(start(AT_SPI_BUS_LAUNCHER, ['--launch-immediately'], env, log('at-spi')));
    // What a desktop's accessibility switch sets: applications (Chromium) then expose their accessibility trees.
    const enable = (property: string) =>
      run(
        'dbus-send',
        [
          '--session',
          '--print-reply',
          '--dest=org.a11y.Bus',
          '/org/a11y/bus',
          'org.freedesktop.DBus.Properties.Set',
          'string:org.a11y.Status',
          `string:${property}`,
          'variant:boolean:true',
        ],
        { env },
      );
    await until('the AT-SPI bus answering', 10_000, () =>
      enable('IsEnabled')
        .then(() => enable('ScreenReaderEnabled'))
        .then(() => true)
        .catch(() => undefined),
    );
    const debugFile = log('orca-debug');
    const orca = start('/usr/bin/python3', [ORCA_LAUNCHER, debugFile, path.join(dir, 'orca')], env, log('orca'));
    children.push(orca);
    const spoken = () => parseSpeech(fs.existsSync(debugFile) ? fs.readFileSync(debugFile, 'utf8') : '');
    // Orca's first words once it is reading the desktop.
    await until('Orca saying "Screen reader on."', 30_000, () => {
      if (orca.exitCode !== null || orca.signalCode !== null)
        throw new Error(`screen reader desktop: Orca exited: ${fs.readFileSync(log('orca'), 'utf8').slice(-2000)}`);
      return spoken().includes('Screen reader on.') ? true : undefined;
    });
    const xdotool = async (...args: string[]) => {
      await run('xdotool', args, { env, timeout: 20_000 });
    };
    let profiles = 0;
    return {
      spoken,
      async waitFor(pattern, from, timeoutMs = 20_000) {
        return until(`Orca saying ${pattern}`, timeoutMs, () => {
          const after = spoken().slice(from);
          return after.some((u) => pattern.test(u)) ? after : undefined;
        }).catch((error: Error) => {
          throw new Error(`${error.message}; it said: ${JSON.stringify(spoken().slice(from).slice(-30))}`);
        });
      },
      async quiet(ms = 1000, timeoutMs = 30_000) {
        let count = spoken().length;
        let since = Date.now();
        await until(`Orca falling quiet for ${ms} ms`, timeoutMs, () => {
          const now = spoken().length;
          if (now !== count) [count, since] = [now, Date.now()];
          return Date.now() - since >= ms ? true : undefined;
        });
      },
      async open(url) {
        const profile = path.join(dir, `profile-${++profiles}`);
        // No "Translate this page?" bubble (the pages are Chinese, the browser's locale is not).
        fs.mkdirSync(path.join(profile, 'Default'), { recursive: true });
        fs.writeFileSync(
          path.join(profile, 'Default', 'Preferences'),
          JSON.stringify({ translate: { enabled: false } }),
        );
        const browser = start(CHROMIUM, [...CHROMIUM_ARGS, `--user-data-dir=${profile}`, url], env, log('chromium'));
        children.push(browser);
        const id = await until('a Chromium window', 60_000, async () => {
          const found = await run('xdotool', ['search', '--onlyvisible', '--class', 'chromium'], { env }).catch(() => ({
            stdout: '',
          }));
          return found.stdout.trim().split('\n').filter(Boolean).pop();
        });
        // No window manager under Xvfb: give the window the keyboard directly.
        await xdotool('windowfocus', '--sync', id);
        return { close: () => stop(browser) };
      },
      async key(...keys) {
        await xdotool('key', '--delay', '100', ...keys);
      },
      async type(text) {
        // xdotool types a character missing from the keyboard map by remapping a spare key just before pressing it, and
        // Chromium, reading the new map late, now and then drops that character. So the characters are mapped first,
        // onto keys that have nothing on them, and the browser is given time to read the map before any is typed.
        const wanted = [...new Set(text)].filter((c) => c.codePointAt(0)! > 0x7e);
        if (wanted.length) {
          const { stdout } = await run('xmodmap', ['-pke'], { env });
          const spare = [...stdout.matchAll(/^keycode\s+(\d+)\s*=\s*$/gm)].map((m) => m[1]!);
          if (spare.length < wanted.length) throw new Error(`screen reader desktop: no spare keys to type ${text}`);
          const map = wanted.map((c, i) => `keycode ${spare[i]} = U${c.codePointAt(0)!.toString(16).toUpperCase()}`);
          await run(
            'xmodmap',
            map.flatMap((line) => ['-e', line]),
            { env },
          );
          await sleep(500);
        }
        await xdotool('type', '--delay', '150', text);
      },
      async close() {
        for (const child of children.reverse()) await stop(child);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const child of children.reverse()) await stop(child);
    // The logs stay for whoever reads the failure.
    throw new Error(`${(error as Error).message} (logs in ${dir})`, { cause: error });
  }
}
