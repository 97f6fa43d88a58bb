// Robustness to how residents actually write, on the answerable dev/tune questions. Nothing here is fitted: each measures
// how much a way of asking costs the answer.
// - A story first: the question after an opening that tells how the asker lives and names no topic of the plans
//   (family, a greeting, work away from home); and the same stories told after the question instead.
// - Spoken: the story first, the whole message without punctuation and with fillers, as a recogniser writes it.
// - A follow-up: a question naming its city is asked first about another of the five cities, then 那<city>呢？ is sent
//   with it as history (the answer must carry over both the topic and what was asked).
import type { AskFn } from '../src/answer/types.ts';
import { outcomeOf, requestOf } from './eval-score.ts';
import type { EvalItem, Outcome } from './eval-score.ts';

export const STORY_OPENINGS = [
  '我家里条件不太好，老伴身体也不行，平时都是我一个人照顾，想问一下，',
  '你好，我是替我爸问的，他年纪大了耳朵也不好使，',
  '麻烦问下哈，我们一家子都在外地打工好几年了，最近刚回来，',
] as const;

const CITIES = ['青州', '双鸭山', '永济', '济宁', '张掖'];

const outcomes = (items: readonly EvalItem[], ask: AskFn, vary: (item: EvalItem) => EvalItem): Outcome[] =>
  items.map((item) => {
    const varied = vary(item);
    return outcomeOf(varied, ask(requestOf(varied)));
  });

/** The outcomes of `items` asked after `story`, or with it told after the question (its last comma a full stop). */
export function storyOutcomes(
  items: readonly EvalItem[],
  ask: AskFn,
  story: string,
  where: 'first' | 'last',
): Outcome[] {
  const after = story.replace(/，$/, '。');
  return outcomes(items, ask, (item) => ({
    ...item,
    question: where === 'first' ? story + item.question : item.question + after,
  }));
}

/** A message as a speech recogniser writes it: no punctuation, fillers where a speaker pauses. */
export function spoken(text: string): string {
  return `嗯${text}`.replace(/[，、]/g, '就是').replace(/[。？！?!,.\s]/g, '');
}

/** The outcomes of `items` asked after `story` as one unpunctuated utterance (see spoken). */
export function spokenOutcomes(items: readonly EvalItem[], ask: AskFn, story: string): Outcome[] {
  return outcomes(items, ask, (item) => ({ ...item, question: spoken(story + item.question) }));
}

/** Questions that name their one city, without earlier turns, other than comparisons. */
export function followUpItems(items: readonly EvalItem[]): EvalItem[] {
  return items.filter(
    (item) =>
      item.kind !== 'compare' &&
      item.city !== null &&
      item.city_in_question === true &&
      item.question.includes(item.city) &&
      (item.context ?? []).length === 0,
  );
}

/** Each of `items` (see followUpItems) asked about the next of the five cities first, then 那<city>呢？. */
export function followUpOutcomes(items: readonly EvalItem[], ask: AskFn): Outcome[] {
  return outcomes(items, ask, (item) => {
    const city = item.city as string;
    const other = CITIES[(CITIES.indexOf(city) + 1) % CITIES.length] as string;
    return { ...item, context: [item.question.split(city).join(other)], question: `那${city}呢？` };
  });
}
