// The part of a message that asks, told from the story around it: punctuation ends parts, and long unpunctuated speech
// is cut where spoken Chinese turns (了, a new subject, 我想问一下, a pause written as a space, a word said again, the
// 的 that closes 我是…的).
import type { Segment } from './types.ts';

/** Punctuation that ends a part of a message (spaces do not: operators separate keywords with them). */
const PART_END = /[，。！？；,!?;…\n]/;
/**
 * A part that asks something (…补一点不, …有没: a spoken yes-no question ends with its negation; 还给不给, 收不收: a verb,
 * its negation and the verb again).
 */
const ASKS =
  /[？?]|吗|([\u4e00-\u9fff])[不没]\1|呢|么|怎|如何|什么|啥|甚|哪|多少|多[大久长]|(?<![好十])几(?![十百千万])|能不能|有没有|是不是|是否|可以|可不可以|行不行|咋|谁|[不没][呀啊呢]?[，。！；,!;…\s]*$/;
/**
 * A question word said of anything (做甚都行, 啥也不会, 哪儿都去不了), closing a list (卖点柿饼子啥的: and such; not
 * 是干啥的, which asks what for), or saying one cannot (哪拿得出来, 哪负担得起): it asks nothing.
 */
const INDEFINITE =
  /(?:什么|啥|甚|哪儿?|谁)(?:都|也)|(?<![干做是搞弄叫有])(?:什么|啥)的|哪[里儿]?[\u4e00-\u9fff]{1,2}得(?:起|出来?|动|过来|消)|几(?=[个位名家户]\p{Script=Han})(?=[^？?]*。\s*$)/gu;
/** Does the part ask something (see ASKS)? */
export const asks = (text: string): boolean => ASKS.test(text.replace(INDEFINITE, ''));
/** A part that ends without a mark: speech goes on into the next (cut where it turns, see spokenParts). */
const OPEN = /[^，。！？；,!?;…\n]$/;
/**
 * A part this long without punctuation is speech as a recogniser writes it (嗯那个我是济宁的我家孩子今年五岁了…我想问一下
 * 就是…能给补一点不): it is cut where spoken Chinese turns, so the asking part can be told from the story.
 */
const SPOKEN_PART_CHARS = 20;
/** A topic said before its question (这个儿童康复救助 | 能管到几岁) is this short at most. */
const TOPIC_CHARS = 12;
/** How many characters a part says, places left out (they are blanked to spaces before analysis). */
const said = (text: string) => text.replace(/\s/g, '').length;
/** A part that says which kind the speaker means (就是电商那种, 就是如康家园那样的). */
const MEANT = /^\s*(?:就是|像)[^，。！？；,!?;]{1,12}(?:那种|这种|那样|这样|之类)的?[吧啊呀哈]?[，。！？；,!?;…\s]*$/;
/** A question that only asks whether what was just said holds (是真的吗, 对不对, 可以吗). */
const TAG_QUESTION =
  /^\s*(?:这|那)?(?:是不是|是)?(?:真的|真|对的|对|可以|行|靠谱|这样)(?:吗|吧|不|呢|么|不对|不行)?[？?！!。.\s]*$/;
/** A part that passes on what the asker heard (听说别的地方有…): it brings up the thing asked about. */
const HEARSAY = /^\s*(?:听说|据说|听人说|听别人说|人家说)/;
/** Words after which what follows is the question (我想问一下 | 就是做康复训练…, 听不见咋整 | 能给配助听器不). */
const ASK_LEADS =
  /(?:我想问问?|想问问?|请问|问一下|问问|想咨询|咨询一下|想了解一下|想了解|想知道|咋整|咋办|怎么办)(?:一下)?/g;
/** A question broken off before what it asks about (…有没有, 能不能给): speech goes on to name it. */
const BROKEN_OFF = /(?:有没有|有没|有无|是不是|能不能|可不可以)\s*$/;
/** The speaker, saying who they are (我是…的, 俺是…的). */
const SELF = new Set(['我', '俺', '咱']);
/** A speaker starting over with a subject (我, 俺家, 他们 …) or after a filler (就是, 然后) begins a new part. */
const TURNS = new Set('我 俺 咱 我们 俺们 咱们 我家 俺家 咱家 他 她 他们 她们 我们家 就是 然后 嗯 呃 那个'.split(' '));
/**
 * Examples of what the asker means (就像村里扫地护林啥的, 比如修鞋、配钥匙之类): they describe the thing asked about, so
 * the plans not naming them is no reason to decline.
 */
const EXAMPLES = /(?:就像|比如说?|譬如|例如|像是)[^，。！？；,!?;]{1,16}?(?:啥的|什么的|之类的?|等等)/g;

