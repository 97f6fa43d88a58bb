// The transport-free voice session: message order, history as the HTTP API keeps it, errors that keep the session alive.
import { afterAll, describe, expect, it } from 'vitest';
import type { AskFn, AskRequest } from '../../src/answer/types.ts';
import { DEFAULT_LIMITS } from '../../src/config.ts';
import { AppError } from '../../src/errors.ts';
import type { ServerMessage } from '../../src/voice/protocol.ts';
import { VoiceSession, type SessionOutput } from '../../src/voice/session.ts';
import { Tts } from '../../src/voice/tts.ts';
import { HAS_ESPEAK, plainAsk } from './helpers.ts';
import { createSchemas, parseClientMessage } from '../../src/ask/schema.ts';
import { testFlow } from '../ask-flow.ts';

const LIMITS = { ...DEFAULT_LIMITS, historyTurns: 2, historyTurnChars: 4, questionChars: 20 };

function memory(accept = true) {
  const messages: ServerMessage[] = [];
  let audioBytes = 0;
  const out: SessionOutput = {
    send: (message) => messages.push(message),
    sendAudio: async (pcm) => {
      if (accept) audioBytes += pcm.length;
      return accept;
    },
  };
  return { out, messages, audio: () => audioBytes, types: () => messages.map((m) => m.type) };
}

const noSpeech = new Tts({ espeakPath: '/nonexistent/espeak-ng', timeoutMs: 1000, concurrency: 1 });

const schemas = createSchemas(LIMITS);

/** Hands a message to the session as the route does: through the one schema module, refused or received. */
function deliver(session: VoiceSession, message: unknown): void {
  const parsed = parseClientMessage(JSON.stringify(message), schemas);
  if (parsed instanceof AppError) session.reject(parsed);
  else session.receive(parsed);
}

