// The /ws/voice wire protocol (docs/voice-protocol.md): message unions, the one validator, error and close codes.
import type { Citation, Mode } from '../answer/types.ts';
import { DEFAULT_LIMITS, type Config } from '../config.ts';

/** Sample rates a session may ask for (telephone 8 kHz, wideband 16 kHz). */
export type SampleRate = 8000 | 16000;
export const SAMPLE_RATES: readonly SampleRate[] = [8000, 16000];
export const DEFAULT_SAMPLE_RATE: SampleRate = 16000;
export const AUDIO_ENCODING = 'pcm_s16le';

/** Close codes, as documented. */
export const CLOSE_NORMAL = 1000;
export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_POLICY = 1008;
export const CLOSE_TOO_LARGE = 1009;
export const CLOSE_INTERNAL = 1011;
export const CLOSE_IDLE = 4001;

/** Field bounds the validator enforces whatever the transport's payload limit is. */
export const MAX_MESSAGE_CHARS = 256 * 1024;
export const MAX_TEXT_CHARS = 4000;
export const MAX_CITY_CHARS = 64;
export const MAX_ID_CHARS = 64;
export const MAX_REASON_CHARS = 2000;

/** The configured limits the validator applies (the same as POST /api/ask's `history`). */
export type ProtocolLimits = Pick<Config['limits'], 'historyTurns' | 'historyTurnChars'>;

// ---- client → server ----------------------------------------------------------------------------------------------

export interface SessionStartMessage {
  type: 'session.start';
  city?: string | null;
  mode?: Mode;
  tts?: boolean;
  audio?: { sampleRate: SampleRate };
  /** Earlier user turns, oldest first: the first question is answered in their context. */
  history?: string[];
}
export interface UserTextMessage {
  type: 'user.text';
  text: string;
  final: boolean;
}
export interface AudioStartMessage {
  type: 'audio.start';
  /** false: only transcribe (the page asks the final text itself); default true: ask it as user.text does. */
  answer?: boolean;
}
export interface AudioEndMessage {
  type: 'audio.end';
}
export interface InterruptMessage {
  type: 'interrupt';
  turnId?: string;
}
export interface PlaybackMarkMessage {
  type: 'playback.mark';
  turnId: string;
  name: string;
}
export interface FeedbackMessage {
  type: 'feedback';
  turnId: string;
  rating: 'up' | 'down';
  reason?: string;
}
export interface PingMessage {
  type: 'ping';
  t?: number | string;
}

export type ClientMessage =
  | SessionStartMessage
  | UserTextMessage
  | AudioStartMessage
  | AudioEndMessage
  | InterruptMessage
  | PlaybackMarkMessage
  | FeedbackMessage
  | PingMessage;

export type ClientMessageType = ClientMessage['type'];

// ---- server → client ----------------------------------------------------------------------------------------------

export type VoiceErrorCode =
  'BAD_MESSAGE' | 'TOO_LARGE' | 'RATE_LIMITED' | 'BUSY' | 'ASR_UNAVAILABLE' | 'TTS_UNAVAILABLE' | 'INTERNAL';

export type ServerMessage =
  | {
      type: 'session.ready';
      sessionId: string;
      city: string | null;
      mode: Mode;
      tts: boolean;
      audio: { sampleRate: SampleRate; encoding: typeof AUDIO_ENCODING };
    }
  | { type: 'transcript'; text: string; final: boolean }
  | { type: 'answer.start'; turnId: string; question: string }
  | { type: 'answer.delta'; turnId: string; seq: number; text: string }
  | {
      type: 'answer.end';
      turnId: string;
      answered: boolean;
      answer: string;
      city: string | null;
      citations: Citation[];
      suggestions: string[];
    }
  | { type: 'tts.start'; turnId: string; sampleRate: SampleRate; encoding: typeof AUDIO_ENCODING }
  | { type: 'tts.mark'; turnId: string; name: string }
  | { type: 'tts.end'; turnId: string }
  | { type: 'interrupted'; turnId: string | null }
  | { type: 'pong'; t: number | string | null }
  | { type: 'error'; code: VoiceErrorCode; message: string; fatal: boolean; turnId?: string };

