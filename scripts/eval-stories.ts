// Robustness to a story told first: every answerable dev/tune question is asked again after an opening that tells how
// the asker lives and names no topic of the plans (family, a greeting, work away from home), as residents write and
// speak. Nothing here is fitted: it measures how much such an opening costs the answer.
import type { AskFn } from '../src/answer/types.ts';
import { outcomeOf, requestOf } from './eval-score.ts';
import type { EvalItem, Outcome } from './eval-score.ts';

export const STORY_OPENINGS = [
  '我家里条件不太好，老伴身体也不行，平时都是我一个人照顾，想问一下，',
  '你好，我是替我爸问的，他年纪大了耳朵也不好使，',
  '麻烦问下哈，我们一家子都在外地打工好几年了，最近刚回来，',
] as const;

/** The outcomes of `items` asked after `opening`. */
export function storyOutcomes(items: readonly EvalItem[], ask: AskFn, opening: string): Outcome[] {
  return items.map((item) => {
    const told = { ...item, question: opening + item.question };
    return outcomeOf(told, ask(requestOf(told)));
  });
}