async function settle(ms = 20) {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

describe('VoiceSession', () => {
  it('answers session.start before any message sent right after it, even while speech is being probed', async () => {
    const tts = new Tts({ espeakPath: '/nonexistent/espeak-ng', timeoutMs: 1000, concurrency: 1 });
    const { out, types } = memory();
    const session = new VoiceSession({ flow: testFlow({ ask: plainAsk(), limits: LIMITS }), limits: LIMITS, tts }, out);
    deliver(session, { type: 'session.start', tts: true });
    deliver(session, { type: 'user.text', text: '护理补贴', final: true });
    deliver(session, { type: 'ping', t: 1 });
    await settle();
    expect(types()).toEqual([
      'session.ready',
      'error',
      'answer.start',
      'answer.delta',
      'answer.delta',
      'answer.delta',
      'answer.end',
      'pong',
    ]);
  });

  it('passes earlier user turns as history, at most historyTurns of at most historyTurnChars each', async () => {
    const calls: AskRequest[] = [];
    const { out } = memory();
    const session = new VoiceSession(
      { flow: testFlow({ ask: plainAsk(calls), limits: LIMITS }), limits: LIMITS, tts: noSpeech },
      out,
    );
    deliver(session, { type: 'session.start' });
    await settle();
    for (const text of ['我在济宁市', '我爸是一级肢体残疾', '有补贴吗'])
      deliver(session, { type: 'user.text', text, final: true });
    expect(calls.map((c) => c.history)).toEqual([[], ['我在济宁'], ['我在济宁', '我爸是一']]);
  });

  it('answers the first question in the context of the history session.start carries, cleaned and bounded', async () => {
    const calls: AskRequest[] = [];
    const { out, messages } = memory();
    const session = new VoiceSession(
      { flow: testFlow({ ask: plainAsk(calls), limits: LIMITS }), limits: LIMITS, tts: noSpeech },
      out,
    );
    deliver(session, { type: 'session.start', history: [' 我在济宁 ', '\u200b孩子'] });
    await settle();
    deliver(session, { type: 'user.text', text: '有补贴吗', final: true });
    deliver(session, { type: 'user.text', text: '怎么办', final: true });
    // A later session.start with history replaces the turns; one without keeps them.
    deliver(session, { type: 'session.start', history: ['我在张掖'] });
    await settle();
    deliver(session, { type: 'user.text', text: '护理', final: true });
    deliver(session, { type: 'session.start', mode: 'easy' });
    await settle();
    deliver(session, { type: 'user.text', text: '康复', final: true });
    // Over the limits, the history is refused with the code POST /api/ask gives, and the turns are kept.
    deliver(session, { type: 'session.start', history: ['一', '二', '三'] });
    deliver(session, { type: 'session.start', history: ['我在济宁市'] });
    expect(calls.map((c) => c.history)).toEqual([
      ['我在济宁', '孩子'],
      ['孩子', '有补贴吗'],
      ['我在张掖'],
      ['我在张掖', '护理'],
    ]);
    expect(messages.filter((m) => m.type === 'error')).toEqual([
      { type: 'error', code: 'HISTORY_TOO_LONG', message: 'history 最多 2 条。', fatal: false },
      { type: 'error', code: 'HISTORY_TOO_LONG', message: 'history 每条最多 4 个字。', fatal: false },
    ]);
  });

  it('refuses empty and overlong questions without asking, with the codes POST /api/ask gives', async () => {
    const calls: AskRequest[] = [];
    const { out, messages } = memory();
    const session = new VoiceSession(
      { flow: testFlow({ ask: plainAsk(calls), limits: LIMITS }), limits: LIMITS, tts: noSpeech },
      out,
    );
    deliver(session, { type: 'session.start' });
    await settle();
    deliver(session, { type: 'user.text', text: '   ', final: true });
    deliver(session, { type: 'user.text', text: '问'.repeat(21), final: true });
    expect(calls).toHaveLength(0);
    expect(messages.slice(1)).toEqual([
      expect.objectContaining({ type: 'error', code: 'QUESTION_REQUIRED', fatal: false }),
      expect.objectContaining({
        type: 'error',
        code: 'QUESTION_TOO_LONG',
        message: '问题最多 20 个字。',
        fatal: false,
      }),
    ]);
  });

  it('passes a refusal from ask on with its own code, turns a crash into INTERNAL, and keeps answering', async () => {
    let calls = 0;
    const ask: AskFn = (request) => {
      calls++;
      if (calls === 1) throw new AppError('UNKNOWN_CITY', '没有这个城市。');
      if (calls === 2) throw new TypeError('boom');
      return plainAsk()(request);
    };
    const { out, messages } = memory();
    const session = new VoiceSession({ flow: testFlow({ ask, limits: LIMITS }), limits: LIMITS, tts: noSpeech }, out);
    deliver(session, { type: 'session.start' });
    await settle();
    for (let i = 0; i < 3; i++) deliver(session, { type: 'user.text', text: '护理补贴', final: true });
    expect(messages.filter((m) => m.type === 'error')).toEqual([
      { type: 'error', code: 'UNKNOWN_CITY', message: '没有这个城市。', fatal: false, turnId: 't1' },
      expect.objectContaining({ code: 'INTERNAL', fatal: false, turnId: 't2' }),
    ]);
    expect(messages.at(-1)).toMatchObject({ type: 'answer.end', turnId: 't3' });
  });

  it('confirms an interrupt even with nothing playing, and refuses feedback on an unknown turn', async () => {
    const { out, messages } = memory();
    const session = new VoiceSession(
      { flow: testFlow({ ask: plainAsk(), limits: LIMITS }), limits: LIMITS, tts: noSpeech },
      out,
    );
    deliver(session, { type: 'interrupt' });
    deliver(session, { type: 'session.start' });
    await settle();
    deliver(session, { type: 'feedback', turnId: 't1', rating: 'up' });
    deliver(session, { type: 'user.text', text: '护理补贴', final: true });
    deliver(session, { type: 'interrupt' });
    expect(messages[0]).toEqual({ type: 'interrupted', turnId: null });
    expect(messages[2]).toMatchObject({ type: 'error', code: 'BAD_MESSAGE' });
    expect(messages.at(-1)).toEqual({ type: 'interrupted', turnId: 't1' });
  });

  it('sends nothing after dispose', async () => {
    const { out, messages } = memory();
    const session = new VoiceSession(
      { flow: testFlow({ ask: plainAsk(), limits: LIMITS }), limits: LIMITS, tts: noSpeech },
      out,
    );
    session.dispose();
    deliver(session, { type: 'ping', t: 1 });
    session.receiveAudio(Buffer.alloc(10));
    expect(messages).toEqual([]);
  });
});

describe.skipIf(!HAS_ESPEAK)('VoiceSession speaking (espeak-ng)', () => {
  const tts = new Tts({ timeoutMs: 5000, concurrency: 2 });
  afterAll(() => tts.close());

  it('ends the audio with BUSY when the transport drops a frame, and the text is already out', async () => {
    const { out, messages, types } = memory(false);
    const session = new VoiceSession(
      { flow: testFlow({ ask: plainAsk(), limits: DEFAULT_LIMITS }), limits: DEFAULT_LIMITS, tts },
      out,
    );
    deliver(session, { type: 'session.start', tts: true });
    await settle();
    deliver(session, { type: 'user.text', text: '护理补贴', final: true });
    for (let i = 0; i < 100 && !types().includes('tts.end'); i++) await settle(20);
    expect(types().slice(-3)).toEqual(['tts.start', 'error', 'tts.end']);
    expect(messages.at(-2)).toMatchObject({ code: 'BUSY', fatal: false, turnId: 't1' });
    expect(types().indexOf('answer.end')).toBeLessThan(types().indexOf('tts.start'));
    expect(session.busy).toBe(false);
  });

  it('streams 100 ms frames with a mark after each sentence', async () => {
    const { out, messages, audio } = memory();
    const frames: number[] = [];
    const counting: SessionOutput = {
      send: out.send,
      sendAudio: async (pcm) => (frames.push(pcm.length), out.sendAudio(pcm)),
    };
    const session = new VoiceSession(
      { flow: testFlow({ ask: plainAsk(), limits: DEFAULT_LIMITS }), limits: DEFAULT_LIMITS, tts },
      counting,
    );
    deliver(session, { type: 'session.start', tts: true, audio: { sampleRate: 8000 } });
    await settle();
    deliver(session, { type: 'user.text', text: '护理补贴', final: true });
    for (let i = 0; i < 200 && !messages.some((m) => m.type === 'tts.end'); i++) await settle(20);
    expect(messages.filter((m) => m.type === 'tts.mark').map((m) => (m.type === 'tts.mark' ? m.name : ''))).toEqual([
      's0',
      's1',
      's2',
    ]);
    expect(frames.filter((n) => n === 1600).length).toBeGreaterThan(frames.length - 4);
    expect(audio()).toBe(frames.reduce((a, b) => a + b, 0));
  });
});
