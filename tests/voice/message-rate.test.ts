// The per-socket message rate of /ws/voice, on a clock the test moves: one warning a window, closed for abuse.
import { describe, expect, it } from 'vitest';
import { MessageRate } from '../../src/voice/message-rate.ts';

/** A MessageRate of `perSecond` on a clock at `t` ms that the test sets. */
function rateAt(perSecond: number) {
  const clock = { t: 0 };
  return { clock, rate: new MessageRate(perSecond, () => clock.t) };
}

const takes = (rate: MessageRate, n: number) => Array.from({ length: n }, () => rate.take());

describe('MessageRate', () => {
  it('lets LIMIT_WS_MESSAGES_PER_SECOND messages through a second, warns once on the next, then drops quietly', () => {
    const { rate } = rateAt(20);
    const verdicts = takes(rate, 23);
    expect(verdicts.slice(0, 20).every((v) => v === 'ok')).toBe(true);
    expect(verdicts.slice(20)).toEqual(['warn', 'dropped', 'dropped']);
  });

  it('starts a fresh window after a second', () => {
    const { clock, rate } = rateAt(2);
    expect(takes(rate, 3)).toEqual(['ok', 'ok', 'warn']);
    clock.t = 1000;
    expect(takes(rate, 2)).toEqual(['ok', 'ok']);
  });

  it('closes the socket on the third limited second in a row', () => {
    const { clock, rate } = rateAt(2);
    expect(takes(rate, 3)).toEqual(['ok', 'ok', 'warn']);
    clock.t = 1000;
    expect(takes(rate, 3)).toEqual(['ok', 'ok', 'warn']);
    clock.t = 2000;
    expect(takes(rate, 3)).toEqual(['ok', 'ok', 'fatal']);
  });

  it('forgives the strikes after a quiet second', () => {
    const { clock, rate } = rateAt(2);
    takes(rate, 3);
    clock.t = 1000;
    takes(rate, 3);
    clock.t = 3000;
    expect(takes(rate, 3)).toEqual(['ok', 'ok', 'warn']);
  });

  it('closes at once at five times the limit in one window', () => {
    const { rate } = rateAt(2);
    const verdicts = takes(rate, 11);
    expect(verdicts.slice(2, 10)).toEqual(['warn', ...Array(7).fill('dropped')]);
    expect(verdicts[10]).toBe('fatal');
  });
});
