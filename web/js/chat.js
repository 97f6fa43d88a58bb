// The resident chat (/ and the widget frame /embed): ask, show cited answers, announce each answer once.
import { T, fmt } from './strings.js';
import { LIMITS } from './limits.js';
import { el } from './dom.js';
import { createAnnouncer } from './announcer.js';
import * as api from './api.js';
import { createRenderer } from './chat-render.js';
import { focusOnWidgetRequest, tellWidgetReady } from './frame.js';
import { rememberChecked, rememberValue, storage } from './preferences.js';
import { initSettings } from './settings.js';
import { createReader } from './speech.js';
import { setUpMicrophone } from './mic.js';

/** Turns kept in sessionStorage so Back from the source viewer shows the conversation again. */
export const KEEP_TURNS = 30;

const C = T.chat;
const embedded = document.body.classList.contains('page-embed');
const params = new URLSearchParams(window.location.search);
const voiceEnabled = params.get('voice') !== '0';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const form = /** @type {HTMLFormElement} */ ($('ask-form'));
const box = /** @type {HTMLTextAreaElement} */ ($('question'));
const citySelect = /** @type {HTMLSelectElement} */ ($('city'));
const easy = /** @type {HTMLInputElement} */ ($('easy'));
const transcript = $('transcript');
const empty = $('transcript-empty');
const mic = $('mic');
const micMsg = $('mic-msg');
const player = $('player');
const pauseButton = $('pause');
const rateSelect = /** @type {HTMLSelectElement} */ ($('rate'));
const sendButton = $('send');

const announce = createAnnouncer({ status: $('status'), alert: $('alert'), log: $('announce-log') });

/** @typedef {import('./chat-render.js').Turn} Turn */
/** @type {Turn[]} */
let turns = [];
let busy = false;
let askedByVoice = false;

/** The chat page and the widget frame keep separate conversations. */
const TRANSCRIPT_KEY = embedded ? 'pa.transcript.embed' : 'pa.transcript';

function save() {
  storage('session')?.setItem(TRANSCRIPT_KEY, JSON.stringify(turns.slice(-KEEP_TURNS)));
}

const { renderUser, renderAnswer } = createRenderer({
  announce,
  voiceEnabled,
  suggestionButton: (text) => suggestionButton(text),
  readAloud: (turn) => readAloud(turn),
});

function suggestionButton(text) {
  const button = el('button', { type: 'button', text });
  button.addEventListener('click', () => {
    box.value = text;
    askedByVoice = false;
    submitQuestion();
  });
  return button;
}

function appendTurn(turn, index) {
  const id = `t${index}`;
  const fragment = document.createDocumentFragment();
  fragment.append(renderUser(turn, id));
  if (turn.response) fragment.append(renderAnswer(turn, id));
  transcript.append(fragment);
  empty.hidden = true;
  document.body.classList.add('has-messages');
}

/** Brings the start of a new answer into view without moving focus (C3); typing scrolls the box back. */
function revealAnswer() {
  const answer = transcript.lastElementChild;
  if (answer && answer.getBoundingClientRect().top < 0) answer.scrollIntoView({ block: 'start' });
}

/**
 * The words a screen reader hears for an answer: who speaks, the city, the answer. How many sources it found is said
 * once, by the status region right after (Orca read it twice when the answer carried it too).
 */
function spokenAnswer(r) {
  const head = C.assistant + (r.city ? fmt(C.aboutCity, { city: r.city }) : '');
  return `${head}：${r.answer}`;
}

/* ---------- asking ---------- */

async function submitQuestion() {
  const question = box.value.trim();
  announce.clearError();
  if (!question) {
    announce.error(C.empty);
    return;
  }
  if ([...question].length > LIMITS.questionChars) {
    announce.error(fmt(C.tooLong, { n: [...question].length, questionChars: LIMITS.questionChars }));
    return;
  }
  if (busy) return;
  busy = true;
  sendButton.setAttribute('aria-disabled', 'true');
  reader.stop();
  const city = citySelect.value;
  const mode = /** @type {'standard' | 'easy'} */ (easy.checked ? 'easy' : 'standard');
  const history = turns.map((t) => t.question).slice(-LIMITS.historyTurns);
  const byVoice = askedByVoice;
  askedByVoice = false;
  announce.status(C.sending);
  try {
    const response = await api.ask({ question, ...(city ? { city } : {}), history, mode });
    const turn = { question, city, mode, history, response };
    turns.push(turn);
    box.value = '';
    appendTurn(turn, turns.length - 1);
    revealAnswer();
    save();
    announce.status(
      response.answered && response.citations?.length ? fmt(C.found, { n: response.citations.length }) : C.foundNone,
    );
    announce.answer(spokenAnswer(response), String(turns.length));
    if (byVoice && voiceEnabled) readAloud(turn);
  } catch (error) {
    announce.status('');
    const e = /** @type {any} */ (error);
    if (e?.code === 'NETWORK') announce.error(T.common.networkError);
    else announce.error(fmt(T.common.serverError, { message: e?.message || e?.code || '' }));
  } finally {
    busy = false;
    sendButton.removeAttribute('aria-disabled');
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  submitQuestion();
});

box.addEventListener('keydown', (event) => {
  if (reader.active && event.key !== 'Tab' && event.key !== 'Shift') stopReading();
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
    event.preventDefault();
    submitQuestion();
  }
});

