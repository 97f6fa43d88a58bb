// How a recogniser server's WebSocket protocol frames one utterance: what to send, and how to read its replies.

/** A reply read from the server: text so far (partial) or the utterance's text (final). */
export interface DialectReply {
  final: boolean;
  text: string;
}

/** One utterance in a server's protocol. */
export interface DialectUtterance {
  /** Frames sent as soon as the connection opens. */
  opening(): (string | Buffer)[];
  /** One chunk of PCM16 LE mono at the utterance's rate, as sent on the wire. */
  audio(pcm: Buffer): Buffer;
  /** Frames that end the utterance. */
  ending(): (string | Buffer)[];
  /** Reads one text reply; null when it carries nothing for us. `ended`: the ending was sent. */
  read(data: string, ended: boolean): DialectReply | null;
  /** The final text when the server closes the connection after the ending, or null if that is a failure. */
  closed(ended: boolean): string | null;
}

export interface Dialect {
  readonly name: string;
  begin(sampleRate: number): DialectUtterance;
}

/** Longest text taken from one reply (a question is at most LIMIT_QUESTION_CHARS anyway). */
export const MAX_REPLY_TEXT_CHARS = 2000;

/** Parses a JSON object reply, or null. */
export function jsonObject(data: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(data);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** A reply's `text` field, bounded; null when it is not a string. */
export function replyText(reply: Record<string, unknown>): string | null {
  return typeof reply.text === 'string' ? reply.text.slice(0, MAX_REPLY_TEXT_CHARS) : null;
}
