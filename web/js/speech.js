// Voice in the browser: speech recognition into the question box (zh-CN), and read-aloud of answers
// (the browser's Chinese voice, else the server's voice channel /ws/voice, else a plain-text explanation).

/** How long we wait for the voice channel to say whether it can speak. */
export const VOICE_READY_TIMEOUT_MS = 3000;

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
 * One read-aloud player for the page. `speak` resolves to 'browser', 'server' or 'unavailable'.
 * @param {{ onState: (state: 'playing' | 'paused' | 'stopped') => void }} events
 */
export function createReader(events) {
  let rate = 1;
  /** @type {null | { pause(): void, resume(): void, stop(): void, setRate(r: number): void }} */
  let current = null;
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
    current = {
      pause: () => synth.pause(),
      resume: () => synth.resume(),
      stop: () => synth.cancel(),
      setRate: () => {},
    };
  }

  /**
   * The voice channel speaks answers to questions, so it is asked the same question again (same city and mode);
   * resolves false when the server cannot speak.
   */
  function speakServer(request) {
    return new Promise((resolve) => {
      let socket;
      try {
        const url = new URL('/ws/voice', window.location.href);
        url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
        socket = new WebSocket(url);
      } catch {
        resolve(false);
        return;
      }
      socket.binaryType = 'arraybuffer';
      const AudioCtx = window.AudioContext || window.webkitAudioContext;
      /** @type {AudioContext | null} */
      let ctx = null;
      let sampleRate = 16000;
      let playAt = 0;
      let turnId = null;
      let settled = false;
      const sources = new Set();
      const settle = (ok) => {
        if (!settled) {
          settled = true;
          resolve(ok);
        }
      };
      const timer = setTimeout(() => {
        settle(false);
        socket.close();
      }, VOICE_READY_TIMEOUT_MS);
      const stopAll = () => {
        for (const s of sources) {
          try {
            s.stop();
          } catch {
            // Not started yet.
          }
        }
        sources.clear();
        if (socket.readyState === WebSocket.OPEN) {
          socket.send(JSON.stringify({ type: 'interrupt', turnId: turnId ?? undefined }));
          socket.close(1000);
        }
        ctx?.close();
        finish();
      };
      socket.onopen = () => {
        socket.send(
          JSON.stringify({ type: 'session.start', city: request.city || undefined, mode: request.mode, tts: true }),
        );
      };
      socket.onerror = () => settle(false);
      socket.onclose = () => {
        clearTimeout(timer);
        settle(false);
      };
      socket.onmessage = (event) => {
        if (typeof event.data !== 'string') {
          if (!ctx) return;
          const pcm = new Int16Array(event.data);
          const buffer = ctx.createBuffer(1, pcm.length, sampleRate);
          const channel = buffer.getChannelData(0);
          for (let i = 0; i < pcm.length; i++) channel[i] = pcm[i] / 32768;
          const source = ctx.createBufferSource();
          source.buffer = buffer;
          source.playbackRate.value = rate;
          source.connect(ctx.destination);
          playAt = Math.max(playAt, ctx.currentTime);
          source.start(playAt);
          playAt += buffer.duration / rate;
          sources.add(source);
          source.onended = () => sources.delete(source);
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
            if (!message.tts || !AudioCtx) {
              settle(false);
              socket.close(1000);
              return;
            }
            clearTimeout(timer);
            ctx = new AudioCtx();
            socket.send(JSON.stringify({ type: 'user.text', text: request.question, final: true }));
            settle(true);
            current = {
              pause: () => ctx?.suspend(),
              resume: () => ctx?.resume(),
              stop: stopAll,
              setRate: () => {},
            };
            break;
          case 'answer.start':
            turnId = message.turnId;
            break;
          case 'tts.start':
            sampleRate = message.sampleRate || sampleRate;
            break;
          case 'tts.end': {
            const wait = ctx ? Math.max(0, playAt - ctx.currentTime) * 1000 : 0;
            setTimeout(() => {
              if (current) stopAll();
            }, wait + 200);
            break;
          }
          case 'error':
            if (message.code === 'TTS_UNAVAILABLE' || message.fatal) {
              settle(false);
              if (current) stopAll();
              else socket.close(1000);
            }
            break;
          default:
            break;
        }
      };
    });
  }

  return {
    /**
     * @param {string} text the answer as shown
     * @param {{question: string, city?: string, mode?: string}} request how to ask the voice channel for it
     */
    async speak(text, request) {
      this.stop();
      const voice = chineseVoice();
      if (voice) {
        speakBrowser(text, voice);
        events.onState('playing');
        return 'browser';
      }
      const ok = await speakServer(request);
      if (ok) {
        events.onState('playing');
        return 'server';
      }
      return 'unavailable';
    },
    togglePause() {
      if (!current) return;
      paused = !paused;
      if (paused) current.pause();
      else current.resume();
      events.onState(paused ? 'paused' : 'playing');
    },
    stop() {
      if (!current) return false;
      const c = current;
      current = null;
      c.stop();
      finish();
      return true;
    },
    get active() {
      return current !== null;
    },
    setRate(value) {
      rate = value;
      current?.setRate(value);
    },
  };
}
