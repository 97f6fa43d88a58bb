// A turn that follows earlier ones (那双鸭山呢？ 这个找哪个部门？ 那聋人呢): which earlier topic it keeps, which words it puts in
// another's place, and what it asks when it asks nothing of its own.
import type { AnalyzedQuery } from '../search/analyze.ts';
import { asks } from '../search/asking.ts';
import type { Concept } from '../search/concept.ts';
import { askedCue, asksExistence, detectAskedFact } from './facts.ts';
import { topicIntent, type Understanding } from './understand.ts';

/** Words for money itself or that ask how much (钱, 多少钱): what an amount is asked in, not what it is asked of. */
const MONEY = /^(?:钱|费|费用|价钱|价格)$|多少|几/;

/** A turn's concepts without the words that ask for a fact (一个月多少钱: 钱, 多少钱): what it is asked of. */
export function askedOf(concepts: readonly Concept[], normalized: string): Concept[] {
  const cue = askedCue(normalized);
  return concepts.filter((c) => !cue.includes(c.forms[0] ?? '') && !MONEY.test(c.forms[0] ?? ''));
}

/** A turn that asks for a target (那无障碍改造的目标呢, 入学率呢). */
const TARGET = /目标|指标|[率数]呢/;

/** Two words of one kind: as long, with one head and different (盲人, 聋人; 肢体残疾, 智力残疾). */
function sameKind(a: string, b: string): boolean {
  return a.length >= 2 && a.length === b.length && a !== b && a.at(-1) === b.at(-1);
}

/** The plans' kinds of disability, which the asker's words stand for (耳朵听不见 → 听力残疾, 脑瘫 → 脑瘫儿童). */
const DISABILITY = /(?:视力|听力|言语|肢体|智力|精神|多重)残疾|孤独症|脑瘫/;

/** The kind of disability a concept names, by its words or the plan terms they stand for, or ''. */
const disabilityOf = (c: Concept) => [...c.forms, ...c.terms].map((w) => DISABILITY.exec(w)?.[0]).find(Boolean) ?? '';

/** Concepts of one kind: words of one kind, or two different kinds of disability (脑瘫孩子, 那耳朵听不见的孩子呢). */
function ofOneKind(a: Concept, b: Concept): boolean {
  const [one, other] = [disabilityOf(a), disabilityOf(b)];
  return sameKind(a.forms[0] ?? '', b.forms[0] ?? '') || (one !== '' && other !== '' && one !== other);
}

/** Words for a target or a figure itself (目标, 那个数, 约束性): what is asked of a topic, not one. */
const FIGURE = /^(?:目标|指标|任务|数|数字|数据|率|约束性|预期性|专栏|表)$/;

/** The word a figure asked for counts (多少户, 几个人, 多少名). */
const COUNT_OF = /(?:多少|几)个?(\p{Script=Han})/gu;

/** What is asked of a topic without naming one (需要什么条件, 有什么要求): a turn of these and one other word follows up. */
const ASKED_OF = /^(?:条件|要求|资格|材料|手续|流程|步骤|需要|必须)$/;

/** A concept that names a topic (无障碍改造, 入学 → 教育), not only what is done to one (达到) or a figure (目标). */
const topicOfItsOwn = (c: Concept) =>
  !c.unknown && (c.noun || c.thing || c.terms.length > 0) && !FIGURE.test(c.forms[0] ?? '');

/**
 * A turn that points back (那…呢, 这个, 他/她, 还有呢) takes its topic from the turn before; so does one that ends on a
 * verb whose object it leaves out (多大的孩子能享受？ 我能去吗), or asks whether someone too may (她也能签吗).
 */
const POINTS_BACK =
  /^(?:那|那么|那个|这个|这|还有|他|她|它|其|此外)|[那这]个?[^，。？]{0,6}呢[？?]?$|(?:能|可以|才能)(?:享受|申请|去|参加|报名|领)(?:吗|么|呢|不)?[？?]?$|也(?:能|可以|能不能|可不可以)[^，。？?]{0,4}(?:吗|么|不)?[？?]?$/;

