// The two server dialects as plain functions: FunASR's reply modes, sherpa-onnx's float32 samples and segments.
import { describe, expect, it } from 'vitest';
import { funasrDialect } from '../../src/asr/funasr.ts';
import { planHotwords } from '../../src/asr/hotwords.ts';
import { sherpaDialect } from '../../src/asr/sherpa.ts';
import { loadLexicon } from '../../src/search/lexicon.ts';

describe('funasrDialect', () => {
  it('keeps a sentence closed before the end and joins it to the final one', () => {
    const u = funasrDialect({}).begin(8000);
    expect(u.read('{"mode":"2pass-online","text":"护理","is_final":false}', false)).toEqual({
      final: false,
      text: '护理',
    });
    expect(u.read('{"mode":"2pass-offline","text":"护理补贴。","is_final":false}', false)).toEqual({
      final: false,
      text: '护理补贴。',
    });
    expect(u.read('{"mode":"2pass-online","text":"怎么","is_final":false}', false)).toEqual({
      final: false,
      text: '护理补贴。怎么',
    });
    expect(u.read('{"mode":"2pass-offline","text":"怎么申请？","is_final":false}', true)).toEqual({
      final: true,
      text: '护理补贴。怎么申请？',
    });
  });

  it('takes an offline reply as final, ignores replies without text, and ends with is_speaking false', () => {
    const u = funasrDialect({}).begin(16000);
    expect(u.read('not json', true)).toBeNull();
    expect(u.read('{"mode":"offline"}', true)).toBeNull();
    expect(u.read('{"mode":"offline","text":"你好","is_final":false}', true)).toEqual({ final: true, text: '你好' });
    expect(u.ending()).toEqual(['{"is_speaking":false}']);
    expect(u.audio(Buffer.from([1, 2]))).toEqual(Buffer.from([1, 2]));
  });
});

describe('sherpaDialect', () => {
  it('sends 16 kHz float32 samples, then "Done", and joins segments in order', () => {
    const u = sherpaDialect.begin(16000);
    const pcm = Buffer.alloc(4);
    pcm.writeInt16LE(16384, 0);
    pcm.writeInt16LE(-32768, 2);
    const sent = u.audio(pcm);
    expect([sent.readFloatLE(0), sent.readFloatLE(4)]).toEqual([0.5, -1]);
    expect(u.ending()).toEqual(['Done']);
    expect(u.read('{"text":"怎么申请","segment":1}', false)).toEqual({ final: false, text: '怎么申请' });
    expect(u.read('{"text":"护理补贴","segment":0}', false)).toEqual({ final: false, text: '护理补贴怎么申请' });
    expect(u.read('Done!', true)).toEqual({ final: true, text: '护理补贴怎么申请' });
  });

  it('resamples 8 kHz telephone audio to twice the samples', () => {
    const u = sherpaDialect.begin(8000);
    const head = u.audio(Buffer.alloc(1600)).length / 4;
    const ending = u.ending();
    expect(ending.at(-1)).toBe('Done');
    expect(head + (ending[0] as Buffer).length / 4).toBe(1600);
    expect(u.closed(true)).toBe('');
    expect(u.closed(false)).toBeNull();
  });
});

describe('planHotwords', () => {
  it('weights the plan terms everyday words point to above the other dictionary words', () => {
    const hotwords = planHotwords(loadLexicon('corpus/lexicon'));
    expect(hotwords['护理补贴']).toBe(30);
    // The 459 synonym groups name more plan terms than the list holds: it is full with them.
    expect(Object.keys(hotwords).length).toBe(300);
    expect(
      planHotwords({
        terms: ['阳光家园计划', '护理补贴'],
        synonyms: [{ planTerms: ['护理补贴'], everyday: ['护理费'], line: 1 }],
      }),
    ).toEqual({ 护理补贴: 30, 阳光家园计划: 20 });
    expect(Object.keys(hotwords).every((term) => /^[\u3400-\u9fff]{2,}$/.test(term))).toBe(true);
  });
});
