// One voice conversation without a transport: settings, history, the turn in flight, answer text first, then speech.
import { randomUUID } from 'node:crypto';
import type { AskResponse, Mode } from '../answer/types.ts';
import type { AskFlow } from '../ask/flow.ts';
import { rememberTurn } from '../ask/history.ts';
import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../log.ts';
import type { Recognizer } from '../asr/recognizer.ts';
import {
  AUDIO_ENCODING,
  DEFAULT_SAMPLE_RATE,
  type ClientMessage,
  type SampleRate,
  type ServerMessage,
  type VoiceErrorCode,
} from './protocol.ts';
import { Hearing } from './hearing.ts';
import { splitSentences } from './speakable.ts';
import { endSpeech, speakTurn, type Speaker } from './speak-turn.ts';
import type { Tts } from './tts.ts';

/** Finished turns remembered for `feedback` and `playback.mark`. */
export const REMEMBERED_TURNS = 20;

export interface VoiceSessionDeps {
  /** The ask flow POST /api/ask uses: cities, answers, unanswered questions and feedback go through it. */
  flow: AskFlow;
  limits: Pick<Config['limits'], 'historyTurns' | 'historyTurnChars' | 'utteranceMs' | 'utteranceBytes'>;
  tts: Tts;
  /** Server speech recognition for audio.* (null or absent: audio gets ASR_UNAVAILABLE). */
  recognizer?: Recognizer | null;
  log?: Logger;
}

/** Where a session's output goes; the route implements it over a WebSocket, tests may implement it in memory. */
export interface SessionOutput {
  send(message: ServerMessage): void;
  /** Sends one frame of PCM; resolves false when the frame was dropped (the client is not reading fast enough). */
  sendAudio(pcm: Buffer): Promise<boolean>;
}

interface Turn {
  id: string;
  question: string;
  citationIds: string[];
  abort: AbortController;
  lastPlayedMark: string | null;
}

/**
 * A voice session: feed it validated client messages (`receive`), raw audio frames (`receiveAudio`) and validation
 * failures (`reject`); it answers through `out`. One turn is in flight at a time; a new final question or `interrupt`
 * cancels the current turn's speech between two frames.
 */
export class VoiceSession {
  readonly id = randomUUID();
  private started = false;
  private city: string | null = null;
  private mode: Mode = 'standard';
  private ttsWanted = false;
  private sampleRate: SampleRate = DEFAULT_SAMPLE_RATE;
  private readonly history: string[] = [];
  private current: Turn | null = null;
  private readonly turns: Turn[] = [];
  private turnCount = 0;
  private pending: Promise<void> | null = null;
  /** Messages that arrived while `pending` (a session.start waiting on the speech probe) was unresolved, in order. */
  private readonly waiting: ClientMessage[] = [];
  private closed = false;
  private readonly hearing: Hearing;
  /** Whether the utterance being heard is asked as a question (audio.start's `answer`). */
  private answerHeard = true;

  constructor(
    private readonly deps: VoiceSessionDeps,
    private readonly out: SessionOutput,
  ) {
    this.hearing = new Hearing(deps.recognizer ?? null, deps.limits, {
      transcript: (text, final) => this.send({ type: 'transcript', text, final }),
      heard: (text) => {
        if (!this.answerHeard) return;
        const question = deps.flow.transcript(text);
        if (question === null) this.error('QUESTION_REQUIRED', '没有听清问题，请再说一次。', false);
        else this.ask(question);
      },
      error: (code, message) => this.error(code, message, false),
    });
  }

  /** True while a turn is in flight (its answer is being sent or spoken). */
  get busy(): boolean {
    return this.current !== null;
  }

  /** Handles one validated client message. Messages after a `session.start` still waiting on the speech probe queue up. */
  receive(message: ClientMessage): void {
    if (this.closed) return;
    if (this.pending) {
      this.waiting.push(message);
      return;
    }
    const result = this.handle(message);
    if (!result) return;
    this.pending = result
      .catch((error: unknown) => this.failed(null, error))
      .finally(() => {
        this.pending = null;
        for (const queued of this.waiting.splice(0)) this.receive(queued);
      });
  }

  /** Reports a message that failed validation; the session lives on. */
  reject(error: AppError): void {
    this.error(error.code, error.message, false);
  }

