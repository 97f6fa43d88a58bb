// One telephone call over AudioSocket: greeting, voice-activity turns, recognise → ask → speak, barge-in, DTMF, limits.
import type { Socket } from 'node:net';
import type { AskResponse } from '../answer/types.ts';
import type { AskFlow } from '../ask/flow.ts';
import { rememberTurn } from '../ask/history.ts';
import type { Recognizer, Utterance } from '../asr/recognizer.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import { utteranceByteLimit } from '../voice/hearing.ts';
import type { Tts } from '../voice/tts.ts';
import { phoneAnswer, phoneSentences } from './answer-text.ts';
import {
  FrameReader,
  KIND_AUDIO,
  KIND_CALL_ID,
  KIND_DTMF,
  KIND_ERROR,
  KIND_HANGUP,
  PHONE_FRAME_MS,
  PHONE_SAMPLE_RATE,
  encodeFrame,
  formatCallId,
  type AudioSocketFrame,
} from './audiosocket.ts';
import { play } from './player.ts';
import { PROMPTS, type PromptName } from './prompts.ts';
import { Vad } from './vad.ts';

/** Audio kept from before the voice detector fires, so the recogniser hears the start of the first word. */
export const PRE_ROLL_FRAMES = 10;
/** Time the switch gets to close its side after our hang-up frame. */
export const CLOSE_GRACE_MS = 2_000;
/** Longest wait for a caller to send its call id. */
export const CALL_ID_WAIT_MS = 5_000;

export type CallLimits = Pick<
  Config['limits'],
  'callMs' | 'callIdleMs' | 'utteranceMs' | 'utteranceBytes' | 'historyTurns' | 'historyTurnChars'
>;

export interface CallDeps {
  /** The ask flow every channel uses (it records what goes unanswered). */
  flow: AskFlow;
  recognizer: Recognizer | null;
  tts: Tts;
  limits: CallLimits;
  log?: Logger;
}

type EndReason = 'hangup' | 'handoff' | 'idle' | 'limit' | 'error' | 'closed';

/**
 * Serves one AudioSocket connection. The call id is checked and then forgotten: nothing about the caller is stored or
 * logged, and transcripts only go to the ask flow (which records them, unidentified, when unanswered).
 */
export class PhoneCall {
  readonly ended: Promise<EndReason>;
  private resolveEnded!: (reason: EndReason) => void;
  private readonly reader = new FrameReader();
  private readonly vad = new Vad(PHONE_FRAME_MS);
  private readonly preRoll: Buffer[] = [];
  private identified = false;
  private done = false;
  /** Playback in progress (greeting, answer or prompt). */
  private playing: AbortController | null = null;
  private utterance: Utterance | null = null;
  /** The utterance still takes audio (its end was not detected yet). */
  private listening = false;
  private utteranceBytes = 0;
  /** Saying the last sentence before the leg ends: the caller's audio is no longer heard. */
  private leaving = false;
  private lastAnswer: string | null = null;
  private readonly history: string[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly started = Date.now();
  private turns = 0;

  constructor(
    private readonly socket: Socket,
    private readonly deps: CallDeps,
  ) {
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => this.finish('closed'));
    socket.on('close', () => this.finish('closed'));
    this.timers.push(
      setTimeout(() => {
        if (!this.identified) this.finish('error');
      }, CALL_ID_WAIT_MS),
      setTimeout(() => void this.handOff('tooLong', 'limit'), deps.limits.callMs),
    );
  }

  /** Ends the call now (server shutdown): the AudioSocket leg ends, the dialplan goes on. */
  close(): void {
    this.finish('closed');
  }

  private receive(chunk: Buffer): void {
    if (this.done) return;
    let frames: AudioSocketFrame[];
    try {
      frames = this.reader.push(chunk);
    } catch {
      this.deps.log?.warn('phone.bad_frame', {});
      return this.finish('error');
    }
    try {
      for (const frame of frames) {
        if (this.done) return;
        this.frame(frame);
      }
    } catch (error) {
      // A bug ends this call (to a person), never the process serving the others.
      this.deps.log?.error('phone.internal', { error: error instanceof Error ? error.name : 'unknown' });
      this.finish('error');
    }
  }

  private frame({ kind, payload }: AudioSocketFrame): void {
    if (!this.identified) {
      if (kind !== KIND_CALL_ID || formatCallId(payload) === null) {
        this.deps.log?.warn('phone.no_call_id', { kind });
        return this.finish('error');
      }
      this.identified = true;
      this.armIdle();
      void this.say(PROMPTS.greeting);
      return;
    }
    switch (kind) {
      case KIND_AUDIO:
        return this.audio(payload.length % 2 === 0 ? payload : payload.subarray(0, payload.length - 1));
      case KIND_DTMF:
        return this.dtmf(payload.toString('latin1', 0, 1));
      case KIND_HANGUP:
        return this.finish('hangup');
      case KIND_ERROR:
        this.deps.log?.warn('phone.switch_error', { code: payload[0] ?? null });
        return this.finish('error');
      default:
        return;
    }
  }

