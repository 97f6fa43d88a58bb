// Sends PCM as a gateway or a browser does: 20 ms frames at real time (50 a second), each on its own schedule so that a
// late timer is caught up rather than stretching the stream.
/** Bytes of one 20 ms frame of 16-bit mono PCM at `sampleRate`. */
export function frameBytes(sampleRate: number, frameMs = 20): number {
  return (sampleRate * 2 * frameMs) / 1000;
}

/** Calls `send` with consecutive `frameMs` frames of `pcm`, frame i at i × frameMs after the start. */
export async function streamRealTime(
  send: (frame: Buffer) => void,
  pcm: Buffer,
  sampleRate: number,
  frameMs = 20,
): Promise<void> {
  const size = frameBytes(sampleRate, frameMs);
  const started = performance.now();
  for (let i = 0, offset = 0; offset < pcm.length; i++, offset += size) {
    const wait = started + i * frameMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    send(pcm.subarray(offset, offset + size));
  }
}