  /** The sample rate of the session's audio, both ways (session.start's `audio`, else the default). */
  get audioSampleRate(): SampleRate {
    return this.sampleRate;
  }

  /** Handles one binary frame: raw PCM for server ASR. */
  receiveAudio(frame: Buffer): void {
    if (!this.closed) this.hearing.audio(frame);
  }

  /** Stops everything: no more output after this. */
  dispose(): void {
    this.current?.abort.abort();
    this.current = null;
    this.hearing.abort();
    this.closed = true;
  }

  private handle(message: ClientMessage): Promise<void> | void {
    switch (message.type) {
      case 'session.start':
        return this.start(message);
      case 'ping':
        this.send({ type: 'pong', t: message.t ?? null });
        return;
      case 'interrupt':
        this.interrupt(message.turnId);
        return;
      case 'user.text':
        if (!this.requireStart()) return;
        if (message.final) this.ask(message.text);
        return;
      case 'audio.start':
        if (this.deps.recognizer && !this.requireStart()) return;
        // Barge-in: a resident who starts speaking wants the answer being spoken to stop.
        if (this.deps.recognizer && this.current) this.cancel(this.current);
        this.answerHeard = message.answer ?? true;
        this.hearing.start(this.sampleRate);
        return;
      case 'audio.end':
        this.hearing.end();
        return;
      case 'playback.mark': {
        const turn = this.findTurn(message.turnId);
        if (turn) turn.lastPlayedMark = message.name;
        return;
      }
      case 'feedback':
        this.feedback(message.turnId, message.rating, message.reason);
        return;
      default: {
        const unknown: never = message;
        this.error('BAD_MESSAGE', `voice: unhandled message ${JSON.stringify(unknown).slice(0, 64)}.`, false);
      }
    }
  }

  private async start(message: Extract<ClientMessage, { type: 'session.start' }>): Promise<void> {
    if (message.city !== undefined) this.city = this.resolveCity(message.city);
    if (message.mode !== undefined) this.mode = message.mode;
    if (message.tts !== undefined) this.ttsWanted = message.tts;
    if (message.audio !== undefined) this.sampleRate = message.audio.sampleRate;
    if (message.history !== undefined) this.seedHistory(message.history);
    const available = this.deps.tts.available ?? (await this.deps.tts.probe());
    if (this.closed) return;
    this.started = true;
    this.send({
      type: 'session.ready',
      sessionId: this.id,
      city: this.city,
      mode: this.mode,
      tts: this.ttsWanted && available,
      audio: { sampleRate: this.sampleRate, encoding: AUDIO_ENCODING },
    });
    if (this.ttsWanted && !available) {
      this.error(
        'TTS_UNAVAILABLE',
        '语音合成暂不可用，答案只以文字发送。 (voice: server speech is unavailable)',
        false,
      );
    }
  }

  /**
   * Replaces the remembered turns with the client's (cleaned and bounded by the schema, as POST /api/ask's), so a
   * follow-up asked here gets the same answer as the same follow-up asked over HTTP with that history.
   */
  private seedHistory(turns: readonly string[]): void {
    this.history.splice(0, this.history.length, ...turns.slice(-this.deps.limits.historyTurns));
  }

  /** The city through the ask flow (aliases as /api/ask has them); an unknown one is said, and all cities are used. */
  private resolveCity(city: string | null): string | null {
    try {
      return this.deps.flow.city(city);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      this.error(error.code, `${error.message}先按所有城市回答。`, false);
      return null;
    }
  }

  private requireStart(): boolean {
    if (this.started) return true;
    this.error('BAD_MESSAGE', 'voice: send session.start first.', false);
    return false;
  }

  private interrupt(turnId: string | undefined): void {
    const turn = this.current;
    if (turn && (turnId === undefined || turnId === turn.id)) {
      this.cancel(turn);
      return;
    }
    // Nothing of that turn is playing: still confirm, so a client can always wait for `interrupted`.
    this.send({ type: 'interrupted', turnId: turnId ?? this.turns.at(-1)?.id ?? null });
  }

  /** Barge-in: stop the turn's speech now, drop queued synthesis, confirm. */
  private cancel(turn: Turn): void {
    turn.abort.abort();
    if (this.current === turn) this.current = null;
    this.send({ type: 'interrupted', turnId: turn.id });
  }

