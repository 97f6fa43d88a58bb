// AudioSocket framing, the voice detector and the telephone reading of answers, as plain functions.
import { describe, expect, it } from 'vitest';
import { FrameReader, encodeFrame, formatCallId } from '../../src/phone/audiosocket.ts';
import { phoneAnswer, phoneSentences } from '../../src/phone/answer-text.ts';
import { Vad } from '../../src/phone/vad.ts';

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

describe('Vad', () => {
  const loud = Buffer.alloc(320);
  for (let i = 0; i < 320; i += 2) loud.writeInt16LE(i % 4 === 0 ? 2000 : -2000, i);
  const quiet = Buffer.alloc(320);

  it('starts after 60 ms of speech and ends after 700 ms of silence', () => {
    const vad = new Vad(20);
    expect([vad.push(loud), vad.push(loud), vad.push(loud)]).toEqual([null, null, 'start']);
    const events = Array.from({ length: 35 }, () => vad.push(quiet));
    expect(events.slice(0, 34).every((e) => e === null)).toBe(true);
    expect(events[34]).toBe('end');
  });

  it('does not start on a 40 ms click', () => {
    const vad = new Vad(20);
    expect([vad.push(loud), vad.push(loud), vad.push(quiet), vad.push(loud)]).toEqual([null, null, null, null]);
  });
});

describe('phone answers', () => {
  it('keep the first quoted sentence and where to ask', () => {
    const answer =
      '济宁的规划里有相关规定。据《济宁市残疾人事业发展“十四五”规划》，“落实重度残疾人护理补贴。”另有2条相关条款列在依据里。具体办理可以咨询当地残联，或拨打 12385 残疾人服务热线。';
    expect(phoneAnswer({ answer })).toBe(
      '据《济宁市残疾人事业发展“十四五”规划》，“落实重度残疾人护理补贴。”具体办理可以咨询当地残联，或拨打 12385 残疾人服务热线。',
    );
  });

  it('read numbers as an operator does', () => {
    expect(phoneSentences('拨打 12385。到2025年，16-59周岁的残疾人。')).toEqual([
      '拨打幺二三八五。',
      '到二〇二五年，十六到五十九周岁的残疾人。',
    ]);
  });
});
