// The /ws/voice messages in the one schema module: every client message shape, the codes POST /api/ask gives for the
// same fields, and hostile input that must come back as an error, not a throw.
import { describe, expect, it } from 'vitest';
import { createSchemas, parseClientMessage as parseWith } from '../../src/ask/schema.ts';
import { DEFAULT_LIMITS } from '../../src/config.ts';
import { AppError } from '../../src/errors.ts';

const schemas = createSchemas(DEFAULT_LIMITS);
const parseClientMessage = (raw: string, limits?: Partial<typeof DEFAULT_LIMITS>) =>
  parseWith(raw, limits ? createSchemas({ ...DEFAULT_LIMITS, ...limits }) : schemas);

describe('parseClientMessage', () => {
  it.each([
    ['{"type":"session.start"}', { type: 'session.start' }],
    [
      '{"type":"session.start","city":"济宁","mode":"easy","tts":true,"audio":{"sampleRate":8000}}',
      { type: 'session.start', city: '济宁', mode: 'easy', tts: true, audio: { sampleRate: 8000 } },
    ],
    ['{"type":"session.start","city":null}', { type: 'session.start', city: null }],
    [
      '{"type":"session.start","city":"济宁","history":["我在济宁","重度残疾人有护理补贴吗"]}',
      { type: 'session.start', city: '济宁', history: ['我在济宁', '重度残疾人有护理补贴吗'] },
    ],
    ['{"type":"session.start","history":[]}', { type: 'session.start', history: [] }],
    [
      '{"type":"user.text","text":"重度残疾人有护理补贴吗","final":true}',
      { type: 'user.text', text: '重度残疾人有护理补贴吗', final: true },
    ],
    ['{"type":"user.text","text":"重度","final":false}', { type: 'user.text', text: '重度', final: false }],
    ['{"type":"audio.start"}', { type: 'audio.start' }],
    ['{"type":"audio.start","answer":false}', { type: 'audio.start', answer: false }],
    ['{"type":"audio.end"}', { type: 'audio.end' }],
    ['{"type":"interrupt"}', { type: 'interrupt' }],
    ['{"type":"interrupt","turnId":"t3"}', { type: 'interrupt', turnId: 't3' }],
    ['{"type":"playback.mark","turnId":"t1","name":"s0"}', { type: 'playback.mark', turnId: 't1', name: 's0' }],
    [
      '{"type":"feedback","turnId":"t1","rating":"down","reason":"没说金额"}',
      { type: 'feedback', turnId: 't1', rating: 'down', reason: '没说金额' },
    ],
    ['{"type":"ping","t":1700000000000}', { type: 'ping', t: 1700000000000 }],
    ['{"type":"ping"}', { type: 'ping' }],
    ['{"type":"ping","t":"abc","extra":1}', { type: 'ping', t: 'abc' }],
  ])('accepts %s', (raw, expected) => {
    expect(parseClientMessage(raw)).toEqual(expected);
  });

  it.each([
    ['not json', 'BAD_MESSAGE'],
    ['{"type":"audio.start","answer":"no"}', 'BAD_MESSAGE'],
    ['', 'BAD_MESSAGE'],
    ['null', 'BAD_MESSAGE'],
    ['[1,2]', 'BAD_MESSAGE'],
    ['"user.text"', 'BAD_MESSAGE'],
    ['{}', 'BAD_MESSAGE'],
    ['{"type":42}', 'BAD_MESSAGE'],
    ['{"type":"hello"}', 'BAD_MESSAGE'],
    ['{"type":"toString"}', 'BAD_MESSAGE'],
    ['{"type":"user.text","text":"问","final":"yes"}', 'BAD_MESSAGE'],
    ['{"type":"user.text","final":true}', 'BAD_MESSAGE'],
    ['{"type":"user.text","text":["问"],"final":true}', 'BAD_MESSAGE'],
    ['{"type":"session.start","mode":"expert"}', 'BAD_MODE'],
    ['{"type":"session.start","tts":"yes"}', 'BAD_MESSAGE'],
    ['{"type":"session.start","city":5}', 'BAD_MESSAGE'],
    ['{"type":"session.start","audio":{"sampleRate":44100}}', 'BAD_MESSAGE'],
    ['{"type":"session.start","audio":16000}', 'BAD_MESSAGE'],
    ['{"type":"session.start","history":"我在济宁"}', 'BAD_MESSAGE'],
    ['{"type":"session.start","history":["我在济宁",3]}', 'BAD_MESSAGE'],
    ['{"type":"session.start","history":[null]}', 'BAD_MESSAGE'],
    ['{"type":"session.start","history":{"0":"我在济宁"}}', 'BAD_MESSAGE'],
    [`{"type":"session.start","history":${JSON.stringify(Array(11).fill('济宁'))}}`, 'HISTORY_TOO_LONG'],
    ['{"type":"session.start","audio":{"sampleRate":16000,"__proto__":{"admin":true}}}', 'BAD_MESSAGE'],
    ['{"type":"user.text","text":"问","final":true,"__proto__":{"polluted":true}}', 'BAD_MESSAGE'],
    ['{"type":"ping","constructor":{"prototype":{"polluted":true}}}', 'BAD_MESSAGE'],
    ['{"type":"playback.mark","turnId":"t1"}', 'BAD_MESSAGE'],
    ['{"type":"feedback","turnId":"t1","rating":"meh"}', 'BAD_MESSAGE'],
    ['{"type":"ping","t":{"a":1}}', 'BAD_MESSAGE'],
    ['{"type":"ping","t":1e999}', 'BAD_MESSAGE'],
  ])('refuses %s with %s', (raw, code) => {
    const result = parseClientMessage(raw);
    expect(result).toBeInstanceOf(AppError);
    expect((result as AppError).code).toBe(code);
  });

  it.each([
    [
      'a question longer than the text bound',
      `{"type":"user.text","text":"${'问'.repeat(DEFAULT_LIMITS.questionChars + 1)}","final":true}`,
      'QUESTION_TOO_LONG',
    ],
    ['a 501-character history turn', `{"type":"session.start","history":["${'问'.repeat(501)}"]}`, 'HISTORY_TOO_LONG'],
    ['a 1000-character turn id', `{"type":"interrupt","turnId":"${'x'.repeat(1000)}"}`, 'TOO_LARGE'],
    ['a 300 kB message', `{"type":"ping","pad":"${'x'.repeat(300_000)}"}`, 'TOO_LARGE'],
    ['20,000 nested arrays', `${'['.repeat(20_000)}${']'.repeat(20_000)}`, 'BAD_MESSAGE'],
    ['a lone surrogate in the text', '{"type":"user.text","text":"问\\ud800","final":true}', 'ok'],
    ['nothing but a lone surrogate', '{"type":"user.text","text":"\\ud800","final":true}', 'QUESTION_REQUIRED'],
  ])('handles %s without throwing', (_label, raw, code) => {
    const result = parseClientMessage(raw);
    if (code === 'ok') {
      expect(result).toEqual({ type: 'user.text', text: '问', final: true });
      return;
    }
    expect(result).toBeInstanceOf(AppError);
    expect((result as AppError).code).toBe(code);
  });

  it('bounds history by the limits it is given, counting characters as POST /api/ask does', () => {
    const limits = { historyTurns: 2, historyTurnChars: 3 };
    expect(parseClientMessage('{"type":"session.start","history":["一","二"]}', limits)).toEqual({
      type: 'session.start',
      history: ['一', '二'],
    });
    // Three astral characters are six UTF-16 units, still three characters.
    expect(parseClientMessage('{"type":"session.start","history":["𠀀𠀀𠀀"]}', limits)).toEqual({
      type: 'session.start',
      history: ['𠀀𠀀𠀀'],
    });
    const tooMany = parseClientMessage('{"type":"session.start","history":["一","二","三"]}', limits);
    expect(tooMany).toEqual(new AppError('HISTORY_TOO_LONG', 'history 最多 2 条。'));
    const tooLong = parseClientMessage('{"type":"session.start","history":["一二三四"]}', limits);
    expect(tooLong).toEqual(new AppError('HISTORY_TOO_LONG', 'history 每条最多 3 个字。'));
  });

  it('refuses a __proto__ key with a sentence saying so, instead of reading a city from it', () => {
    // JSON.parse makes "__proto__" an own key; a validator copying fields with Object.assign would turn it into the
    // prototype, and the session would start in 济宁 without the client asking.
    expect(parseClientMessage('{"type":"session.start","__proto__":{"city":"济宁"}}')).toEqual(
      new AppError('BAD_MESSAGE', '请求不能包含字段 __proto__。'),
    );
  });

  it('builds messages from known fields only', () => {
    expect(parseClientMessage('{"type":"interrupt","turnId":"t1","admin":true}')).toEqual({
      type: 'interrupt',
      turnId: 't1',
    });
  });
});
