// Speaks one turn's answer on a voice session: sentence by sentence, 100 ms frames, the next sentence synthesized while
// the current one streams, stopped between two frames when the turn is cancelled.
import type { Logger } from '../log.ts';
import { AUDIO_ENCODING, type SampleRate, type ServerMessage, type VoiceErrorCode } from './protocol.ts';
import type { Tts } from './tts.ts';
import { TtsError } from './tts-error.ts';

/** Milliseconds of audio per binary frame: `interrupt` takes effect before the next frame. */
export const AUDIO_CHUNK_MS = 100;

/** The turn being spoken: its id and the controller that cancels it. */
export interface SpokenTurn {
  id: string;
  abort: AbortController;
}

/** What speaking needs from its session. */
export interface Speaker {
  tts: Tts;
  sampleRate: SampleRate;
  sessionId: string;
  log?: Logger;
  send(message: ServerMessage): void;
  /** Sends one frame of PCM; resolves false when it was dropped. */
  sendAudio(pcm: Buffer): Promise<boolean>;
  error(code: VoiceErrorCode, message: string, turnId: string): void;
  /** The turn's speech is over (finished, dropped, failed or cancelled). */
  ended(turn: SpokenTurn): void;
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Speaks `sentences` for `turn` (tts.start, frames, a tts.mark after each sentence, tts.end). Rejects only on a bug. */
export async function speakTurn(speaker: Speaker, turn: SpokenTurn, sentences: string[]): Promise<void> {
  const rate = speaker.sampleRate;
  const signal = turn.abort.signal;
  const frameBytes = (rate / 1000) * AUDIO_CHUNK_MS * 2;
  speaker.send({ type: 'tts.start', turnId: turn.id, sampleRate: rate, encoding: AUDIO_ENCODING });
  let next: AsyncIterable<Buffer> | null = speaker.tts.speak(sentences[0]!, rate, signal);
  for (let index = 0; index < sentences.length; index++) {
    const current: AsyncIterable<Buffer> = next!;
    next = null;
    let pending: Buffer = Buffer.alloc(0);
    try {
      for await (const pcm of current) {
        if (signal.aborted) return;
        pending = pending.length === 0 ? pcm : Buffer.concat([pending, pcm]);
        let offset = 0;
        for (; pending.length - offset >= frameBytes; offset += frameBytes) {
          if (!(await sendFrame(speaker, turn, pending.subarray(offset, offset + frameBytes)))) return;
          // Once this sentence is audible, synthesize the next one while it streams.
          if (next === null && index + 1 < sentences.length)
            next = speaker.tts.speak(sentences[index + 1]!, rate, signal, index + 1);
        }
        pending = pending.subarray(offset);
      }
      if (pending.length > 0 && !(await sendFrame(speaker, turn, pending))) return;
    } catch (error) {
      if (!signal.aborted) speechFailed(speaker, turn, error);
      return;
    }
    if (signal.aborted) return;
    if (next === null && index + 1 < sentences.length)
      next = speaker.tts.speak(sentences[index + 1]!, rate, signal, index + 1);
    speaker.send({ type: 'tts.mark', turnId: turn.id, name: `s${index}` });
  }
  endSpeech(speaker, turn);
}

/** Sends one frame unless the turn was cancelled; false ends the turn's speech (cancelled or dropped). */
async function sendFrame(speaker: Speaker, turn: SpokenTurn, frame: Buffer): Promise<boolean> {
  const signal = turn.abort.signal;
  if (signal.aborted) return false;
  const sent = await speaker.sendAudio(frame);
  if (signal.aborted) return false;
  if (!sent) {
    speaker.error('BUSY', 'voice: audio dropped because the connection is not keeping up.', turn.id);
    endSpeech(speaker, turn);
    return false;
  }
  // Let an interrupt that has arrived meanwhile be handled before the next frame.
  await nextTick();
  return !signal.aborted;
}

function speechFailed(speaker: Speaker, turn: SpokenTurn, error: unknown): void {
  const reason = error instanceof TtsError ? error.reason : 'failed';
  if (reason === 'busy') speaker.error('BUSY', 'voice: speech synthesis is busy; the answer is sent as text.', turn.id);
  else
    speaker.error(
      'TTS_UNAVAILABLE',
      `voice: speech synthesis failed (${reason}); the answer is sent as text.`,
      turn.id,
    );
  speaker.log?.warn('voice.tts_failed', { session: speaker.sessionId, reason });
  endSpeech(speaker, turn);
}

/** Ends the turn's audio: tts.end, and releases a prefetched sentence nobody will play. */
export function endSpeech(speaker: Speaker, turn: SpokenTurn): void {
  speaker.send({ type: 'tts.end', turnId: turn.id });
  turn.abort.abort();
  speaker.ended(turn);
}
