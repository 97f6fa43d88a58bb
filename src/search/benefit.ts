// Benefits asked for: the kinds an act can name (结婚补贴), and which benefit a plain word (补助) means by what it is asked
// of (上学有补助 → 学生资助).
import type { Segment, Span, Tokenizer } from './types.ts';

/** Words asking whether a benefit is had (有没有, 能不能, 给不给). */
const ASKING = '有没有|有无|有|能不能|能|可以|可不可以|给不给';
/**
 * A kind of benefit an act can name (结婚补贴, 考研补助, 拆迁补偿), right after it or after words asking for it (有没有, 能不能领);
 * an act before anything else is a verb and its object (发到账户).
 */
export const BENEFIT_ASKED = new RegExp(
  `^(?:登记|手续|期间|的时候|时候)?(?:[，,]\\s*)?(?:政府|国家|残联)?(?:${ASKING}|给|领|享受|什么|啥|哪些|的|一次性|专门|额外|特殊|特别|一些|一点|些|点|多少)*(补贴|补助|津贴|救助|优惠|待遇|补偿|赔偿|奖励|奖金)`,
);
/**
 * A benefit's plain word (补助), which says what kind of help, not what for: which benefit it is may be said by what it
 * is asked of.
 */
export const BENEFIT_WORD = /^(?:补贴|补助|津贴|资助|报销|优惠)$/;
/** Where, said between what a benefit is for and the words asking for it (装个假肢咱这有没有补助). */
const HERE = '咱们这|咱这|俺们这|俺这|我们这|这边|这里|这儿';
/**
 * Words asking for a benefit between what it is for and its word (上学|有|补助, 看病|能不能|报销, 招残疾人|能拿啥|补贴,
 * 假肢|咱这有没有|补助).
 */
const ASKING_GAP = new RegExp(`(?:${ASKING}|拿|领|享受|得到|什么|啥|哪些|${HERE})+$`);
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
    const terms = benefitOf(tokenizer, normalized.slice(Math.max(0, before - k), before), word);
    if (terms.length > 0) return { ...span, terms: [...new Set([...terms, ...span.terms])] };
  }
  return span;
}

/** The plans' own subject (残疾人有哪些补助): a benefit asked of it asks of them all, not of the phrase 残疾人补助. */
const EVERYONE = /^(?:残疾人?|残疾人家庭)$/;

/**
 * The plan terms the everyday phrase of what a benefit is for and its plain word stand for (上学 + 补贴 → 学生资助), or
 * none when the word is no plain benefit word or the two make no phrase the lexicon knows.
 */
export function benefitOf(tokenizer: Tokenizer, what: string, word: string): readonly string[] {
  if (!BENEFIT_WORD.test(word) || EVERYONE.test(what)) return [];
  const phrase = what + word;
  return tokenizer.synonymSpans(phrase).find((s) => s.start === 0 && s.end === phrase.length)?.terms ?? [];
}

/**
 * A benefit's own plan word asked of an everyday phrase the lexicon knows (单位招残疾人|能拿啥|补贴 → 用人单位 补贴), as a
 * span of its own: the everyday words (补助) have theirs among the synonyms already.
 */
export function benefitSpans(
  tokenizer: Tokenizer,
  normalized: string,
  segments: readonly Segment[],
  spans: readonly Span[],
): Span[] {
  return segments
    .filter((g) => BENEFIT_WORD.test(g.word) && !spans.some((s) => s.start < g.end && g.start < s.end))
    .map((g) => benefitFor(tokenizer, normalized, { start: g.start, end: g.end, terms: [] }))
    .filter((s) => s.terms.length > 0);
}
