// What the query analysis (analyze.ts) makes of a question's words, and the word classes both it and the coverage
// judgements (coverage.ts) read.

/** One thing the question is about: the asker's word(s), and the plan terms that say the same. */
export interface Concept {
  /** The words as the asker wrote them (and the dictionary words inside them). */
  forms: string[];
  /** Plan terms the words stand for (everyday phrase or homophone), not already among `forms`. */
  terms: string[];
  /** Informativeness: inverse document frequency of the commonest alternative (an unknown word gets `unknownWeight`). */
  weight: number;
  /** Part of the story told before the question (我是济宁的，孩子有自闭症，…), not of what is asked. */
  situation: boolean;
  /** Neither the words nor any term occur in a clause. */
  unknown: boolean;
  /**
   * The asker's word as a whole is in no clause and no plan term, though a word inside it may be (身份证: 身份 is in
   * the plans, 身份证 is not).
   */
  unheard: boolean;
  /** Character bigrams of the words as written. */
  grams: string[];
  /** How a text states what this word asks about (年龄 → 16-59周岁): such a text covers it without the word. */
  stated?: RegExp;
  /** A thing (see isThing) named in the asker's own word; an everyday phrase or a homophone of a plan term is none. */
  noun: boolean;
  /** The words name a thing (see isThing), also when they are an everyday phrase for plan terms (暖气费 → 水、电、气、暖). */
  thing: boolean;
  /** The thing a pronoun of the asking part points back to (它 → the story's 导盲犬): asked about, though told. */
  referent?: boolean;
}

/** Five digits or more name a number to call (12348, 12385), not a quantity. */
export const HOTLINE = /^\d{5,}$/;

/**
 * Where, said of a place the question names or implies (县里, 镇上, 市内, 本区, 两地): no thing, and no topic of its own.
 */
export const WHERE = /^.[里上中内外边]$|^[本该][县区市镇乡村]$|^[两三各](?:地|市|城)$/;

/** A modal and a verb jieba made one word of (能带 着我们干, physics' energy band to the dictionary): whether one may. */
export const MODAL_ACT = /^[能会可该敢].$/;

/**
 * Words that are no thing of their own: what is asked of a thing (户数, 金额, 号码, the role it plays: 定位, 作用), where
 * (县里), anything (卖东西), an everyday noun in 子 (法子, 牌子: the plans say 办法, 品牌), a lone character (楼, 卡 in
 * 被卡: jieba tags many verbs nouns when alone), and a modal before one (能带, which the dictionary knows as physics'
 * energy band: 导盲犬能带吗 asks whether one may).
 */
export const NO_THING = new RegExp(
  `(?:数|额|量|[号尺页编]码|比例|时间|标准|规定|目标|子|东西|事情|后果|结果|定位|作用|角色|机会)$|${WHERE.source}|^.$|${MODAL_ACT.source}`,
);
