// The chat pages tell their microphone which recogniser the server chose: its own, the browser's (opt-in) or none.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { pageRoutes } from '../../src/server/pages.ts';

const plans = loadCorpus('corpus');

async function mode(env: Record<string, string>, path: string): Promise<string | null> {
  const html = await (await pageRoutes({ config: loadConfig(env), plans }).request(path)).text();
  return html.match(/<script type="application\/json" id="speech-in">(.*?)<\/script>/)?.[1] ?? null;
}

describe('the speech-in data block', () => {
  it.each([
    [{}, '{"mode":"none"}'],
    [{ BROWSER_ASR: '1' }, '{"mode":"browser"}'],
    [{ ASR: 'funasr', ASR_URL: 'ws://127.0.0.1:10095' }, '{"mode":"server"}'],
    [{ ASR: 'sherpa', ASR_URL: 'ws://127.0.0.1:6006', BROWSER_ASR: '1' }, '{"mode":"server"}'],
  ])('with %o says %s on / and /embed', async (env, expected) => {
    expect(await mode(env, '/')).toBe(expected);
    expect(await mode(env, '/embed')).toBe(expected);
  });

  it('is not on the operator console, which has no microphone', async () => {
    expect(await mode({ ASR: 'funasr', ASR_URL: 'ws://127.0.0.1:10095' }, '/operator')).toBeNull();
  });
});
