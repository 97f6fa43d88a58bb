// Phone calls over a real AudioSocket TCP connection with real espeak-ng speech and a FunASR-protocol recogniser:
// greeting, spoken question → answer in 20 ms frames, barge-in, DTMF 0 and *, recogniser down, silence, hostile frames.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/runtime/services.ts';
import { KIND_AUDIO, KIND_HANGUP, PHONE_FRAME_BYTES, encodeFrame } from '../../src/phone/audiosocket.ts';
import type { PhoneServer } from '../../src/phone/server.ts';
import { createRecordStore } from '../../src/records.ts';
import { Tts } from '../../src/voice/tts.ts';
import { FakeFunasr, downUrl } from '../asr/fake-funasr.ts';
import { synthesize } from '../asr/speech.ts';
import { realServices, testConfig } from '../voice/helpers.ts';
import { CALL_ID, FakeCaller } from './caller.ts';
import { startPhone } from './server.ts';

const QUESTION = '济宁重度残疾人有护理补贴吗';
const speech = synthesize(QUESTION, 8000);

let deps: Services;
let fake: FakeFunasr;
const tts = new Tts({ timeoutMs: 5000, concurrency: 2 });
const records = createRecordStore(null);
const servers: PhoneServer[] = [];

async function phone(env: Record<string, string> = {}, asrUrl = fake.url): Promise<PhoneServer> {
  const server = await startPhone({
    config: testConfig(env),
    ask: deps.ask,
    tts,
    asrUrl,
    corpus: deps.corpus,
    records,
  });
  servers.push(server);
  return server;
}

/** Connects, sends the call id and waits for the greeting's first frame. */
async function call(server: PhoneServer): Promise<FakeCaller> {
  const caller = await FakeCaller.connect(server.port);
  caller.callId();
  await caller.until('the greeting', () => caller.audio().length > 0, 3000);
  return caller;
}

let server: PhoneServer;
beforeAll(async () => {
  deps = await realServices();
  fake = await FakeFunasr.start();
  server = await phone();
});
afterAll(async () => {
  for (const s of servers) await s.close();
  await fake.close();
  tts.close();
  records.close();
});

describe('a phone call', () => {
  it('greets within 3 s in 320-byte frames paced at 20 ms', async () => {
    const caller = await FakeCaller.connect(server.port);
    const connected = performance.now();
    caller.callId();
    await caller.until('a second of greeting', () => caller.audio().length >= 60, 5000);
    const frames = caller.audio();
    expect(frames[0]!.at - connected).toBeLessThan(3000);
    expect(frames.every((f) => f.payload.length === PHONE_FRAME_BYTES)).toBe(true);
    // 60 frames are 1.2 s of audio, paced in real time (three go out ahead), not sent in one burst. The bounds leave room
    // for a loaded machine, where a late timer makes the sender catch up with a few frames at once.
    const span = frames[59]!.at - frames[0]!.at;
    expect(span).toBeGreaterThan(900);
    expect(span).toBeLessThan(1600);
    caller.end();
  });

  it('stops the greeting when the caller speaks, and answers within 5 s of the caller falling silent', async () => {
    const caller = await call(server);
    fake.next(QUESTION);
    const speaking = caller.speak(speech);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const greetingFrames = caller.audio().length;
    const stoppedAt = caller.audio().at(-1)!.at;
    const silentAt = await speaking;
    // Nothing more of the greeting after the voice was detected (60 ms of speech, plus the frames sent ahead).
    expect(caller.audio().length).toBe(greetingFrames);
    const mark = caller.received.length;
    void caller.silence(1500);
    await caller.until('the answer', () => caller.audio(mark).length > 0, 5000);
    const latency = caller.audio(mark)[0]!.at - silentAt;
    expect(latency).toBeGreaterThanOrEqual(700);
    expect(latency).toBeLessThan(5000);
    expect(stoppedAt).toBeLessThan(silentAt);
    const heard = fake.utterances.at(-1)!;
    expect(heard.config.audio_fs).toBe(8000);
    // The recogniser got the speech (with up to 200 ms before it) and the 700 ms of silence that ended it.
    expect(heard.bytes).toBeGreaterThanOrEqual(speech.length - 3200);
    expect(heard.bytes).toBeLessThanOrEqual(speech.length + 3200 + 11200 + PHONE_FRAME_BYTES);
    caller.end();
  });

  it('repeats the last answer, the same audio from its start, when the caller presses *', async () => {
    const caller = await call(server);
    fake.next(QUESTION);
    await caller.speak(speech);
    const mark = caller.received.length;
    void caller.silence(1000);
    await caller.until('a second of answer', () => caller.audio(mark).length >= 50, 6000);
    const answer = caller.audio(mark).slice(0, 50);
    const again = caller.received.length;
    caller.dtmf('*');
    await caller.until('the repeat', () => caller.audio(again).length >= 50, 6000);
    expect(
      Buffer.concat(
        caller
          .audio(again)
          .slice(0, 50)
          .map((f) => f.payload),
      ),
    ).toEqual(Buffer.concat(answer.map((f) => f.payload)));
    caller.end();
  });

  it('says the handoff sentence and ends the leg with 0x00 when the caller presses 0', async () => {
    const caller = await call(server);
    const mark = caller.received.length;
    const pressed = performance.now();
    caller.dtmf('0');
    await caller.closed;
    const after = caller.received.slice(mark);
    expect(after.at(-1)?.kind).toBe(KIND_HANGUP);
    expect(after.filter((f) => f.kind === KIND_HANGUP)).toHaveLength(1);
    const handoff = after.filter((f) => f.kind === KIND_AUDIO);
    // 好的，正在为您转接人工服务，请稍候。 is about three seconds of speech, played in real time before the hang-up.
    expect(handoff.length).toBeGreaterThan(100);
    expect(after.at(-1)!.at - pressed).toBeGreaterThan(handoff.length * 20 - 200);
  });

  it('records an unanswered spoken question redacted, with nothing of the call', async () => {
    const caller = await call(server);
    fake.next('火星基地有补贴吗我的电话13812345678');
    await caller.speak(speech);
    const mark = caller.received.length;
    void caller.silence(1000);
    await caller.until('the answer', () => caller.audio(mark).length > 0, 5000);
    const stored = records.unansweredReport(10);
    expect(stored).toEqual([
      {
        city: null,
        total: 1,
        questions: [{ question: '火星基地有补贴吗我的电话[手机号]', count: 1, lastAsked: expect.any(String) }],
      },
    ]);
    expect(JSON.stringify(stored)).not.toContain(CALL_ID.toString('hex').slice(0, 8));
    caller.end();
  });
});