  /** Asks a question the schema (typed) or the flow's transcript (heard) already made valid. */
  private ask(question: string): void {
    if (this.current) this.cancel(this.current);

    const turn: Turn = {
      id: `t${++this.turnCount}`,
      question,
      citationIds: [],
      abort: new AbortController(),
      lastPlayedMark: null,
    };
    const history = this.history.slice(-this.deps.limits.historyTurns);
    let response: AskResponse;
    try {
      response = this.deps.flow.answer({ question, city: this.city, history, mode: this.mode }, 'voice');
    } catch (error) {
      if (error instanceof AppError && error.status < 500) {
        this.error(error.code, error.message, false, turn.id);
      } else {
        this.deps.log?.error('voice.ask_failed', {
          session: this.id,
          error: error instanceof Error ? error.name : 'unknown',
        });
        this.error('INTERNAL', 'voice: the answer could not be computed; please try again.', false, turn.id);
      }
      return;
    }
    rememberTurn(this.history, question, this.deps.limits);
    turn.citationIds = response.citations.map((c) => c.id);
    this.remember(turn);

    // Text always wins: the whole answer goes out as text before any audio.
    const sentences = splitSentences(response.answer);
    this.send({ type: 'answer.start', turnId: turn.id, question });
    sentences.forEach((text, seq) => this.send({ type: 'answer.delta', turnId: turn.id, seq, text }));
    this.send({
      type: 'answer.end',
      turnId: turn.id,
      answered: response.answered,
      answer: response.answer,
      city: response.city,
      citations: response.citations,
      suggestions: response.suggestions,
    });
    if (!this.ttsWanted || this.deps.tts.available !== true || sentences.length === 0) return;
    this.current = turn;
    speakTurn(this.speaker(), turn, sentences).catch((error: unknown) => this.failed(turn, error));
  }

  /** A bug, not a speech failure: report it once, end the turn's audio, keep the session. */
  private failed(turn: Turn | null, error: unknown): void {
    this.deps.log?.error('voice.internal', {
      session: this.id,
      error: error instanceof Error ? error.name : 'unknown',
    });
    this.error('INTERNAL', 'voice: something went wrong; please ask again.', false, turn?.id);
    if (turn) endSpeech(this.speaker(), turn);
  }

  /** How this session's turns are spoken (src/voice/speak-turn.ts). */
  private speaker(): Speaker {
    return {
      tts: this.deps.tts,
      sampleRate: this.sampleRate,
      sessionId: this.id,
      log: this.deps.log,
      send: (message) => this.send(message),
      sendAudio: (pcm) => this.out.sendAudio(pcm),
      error: (code, message, turnId) => this.error(code, message, false, turnId),
      ended: (turn) => {
        if (this.current === turn) this.current = null;
      },
    };
  }

  private remember(turn: Turn): void {
    this.turns.push(turn);
    if (this.turns.length > REMEMBERED_TURNS) this.turns.shift();
  }

  private findTurn(turnId: string): Turn | undefined {
    return this.turns.find((t) => t.id === turnId);
  }

  /** Feedback on a recent turn, kept through the ask flow as POST /api/feedback's is (`reason` already cleaned). */
  private feedback(turnId: string, rating: 'up' | 'down', reason: string | undefined): void {
    const turn = this.findTurn(turnId);
    if (!turn) {
      this.error('BAD_MESSAGE', `voice: no recent turn "${turnId}" to give feedback on.`, false);
      return;
    }
    const record = { rating, question: turn.question, citationIds: turn.citationIds, reason: reason ?? '' };
    this.deps.flow.feedback(record, 'voice').then(
      (ok) => {
        if (!ok) this.error('INTERNAL', '反馈没能保存，请稍后再试。', false);
      },
      (error: unknown) => {
        const code = error instanceof AppError ? error.code : 'INTERNAL';
        this.error(code, '反馈没能保存，请稍后再试。', false);
      },
    );
  }

  private error(code: VoiceErrorCode, message: string, fatal: boolean, turnId?: string): void {
    this.send(
      turnId === undefined ? { type: 'error', code, message, fatal } : { type: 'error', code, message, fatal, turnId },
    );
  }

  private send(message: ServerMessage): void {
    if (!this.closed) this.out.send(message);
  }
}
