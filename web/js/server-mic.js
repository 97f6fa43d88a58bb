// The microphone through the server's recogniser: AudioWorklet capture, 16 kHz PCM16 frames on /ws/voice, and the
// partial and final text back. The audio goes to this site only; nothing is recorded in the page.

/** Longest wait for the final text after the resident stops. */
const FINAL_WAIT_MS = 15000;

function voiceUrl() {
  return `${window.location.protocol === 'https:' ? 'wss:' : 'ws:'}//${window.location.host}/ws/voice`;
}

/** Why capture cannot start here, or null. @returns {'insecure' | 'unsupported' | null} */
export function captureProblem() {
  if (!window.isSecureContext) return 'insecure';
  if (!navigator.mediaDevices?.getUserMedia || !window.AudioWorkletNode || !window.WebSocket) return 'unsupported';
  return null;
}

/**
 * Listens for one utterance. Partial text and the final text come through `onText`; `onEnd` always comes last.
 * @param {{ onText: (text: string, final: boolean) => void, onEnd: () => void, onError: (code: string) => void }} handlers
 * @returns {() => void} stops listening; the final text for what was heard follows
 */
export function listenServer(handlers) {
  /** @type {WebSocket | null} */
  let ws = null;
  /** @type {MediaStream | null} */
  let stream = null;
  /** @type {AudioContext | null} */
  let context = null;
  let streaming = false;
  let stopped = false;
  let ended = false;
  let timer = 0;

  const release = () => {
    stream?.getTracks().forEach((track) => track.stop());
    stream = null;
    context?.close().catch(() => undefined);
    context = null;
  };
  const finish = () => {
    if (ended) return;
    ended = true;
    window.clearTimeout(timer);
    release();
    try {
      ws?.close();
    } catch {
      // Already closed.
    }
    handlers.onEnd();
  };
  const fail = (code) => {
    if (ended) return;
    handlers.onError(code);
    finish();
  };

  async function begin() {
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true },
      });
    } catch (error) {
      const name = /** @type {any} */ (error)?.name;
      return fail(name === 'NotAllowedError' || name === 'SecurityError' ? 'not-allowed' : 'audio-capture');
    }
    if (stopped) return finish();
    try {
      context = new window.AudioContext({ sampleRate: 16000 });
    } catch {
      context = new window.AudioContext();
    }
    await context.audioWorklet.addModule('/static/js/pcm-worklet.js');
    const node = new window.AudioWorkletNode(context, 'pcm-capture');
    const mute = context.createGain();
    mute.gain.value = 0;
    context.createMediaStreamSource(stream).connect(node).connect(mute).connect(context.destination);
    node.port.onmessage = (event) => {
      if (streaming && !stopped && ws?.readyState === WebSocket.OPEN) ws.send(event.data);
    };
    ws = new WebSocket(voiceUrl());
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => ws?.send(JSON.stringify({ type: 'session.start', tts: false, audio: { sampleRate: 16000 } }));
    ws.onerror = () => fail('network');
    ws.onclose = () => fail('network');
    ws.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      const message = JSON.parse(event.data);
      if (message.type === 'session.ready') {
        ws?.send(JSON.stringify({ type: 'audio.start', answer: false }));
        streaming = true;
        if (stopped) end();
      } else if (message.type === 'transcript') {
        handlers.onText(message.text, message.final);
        if (message.final) finish();
      } else if (message.type === 'error' && (message.code === 'ASR_UNAVAILABLE' || message.code === 'BUSY')) {
        fail('asr-unavailable');
      } else if (message.type === 'error' && message.fatal) {
        fail('network');
      }
    };
  }

  /** The resident has finished: stop the microphone, end the utterance, wait for its final text. */
  function end() {
    release();
    if (!streaming || ws?.readyState !== WebSocket.OPEN) return;
    streaming = false;
    ws.send(JSON.stringify({ type: 'audio.end' }));
    timer = window.setTimeout(() => fail('network'), FINAL_WAIT_MS);
  }

  begin().catch(() => fail('audio-capture'));
  return () => {
    if (stopped || ended) return;
    stopped = true;
    if (streaming) end();
    else if (!ws) finish();
  };
}