/** Where the message gives examples of what it means (see EXAMPLES). */
export function exampleStretches(normalized: string): { start: number; end: number }[] {
  return [...normalized.matchAll(EXAMPLES)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** Words that tie 残疾人 to what comes before it (给残疾人, 我是残疾人, 重度的残疾人): no new start. */
const AFTER_LINK =
  /^(?:的|给|为|对|帮|让|跟|和|与|是|像|当|做|算|咱|俺|我|我们|俺们|咱们|这些|那些|这|那|些|个|位|名|听说|据说|听人说)$/;

/** Words after which a person is who an act is for, not a speaker starting over (让俺喘口气, 替俺看几天). */
const OBJECT_OF = /^(?:让|叫|替|帮)$/;

/** Words that close a list of examples with 的 (…卖点柿饼子啥的): a 的 after them describes nothing that follows. */
const LIST_END = /^(?:啥|什么|之类|这些|那些|等等)$/;

/**
 * Where the part of the message that asks begins and ends: the last part with a question cue, else (keywords typed into
 * the box, then a story: 济宁 残疾预防 牵头部门。我是替我爸问的…) the part with the most words of the plans.
 */
export function askingPart(
  normalized: string,
  segments: readonly Segment[],
  planWord: (segment: Segment) => boolean,
  tags: (word: string) => readonly string[] = () => [],
): { start: number; end: number } {
  const isVerb = (word: string) => tags(word).every((tag) => tag === 'v');
  const parts: { start: number; end: number; text: string }[] = [];
  let start = 0;
  for (let i = 0; i <= normalized.length; i++) {
    if (i === normalized.length || PART_END.test(normalized[i] ?? '')) {
      // The part's text keeps its closing mark: a question mark is a cue.
      if (normalized.slice(start, i).trim() !== '')
        parts.push(...spokenParts(normalized, start, i + 1, segments, isVerb, planWord));
      start = i + 1;
    }
  }
  /** A part's words. */
  const inPart = (p: { start: number; end: number }) => segments.filter((s) => s.start >= p.start && s.end <= p.end);
  const words = (p: { start: number; end: number }) => inPart(p).filter(planWord).length;
  /** A part's words, fillers left out. */
  const spoken = (p: { start: number; end: number }) => inPart(p).filter((s) => !/^(?:就是|嗯|呃)$/.test(s.word));
  /** Every word is known to the dictionary and each of its tags is one `ok` allows. */
  const taggedAll = (list: readonly Segment[], ok: (tag: string) => boolean) =>
    list.every((s) => {
      const tagged = tags(s.word);
      return tagged.length > 0 && tagged.every(ok);
    });
  /**
   * A part that is 那个 or 这个 and words that neither act nor point (那个住房公积金, 那个重度残疾人户里补贴): a thing
   * announced, not a story told.
   */
  const announced = (p: { start: number; end: number }) => {
    const [first, ...rest] = spoken(p);
    return (
      (first?.word === '那个' || first?.word === '这个') &&
      rest.length > 0 &&
      taggedAll(rest, (t) => !/^[vrmu]/.test(t))
    );
  };
  /** A part that only names a thing with 的 (残疾人家里的水电费): nouns, places and 的, nothing that acts or points. */
  const thingNamed = (p: { start: number; end: number }) => {
    const own = spoken(p).filter((s) => s.word !== '那个' && s.word !== '这个');
    return own.some((s) => s.word === '的') && taggedAll(own, (t) => /^(?:n|s$|f$|uj$)/.test(t));
  };
  const last = parts.findLastIndex((p) => asks(p.text));
  if (last >= 0) {
    // A tag question asks about what was just said (…在外地做康复家里能有补贴，是真的吗？).
    if (last > 0 && TAG_QUESTION.test(parts[last]?.text ?? '')) {
      return { start: parts[last - 1]?.start ?? 0, end: parts[last]?.end ?? normalized.length };
    }
    // Questions said one after another without a stop, each with its question mark, or with a comma between (有没有那种
    // 托养的地方 能不能送过去; 能考什么驾照？体检怎么过？; 驾校学费有没有补贴，能补多少？) are one question. A count (几个
    // 残疾人搞种植，) or a topic taken up (那上大学呢，) before the comma asks nothing.
    let first = last;
    const joined = (text: string) =>
      asks(text) &&
      (/(?:[？?]|[吗么][，,])$/.test(text) ||
        (/[，,]$/.test(text) && asks(text.replace(/几|呢/g, ''))) ||
        (OPEN.test(text) && !/了\s*$/.test(text)));
    while (first > 0 && joined(parts[first - 1]?.text ?? '')) first -= 1;
    // A question with no plan word of its own asks about a short topic just before it (这个儿童康复救助 | 能管到几岁啊),
    // not about a whole story (…学点种地养殖的手艺，有吗？).
    const asked = { start: parts[first]?.start ?? 0, end: parts[last]?.end ?? normalized.length };
    // What the speaker adds to say which kind they mean (…有没有扶持 | 就是电商那种) is asked about too.
    const meant = parts[last + 1];
    if (meant && MEANT.test(meant.text)) asked.end = meant.end;
    // A thing announced with 那个 just before the question (就是那个住房公积金 | 能不能提前取出来) is what it asks about.
    const named = parts[first - 1];
    // …and so is a thing named on its own with 的 (残疾人家里的水电费 | 能不能减免一点): the question's topic, not a story.
    if (named && said(named.text) <= TOPIC_CHARS && (announced(named) || (thingNamed(named) && words(named) > 0)))
      asked.start = named.start;
    // A question that breaks off before its object (…家门口有没有 | 那个如康家园) asks about what follows it.
    const object = parts[last + 1];
    const goesOn = object !== undefined && OPEN.test(parts[last]?.text ?? '') && words(object) > 0;
    if (goesOn && BROKEN_OFF.test(parts[last]?.text ?? '')) return { start: asked.start, end: object.end };
    if (words(asked) > 0) return asked;
    // …or about what follows it, when speech goes on without a stop to name it (那个有没有 | 就是免费的残疾人技能培训).
    if (goesOn) return { start: asked.start, end: object.end };
    // …or about what hearsay just before it brings up, however long (听说别的地方有残疾人取暖补贴 | 青州有没有).
    const topic = parts[first - 1];
    if (topic && (said(topic.text) <= TOPIC_CHARS || HEARSAY.test(topic.text)) && !/了\s*$/.test(topic.text))
      asked.start = topic.start;
    return asked;
  }
  const richest = parts.reduce<(typeof parts)[number] | undefined>(
    (best, p) => (best === undefined || words(p) > words(best) ? p : best),
    undefined,
  );
  return richest ?? { start: 0, end: normalized.length };
}

/**
 * One part of a message, cut where unpunctuated speech turns when it is long (SPOKEN_PART_CHARS): after 了 that ends
 * a statement, before a subject that starts one, and after the words that lead to the question (我想问一下).
 */
function spokenParts(
  normalized: string,
  start: number,
  end: number,
  segments: readonly Segment[],
  isVerb: (word: string) => boolean,
  planWord: (segment: Segment) => boolean,
): { start: number; end: number; text: string }[] {
  const cuts = new Set<number>();
  if (end - start >= SPOKEN_PART_CHARS) {
    // A pause the recogniser wrote as a space (…托养能去不 多大岁数的能去): keywords typed with spaces are shorter.
    for (const m of normalized.slice(start, end).matchAll(/(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])/gu)) {
      cuts.add(start + m.index + m[0].length);
    }
    for (const [i, s] of segments.entries()) {
      if (s.start <= start || s.end >= end) continue;
      if (s.word === '了') cuts.add(s.end);
      // …not 那个 after a 的 that describes it (全省的那个残运会), only after one that closes a list (…啥的 | 那个国家…).
      const describes =
        s.word === '那个' && segments[i - 1]?.word === '的' && !LIST_END.test(segments[i - 2]?.word ?? '');
      // …nor a person after a word that makes it whom the act is for (让俺喘口气, 替俺看): it starts nothing.
      const object = OBJECT_OF.test(segments[i - 1]?.word ?? '');
      if (TURNS.has(s.word) && !describes && !object) cuts.add(s.start);
      // The question said of disabled people in general after a story (…话费不少钱 | 残疾人用手机上网有没有啥优惠), not
      // after a topic it is asked of (种粮补贴 | 残疾人能多给点不).
      const said = segments[i - 1];
      if (s.word === '残疾人' && said && !AFTER_LINK.test(said.word) && !planWord(said)) cuts.add(s.start);
      // Who the speaker is (我是打轮椅篮球的 | 今年还有没有…): the 的 that closes 我是… ends the story.
      if (SELF.has(s.word) && segments[i + 1]?.word === '是') {
        const closing = segments.slice(i + 2, i + 8).find((t) => t.word === '的');
        if (closing && closing.end < end) cuts.add(closing.end);
      }
      // Who the question is for, described and closed by 的 (腿脚不好坐轮椅的 | 坐公交车是不是免费): an act follows.
      const next = segments[i + 1];
      if (s.word === '的' && next && next.end < end && isVerb(next.word)) cuts.add(s.end);
      // A word said again at once starts over (…在单位见习 | 见习期间给不给钱): what follows is the question. Not a verb
      // doubled at the end (帮着照护照护: a little care).
      const before = segments[i - 1];
      const after = segments[i + 1];
      if (s.word.length >= 2 && before?.word === s.word && before.end === s.start && after && after.end < end)
        cuts.add(s.start);
    }
    for (const m of normalized.slice(start, end).matchAll(ASK_LEADS)) cuts.add(start + m.index + m[0].length);
  }
  const bounds = [start, ...[...cuts].filter((c) => c > start && c < end).sort((a, b) => a - b), end];
  return bounds.slice(1).map((to, i) => {
    const from = bounds[i] as number;
    return { start: from, end: to, text: normalized.slice(from, to) };
  });
}
