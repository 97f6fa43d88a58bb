// AudioSocket framing: frames split across TCP chunks, the payload limit, the header and the call id.
import { describe, expect, it } from 'vitest';
import { FrameReader, encodeFrame, formatCallId } from '../../src/phone/audiosocket.ts';

describe('FrameReader', () => {
  it('reads frames split anywhere across TCP chunks', () => {
    const bytes = Buffer.concat([encodeFrame(0x01, Buffer.alloc(16, 0xab)), encodeFrame(0x03, Buffer.from('5'))]);
    const reader = new FrameReader();
    const frames = [
      ...reader.push(bytes.subarray(0, 2)),
      ...reader.push(bytes.subarray(2, 20)),
      ...reader.push(bytes.subarray(20)),
    ];
    expect(frames).toEqual([
      { kind: 0x01, payload: Buffer.alloc(16, 0xab) },
      { kind: 0x03, payload: Buffer.from('5') },
    ]);
  });

  it('refuses a payload over 4096 bytes with a sentence', () => {
    expect(() => new FrameReader().push(Buffer.from([0x10, 0x10, 0x01]))).toThrow(
      'audiosocket: a frame of 4097 bytes is over 4096.',
    );
  });

  it('writes the header as type and big-endian length, and formats the call id as a UUID', () => {
    expect(encodeFrame(0x10, Buffer.alloc(320)).subarray(0, 3)).toEqual(Buffer.from([0x10, 0x01, 0x40]));
    expect(encodeFrame(0x00)).toEqual(Buffer.from([0, 0, 0]));
    expect(formatCallId(Buffer.from('0123456789abcdef0123456789abcdef', 'hex'))).toBe(
      '01234567-89ab-cdef-0123-456789abcdef',
    );
    expect(formatCallId(Buffer.alloc(15))).toBeNull();
  });
});