/** A turn that goes back to the conversation's first question (最开始说的那个, 回到第一个, 还是说第一个吧). */
const BACK_TO_FIRST =
  /(?:最开始|一开始|刚开始|最早|最初)(?:说|问|提)的|(?:回到|说回|还是说|再说|接着说|返回)(?:第一个|头一个|最开始|开头|刚才|前面|之前)|(?:第一个|头一个)问题/;

/**
 * The earlier turns a turn follows: all of them, or only the first when it goes back to it (回到第一个, after 济宁…多少户？
 * 那青州呢: 济宁's, not 青州's).
 */
export function followed(history: readonly string[], normalized: string): readonly string[] {
  return BACK_TO_FIRST.test(normalized) ? history.slice(0, 1) : history;
}

/** A word pointing at something said before, inside the turn (有专门管这个病的项目吗). */
const THIS_ONE = /这(?:个|种|些|项|类)|那(?:种|些|项|类)/;

/** Words a spoken turn opens with before it says anything (然后就是那个钱…, 哦那要是…, 对了还有…; 那个 said alone). */
const OPENING =
  /^(?:(?:[嗯哦啊呃诶哎噢]|然后|就是说?|那个啥|那个(?=[，,\s])|对了|另外|(?:我)?(?:再|想)问一下|请问)[，,\s]*)+/;

/** Whether a turn points back to an earlier one (那个多少钱, 那聋人呢, 她能拿吗) rather than standing on its own. */
export function pointsBack(normalized: string): boolean {
  const said = normalized.trim().replace(OPENING, '');
  return POINTS_BACK.test(said) || BACK_TO_FIRST.test(normalized) || THIS_ONE.test(normalized);
}

/**
 * A turn that only names a city, points back or is all filler (那双鸭山呢？ 这个找哪个部门？) keeps the topic of the latest
 * earlier turn that has one: that turn's concepts join the question's (as situation) and its words are searched.
 * `from` is that earlier turn (normalized), or null; `replaced`, its words the turn puts another in place of (盲人 in
 * 那聋人呢), which the earlier turns no longer bring in. `benefitOf` gives the plan terms of what the turn names and an
 * earlier benefit word said together (招残疾人 + 补贴 → 用人单位), or none. `situationWeight` is the tuning's weight of a
 * story told before the question: an earlier turn's concepts weigh that much less again, since they are a step further
 * from what is asked than a story told in the turn itself (那上大学呢 after 残疾孩子上学有没有资助 asks for 大学), and
 * that much less again when the turn names a topic of its own with plan terms (那孩子上学呢 after 康复救助).
 */
