// Benefits asked for: the kinds an act can name (结婚补贴), and which benefit a plain word (补助) means by what it is asked
// of (上学有补助 → 学生资助).
import type { Span, Tokenizer } from './types.ts';

/** Words asking whether a benefit is had (有没有, 能不能, 给不给). */
const ASKING = '有没有|有无|有|能不能|能|可以|可不可以|给不给';
/**
 * A kind of benefit an act can name (结婚补贴, 考研补助, 拆迁补偿), right after it or after words asking for it (有没有, 能不能领);
 * an act before anything else is a verb and its object (发到账户).
 */
export const BENEFIT_ASKED = new RegExp(
  `^(?:登记|手续|期间|的时候|时候)?(?:[，,]\\s*)?(?:政府|国家|残联)?(?:${ASKING}|给|领|享受|什么|啥|哪些|的|一次性|专门|额外|特殊|特别|一些|一点|些|点|多少)*(补贴|补助|津贴|救助|优惠|待遇|补偿|赔偿|奖励|奖金)`,
);
/** A benefit's plain word (补助): which benefit it is may be said by what it is asked of. */
const BENEFIT_WORD = /^(?:补贴|补助|津贴|资助|报销|优惠)$/;
/** Words asking for a benefit between what it is for and its word (上学|有|补助, 看病|能不能|报销). */
const ASKING_GAP = new RegExp(`(?:${ASKING})+$`);
/**
 * A benefit asked of what is named just before the words asking for it (上学 有 补助, 看病 能不能 报销): the everyday
 * phrase the two make (上学补助 → 学生资助) says which benefit, beside the plain word's terms (补助 → 补贴).
 */
export function benefitFor(tokenizer: Tokenizer, normalized: string, span: Span): Span {
  const word = normalized.slice(span.start, span.end);
  if (!BENEFIT_WORD.test(word)) return span;
  const gap = ASKING_GAP.exec(normalized.slice(0, span.start))?.[0] ?? '';
  if (gap === '') return span;
  const before = span.start - gap.length;
  for (let k = 4; k >= 2; k--) {
    const phrase = normalized.slice(Math.max(0, before - k), before) + word;
    const whole = tokenizer.synonymSpans(phrase).find((s) => s.start === 0 && s.end === phrase.length);
    if (whole) return { ...span, terms: [...new Set([...whole.terms, ...span.terms])] };
  }
  return span;
}
