// Plays PCM to the caller in real time: 20 ms AudioSocket frames on an absolute schedule, stoppable between frames.
import { setTimeout as sleep } from 'node:timers/promises';
import { KIND_AUDIO, PHONE_FRAME_BYTES, PHONE_FRAME_MS, encodeFrame } from './audiosocket.ts';

/** Frames sent ahead of real time, so a late timer does not leave a gap the switch has to fill. */
export const LEAD_FRAMES = 3;

/**
 * Sends `chunks` (PCM16 LE at 8 kHz, any sizes) as 320-byte frames paced at 20 ms, the last padded with silence.
 * Resolves true when all was played, false when `signal` stopped it.
 */
export async function play(
  chunks: AsyncIterable<Buffer>,
  write: (frame: Buffer) => void,
  signal: AbortSignal,
): Promise<boolean> {
  // The schedule starts with the first frame, so a sentence still being synthesized does not come out in a burst.
  let started = 0;
  let sent = 0;
  let pending: Buffer = Buffer.alloc(0);
  const send = async (frame: Buffer) => {
    if (sent === 0) started = performance.now();
    const due = started + (sent - LEAD_FRAMES) * PHONE_FRAME_MS - performance.now();
    if (due > 0) await sleep(due);
    if (signal.aborted) return false;
    write(encodeFrame(KIND_AUDIO, frame));
    sent++;
    return true;
  };
  for await (const chunk of chunks) {
    if (signal.aborted) return false;
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    let offset = 0;
    for (; pending.length - offset >= PHONE_FRAME_BYTES; offset += PHONE_FRAME_BYTES) {
      if (!(await send(pending.subarray(offset, offset + PHONE_FRAME_BYTES)))) return false;
    }
    pending = pending.subarray(offset);
  }
  if (pending.length > 0) {
    const last = Buffer.alloc(PHONE_FRAME_BYTES);
    pending.copy(last);
    if (!(await send(last))) return false;
  }
  return !signal.aborted;
}
