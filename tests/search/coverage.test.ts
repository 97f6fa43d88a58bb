// How much of a question a text covers (src/search/coverage.ts), with concepts the analyzer makes of real questions.
import { describe, expect, it } from 'vitest';
import { TUNING } from '../../src/answer/tuning.ts';
import { createLogger } from '../../src/log.ts';
import { createQueryAnalyzer } from '../../src/search/analyze.ts';
import { coverages, passageCoverage } from '../../src/search/coverage.ts';
import { loadEngineDeps } from '../../src/runtime/plan-services.ts';

const { deps } = loadEngineDeps('corpus', null, createLogger('error'));
const analyzer = createQueryAnalyzer(deps.tokenizer, deps.index, deps.homophones, TUNING);

describe('passageCoverage', () => {
  const concepts = analyzer.analyze('托养服务和护理补贴').concepts;
  const share = (form: string) => {
    const total = concepts.reduce((sum, c) => sum + c.weight, 0);
    return (concepts.find((c) => c.forms.includes(form))?.weight ?? 0) / total;
  };
  const passagesOf = (sentences: string[]) => sentences.slice(1).map((s, i) => `${sentences[i]}${s}`);

  it('is the whole text’s coverage when one passage says everything the text covers', () => {
    const sentences = ['开展托养服务。', '落实护理补贴。', '加强宣传。'];
    const whole = coverages(sentences.join(''), concepts, 0.5);
    expect(whole.coverage).toBe(1);
    expect(passageCoverage(passagesOf(sentences), concepts, 0.5, whole)).toBe(1);
  });

  it('is the best passage’s share when the text says the two things apart', () => {
    const sentences = ['开展托养服务。', '加强宣传。', '培训人员。', '落实护理补贴。'];
    const whole = coverages(sentences.join(''), concepts, 0.5);
    const best = Math.max(share('托养服务'), share('护理补贴'));
    expect(whole.coverage).toBe(1);
    expect(best).toBeLessThan(1);
    expect(passageCoverage(passagesOf(sentences), concepts, 0.5, whole)).toBeCloseTo(best, 10);
  });

  it('is the whole coverage for a text of one passage, and 0 when the text covers nothing', () => {
    const one = coverages('开展托养服务。落实护理补贴。', concepts, 0.5);
    expect(passageCoverage(['开展托养服务。落实护理补贴。'], concepts, 0.5, one)).toBe(one.coverage);
    const none = coverages('加强宣传。培训人员。做好服务。', concepts, 0.5);
    expect(none.coverage).toBe(0);
    expect(passageCoverage(passagesOf(['加强宣传。', '培训人员。', '做好服务。']), concepts, 0.5, none)).toBe(0);
  });
});
