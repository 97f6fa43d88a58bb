// Query analysis shared by the answer engine and the operator search: the question's concepts (content words with the plan
// terms they stand for, weighted by how informative they are over the clauses), the asker's situation told apart from
// what is asked, homophones of plan words, and the bigrams of the second retrieval signal.
import type { ClauseIndex } from './index.ts';
import type { HomophoneMatcher } from './homophones.ts';
import { askingPart, exampleStretches } from './asking.ts';
import { BODY_PART, CREATURE, INTRODUCED, KIN, THING_PRONOUNS, brokenSubject, ownedObject } from './subjects.ts';
import type { Concept } from './concept.ts';
import { HOTLINE, MODAL_ACT, NO_THING, WHERE } from './concept.ts';
import { BENEFIT_ASKED, BENEFIT_WORD, benefitFor, benefitSpans } from './benefit.ts';
import type { QueryTerms, Segment, Span, Tokenizer } from './types.ts';
import {
  QUANTITY,
  NOUNISH,
  FUNCTION_TAGS,
  SOMEWHERE,
  AFTER,
  SAYS,
  SERVICE_PLACE,
  PERSON_IS,
  DISABLED,
  PROVIDED,
  COUNTED,
  RAISING,
  ASSENT,
  GENERIC,
  GETTING,
  QUESTION_WORD,
  ANY_POLICY,
  STATE,
} from './word-classes.ts';

export interface AnalyzedQuery extends QueryTerms {
  concepts: Concept[];
  /** Character bigrams of the concepts' own words (the second retrieval signal; plan terms are the word signal's). */
  grams: string[];
}

export interface AnalyzerOptions {
  /** Weight of a concept no clause contains (in IDF units). */
  unknownWeight: number;
  /**
   * Multiplies the weight of an unknown noun (火星, 机器人, 购置税): a thing the plans never mention is what the question is
   * about, while unknown verbs and words of time or manner (帮忙, 听说, 马上) are how it is asked.
   */
  unknownNounFactor: number;
}

/** A plan word heard across an everyday word is this long at least (护理补贴); shorter ones collide too often. */
const ACROSS_MIN_CHARS = 4;
/** A verb said again with 一 between (提一提, 问一问). */
const VERB_TWICE = /(\p{Script=Han})一\1/gu;
/** Finds stretches of a normalized text that are no topic (place names). */
export type Blank = (normalized: string) => readonly { start: number; end: number }[];

export interface QueryAnalyzer {
  /** Analyzes `text`; what `blank` finds in it (place names) is left out of concepts, words and grams. */
  analyze(text: string, blank?: Blank): AnalyzedQuery;
  /** The same for a text the caller has already passed through `tokenizer.normalize` (normalized once per ask). */
  analyzeNormalized(normalized: string, blank?: Blank): AnalyzedQuery;
}

