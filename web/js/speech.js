// Voice in the browser: speech recognition into the question box (zh-CN), and read-aloud of answers
// (the browser's Chinese voice, else the server's voice channel through /static/voice-client.js, else a plain-text
// explanation).
import * as channel from '/static/voice-client.js';

/**
 * Why speech recognition cannot work here, or null when it may.
 * @returns {'insecure' | 'unsupported' | null}
 */
export function recognitionProblem() {
  if (!window.isSecureContext) return 'insecure';
  if (!('webkitSpeechRecognition' in window) && !('SpeechRecognition' in window)) return 'unsupported';
  return null;
}

/**
 * Starts one recognition; calls back with interim and final text and with errors. Returns a stop function.
 * @param {{ onText: (text: string, final: boolean) => void, onEnd: () => void, onError: (code: string) => void }} handlers
 */
export function listen(handlers) {
  const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
  const recognition = new Recognition();
  recognition.lang = 'zh-CN';
  recognition.interimResults = true;
  recognition.continuous = false;
  let finalText = '';
  recognition.onresult = (event) => {
    let interim = '';
    for (let i = event.resultIndex; i < event.results.length; i++) {
      const result = event.results[i];
      if (result.isFinal) finalText += result[0].transcript;
      else interim += result[0].transcript;
    }
    handlers.onText(finalText + interim, interim === '');
  };
  recognition.onerror = (event) => handlers.onError(event.error || 'unknown');
  recognition.onend = () => handlers.onEnd();
  try {
    recognition.start();
  } catch {
    handlers.onError('start-failed');
  }
  return () => {
    try {
      recognition.stop();
    } catch {
      // Already stopped.
    }
  };
}

function chineseVoice() {
  if (!('speechSynthesis' in window)) return null;
  return window.speechSynthesis.getVoices().find((v) => /^(zh|cmn)/i.test(v.lang)) || null;
}

/**
 * One read-aloud player for the page. `speak` resolves to 'browser', 'server', 'unavailable', or 'stopped' when stop()
 * came before the server's voice started.
 * @param {{ onState: (state: 'playing' | 'paused' | 'stopped') => void }} events
 */
export function createReader(events) {
  let rate = 1;
  /** @type {null | { pause(): void, resume(): void, stop(): void }} */
  let current = null;
  /** True while the voice channel is being asked (stop() must reach it too). */
  let asking = false;
  let paused = false;

  const finish = () => {
    current = null;
    paused = false;
    events.onState('stopped');
  };

  function speakBrowser(text, voice) {
    const synth = window.speechSynthesis;
    synth.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = rate;
    utterance.onend = finish;
    utterance.onerror = finish;
    synth.speak(utterance);
    current = { pause: () => synth.pause(), resume: () => synth.resume(), stop: () => synth.cancel() };
  }

  /**
   * The voice channel speaks answers to questions, so it is asked the same question again, with the same city, mode and
   * earlier turns, so that it speaks the answer on screen.
   * @returns {Promise<'server' | 'unavailable' | 'stopped'>}
   */
  function speakServer(request) {
    return new Promise((resolve) => {
      const mine = { pause: channel.pause, resume: channel.resume, stop: channel.stop };
      let speaking = false;
      let unavailable = false;
      asking = true;
      channel
        .speakQuestion(request.question, {
          city: request.city || null,
          mode: request.mode,
          history: request.history,
          onReady(willSpeak) {
            asking = false;
            if (!willSpeak) {
              // Text only: the answer is already on screen, so the question is not sent again.
              unavailable = true;
              channel.stop();
              return;
            }
            speaking = true;
            current = mine;
            resolve('server');
          },
        })
        .then((how) => {
          asking = false;
          if (speaking) {
            if (current === mine) finish();
          } else resolve(how === 'stopped' && !unavailable ? 'stopped' : 'unavailable');
        });
    });
  }

  return {
    /**
     * @param {string} text the answer as shown
     * @param {{question: string, city?: string, mode?: string, history?: string[]}} request how to ask the voice
     *   channel for it: the question with the earlier user turns it followed
     * @returns {Promise<'browser' | 'server' | 'unavailable' | 'stopped'>}
     */
    async speak(text, request) {
      this.stop();
      const voice = chineseVoice();
      if (voice) {
        speakBrowser(text, voice);
        events.onState('playing');
        return 'browser';
      }
      const result = await speakServer(request);
      if (result === 'server') events.onState('playing');
      return result;
    },
    togglePause() {
      if (!current) return;
      paused = !paused;
      if (paused) current.pause();
      else current.resume();
      events.onState(paused ? 'paused' : 'playing');
    },
    stop() {
      if (asking) {
        asking = false;
        channel.stop();
        return true;
      }
      if (!current) return false;
      const c = current;
      current = null;
      c.stop();
      finish();
      return true;
    },
    get active() {
      return current !== null || asking;
    },
    setRate(value) {
      rate = value;
      channel.setRate(value);
    },
  };
}