  private audio(pcm: Buffer): void {
    // While a question is being recognised, or the call is being handed on, the caller's audio is not listened to.
    if (this.leaving || (this.utterance && !this.listening)) return;
    const event = this.vad.push(pcm);
    if (event === 'start') {
      // Barge-in: the caller speaking stops whatever is being said.
      this.stopPlaying();
      clearTimeout(this.idleTimer);
      this.startUtterance();
    }
    if (this.vad.speaking || event === 'end') this.hear(pcm);
    else {
      this.preRoll.push(pcm);
      if (this.preRoll.length > PRE_ROLL_FRAMES) this.preRoll.shift();
    }
    if (event === 'end') this.endUtterance();
  }

  private startUtterance(): void {
    this.utterance?.abort();
    this.utteranceBytes = 0;
    const recognizer = this.deps.recognizer;
    if (!recognizer) return void this.handOff('asrDown', 'handoff');
    const utterance: Utterance = recognizer.start(PHONE_SAMPLE_RATE, {
      partial: () => undefined,
      final: (text) => {
        if (this.utterance !== utterance) return;
        this.utterance = null;
        this.answer(text);
      },
      error: (error) => {
        if (this.utterance !== utterance) return;
        this.utterance = null;
        this.deps.log?.warn('phone.asr_failed', { reason: error.reason });
        void this.handOff(error.reason === 'busy' ? 'busy' : 'asrDown', 'handoff');
      },
    });
    this.utterance = utterance;
    this.listening = true;
    for (const frame of this.preRoll.splice(0)) this.hear(frame);
  }

  private hear(pcm: Buffer): void {
    if (!this.utterance || !this.listening) return;
    const limit = utteranceByteLimit(this.deps.limits, PHONE_SAMPLE_RATE);
    if (this.utteranceBytes >= limit) return;
    this.utteranceBytes += pcm.length;
    this.utterance.write(pcm);
    if (this.utteranceBytes >= limit) {
      void this.say(PROMPTS.tooMuchAudio);
      this.endUtterance();
    }
  }

  private endUtterance(): void {
    this.vad.reset();
    this.listening = false;
    this.utterance?.end();
  }

  private answer(text: string): void {
    const question = this.deps.flow.transcript(text);
    if (question === null) return void this.say(PROMPTS.notHeard);
    let response: AskResponse;
    try {
      response = this.deps.flow.answer(
        { question, city: null, history: this.history.slice(), mode: 'standard' },
        'phone',
      );
    } catch (error) {
      this.deps.log?.error('phone.ask_failed', { error: error instanceof Error ? error.name : 'unknown' });
      return void this.say(PROMPTS.notHeard);
    }
    this.turns++;
    rememberTurn(this.history, question, this.deps.limits);
    this.lastAnswer = phoneAnswer(response);
    void this.say(this.lastAnswer);
  }

  private dtmf(digit: string): void {
    if (digit === '0') return void this.handOff('handoff', 'handoff');
    if (digit === '*') void this.say(this.lastAnswer ?? PROMPTS.nothingToRepeat);
  }

  /** Says `text` (stopping what was being said); resolves true when all of it was played. */
  private async say(text: string): Promise<boolean> {
    if (this.done) return false;
    this.stopPlaying();
    const playing = new AbortController();
    this.playing = playing;
    clearTimeout(this.idleTimer);
    const { signal } = playing;
    // Synthesis of every sentence starts now, so the second is ready when the first ends.
    // A sentence's place in the answer is its urgency: a caller's first words go before other turns' later ones.
    const sentences = phoneSentences(text).map((sentence, place) =>
      this.deps.tts.speak(sentence, PHONE_SAMPLE_RATE, signal, place),
    );
    let complete = true;
    try {
      for (const sentence of sentences) {
        if (!(await play(sentence, (frame) => this.write(frame), signal))) {
          complete = false;
          break;
        }
      }
    } catch (error) {
      complete = false;
      if (!signal.aborted) {
        this.deps.log?.warn('phone.tts_failed', { error: error instanceof Error ? error.name : 'unknown' });
        // A caller who cannot hear answers is better served by a person.
        this.finish('handoff');
      }
    }
    if (this.playing === playing) {
      this.playing = null;
      this.armIdle();
    }
    return complete;
  }

  /** Says one prompt, then ends the AudioSocket leg so the dialplan goes on to the operator queue. */
  private async handOff(prompt: PromptName, reason: EndReason): Promise<void> {
    if (this.done || this.leaving) return;
    this.leaving = true;
    this.utterance?.abort();
    this.utterance = null;
    await this.say(PROMPTS[prompt]);
    this.finish(reason);
  }

  private stopPlaying(): void {
    this.playing?.abort();
    this.playing = null;
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    if (this.done) return;
    this.idleTimer = setTimeout(() => {
      if (!this.vad.speaking && !this.utterance && !this.playing && !this.leaving) void this.handOff('idle', 'idle');
      else this.armIdle();
    }, this.deps.limits.callIdleMs);
  }

  private write(frame: Buffer): void {
    if (!this.done && this.socket.writable) this.socket.write(frame);
  }

  private finish(reason: EndReason): void {
    if (this.done) return;
    this.write(encodeFrame(KIND_HANGUP));
    this.done = true;
    this.stopPlaying();
    this.utterance?.abort();
    this.utterance = null;
    for (const timer of this.timers) clearTimeout(timer);
    clearTimeout(this.idleTimer);
    this.socket.end();
    // A switch that never closes its side is cut off after a grace period.
    setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
    this.deps.log?.info('phone.call_end', { reason, turns: this.turns, ms: Date.now() - this.started });
    this.resolveEnded(reason);
  }
}
