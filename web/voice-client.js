// Browser client of the voice channel /ws/voice: asks a question, shows the answer text, plays the server's PCM.
// Plain ES module, no dependencies; the chat's read-aloud (web/js/speech.js) uses it too. Usage:
//   import { speakQuestion, stop } from '/static/voice-client.js';
//   button.onclick = () => speakQuestion('重度残疾人有护理补贴吗', { city: '济宁', onText: (text, final) => … });
//   stopButton.onclick = stop;   // also on Esc / any key: audio stops at once

/** The rate we ask the server for; the Web Audio API resamples to the output device. */
export const SAMPLE_RATE = 16000;
/** How long we wait for the channel to open and answer session.start before giving up ('error'). */
export const READY_TIMEOUT_MS = 3000;
/** Slowest and fastest playback rates setRate() accepts. */
export const MIN_RATE = 0.5;
export const MAX_RATE = 2;

/** @type {WebSocket | null} */
let socket = null;
/** @type {Promise<WebSocket> | null} */
let opening = null;
/** The settings the open session was started with ("city|mode"). */
let sessionKey = '';
/** @type {AudioContext | null} */
let audio = null;
/**
 * The turn's scheduled audio, in playing order. `start` is where the buffer's first sample falls on the audio clock at
 * `rate`; `after` runs once the buffer has played (marks and the end of the turn wait on the last buffer before them).
 * @typedef {{ buffer: AudioBuffer, source: AudioBufferSourceNode | null, start: number, rate: number, after: (() => void)[] }} Scheduled
 * @type {Scheduled[]}
 */
let queue = [];
/** @type {Set<ReturnType<typeof setTimeout>>} */
const timers = new Set();
let playAt = 0;
let rate = 1;
let sampleRate = SAMPLE_RATE;
/** The turn whose audio frames are arriving (binary frames carry no turn id: they follow their tts.start). */
let audioTurnId = null;
/** The turn being played, and how it ends. */
/** @type {null | { turnId: string | null, onText: (text: string, final: boolean, answer?: object) => void, resolve: (how: string) => void, spoken: boolean, textOnly: boolean }} */
let turn = null;
/** @type {null | ((message: object) => void)} */
let onReady = null;