box.addEventListener('input', () => {
  if (!box.value.trim()) askedByVoice = false;
});

$('clear').addEventListener('click', () => {
  turns = [];
  save();
  transcript.replaceChildren();
  empty.hidden = false;
  document.body.classList.remove('has-messages');
  announce.status(C.cleared);
});

/* ---------- city and mode ---------- */

/**
 * Fills the city select and chooses the resident's saved city, else the host page's (?city=, the widget's data-city).
 * The list comes with the page (`{{cities}}`), so this happens before the page has loaded and never after: Chromium
 * reports a select's change of option to a screen reader late, in the widget's frame when focus enters it, and Orca
 * then leaves the question box for the select (B2). Without the block the list is fetched (/api/cities).
 */
async function loadCities() {
  const local = storage('local');
  const saved = local?.getItem('pa.city');
  const wanted = saved ?? params.get('city') ?? '';
  /** @type {{ name: string, province: string }[]} */
  let list = [];
  const block = document.getElementById('cities');
  try {
    list = block ? JSON.parse(block.textContent || '[]') : (await api.cities()) || [];
  } catch {
    // Without the list the chat still works across all cities.
  }
  for (const city of list) {
    citySelect.append(el('option', { value: city.name, text: `${city.name}（${city.province}）` }));
  }
  const match = [...citySelect.options].find((o) => o.value === wanted || o.value === wanted.replace(/市$/, ''));
  if (match) citySelect.value = match.value;
}

citySelect.addEventListener('change', () => storage('local')?.setItem('pa.city', citySelect.value));
rememberChecked(easy, 'pa.easy');

/* ---------- voice ---------- */

const reader = createReader({
  onState(state) {
    player.hidden = state === 'stopped';
    pauseButton.textContent = state === 'paused' ? C.resume : C.pause;
  },
});
rememberValue(rateSelect, 'pa.rate', '1', (rate) => reader.setRate(Number(rate)));
pauseButton.addEventListener('click', () => reader.togglePause());
$('stop').addEventListener('click', stopReading);

function stopReading() {
  if (reader.stop()) announce.status(C.speechStopped);
}

/** The earlier questions a turn was asked after (kept with the turn; worked out for turns saved without them). */
function historyOf(turn) {
  if (Array.isArray(turn.history)) return turn.history;
  const index = turns.indexOf(turn);
  return turns
    .slice(0, Math.max(0, index))
    .map((t) => t.question)
    .slice(-LIMITS.historyTurns);
}

async function readAloud(turn) {
  // The same question with the same earlier turns, so that a follow-up is spoken as it was answered on screen.
  const result = await reader.speak(turn.response.answer, {
    question: turn.question,
    city: turn.city,
    mode: turn.mode,
    history: historyOf(turn),
  });
  if (result === 'unavailable') announce.error(C.speechUnavailable);
  else if (result !== 'stopped') announce.status(C.speaking);
}

document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  if (reader.active) {
    event.preventDefault();
    stopReading();
    return;
  }
  if (microphone?.stop()) return;
  if (embedded && window.parent !== window) {
    // The widget on the host page closes the panel and returns focus to its launcher (B2).
    window.parent.postMessage({ type: 'pa:close' }, '*');
  }
});

/** The microphone (web/js/mic.js); absent with ?voice=0. */
/** @type {null | { stop: () => boolean }} */
let microphone = null;
if (voiceEnabled) {
  microphone = setUpMicrophone({
    mic,
    micMsg,
    box,
    announce,
    beforeListening: () => reader.stop(),
    onHeard() {
      askedByVoice = true;
    },
  });
} else {
  mic.remove();
}

/* ---------- widget frame ---------- */

focusOnWidgetRequest(box);

/* ---------- start ---------- */

/** Coming back from the source viewer: focus goes back to the citation that was followed (D2). */
function refocusFollowedCitation() {
  const followed = storage('session')?.getItem('pa.followed');
  if (!followed) return;
  storage('session')?.removeItem('pa.followed');
  document.getElementById(followed)?.focus();
}

function start() {
  initSettings();
  const list = $('suggestions');
  for (const s of C.suggestions) list.append(el('li', {}, suggestionButton(s)));
  try {
    const saved = JSON.parse(storage('session')?.getItem(TRANSCRIPT_KEY) || '[]');
    if (Array.isArray(saved)) turns = saved.filter((t) => t && typeof t.question === 'string' && t.response);
  } catch {
    turns = [];
  }
  turns.forEach((turn, i) => appendTurn(turn, i));
  refocusFollowedCitation();
  transcript.addEventListener('click', (event) => {
    const link = /** @type {HTMLElement} */ (event.target).closest?.('a[data-citation]');
    if (link) storage('session')?.setItem('pa.followed', link.id);
  });
  // The widget moves focus into this frame once told the chat is ready: only after the city is chosen and the page has
  // loaded (web/js/frame.js), since Orca follows a select whose value changes in the document it is in.
  loadCities().then(() => {
    if (embedded) tellWidgetReady();
  });
}

window.addEventListener('pageshow', (event) => {
  // Restored from the back/forward cache: the page is intact; only put focus back on the followed citation.
  if (event.persisted) refocusFollowedCitation();
});

start();
