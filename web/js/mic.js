// The question box's microphone button: the server's recogniser when the site runs one, the browser's own only when
// the site opts in (saying where the audio goes), else a sentence offering the keyboard. aria-pressed while listening.
import { T, fmt } from './strings.js';
import { listen, recognitionProblem } from './speech.js';
import { captureProblem, listenServer } from './server-mic.js';

const C = T.chat;

/** The mode the server chose (`{{speech-in}}` in the page): 'server', 'browser' or 'none'. */
export function speechInMode() {
  try {
    const mode = JSON.parse(document.getElementById('speech-in')?.textContent || '{}').mode;
    return mode === 'server' || mode === 'browser' ? mode : 'none';
  } catch {
    return 'none';
  }
}

function problemText(code) {
  if (code === 'not-configured') return C.micNotConfigured;
  if (code === 'insecure') return C.micInsecure;
  if (code === 'unsupported') return C.micNoSupport;
  if (code === 'not-allowed' || code === 'service-not-allowed') return C.micDenied;
  if (code === 'audio-capture') return C.micNoMic;
  if (code === 'network') return C.micNetwork;
  if (code === 'asr-unavailable') return C.micAsrDown;
  if (code === 'no-speech') return C.micNoSpeech;
  return fmt(C.micFailed, { reason: code });
}

/**
 * Wires the microphone button.
 * @param {{ mic: HTMLElement, micMsg: HTMLElement, box: HTMLTextAreaElement,
 *   announce: { status(text: string): void, error(text: string): void },
 *   beforeListening: () => void, onHeard: () => void }} ui
 *   `onHeard()`: recognised text is in the box; the resident checks it and sends it (E4: nothing is sent unseen)
 * @returns {{ stop: () => boolean }} stop() ends listening (Esc); false when it was not listening
 */
export function setUpMicrophone(ui) {
  const { mic, micMsg, box, announce } = ui;
  const mode = speechInMode();
  const problem = () =>
    mode === 'none' ? 'not-configured' : mode === 'server' ? captureProblem() : recognitionProblem();
  /** @type {null | (() => void)} */
  let stopListening = null;

  const initial = problem();
  if (initial) micMsg.textContent = problemText(initial);
  else micMsg.textContent = mode === 'server' ? C.micServerNote : C.micBrowserNote;

  mic.addEventListener('click', () => {
    if (stopListening) {
      stopListening();
      return;
    }
    const now = problem();
    if (now) {
      micMsg.textContent = problemText(now);
      announce.error(micMsg.textContent);
      return;
    }
    ui.beforeListening();
    mic.setAttribute('aria-pressed', 'true');
    micMsg.textContent = C.micListening;
    announce.status(C.micListening);
    const before = box.value;
    let heard = '';
    let final = false;
    let failed = false;
    const start = mode === 'server' ? listenServer : listen;
    stopListening = start({
      onText(text, isFinal) {
        heard = text;
        final = isFinal;
        box.value = before ? `${before} ${text}` : text;
      },
      onError(code) {
        failed = code !== 'aborted';
        micMsg.textContent = problemText(code);
        announce.error(micMsg.textContent);
      },
      onEnd() {
        stopListening = null;
        mic.setAttribute('aria-pressed', 'false');
        if (failed) return;
        if (!heard) {
          micMsg.textContent = mode === 'server' && final ? C.micNoSpeech : C.micOff;
          announce.status(micMsg.textContent);
        } else {
          micMsg.textContent = C.micDone;
          announce.status(C.micDone);
          ui.onHeard();
        }
      },
    });
  });

  return {
    stop() {
      if (!stopListening) return false;
      stopListening();
      return true;
    },
  };
}
