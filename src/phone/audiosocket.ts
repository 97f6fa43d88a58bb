// Asterisk's AudioSocket framing: 1 type byte, 2-byte big-endian length, payload. No authentication: listen on loopback.

export const KIND_HANGUP = 0x00;
export const KIND_CALL_ID = 0x01;
export const KIND_DTMF = 0x03;
export const KIND_AUDIO = 0x10;
export const KIND_ERROR = 0xff;

/** Signed linear 8 kHz mono, 20 ms per frame. */
export const PHONE_SAMPLE_RATE = 8000;
export const PHONE_FRAME_MS = 20;
export const PHONE_FRAME_BYTES = (PHONE_SAMPLE_RATE / 1000) * PHONE_FRAME_MS * 2;
export const HEADER_BYTES = 3;
/** Largest payload accepted (Asterisk sends 320-byte audio frames; the field could say 65,535). */
export const MAX_PAYLOAD_BYTES = 4096;
export const CALL_ID_BYTES = 16;

export interface AudioSocketFrame {
  kind: number;
  payload: Buffer;
}

export class AudioSocketError extends Error {
  override name = 'AudioSocketError';
}

/** Splits a TCP byte stream into frames; holds at most one frame's bytes. */
export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);

  /** Adds bytes; returns the frames they complete. Throws AudioSocketError on a payload over MAX_PAYLOAD_BYTES. */
  push(chunk: Buffer): AudioSocketFrame[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const frames: AudioSocketFrame[] = [];
    let offset = 0;
    while (this.pending.length - offset >= HEADER_BYTES) {
      const kind = this.pending[offset]!;
      const length = this.pending.readUInt16BE(offset + 1);
      if (length > MAX_PAYLOAD_BYTES) {
        throw new AudioSocketError(`audiosocket: a frame of ${length} bytes is over ${MAX_PAYLOAD_BYTES}.`);
      }
      if (this.pending.length - offset < HEADER_BYTES + length) break;
      const start = offset + HEADER_BYTES;
      frames.push({ kind, payload: Buffer.from(this.pending.subarray(start, start + length)) });
      offset = start + length;
    }
    this.pending = this.pending.subarray(offset);
    return frames;
  }
}

export function encodeFrame(kind: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header[0] = kind;
  header.writeUInt16BE(payload.length, 1);
  return Buffer.concat([header, payload]);
}

/** The 16-byte call id as a UUID string, or null when it is not 16 bytes. */
export function formatCallId(payload: Buffer): string | null {
  if (payload.length !== CALL_ID_BYTES) return null;
  const hex = payload.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
