// Browser client of the voice channel /ws/voice: asks a question, shows the answer text, plays the server's PCM.
// Plain ES module, no dependencies. Usage:
//   import { speakQuestion, stop } from '/static/voice-client.js';
//   button.onclick = () => speakQuestion('重度残疾人有护理补贴吗', { city: '济宁', onText: (text, final) => … });
//   stopButton.onclick = stop;   // also on Esc / any key: audio stops at once

/** The rate we ask the server for; the Web Audio API resamples to the output device. */
export const SAMPLE_RATE = 16000;

/** @type {WebSocket | null} */
let socket = null;
/** @type {Promise<WebSocket> | null} */
let opening = null;
/** The settings the open session was started with ("city|mode"). */
let sessionKey = '';
/** @type {AudioContext | null} */
let audio = null;
/** @type {Set<AudioBufferSourceNode>} */
const sources = new Set();
/** @type {Set<ReturnType<typeof setTimeout>>} */
const timers = new Set();
let playAt = 0;
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
  for (const source of sources) {
    try {
      source.stop();
    } catch {
      // Not started yet.
    }
  }
  sources.clear();
  for (const id of timers) clearTimeout(id);
  timers.clear();
  playAt = 0;
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
  const source = audio.createBufferSource();
  source.buffer = buffer;
  source.connect(audio.destination);
  playAt = Math.max(playAt, audio.currentTime + 0.05);
  source.start(playAt);
  playAt += buffer.duration;
  sources.add(source);
  source.onended = () => sources.delete(source);
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
      later(() => send({ type: 'playback.mark', turnId, name }), (playAt - audio.currentTime) * 1000);
      break;
    }
    case 'tts.end':
      if (audio && turn && turn.turnId === message.turnId) {
        later(() => finishTurn('spoken'), (playAt - audio.currentTime) * 1000);
      }
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

function startSession(city, mode) {
  const key = `${city || ''}|${mode || 'standard'}`;
  if (key === sessionKey) return Promise.resolve(true);
  return new Promise((resolve) => {
    onReady = (ready) => {
      onReady = null;
      sessionKey = key;
      resolve(Boolean(ready.tts));
    };
    send({
      type: 'session.start',
      city: city || null,
      mode: mode || 'standard',
      tts: true,
      audio: { sampleRate: SAMPLE_RATE },
    });
  });
}

/**
 * Asks `text` over the voice channel and plays the spoken answer. Call it from a click or key handler (browsers only
 * allow audio to start in response to the user). The answer text arrives through `onText(text, final, answer)`:
 * sentence by sentence (final false), then the whole answer with its citations (final true).
 * Resolves 'spoken' when the audio has played out, 'text-only' when the server cannot speak, 'stopped' after stop(),
 * 'closed' or 'error' when the channel failed.
 * @param {string} text
 * @param {{ city?: string | null, mode?: 'standard' | 'easy', onText?: (text: string, final: boolean, answer?: object) => void }} [options]
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
    await connect();
    const canSpeak = await startSession(options.city, options.mode);
    if (turn !== mine) return done;
    if (!canSpeak) mine.textOnly = true;
    send({ type: 'user.text', text, final: true });
  } catch {
    finishTurn('error');
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

/** True while an answer is being asked for or played. */
export function isSpeaking() {
  return turn !== null;
}