describe('a phone call going wrong', () => {
  it('apologises, names 12385 and hands the caller on when the recogniser is down', async () => {
    const down = await phone({}, await downUrl());
    const caller = await call(down);
    await caller.speak(speech.subarray(0, 16000));
    const mark = caller.received.length;
    void caller.silence(1000);
    await caller.closed;
    expect(caller.received.at(-1)?.kind).toBe(KIND_HANGUP);
    // 抱歉，语音识别暂时不可用。正在为您转接人工服务，您也可以拨打幺二三八五残疾人服务热线。: several seconds.
    expect(caller.audio(mark).length).toBeGreaterThan(300);
  });

  it('hands on a caller who never speaks after LIMIT_CALL_IDLE_MS', async () => {
    const idle = await phone({ LIMIT_CALL_IDLE_MS: '500' });
    const caller = await call(idle);
    await caller.closed;
    expect(caller.received.at(-1)?.kind).toBe(KIND_HANGUP);
  }, 40_000);

  it('hands the call on after LIMIT_CALL_MS, whatever is being said', async () => {
    const short = await phone({ LIMIT_CALL_MS: '1500' });
    const caller = await call(short);
    const started = performance.now();
    await caller.closed;
    expect(caller.received.at(-1)?.kind).toBe(KIND_HANGUP);
    // The greeting is cut at 1.5 s by 通话时间较长，为您转接人工服务。 (about two seconds), then the hang-up.
    expect(performance.now() - started).toBeGreaterThan(1500);
  }, 20_000);

  it('ends a call beyond LIMIT_PHONE_CALLS at once with 0x00, so the dialplan sends it to a person', async () => {
    const one = await phone({ LIMIT_PHONE_CALLS: '1' });
    const first = await call(one);
    const second = await FakeCaller.connect(one.port);
    second.callId();
    await second.closed;
    expect(second.received.map((f) => f.kind)).toEqual([KIND_HANGUP]);
    expect(one.calls()).toBe(1);
    first.end();
  });

  it('hangs up at once on audio before the call id, and on a frame longer than 4096 bytes', async () => {
    const early = await FakeCaller.connect(server.port);
    early.send(KIND_AUDIO, Buffer.alloc(PHONE_FRAME_BYTES));
    await early.closed;
    expect(early.received.map((f) => f.kind)).toEqual([KIND_HANGUP]);

    const huge = await call(server);
    huge.socket.write(encodeFrame(KIND_AUDIO, Buffer.alloc(5000)));
    await huge.closed;
    expect(huge.received.at(-1)?.kind).toBe(KIND_HANGUP);
  });

  it('bounds ten minutes of loud audio to 30 s utterances and still hands on after 0', async () => {
    const caller = await call(server);
    const before = fake.utterances.length;
    const loud = Buffer.alloc(PHONE_FRAME_BYTES + 1);
    for (let i = 0; i < PHONE_FRAME_BYTES; i += 2) loud.writeInt16LE(i % 4 === 0 ? 8000 : -8000, i);
    for (let frame = 0; frame < (10 * 60 * 1000) / 20; frame++) caller.send(KIND_AUDIO, loud);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const heard = fake.utterances.slice(before);
    expect(heard.length).toBeGreaterThan(0);
    expect(heard.length).toBeLessThanOrEqual(20);
    expect(heard.every((u) => u.bytes <= 30 * 8000 * 2)).toBe(true);
    caller.dtmf('0');
    await caller.closed;
    expect(caller.received.at(-1)?.kind).toBe(KIND_HANGUP);
  });
});
