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

  it('is the whole text’s coverage when one passage says everything the text covers', () => {
    const passages = ['开展托养服务。', '落实护理补贴。', '加强宣传。'];
    const text = passages.join('');
    const whole = coverages(text, concepts, TUNING.situationWeight).coverage;
    expect(whole).toBe(1);
    expect(
      passageCoverage(text, ['开展托养服务。落实护理补贴。', '落实护理补贴。加强宣传。'], concepts, 0.5, whole),
    ).toBe(1);
  });

  it('is the best passage’s share when the text says the two things apart', () => {
    const text = '开展托养服务。加强宣传。培训人员。落实护理补贴。';
    const passages = ['开展托养服务。加强宣传。', '加强宣传。培训人员。', '培训人员。落实护理补贴。'];
    const best = Math.max(share('托养服务'), share('护理补贴'));
    expect(best).toBeLessThan(1);
    expect(passageCoverage(text, passages, concepts, 0.5, 1)).toBeCloseTo(best, 10);
  });

  it('is the whole coverage for a text of one passage, and 0 when the text covers nothing', () => {
    expect(passageCoverage('落实护理补贴。', ['落实护理补贴。'], concepts, 0.5, 0.4)).toBe(0.4);
    expect(passageCoverage('加强宣传。培训人员。', ['加强宣传。培训人员。', '培训人员。'], concepts, 0.5, 0)).toBe(0);
  });
});
