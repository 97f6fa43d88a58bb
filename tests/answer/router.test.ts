// The plan-level router: which plans' titles, headings and plan terms best match a question's words, and the
// "which place?" text that offers them.
import { describe, expect, it } from 'vitest';
import { createCorpus } from '../../src/corpus/corpus.ts';
import type { Plan } from '../../src/corpus/types.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { loadLexicon } from '../../src/search/lexicon.ts';
import { createTokenizer } from '../../src/search/tokenize.ts';
import { buildIndex } from '../../src/search/index.ts';
import { createPlanRouter, whichPlace } from '../../src/answer/router.ts';

const corpus = createCorpus(loadCorpus('corpus'));
const tokenizer = createTokenizer(loadLexicon('corpus/lexicon'));
const router = createPlanRouter(corpus.plans, buildIndex(corpus.citable, tokenizer), tokenizer);

describe('plan router', () => {
  it('ranks first the two plans that use the plan term 人工耳蜗 (济宁 and 青州’s 残疾儿童康复救助 items)', () => {
    expect(new Set(router.route(['人工耳蜗'], 2))).toEqual(new Set(['jining', 'qingzhou']));
    expect(new Set(router.route(['人工', '耳蜗', '人工耳蜗', '补助', '补贴'], 2))).toEqual(
      new Set(['jining', 'qingzhou']),
    );
  });

  it('ranks the same when built a slice at a time off the request path', async () => {
    const sliced = createPlanRouter(corpus.plans, buildIndex(corpus.citable, tokenizer), tokenizer);
    await sliced.ready();
    expect(sliced.route(['人工耳蜗', '托养'], 5)).toEqual(router.route(['人工耳蜗', '托养'], 5));
  });

  it('ranks only the plans added so far when asked not to finish, and leaves the rest to the slices', () => {
    const unbuilt = createPlanRouter(corpus.plans, buildIndex(corpus.citable, tokenizer), tokenizer);
    expect(unbuilt.route(['人工耳蜗'], 2, true)).toEqual(['qingzhou', 'shuangyashan']);
    expect(unbuilt.complete()).toBe(false);
    expect(new Set(unbuilt.route(['人工耳蜗'], 2))).toEqual(new Set(['jining', 'qingzhou']));
    expect(unbuilt.complete()).toBe(true);
  });

  it('fills the list in corpus order when fewer plans match than asked for', () => {
    const ranked = router.route(['人工耳蜗'], 5);
    expect(ranked.slice(2)).toEqual(['shuangyashan', 'yongji', 'zhangye']);
    expect(router.route([], 3)).toEqual(['qingzhou', 'shuangyashan', 'yongji']);
  });
});

describe('which place?', () => {
  const offered = ['jining', 'qingzhou', 'zhangye'].map((id) => corpus.plan(id) as Plan);

  it('asks where the resident lives, names the places offered and turns them into questions', () => {
    const { answer, suggestions } = whichPlace(offered, {
      total: 3000,
      question: '重度残疾人护理补贴',
      intent: 'entitlement',
      mode: 'standard',
    });
    expect(answer).toBe(
      '各地政策不同，请问您在哪个市或区县？我们收录了3000个地方的规划，规划中写到相关内容的有：济宁、青州、张掖等。请说出地名再问一次。',
    );
    expect(suggestions).toEqual(['济宁重度残疾人护理补贴', '青州重度残疾人护理补贴', '张掖重度残疾人护理补贴']);
  });

  it('asks a comparison to name its places, in short sentences in easy mode', () => {
    const context = { total: 3000, question: '托养服务对比', intent: 'compare' as const };
    expect(whichPlace(offered, { ...context, mode: 'standard' }).suggestions).toEqual(['济宁和青州托养服务对比']);
    expect(whichPlace(offered, { ...context, mode: 'easy' }).answer).toBe(
      '请说出要比的几个地方。比如：济宁、青州、张掖。',
    );
  });
});
