// The /ws/voice wire protocol (docs/voice-protocol.md): what the server sends, audio formats and close codes.
import type { Citation, Mode } from '../answer/types.ts';
import type { ErrorCode } from '../errors.ts';

import type { SampleRate } from '../ask/schema.ts';

export const DEFAULT_SAMPLE_RATE: SampleRate = 16000;
export const AUDIO_ENCODING = 'pcm_s16le';

/** Close codes, as documented. */
export const CLOSE_NORMAL = 1000;
export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_POLICY = 1008;
export const CLOSE_TOO_LARGE = 1009;
export const CLOSE_INTERNAL = 1011;
export const CLOSE_IDLE = 4001;

// ---- client → server: the messages' schemas and their validator live in src/ask/schema.ts with every other inbound
// message (one schema module for all channels); their types are re-exported here for the voice code.
export type { ClientMessage, ClientMessageType, SampleRate } from '../ask/schema.ts';

// ---- server → client ----------------------------------------------------------------------------------------------

/** The one error vocabulary (src/errors.ts): voice sends the same codes HTTP does for the same problem. */
export type VoiceErrorCode = ErrorCode;

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

/** Serializes a server message (one place, so every frame is valid JSON). */
export function encodeServerMessage(message: ServerMessage): string {
  return JSON.stringify(message);
}
