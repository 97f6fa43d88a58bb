// The one config object: the speech-input settings and TODAY, with defaults and a sentence naming each bad variable.
import { describe, expect, it } from 'vitest';
import { loadConfig, todayOf } from '../src/config.ts';

describe('loadConfig speech input', () => {
  it('has no recogniser, no browser recogniser and no phone listener by default', () => {
    const config = loadConfig({});
    expect(config.asr).toEqual({ backend: 'none', url: null });
    expect(config.browserAsr).toBe(false);
    expect(config.phone).toEqual({ port: null, host: '127.0.0.1' });
    expect(config.limits).toMatchObject({
      asrTimeoutMs: 10_000,
      asrConcurrency: 64,
      utteranceMs: 30_000,
      utteranceBytes: 1_048_576,
      callMs: 600_000,
      callIdleMs: 30_000,
      phoneCalls: 100,
    });
  });

  it('reads a FunASR server, the browser opt-in and the AudioSocket port', () => {
    const config = loadConfig({
      ASR: 'funasr',
      ASR_URL: 'ws://10.0.0.5:10095',
      BROWSER_ASR: '1',
      PHONE_AUDIOSOCKET_PORT: '9092',
      LIMIT_ASR_TIMEOUT_MS: '3000',
    });
    expect(config.asr).toEqual({ backend: 'funasr', url: 'ws://10.0.0.5:10095/' });
    expect(config.browserAsr).toBe(true);
    expect(config.phone).toEqual({ port: 9092, host: '127.0.0.1' });
    expect(config.limits.asrTimeoutMs).toBe(3000);
  });

  it.each([
    [{ ASR: 'whisper' }, 'config: ASR must be one of none, funasr, sherpa, but it is "whisper".'],
    [{ ASR: 'sherpa' }, 'config: ASR_URL must be a ws:// or wss:// address when ASR is sherpa, but it is "".'],
    [
      { ASR: 'funasr', ASR_URL: 'http://10.0.0.5' },
      'config: ASR_URL must be a ws:// or wss:// address when ASR is funasr, but it is "http://10.0.0.5".',
    ],
    [{ BROWSER_ASR: 'yes' }, 'config: BROWSER_ASR must be 1 (on) or 0 (off), but it is "yes".'],
    [
      { PHONE_AUDIOSOCKET_PORT: '70000' },
      'config: PHONE_AUDIOSOCKET_PORT must be a whole number from 0 to 65535, but it is "70000".',
    ],
    [
      { LIMIT_CALL_IDLE_MS: '0' },
      'config: LIMIT_CALL_IDLE_MS must be a whole number from 1 to 1000000000, but it is "0".',
    ],
  ])('refuses %o with a sentence naming it', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('loadConfig today', () => {
  it('takes the clock’s date without TODAY, and TODAY when set', () => {
    expect(loadConfig({}).today).toBeNull();
    expect(todayOf(loadConfig({}))()).toBe(new Date().toISOString().slice(0, 10));
    const fixed = loadConfig({ TODAY: '2027-03-01' });
    expect(fixed.today).toBe('2027-03-01');
    expect(todayOf(fixed)()).toBe('2027-03-01');
  });

  it.each(['2027-02-30', '2027-3-1', '2027年3月1日', 'tomorrow'])(
    'refuses TODAY=%s with a sentence naming it',
    (day) => {
      expect(() => loadConfig({ TODAY: day })).toThrow(
        `config: TODAY must be a date written YYYY-MM-DD (like 2026-06-01), but it is "${day}".`,
      );
    },
  );
});