function voiceUrl() {
  const url = new URL('/ws/voice', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

function send(message) {
  if (socket && socket.readyState === 1) socket.send(JSON.stringify(message));
}

function later(fn, ms) {
  const id = setTimeout(
    () => {
      timers.delete(id);
      fn();
    },
    Math.max(0, ms),
  );
  timers.add(id);
}

/** Stops every scheduled buffer and timer now (no fade: barge-in must be instant). */
function silence() {
  for (const item of queue) unschedule(item);
  queue = [];
  for (const id of timers) clearTimeout(id);
  timers.clear();
  playAt = 0;
}

function unschedule(item) {
  if (!item.source) return;
  item.source.onended = null;
  try {
    item.source.stop();
  } catch {
    // Not started yet.
  }
  item.source = null;
}

/** Starts `item` at `when` on the audio clock, `offset` seconds into its buffer, at the current rate. */
function schedule(item, when, offset) {
  const source = audio.createBufferSource();
  source.buffer = item.buffer;
  source.playbackRate.value = rate;
  source.connect(audio.destination);
  source.onended = () => played(item);
  source.start(when, offset);
  item.source = source;
  item.rate = rate;
  item.start = when - offset / rate;
  playAt = item.start + item.buffer.duration / rate;
}

function played(item) {
  item.source = null;
  const index = queue.indexOf(item);
  if (index >= 0) queue.splice(index, 1);
  for (const fn of item.after) fn();
}

/** Runs `fn` once the audio scheduled so far has played (paused time and rate changes included). */
function afterPlayed(fn) {
  const last = queue.at(-1);
  if (last) last.after.push(fn);
  else later(fn, 0);
}

/** Schedules the queue again from the playhead at the current rate, keeping the position inside the playing buffer. */
function reschedule() {
  if (!audio || queue.length === 0) return;
  const now = audio.currentTime;
  let at = now;
  for (const item of queue) {
    const offset = item.start < now ? Math.min(item.buffer.duration, (now - item.start) * item.rate) : 0;
    unschedule(item);
    schedule(item, Math.max(at, now), offset);
    at = playAt;
  }
}

function finishTurn(how) {
  const current = turn;
  turn = null;
  if (current) current.resolve(how);
}

function play(data) {
  // Frames of a stopped turn still in flight are dropped.
  if (!audio || !turn || turn.turnId === null || turn.turnId !== audioTurnId) return;
  const pcm = new Int16Array(data);
  if (pcm.length === 0) return;
  const buffer = audio.createBuffer(1, pcm.length, sampleRate);
  const channel = buffer.getChannelData(0);
  for (let i = 0; i < pcm.length; i++) channel[i] = pcm[i] / 32768;
  const item = { buffer, source: null, start: 0, rate, after: [] };
  schedule(item, Math.max(playAt, audio.currentTime + 0.05), 0);
  queue.push(item);
  turn.spoken = true;
}

function onMessage(event) {
  if (typeof event.data !== 'string') {
    play(event.data);
    return;
  }
  let message;
  try {
    message = JSON.parse(event.data);
  } catch {
    return;
  }
  switch (message.type) {
    case 'session.ready':
      if (onReady) onReady(message);
      break;
    case 'answer.start':
      if (turn) turn.turnId = message.turnId;
      break;
    case 'answer.delta':
      if (turn && turn.turnId === message.turnId) turn.onText(message.text, false);
      break;
    case 'answer.end':
      if (turn && turn.turnId === message.turnId) turn.onText(message.answer, true, message);
      break;
    case 'tts.start':
      sampleRate = message.sampleRate || SAMPLE_RATE;
      audioTurnId = message.turnId;
      break;
    case 'tts.mark': {
      // The mark follows its sentence's audio: it is "played" when the playhead gets there.
      if (!audio || !turn || turn.turnId !== message.turnId) break;
      const { turnId, name } = message;
      afterPlayed(() => send({ type: 'playback.mark', turnId, name }));
      break;
    }
    case 'tts.end':
      if (audio && turn && turn.turnId === message.turnId) afterPlayed(() => finishTurn('spoken'));
      break;
    case 'interrupted':
      if (audioTurnId === message.turnId) audioTurnId = null;
      break;
    case 'error':
      if (message.code === 'TTS_UNAVAILABLE' && turn) {
        // Text always wins: the answer still arrives as text.
        turn.textOnly = true;
      }
      if (message.fatal) finishTurn('error');
      break;
    default:
      break;
  }
  if (turn && turn.textOnly && message.type === 'answer.end') finishTurn('text-only');
}

/** Rejects when `promise` has not settled within READY_TIMEOUT_MS. */
function timed(promise, onTimeout = () => {}) {
  return new Promise((resolve, reject) => {
    const id = setTimeout(() => {
      onTimeout();
      reject(new Error('voice channel did not answer'));
    }, READY_TIMEOUT_MS);
    promise.then(
      (value) => {
        clearTimeout(id);
        resolve(value);
      },
      (error) => {
        clearTimeout(id);
        reject(error);
      },
    );
  });
}

function connect() {
  if (socket && socket.readyState === 1) return Promise.resolve(socket);
  if (opening) return opening;
  opening = new Promise((resolve, reject) => {
    const ws = new window.WebSocket(voiceUrl());
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      socket = ws;
      opening = null;
      sessionKey = '';
      resolve(ws);
    };
    ws.onerror = () => {
      opening = null;
      reject(new Error('voice channel unavailable'));
    };
    ws.onclose = () => {
      if (socket === ws) socket = null;
      silence();
      finishTurn('closed');
    };
    ws.onmessage = onMessage;
  });
  return opening;
}

/**
 * Starts (or restarts) the session when its settings change. With `history` it always restarts: the session then
 * holds exactly those earlier turns, not the ones it has seen since.
 */
function startSession(city, mode, history) {
  const key = `${city || ''}|${mode || 'standard'}`;
  if (key === sessionKey && history === undefined) return Promise.resolve(true);
  const ready = new Promise((resolve) => {
    onReady = (message) => {
      onReady = null;
      sessionKey = key;
      resolve(Boolean(message.tts));
    };
    send({
      type: 'session.start',
      city: city || null,
      mode: mode || 'standard',
      tts: true,
      audio: { sampleRate: SAMPLE_RATE },
      ...(history === undefined ? {} : { history }),
    });
  });
  // A session.start the server refused (an error, no session.ready) must not leave the turn waiting forever.
  return timed(ready, () => {
    onReady = null;
    sessionKey = '';
  });
}

/**
 * Asks `text` over the voice channel and plays the spoken answer. Call it from a click or key handler (browsers only
 * allow audio to start in response to the user). The answer text arrives through `onText(text, final, answer)`:
 * sentence by sentence (final false), then the whole answer with its citations (final true). `history` (earlier user
 * turns, oldest first) makes a follow-up mean what it meant on screen; `onReady(willSpeak)` says, before the question
 * is sent, whether audio will play (call stop() there to skip a text-only answer).
 * Resolves 'spoken' when the audio has played out, 'text-only' when the server cannot speak, 'stopped' after stop(),
 * 'closed' or 'error' when the channel failed.
 * @param {string} text
 * @param {{ city?: string | null, mode?: 'standard' | 'easy', history?: string[], onText?: (text: string, final: boolean, answer?: object) => void, onReady?: (willSpeak: boolean) => void }} [options]
 * @returns {Promise<'spoken' | 'text-only' | 'stopped' | 'closed' | 'error'>}
 */
export async function speakQuestion(text, options = {}) {
  stop();
  // Created (or resumed) synchronously, inside the user's gesture.
  const AudioCtx = window.AudioContext || window.webkitAudioContext;
  if (!audio && AudioCtx) audio = new AudioCtx();
  if (audio && audio.state === 'suspended') audio.resume();
  const done = new Promise((resolve) => {
    turn = { turnId: null, onText: options.onText || (() => {}), resolve, spoken: false, textOnly: !audio };
  });
  const mine = turn;
  try {
    await timed(connect());
    const canSpeak = await startSession(options.city, options.mode, options.history);
    if (turn !== mine) return done;
    if (!canSpeak) mine.textOnly = true;
    if (options.onReady) options.onReady(!mine.textOnly);
    if (turn !== mine) return done;
    send({ type: 'user.text', text, final: true });
  } catch {
    if (turn === mine) finishTurn('error');
  }
  return done;
}

/** Stops the answer being spoken at once: the scheduled audio is cut and the server is told to stop sending. */
export function stop() {
  const current = turn;
  silence();
  if (current) {
    send(current.turnId ? { type: 'interrupt', turnId: current.turnId } : { type: 'interrupt' });
    finishTurn('stopped');
  }
}

/** Holds the answer where it is (the audio clock stops; marks and the end wait for it). */
export function pause() {
  if (audio && audio.state === 'running') audio.suspend();
}

/** Goes on from where pause() held the answer. */
export function resume() {
  if (audio && audio.state === 'suspended') audio.resume();
}

/** Sets the speaking rate (1 is normal, clamped to MIN_RATE…MAX_RATE); audio already scheduled follows at once. */
export function setRate(value) {
  const next = Math.min(MAX_RATE, Math.max(MIN_RATE, Number(value) || 1));
  if (next === rate) return;
  rate = next;
  reschedule();
}

/** True while an answer is being asked for or played. */
export function isSpeaking() {
  return turn !== null;
}
