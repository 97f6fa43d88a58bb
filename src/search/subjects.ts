// What a story is about when it is no person: an animal or a plant brought in as its subject, or a thing that broke.
// The plans' benefits and 残疾 itself are for people (see referent in analyze.ts).
import type { Segment } from './types.ts';

/** Pronouns for a thing or an animal, never a person. */
export const THING_PRONOUNS = new Set(['它', '它们']);
/** A part of an animal's body jieba keeps in one word with it (牛腿, 狗爪子): the animal is what is spoken of. */
const ANIMAL_PARTS = '腿|蹄子?|爪子?|尾巴';
export const ANIMAL_PART = new RegExp(`(?:${ANIMAL_PARTS})$`);
/**
 * An animal or a plant by its word's last character (导盲犬, 狗, 猫, 银杏树), or with a part of its body (牛腿): never a
 * person the plans provide for.
 */
export const CREATURE = new RegExp(
  `(?:[犬狗猫鸟鱼马牛羊猪鸡鸭鹅兔龟蛇树花草鹉羔犊驹鸽驴骡驼]子?|宠物|八哥|仓鼠|牲口|牲畜|家畜)(?:${ANIMAL_PARTS})?$`,
);
/**
 * How a story brings in its subject: a possessive (我家的, 自己养的, 俺家狗, 的残疾鸭子), who a thing is for (给导盲犬看病) or
 * that one (那棵老, 这只); not a count (养了几头猪: livestock, how the asker earns a living).
 */
export const INTRODUCED = /(?:的|给|[我俺咱]们?家|[那这][棵只条匹头株盆])(?:残疾的?)?[老小大]?$/;

/**
 * A relative as people name them (媳妇, 侄子, 大侄子, 父亲, 老公, 兄弟, 老娘, 爹妈, 老汉): the person a question is asked for,
 * whom the plans call 残疾人 or 亲属. Such a word is who the story is about, never a thing the plans lack
 * (我媳妇能领护理补贴吗).
 */
export const KIN =
  /^[大二三小]?(?:爹妈|爸妈|爹娘|公婆|媳妇|老婆|老公|丈夫|妻子|爱人|男人|女人|口子|老?两口子?|儿媳妇?|女婿|孙子|孙女|外孙女?|侄子|侄女|外甥女?|哥|姐|弟|妹|哥哥|姐姐|弟弟|妹妹|爹|娘|父亲|母亲|公公|婆婆|岳父|岳母|丈母娘|老丈人|爷爷|奶奶|姥姥|姥爷|外公|外婆|叔叔?|婶婶?|阿姨|舅舅?|舅妈|姑姑?|姑父|姨夫?|[表堂](?:哥|姐|弟|妹)|老头子?|老汉|老伴儿?|老太婆|老太太|老爷子|老娘|老爹|兄弟|姐妹|兄长|爸|妈|爸爸|妈妈|老爸|老妈)$/;

/**
 * Breaking (摔, 弄 …) and broken (坏, 破 …): 坏了, 摔坏了, 弄破了 follow the thing that broke; so does a part missing (少了一个轮子,
 * 掉了一块).
 */
const BREAKING = '摔碰弄撞用烧';
const BROKEN = '坏破碎裂';
const BROKE = new RegExp(`^(?:[${BREAKING}]?[${BROKEN}]|[少缺掉]了)`);
const BREAK_WORD = new RegExp(`^[${BREAKING}${BROKEN}少缺掉]$`);
/** Parts of the body: a broken leg (腿摔坏了) is a person's, and may be a disability. */
const BODY_PARTS =
  '腿|脚|手|胳膊|臂|眼|眼睛|耳朵|耳|腰|背|脊椎|脖子|脑子|脑袋|头|牙|嗓子|心脏|骨头|骨|膝盖|手指|身体|身子|视力|听力|嘴|鼻子|关节|神经';
const BODY = new RegExp(`(?:${BODY_PARTS})$`);
/**
 * A part of the body named alone (眼睛, 腿, 腿脚): how the person is, told wherever it stands, never a thing the plans lack or
 * the head of one (残疾人|腿 is a disabled person's leg).
 */
export const BODY_PART = new RegExp(`^(?:${BODY_PARTS})+$`);
/** Asks whether something counts as a disability (它算不算残疾, 算不算残疾人). */
const ASKS_DISABLED = /算不算残疾|是不是残疾|属不属于残疾|算残疾吗|算是残疾/;

/**
 * The thing the story says broke (我的轮椅坏了, 电动车摔坏了一个轮子, 电脑屏幕坏了一半) when the message asks of it: by 它
 * after it, or whether it counts as a disability (not 轮椅坏了能修吗). Its words run from a segment `isThing` calls a thing
 * up to 坏 / 摔坏 …, with one more character at most between (电动|车); a part of the body is a person's.
 */
export function brokenSubject(
  normalized: string,
  segments: readonly Segment[],
  isThing: (word: string) => boolean,
): { word: string; start: number; end: number } | undefined {
  const disabled = ASKS_DISABLED.test(normalized);
  const pronouns = segments.filter((s) => THING_PRONOUNS.has(s.word));
  if (!disabled && pronouns.length === 0) return undefined;
  for (const [i, s] of segments.entries()) {
    if (s.stopword || !isThing(s.word)) continue;
    const next = segments[i + 1];
    const end = next && next.word.length === 1 && !BREAK_WORD.test(next.word) ? next.end : s.end;
    const word = normalized.slice(s.start, end);
    if (!BROKE.test(normalized.slice(end)) || BODY.test(word)) continue;
    return disabled || pronouns.some((p) => p.start > end) ? { word, start: s.start, end } : undefined;
  }
  return undefined;
}

/** What only a person can have (a disability certificate, 低保, being counted disabled), asked for right after a word. */
const PERSON_ONLY =
  /^[也还都]?(?:能不能|能|可以|可不可以|想)?[也还都]?(?:申请|办|领|评|吃|算)(?:个|一个|一张|张)?(?:残疾(?:人)?证|低保|残疾)/;
/** People named as people are (孩子, 老人, 残疾人): whom a certificate or 低保 is for. */
const PERSON = /(?:人|孩子|娃|娃娃|小孩|儿子|女儿|闺女|宝宝|小子|学生|自己)$/;
/** How a message brings in a thing as its own: 我家的, 我的, 我那根, 给坏了的, 给. */
const OWNED = /(?:的|给|[我俺咱]们?家|[那这][根个辆台部把副只])$/;

/**
 * A thing the message brings in as its own (我家的拐杖, 我那根拐杖, 给我的轮椅) and asks what only a person can have for
 * (拐杖能申请低保吗, 给轮椅办残疾证): the plans' certificates and 低保 are people's (not 轮椅坏了能修吗, nor 孩子能办残疾证吗).
 */
export function ownedObject(
  normalized: string,
  segments: readonly Segment[],
  isThing: (word: string) => boolean,
): { word: string; start: number; end: number } | undefined {
  const owned = (at: number) => OWNED.test(normalized.slice(Math.max(0, at - 4), at));
  const things = segments.filter(
    (s) => !s.stopword && isThing(s.word) && !KIN.test(s.word) && !PERSON.test(s.word) && !BODY.test(s.word),
  );
  const asked = things.find((s) => PERSON_ONLY.test(normalized.slice(s.end)));
  if (!asked || !things.some((s) => s.word === asked.word && owned(s.start))) return undefined;
  return { word: asked.word, start: asked.start, end: asked.end };
}