export type ServerMessageType = ServerMessage['type'];

/** What the validator returns instead of a message: never thrown, so hostile input cannot unwind the caller. */
export class ProtocolError {
  readonly name = 'ProtocolError';
  constructor(
    readonly code: 'BAD_MESSAGE' | 'TOO_LARGE',
    readonly message: string,
  ) {}
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type Fields = Record<string, unknown>;

function isPlainObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasForbiddenKey(object: Fields): boolean {
  return Object.keys(object).some((key) => FORBIDDEN_KEYS.has(key));
}

function bad(message: string): ProtocolError {
  return new ProtocolError('BAD_MESSAGE', `voice: ${message}`);
}

/** Reads an optional bounded string field; `undefined` when absent, a ProtocolError when wrong. */
function optionalString(object: Fields, key: string, max: number): string | undefined | ProtocolError {
  const value = object[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return bad(`"${key}" must be a string.`);
  if (value.length > max) return new ProtocolError('TOO_LARGE', `voice: "${key}" is longer than ${max} characters.`);
  return value;
}

function requiredString(object: Fields, key: string, max: number): string | ProtocolError {
  const value = optionalString(object, key, max);
  if (value === undefined) return bad(`"${key}" is required.`);
  return value;
}

/** Reads `history`: a list of strings, at most `historyTurns` of them, each at most `historyTurnChars` characters. */
function parseHistory(value: unknown, limits: ProtocolLimits): string[] | ProtocolError {
  if (!Array.isArray(value) || value.some((turn) => typeof turn !== 'string'))
    return bad('"history" must be a list of strings.');
  if (value.length > limits.historyTurns) {
    return new ProtocolError('TOO_LARGE', `voice: "history" may hold at most ${limits.historyTurns} turns.`);
  }
  // Characters as POST /api/ask counts them: code points, not UTF-16 units.
  if (value.some((turn: string) => [...turn].length > limits.historyTurnChars)) {
    return new ProtocolError(
      'TOO_LARGE',
      `voice: each "history" turn must be at most ${limits.historyTurnChars} characters.`,
    );
  }
  return [...(value as string[])];
}

function parseSessionStart(object: Fields, limits: ProtocolLimits): SessionStartMessage | ProtocolError {
  const message: SessionStartMessage = { type: 'session.start' };
  if (object.city !== undefined && object.city !== null) {
    const city = optionalString(object, 'city', MAX_CITY_CHARS);
    if (city instanceof ProtocolError) return city;
    message.city = city;
  } else if (object.city === null) {
    message.city = null;
  }
  if (object.mode !== undefined) {
    if (object.mode !== 'standard' && object.mode !== 'easy') return bad('"mode" must be "standard" or "easy".');
    message.mode = object.mode;
  }
  if (object.tts !== undefined) {
    if (typeof object.tts !== 'boolean') return bad('"tts" must be true or false.');
    message.tts = object.tts;
  }
  if (object.audio !== undefined) {
    const audio = object.audio;
    if (!isPlainObject(audio) || hasForbiddenKey(audio))
      return bad('"audio" must be an object like {"sampleRate":16000}.');
    const rate = audio.sampleRate;
    if (rate !== 8000 && rate !== 16000) return bad('"audio.sampleRate" must be 8000 or 16000.');
    message.audio = { sampleRate: rate };
  }
  if (object.history !== undefined) {
    const history = parseHistory(object.history, limits);
    if (history instanceof ProtocolError) return history;
    message.history = history;
  }
  return message;
}

function parseUserText(object: Fields): UserTextMessage | ProtocolError {
  const text = requiredString(object, 'text', MAX_TEXT_CHARS);
  if (text instanceof ProtocolError) return text;
  if (typeof object.final !== 'boolean') return bad('"final" must be true or false.');
  return { type: 'user.text', text, final: object.final };
}

function parseInterrupt(object: Fields): InterruptMessage | ProtocolError {
  const turnId = optionalString(object, 'turnId', MAX_ID_CHARS);
  if (turnId instanceof ProtocolError) return turnId;
  return turnId === undefined ? { type: 'interrupt' } : { type: 'interrupt', turnId };
}

function parsePlaybackMark(object: Fields): PlaybackMarkMessage | ProtocolError {
  const turnId = requiredString(object, 'turnId', MAX_ID_CHARS);
  if (turnId instanceof ProtocolError) return turnId;
  const name = requiredString(object, 'name', MAX_ID_CHARS);
  if (name instanceof ProtocolError) return name;
  return { type: 'playback.mark', turnId, name };
}

function parseFeedback(object: Fields): FeedbackMessage | ProtocolError {
  const turnId = requiredString(object, 'turnId', MAX_ID_CHARS);
  if (turnId instanceof ProtocolError) return turnId;
  if (object.rating !== 'up' && object.rating !== 'down') return bad('"rating" must be "up" or "down".');
  const reason = optionalString(object, 'reason', MAX_REASON_CHARS);
  if (reason instanceof ProtocolError) return reason;
  const message: FeedbackMessage = { type: 'feedback', turnId, rating: object.rating };
  if (reason !== undefined) message.reason = reason;
  return message;
}

function parsePing(object: Fields): PingMessage | ProtocolError {
  const t = object.t;
  if (t === undefined) return { type: 'ping' };
  if (typeof t === 'number' && Number.isFinite(t)) return { type: 'ping', t };
  if (typeof t === 'string' && t.length <= MAX_ID_CHARS) return { type: 'ping', t };
  return bad('"t" must be a number or a short string.');
}

/**
 * Validates one TEXT frame. Never throws: bad JSON, wrong types, unknown types, prototype-pollution keys and oversized
 * fields all come back as a ProtocolError. The returned message is built field by field, never spread from the input.
 * `limits` bound `session.start`'s history (the defaults when not given; the route passes the configured ones).
 */
export function parseClientMessage(
  raw: string,
  limits: ProtocolLimits = DEFAULT_LIMITS,
): ClientMessage | ProtocolError {
  if (typeof raw !== 'string') return bad('a message must be a JSON text frame.');
  if (raw.length > MAX_MESSAGE_CHARS) {
    return new ProtocolError('TOO_LARGE', `voice: a message must be at most ${MAX_MESSAGE_CHARS} characters.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return bad('a message must be valid JSON.');
  }
  if (!isPlainObject(value)) return bad('a message must be a JSON object with a "type".');
  if (hasForbiddenKey(value)) return bad('a message must not contain "__proto__", "constructor" or "prototype".');
  const type = value.type;
  if (typeof type !== 'string') return bad('a message must have a string "type".');
  switch (type) {
    case 'session.start':
      return parseSessionStart(value, limits);
    case 'user.text':
      return parseUserText(value);
    case 'audio.start':
      if (value.answer === undefined) return { type: 'audio.start' };
      if (typeof value.answer !== 'boolean') return bad('"answer" must be true or false.');
      return { type: 'audio.start', answer: value.answer };
    case 'audio.end':
      return { type: 'audio.end' };
    case 'interrupt':
      return parseInterrupt(value);
    case 'playback.mark':
      return parsePlaybackMark(value);
    case 'feedback':
      return parseFeedback(value);
    case 'ping':
      return parsePing(value);
    default:
      return bad(`unknown message type "${type.slice(0, MAX_ID_CHARS)}".`);
  }
}

/** Serializes a server message (one place, so every frame is valid JSON). */
export function encodeServerMessage(message: ServerMessage): string {
  return JSON.stringify(message);
}