export function createQueryAnalyzer(
  tokenizer: Tokenizer,
  index: ClauseIndex,
  homophones: HomophoneMatcher,
  options: AnalyzerOptions,
): QueryAnalyzer {
  const known = (word: string) => index.frequency(word) > 0 || tokenizer.terms.has(word);
  /** A word of two characters or more that no clause contains and jieba tags only as `tagged` allows. */
  const unknownTagged = (word: string, tagged: (tag: string) => boolean) =>
    word.length >= 2 && !known(word) && tokenizer.tags(word).every(tagged);
  const isUnknownNoun = (word: string) => unknownTagged(word, (tag) => NOUNISH(tag) || tag === 'vn');
  /** An act no clause names (结婚, 考研): before a kind of benefit, it makes a benefit the plans do not name (结婚补贴). */
  const isUnknownAct = (word: string) => unknownTagged(word, (tag) => tag.startsWith('v'));
  /**
   * A word no clause contains that only says when or how much (以后, 平时, 几个), or that the asker agrees to anything
   * (都行, 也可以: jieba tags 都行 a noun): no concept, like a stopword.
   */
  const isFiller = (word: string) =>
    !known(word) &&
    (tokenizer.tags(word).every((tag) => FUNCTION_TAGS.has(tag)) ||
      ASSENT.test(word) ||
      GENERIC.test(word) ||
      WHERE.test(word) ||
      MODAL_ACT.test(word));

  function analyze(text: string, blank: Blank = () => []): AnalyzedQuery {
    return analyzeNormalized(tokenizer.normalize(text), blank);
  }

  function analyzeNormalized(normalizedText: string, blank: Blank = () => []): AnalyzedQuery {
    let normalized = normalizedText;
    for (const { start, end } of blank(normalized)) {
      normalized = normalized.slice(0, start) + ' '.repeat(end - start) + normalized.slice(end);
    }
    const segments = tokenizer.segments(normalized);
    // Typed pinyin that spells a plan word (wu zhang ai → 无障碍) wins over a shorter everyday word inside it (ai → AI).
    const typed = homophones.pinyinSpans(normalized);
    const longer = (a: Span, b: Span) => a.end - a.start > b.end - b.start && a.start < b.end && b.start < a.end;
    // An everyday word that cuts into the words on both of its sides is none (那种|地方 holds no 种地).
    const inside = (at: number) => segments.some((s) => s.start < at && at < s.end);
    const everyday = tokenizer
      .synonymSpans(normalized)
      .filter((s) => !typed.some((t) => longer(t, s)) && !(inside(s.start) && inside(s.end)))
      .map((s) => benefitFor(tokenizer, normalized, s));
    const synonyms = [...everyday, ...benefitSpans(tokenizer, normalized, segments, everyday)];
    // Characters that may be mis-heard or mis-typed: words no clause contains, and lone characters jieba left over.
    const suspect = new Array<boolean>(normalized.length).fill(false);
    const blocked = new Array<boolean>(normalized.length).fill(false);
    for (const s of segments) {
      const odd =
        !s.stopword &&
        !/^\d+$/.test(s.word) &&
        !QUANTITY.test(s.word) &&
        !QUESTION_WORD.test(s.word) &&
        // …nor a word saying where (市里 is no mis-heard 视力).
        !WHERE.test(s.word) &&
        (!known(s.word) || s.word.length === 1);
      for (let i = s.start; i < s.end; i++) suspect[i] = odd;
    }
    for (const span of synonyms) for (let i = span.start; i < span.end; i++) blocked[i] = true;
    // A verb said again with 一 between (提一提, 问一问) is a little of that act: its 一 and second verb are no word mis-heard
    // (一提 is no 一体).
    for (const m of normalized.matchAll(VERB_TWICE)) for (let i = 0; i < 3; i++) blocked[m.index + i] = true;
    // A mis-heard word is made of whole segments (残疾|正, 互理|不贴), never of parts of two (身子|动不了 is no 自动).
    const edges = new Array<boolean>(normalized.length + 1).fill(false);
    for (const s of segments) edges[s.start] = edges[s.end] = true;
    // A plan word heard across an everyday word (护理|不贴 → 护理补贴): a longer homophone that holds a whole synonym span
    // and a suspect character outside it is read as the plan word, in place of the synonym inside it.
    const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;
    const holds = (a: Span, b: Span) => a.start <= b.start && b.end <= a.end;
    const unblocked = new Array<boolean>(normalized.length).fill(false);
    const across = (synonyms.length === 0 ? [] : homophones.spans(normalized, suspect, unblocked, edges))
      .filter((h) => h.end - h.start >= ACROSS_MIN_CHARS && synonyms.some((s) => holds(h, s)))
      .filter((h) => synonyms.every((s) => !overlaps(h, s) || holds(h, s)))
      .map((h) => {
        // A synonym inside that already meant the plan word (如康 → 如康家园、残疾人之家) keeps its other terms.
        const agreeing = synonyms.filter((s) => holds(h, s) && s.terms.some((t) => h.terms.includes(t)));
        return { ...h, terms: [...new Set([...h.terms, ...agreeing.flatMap((s) => s.terms)])] };
      });
    const spans = [
      ...synonyms.filter((s) => !across.some((h) => overlaps(h, s))),
      ...across,
      // A verb, 不 and what it does not reach (干不长, 吃不消) holds no word heard as 干部 or 吃部.
      ...homophones
        .spans(normalized, suspect, blocked, edges)
        .filter(
          (h) =>
            !across.some((a) => overlaps(a, h)) &&
            !(h.end - h.start === 2 && /[不没]$/.test(normalized.slice(h.start, h.end))),
        ),
      ...typed.filter((t) => !synonyms.some((s) => overlaps(s, t))),
    ];
    const concepts = conceptsOf(normalized, segments, spans);
    // The same words tokenizer.words() gives (each segment and the dictionary words inside it), without segmenting twice.
    const words = [...new Set(segments.flatMap((s) => (s.stopword ? s.forms.slice(1) : s.forms)))];
    const own = new Set(words);
    const expansions = [...new Set(spans.flatMap((span) => span.terms))].filter((term) => !own.has(term));
    const grams = concepts.flatMap((c) => c.grams);
    return { normalized, words, expansions, concepts, grams };
  }

  function conceptsOf(normalized: string, segments: Segment[], spans: Span[]): Concept[] {
    const asking = askingPart(
      normalized,
      segments,
      (s) => !s.stopword && index.frequency(s.word) > 0 && !ANY_POLICY.test(s.word),
      (word) => tokenizer.tags(word),
    );
    // The story is what the message tells before the part that asks, and what it adds after it (…？我是替我爸问的).
    // …and what it says a person is or has got (孩子是自闭症, 她得了脑瘫): how they are, wherever it stands.
    // …and examples of what is asked about (就像村里扫地护林啥的).
    const examples = exampleStretches(normalized);
    const told = (at: number) =>
      at < asking.start ||
      at >= asking.end ||
      PERSON_IS.test(normalized.slice(Math.max(0, at - 4), at)) ||
      examples.some((e) => e.start <= at && at < e.end);
    const out: Concept[] = [];
    const inSpan = (s: Segment) => spans.find((span) => s.start < span.end && span.start < s.end);
    const asksOfIt = segments.some((s) => THING_PRONOUNS.has(s.word));
    // Animals counted (养了几头牛, 两只羊) are the asker's living, told wherever they stand.
    // …and so is livestock the story says the asker raises for a living (靠种地养羊 … 养的羊 上保险), wherever it is
    // named, unless 它 asks of it (我养的羊老了 alone brings in the animal as the subject).
    const raised = new Set(
      segments.flatMap((s) => {
        const raising = RAISING.exec(normalized.slice(Math.max(0, s.start - 1), s.end));
        return raising ? [raising[1] as string] : [];
      }),
    );
    const countedAnimal = (s: Segment) =>
      CREATURE.test(s.word) &&
      (COUNTED.test(normalized.slice(Math.max(0, s.start - 4), s.start)) || (raised.has(s.word) && !asksOfIt));
    // A fee for what a phrase names (取暖|费: jieba cuts off 费): a thing paid for, found by the phrase's terms.
    const fees = segments.filter((s) => s.word === '费' && spans.some((span) => span.end === s.start));
    const feeAfter = new Set(fees.map((s) => s.start));
    const benefitAfter = new Set(segments.filter((s) => BENEFIT_WORD.test(s.word)).map((s) => s.start));
    for (const span of spans) {
      // The phrase stands for its terms; the words inside it (喘 口气, or a mis-heard 残疾 正) say nothing of their own.
      const word = span.heard ?? normalized.slice(span.start, span.end);
      const fee = feeAfter.has(span.end);
      const made = concept(fee ? [`${word}费`, word] : [word], span.terms, told(span.start));
      // …and so is a benefit for what it names (取暖补贴: a thing, though 取暖 is an act).
      out.push(fee || benefitAfter.has(span.end) ? { ...made, thing: true } : made);
    }
    let creature: Concept | undefined;
    // Where each word a compound may start with ends (a plan word or an everyday phrase for one; not a stretch heard as
    // a plan word, 有补|铁 being a mis-heard 补贴): its start.
    const compoundStarts = new Map<number, number>();
    for (const w of [...spans.filter((w) => !w.heard), ...segments.filter((w) => !w.stopword && known(w.word))]) {
      if (w.end - w.start >= 2 && !compoundStarts.has(w.end)) compoundStarts.set(w.end, w.start);
    }
    const plain = segments.filter(
      (s) =>
        !s.stopword &&
        (!QUANTITY.test(s.word) || HOTLINE.test(s.word)) &&
        !isFiller(s.word) &&
        !inSpan(s) &&
        !fees.includes(s) &&
        !(SOMEWHERE.test(s.word) && normalized.charAt(s.start - 1) === '的') &&
        // A verb said again with 一 between (带一带, 看一看): its 一 and second verb are no thing (一带 is no region).
        !(s.word.length === 2 && s.word.startsWith('一') && normalized.charAt(s.start - 1) === s.word.charAt(1)),
    );
    for (let i = 0; i < plain.length; i++) {
      const s = plain[i] as Segment;
      const next = plain[i + 1];
      // An act the plans never mention before a kind of benefit, right after it or after words asking for it, makes one
      // new thing (结婚补贴, 结婚有没有补贴, 考研能不能领补助).
      const forBenefit =
        isUnknownAct(s.word) && !GETTING.test(s.word) ? BENEFIT_ASKED.exec(normalized.slice(s.end)) : null;
      const benefit = forBenefit?.[1];
      if (forBenefit && benefit) {
        // Asked where the benefit is (张掖的残疾人结婚，政府有没有奖励: the act told, the benefit asked).
        const at = s.end + forBenefit[0].length - benefit.length;
        out.push({ ...concept([s.word + benefit], [], told(s.start) && told(at)), noun: true });
        if (next?.start === s.end && next.word === benefit) i += 1;
        continue;
      }
      // So does a thing the plans never mention right before a word they use (火星基地, 飞碟驾照): the plans' 基地 is no
      // answer about a 火星基地.
      // A word saying where (县里开发的…) names no thing.
      if (
        next &&
        next.start === s.end &&
        next.word.length >= 2 &&
        known(next.word) &&
        isUnknownNoun(s.word) &&
        !startsWithVerb(s.word) &&
        !NO_THING.test(s.word) &&
        // …not a part of the body (耳朵|先天: how the person is) nor animals counted (几|头牛|农业: the asker's living).
        !BODY_PART.test(s.word) &&
        !countedAnimal(s)
      ) {
        out.push({ ...concept([s.word + next.word], [], told(s.start)), noun: true });
        i += 1;
        continue;
      }
      // A kind of thing the plans never name, made of a word they use and a head they do not (护理|假, 陪护|假): a
      // Chinese compound names what its last part names, so the plans' 护理 is no answer about a 护理假. The head is a
      // common noun (not a lone name: 律 in 发律).
      const from = compoundStarts.get(s.start);
      if (
        from !== undefined &&
        s.word.length === 1 &&
        !known(s.word) &&
        tokenizer.tags(s.word)[0] === 'n' &&
        !BODY_PART.test(s.word) &&
        !SERVICE_PLACE.test(s.word) &&
        // …not one whose head the message names with a plan word (办张公交卡 … 免费卡: the same card).
        ![...compoundStarts.keys()].some((end) => end !== s.end && normalized.charAt(end - 1) === s.word)
      ) {
        const compound = concept([normalized.slice(from, s.end)], [], told(s.start));
        // Its letters are said only with its head (理假): a clause with 护理 alone says nothing of it.
        out.push({ ...compound, noun: true, grams: compound.grams.filter((g) => g.endsWith(s.word)) });
        continue;
      }
      const made = concept(
        s.forms,
        [],
        told(s.start) ||
          countedAnimal(s) ||
          (!known(s.word) && [AFTER, SAYS].some((r) => r.test(normalized.slice(s.end)))) ||
          // A word said with how it is (身体也不好) is told, and so is one no plan holds after 不 (说不明白, 听不懂),
          // but for a verb asked by saying it twice (罚不罚).
          STATE.test(normalized.slice(s.end)) ||
          (!known(s.word) && normalized.charAt(s.start - 1) === '不' && normalized.charAt(s.start - 2) !== s.word[0]),
      );
      // An animal or a plant brought in as the story's subject (我家的狗, 自己养的猫, 那棵老银杏树, 双鸭山的导盲犬), or
      // that the message starts with (导盲犬老了…), is what the question is about, with or without 它 (not 养鸡的残疾人:
      // there it tells who the asker is).
      if (
        !creature &&
        CREATURE.test(s.word) &&
        !countedAnimal(s) &&
        (normalized.slice(0, s.start).trim() === '' ||
          INTRODUCED.test(normalized.slice(Math.max(0, s.start - 3), s.start))) &&
        normalized.charAt(s.end) !== '的'
      ) {
        creature = made;
      }
      out.push(made);
    }
    // 它 asks about a thing the story named (我养的导盲犬老了，它能不能领…): its subject, else the last one told before
    // the asking part.
    const pronoun = segments.some((s) => THING_PRONOUNS.has(s.word) && s.start >= asking.start && s.end <= asking.end);
    // So does a thing the story says broke, asked of by 它 or as whether it counts as a disability (我的电动车摔坏了一个
    // 轮子，算不算残疾).
    const broken = creature
      ? undefined
      : (brokenSubject(normalized, segments, isThing) ?? ownedObject(normalized, segments, isThing));
    const thing = broken && concept([broken.word], [], told(broken.start));
    if (thing) out.push(thing);
    const referent = creature ?? thing ?? (pronoun ? out.filter((c) => c.noun && c.situation).pop() : undefined);
    if (referent) referent.referent = true;
    // An asking part that names no plan thing (三级的能不能也给发) asks of the benefit or service the story named (那个护理
    // 补贴), not of the rest of the story.
    if (!out.some((c) => !c.situation && !c.unknown && (c.thing || c.terms.length > 0)))
      for (const c of out) if (!c.unknown && PROVIDED.test(c.forms[0] ?? '')) c.situation = false;
    return out;
  }

  /** A phrase of two characters or more that starts with a verb (做手术, 卖东西): an act, though jieba tags it a noun. */
  const startsWithVerb = (word: string) => word.length > 1 && (tokenizer.tags(word.charAt(0))[0] ?? '').startsWith('v');
  /**
   * Two characters no clause holds that the dictionary calls a noun, made of a pronoun or a number and what follows
   * (那大, 多长: that big, how long) or of an act and a little of it (出点, 卖些: something happening, selling some).
   */
  const saysHowMuch = (word: string) =>
    word.length === 2 && !known(word) && (/^[那这哪多几]/.test(word) || /[点些]$/.test(word));
  /** A thing: jieba tags the word's last part a noun and no part a verb (暖气费, 燃气费, 契税, 导盲犬; not 领取, 帮忙). */
  const isThing = (word: string) => {
    if (saysHowMuch(word)) return false;
    const tags = tokenizer.tags(word);
    // A fee (燃气费): jieba tags a lone 费 a verb (费力), but at a word's end it names what is paid.
    const parts = word.length > 1 && word.endsWith('费') ? [...tags.slice(0, -1), 'n'] : tags;
    return NOUNISH(parts[parts.length - 1] ?? '') && !parts.some((tag) => tag.startsWith('v'));
  };

  function concept(words: string[], terms: string[], told: boolean): Concept {
    const first = words[0] ?? '';
    const named = first.length > 0 && isThing(first);
    const noun = terms.length === 0 && named;
    // The dictionary tags every everyday phrase a noun: one that starts with a verb is an act (做手术), not a thing (暖气费).
    const thing = named && !startsWithVerb(first);
    // A part found in a third of the clauses (残疾 in 残疾人士) would cover the concept anywhere: it is no alternative.
    const forms = words.filter((form, i) => i === 0 || !index.isCommon(form));
    const alternatives = [...forms, ...terms].filter((t) => index.frequency(t) > 0);
    const unknown = alternatives.length === 0;
    // A relative the plans never name (媳妇, 父亲) tells whom the question is for, and a part of the body (眼睛, not 牙
    // alone: 种牙 asks of it) how they are, wherever it stands.
    const situation =
      told || (unknown && (KIN.test(first) || (first.length > 1 && BODY_PART.test(first)) || DISABLED.test(first)));
    const unheard = terms.length === 0 && !known(first);
    // Only in what is asked: the story's unknown things (老伴, 身子) are how the asker lives, not what the plans must say.
    const unknownNoun = unknown && !situation && isUnknownNoun(forms[0] ?? '');
    const weight = unknown
      ? options.unknownWeight * (unknownNoun ? options.unknownNounFactor : 1)
      : Math.min(...alternatives.map(index.idf));
    // A single character says little on its own (水, 盲): half weight.
    const scale = (forms[0]?.length ?? 0) === 1 && terms.length === 0 ? 0.5 : 1;
    const own = terms.filter((t) => !forms.includes(t));
    return {
      forms,
      terms: own,
      weight: weight * scale,
      situation,
      unknown,
      unheard,
      grams: tokenizer.grams(forms[0] ?? '', true),
      noun,
      thing,
    };
  }

  return { analyze, analyzeNormalized };
}
