// The small process that starts espeak-ng for the server (src/voice/espeak-host.ts runs and talks to it). Forking from
// the server's large process blocks its event loop 15–25 ms per sentence; forking from this one takes about 2 ms, and
// not on the server's loop. Plain JavaScript, so that bare `node` starts it without the TypeScript loader.
//
// Usage: node espeak-host.mjs <spares> <espeak-ng path> <espeak-ng arguments…>
// stdin:  one JSON object a line: {"id":n,"text":"…"} synthesizes text (written to espeak-ng's stdin), {"kill":n} kills it.
// stdout: frames of a 9-byte header (uint32le id, uint8 kind, uint32le length) and `length` bytes of payload:
//         kind 0, espeak-ng's stdout bytes; kind 1, the end: JSON {"code","signal"} or {"error","message"} (spawn failed).
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setImmediate } from 'node:timers';

const DATA = 0;
const END = 1;
const [spares = '0', espeakPath = 'espeak-ng', ...args] = process.argv.slice(2);
const SPARES = Number(spares);
/** espeak-ng processes started ahead of need: the voice is loaded by the time a sentence comes. */
const idle = new Set();
const running = new Map();
let closing = false;

function send(id, kind, payload) {
  const header = Buffer.alloc(9);
  header.writeUInt32LE(id, 0);
  header.writeUInt8(kind, 4);
  header.writeUInt32LE(payload.length, 5);
  process.stdout.write(Buffer.concat([header, payload]));
}

function spawnEspeak() {
  const child = spawn(espeakPath, args, { stdio: ['pipe', 'pipe', 'ignore'] });
  child.stdin.on('error', () => undefined);
  return child;
}

/** Keeps SPARES spare processes, one spawn per loop turn so that a request is never kept waiting behind several. */
function refill() {
  if (closing || idle.size >= SPARES) return;
  const child = spawnEspeak();
  idle.add(child);
  const drop = () => idle.delete(child);
  child.on('error', drop);
  child.on('exit', drop);
  setImmediate(refill);
}

function take() {
  for (const child of idle) {
    idle.delete(child);
    if (child.exitCode === null && child.signalCode === null) return child;
  }
  return spawnEspeak();
}

function start(id, text) {
  const child = take();
  running.set(id, child);
  let ended = false;
  const end = (result) => {
    if (ended) return;
    ended = true;
    running.delete(id);
    send(id, END, Buffer.from(JSON.stringify(result)));
    // Spares only once espeak-ng has worked: a missing engine must not be spawned over and over.
    if (result.code === 0) setImmediate(refill);
  };
  child.stdout.on('data', (chunk) => {
    if (!ended) send(id, DATA, chunk);
  });
  child.on('error', (error) => end({ error: error.code ?? 'failed', message: error.message }));
  child.on('close', (code, signal) => end({ code, signal }));
  child.stdin.end(text);
}

function close() {
  closing = true;
  for (const child of [...idle, ...running.values()]) child.kill('SIGKILL');
  process.exit(0);
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  let request;
  try {
    request = JSON.parse(line);
  } catch {
    return;
  }
  if (typeof request.kill === 'number') running.get(request.kill)?.kill('SIGKILL');
  else if (typeof request.id === 'number' && typeof request.text === 'string') start(request.id, request.text);
});
// The server went away (or closed its speech engine): take every espeak-ng process along.
lines.on('close', close);
process.stdout.on('error', close);
