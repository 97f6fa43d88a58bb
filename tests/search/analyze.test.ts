// Query analysis (src/search/analyze.ts) on the shipped plans: which words of a question become concepts.
import { describe, expect, it } from 'vitest';
import { TUNING } from '../../src/answer/tuning.ts';
import { createLogger } from '../../src/log.ts';
import { createQueryAnalyzer } from '../../src/search/analyze.ts';
import { loadEngineDeps } from '../../src/runtime/plan-services.ts';

const { deps } = loadEngineDeps('corpus', null, createLogger('error'));
const analyzer = createQueryAnalyzer(deps.tokenizer, deps.index, deps.homophones, TUNING);
const concepts = (question: string) => analyzer.analyze(question).concepts.map((c) => c.forms[0]);

describe('concepts of a question', () => {
  it('a word no plan uses that only says when or how much (以后, 平时, 几个) is no concept', () => {
    expect(concepts('孩子以后上学有补贴吗')).not.toContain('以后');
    expect(concepts('我平时在家，有几个补贴能领')).toEqual(expect.not.arrayContaining(['平时', '几个']));
    expect(concepts('孩子以后上学有补贴吗')).toContain('补贴');
  });

  it('a word no plan uses that names a thing or an act (结婚, 罚款) stays a concept, unknown', () => {
    for (const [question, word] of [
      ['残疾人结婚有没有补贴', '结婚'],
      ['违章停车罚款怎么交', '罚款'],
    ] as const) {
      const concept = analyzer.analyze(question).concepts.find((c) => c.forms[0] === word);
      expect(concept?.unknown).toBe(true);
    }
  });
});
