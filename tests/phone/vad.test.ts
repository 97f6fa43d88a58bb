// The voice detector on 20 ms telephone frames: when an utterance starts and ends.
import { describe, expect, it } from 'vitest';
import { Vad } from '../../src/phone/vad.ts';

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
