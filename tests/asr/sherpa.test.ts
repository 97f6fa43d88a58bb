// The recogniser client with sherpa-onnx's streaming protocol over a real WebSocket: 16 kHz float32 samples (telephone
// audio resampled), "Done", per-segment results joined in order.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { sherpaDialect } from '../../src/asr/sherpa.ts';
import { WsRecognizer } from '../../src/asr/ws-recognizer.ts';
import { synthesize } from './speech.ts';

/** What the stand-in sherpa server received on its last connection. */
interface Heard {
  samples: number;
  peak: number;
  done: boolean;
}

let wss: WebSocketServer;
let url: string;
const heard: Heard[] = [];

beforeAll(async () => {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  wss.on('connection', (ws) => {
    const utterance: Heard = { samples: 0, peak: 0, done: false };
    heard.push(utterance);
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) {
        if (String(data) !== 'Done') return;
        utterance.done = true;
        ws.send(JSON.stringify({ text: '怎么申请', segment: 1, is_final: true }));
        ws.send('Done!');
        return;
      }
      const samples = new Float32Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length));
      utterance.samples += samples.length;
      for (const s of samples) utterance.peak = Math.max(utterance.peak, Math.abs(s));
      if (utterance.samples >= 8000 && utterance.samples - samples.length < 8000)
        ws.send(JSON.stringify({ text: '护理补贴', segment: 0, is_final: false }));
    });
  });
});
afterAll(() => new Promise<void>((resolve) => wss.close(() => resolve())));

function recognise(pcm: Buffer, sampleRate: number): Promise<{ partials: string[]; final: string }> {
  return new Promise((resolve, reject) => {
    const partials: string[] = [];
    const recognizer = new WsRecognizer({ url, dialect: sherpaDialect, timeoutMs: 2000, concurrency: 2 });
    const utterance = recognizer.start(sampleRate, {
      partial: (text) => partials.push(text),
      final: (text) => resolve({ partials, final: text }),
      error: reject,
    });
    const frame = (sampleRate / 10) * 2;
    for (let offset = 0; offset < pcm.length; offset += frame) utterance.write(pcm.subarray(offset, offset + frame));
    utterance.end();
  });
}

describe('WsRecognizer with the sherpa-onnx protocol', () => {
  it('sends 8 kHz telephone speech as twice as many 16 kHz float32 samples and joins the segments', async () => {
    const speech = synthesize('重度残疾人有护理补贴吗', 8000);
    const result = await recognise(speech, 8000);
    expect(result).toEqual({ partials: ['护理补贴', '护理补贴怎么申请'], final: '护理补贴怎么申请' });
    const last = heard.at(-1)!;
    expect(last.done).toBe(true);
    expect(last.samples).toBe(speech.length);
    expect(last.peak).toBeGreaterThan(0.05);
    expect(last.peak).toBeLessThanOrEqual(1);
  });

  it('sends 16 kHz audio sample for sample', async () => {
    const speech = synthesize('护理补贴', 16000);
    expect((await recognise(speech, 16000)).final).toBe('护理补贴怎么申请');
    expect(heard.at(-1)!.samples).toBe(speech.length / 2);
  });
});