export function followUp(
  query: AnalyzedQuery,
  normalized: string,
  turns: readonly AnalyzedQuery[],
  {
    benefitOf,
    situationWeight,
  }: { benefitOf: (what: string, word: string) => readonly string[]; situationWeight: number },
): { query: AnalyzedQuery; from: string | null; replaced: string[] } {
  // A word counted (多少户, 几个人) is what a figure counts, not a topic of the turn's own.
  const counted = new Set([...normalized.matchAll(COUNT_OF)].map((m) => m[1]));
  const topical = askedOf(query.concepts, normalized).filter(
    (c) => !c.unknown && !ASKED_OF.test(c.forms[0] ?? '') && !counted.has(c.forms[0]) && !FIGURE.test(c.forms[0] ?? ''),
  );
  if (turns.length === 0 || (topical.length > 1 && !pointsBack(normalized))) return { query, from: null, replaced: [] };
  // A turn that only tells (我弟弟是智力残疾) adds to the story; the topic is that of the latest turn that asked.
  const latest = [...turns].reverse().filter((t) => t.concepts.some((c) => !c.unknown));
  const asking = latest.findIndex((t) => asks(t.normalized));
  const told = asking > 0 ? latest.slice(0, asking) : [];
  for (const earlier of asking > 0 ? [latest[asking] as AnalyzedQuery] : latest) {
    // The turn's own words that ask for a fact (去哪里申请) are what it asks about the earlier topic, not a topic.
    const cue = askedCue(normalized);
    const own = query.concepts.filter((c) => !cue.includes(c.forms[0] ?? ''));
    // 那聋人呢 after 盲人就业: a word of the same kind (one head, 盲人 and 聋人) takes the earlier one's place.
    // After a question about a target (…培训目标是多少), a turn asking the target of a topic of its own (那无障碍改造的
    // 目标呢, 入学率呢) asks that topic's: the earlier topic is not searched.
    const newTarget =
      topicIntent(earlier.normalized) === 'indicator' &&
      (topicIntent(normalized) === 'indicator' || TARGET.test(normalized)) &&
      own.some((o) => topicOfItsOwn(o) && !o.forms.some((f) => earlier.words.includes(f)));
    // 那上学的呢 after 家庭有什么补贴: what the turn names and the earlier benefit word make one benefit (上学补贴 →
    // 学生资助), asked beside the plain word.
    const forBenefit = (o: Concept) => {
      const terms = o.unknown ? [] : earlier.concepts.flatMap((c) => benefitOf(o.forms[0] ?? '', c.forms[0] ?? ''));
      return terms.length === 0 ? o : { ...o, terms: [...new Set([...o.terms, ...terms])] };
    };
    const displaced = (c: Concept) => newTarget || own.some((o) => ofOneKind(o, c));
    const ownTopic = own.some(
      (o) => topicOfItsOwn(o) && o.terms.length > 0 && !o.forms.some((f) => earlier.words.includes(f)),
    );
    const gone = earlier.concepts.filter(displaced);
    const words = gone.flatMap((c) => [...c.forms, ...c.terms]);
    const kept = (word: string) => !words.includes(word);
    const merged = {
      ...query,
      words: [...new Set([...query.words, ...earlier.words.filter(kept)])],
      expansions: [...new Set([...query.expansions, ...earlier.expansions.filter(kept)])],
      concepts: [
        ...own.map(forBenefit),
        ...[earlier, ...told]
          .flatMap((t) => t.concepts.filter((c) => !displaced(c)))
          .map((c) => ({
            ...c,
            situation: true,
            weight: c.weight * situationWeight * (ownTopic ? situationWeight : 1),
          })),
      ],
      grams: [...query.grams, ...earlier.grams.filter((g) => !gone.some((c) => c.grams.includes(g)))],
    };
    return { query: merged, from: earlier.normalized, replaced: words };
  }
  return { query, from: null, replaced: [] };
}

/** Each earlier turn (normalized) as it was heard: a follow-up of the turns before it (那我是大学刚毕业的呢 after 找工作). */
export function heardTurns(
  turns: readonly string[],
  analyze: (normalized: string) => AnalyzedQuery,
  options: Parameters<typeof followUp>[3],
): AnalyzedQuery[] {
  return turns.reduce<AnalyzedQuery[]>(
    (heard, turn) => [...heard, followUp(analyze(turn), turn, heard, options).query],
    [],
  );
}

/**
 * A follow-up that takes its topic from an earlier turn also takes what that turn asked, when it asks nothing of its
 * own: after 青州残疾人职业技能培训人数目标, 那双鸭山呢？ asks for 双鸭山's target (an indicator), and after
 * 护理补贴每月给多少？, 那济宁呢？ asks for 济宁's amount.
 */
export function carriedOver(meaning: Understanding, normalized: string, from: string | null): Understanding {
  if (from === null) return meaning;
  // Who is in charge and a detail are each asked on their own: 那打哪个电话 after 法律援助找谁 asks the number, not the
  // department, and 这事归哪个部门管 after 坐公交车要钱吗 asks the department, not the fee.
  const earlier = topicIntent(from);
  const intent =
    meaning.intent !== 'other' ? meaning.intent : meaning.asked && earlier === 'department' ? 'other' : earlier;
  // …unless it asks a question of its own (那上学呢 能送教上门吗 after 康复救助能管到几岁: whether, not up to what age),
  // or for a target (那更长远的目标呢 after 规划管到哪年: the goal, not a year).
  return meaning.asked || meaning.asksExistence || meaning.intent === 'department' || TARGET.test(normalized)
    ? { ...meaning, intent }
    : { ...meaning, intent, asked: detectAskedFact(from), asksExistence: asksExistence(from) };
}
