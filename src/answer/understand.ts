// Reads a question: which plans (cities) it is about, what kind of answer it wants, and which fact it asks for (the
// facts themselves in facts.ts).
import type { AnalyzedQuery } from '../search/analyze.ts';
import { asks } from '../search/asking.ts';
import { chineseNumeral } from '../text/numerals.ts';
import type { PlaceFinder } from './places.ts';
import { asksExistence, detectAskedFact, statedFact, type AskedFact } from './facts.ts';
import type { Intent } from './types.ts';

/** Words that ask about the cities side by side (not 听说别的地方有…: what other places have, told as hearsay). */
const ACROSS_CITIES = /哪个城市|哪些城市|各地|各市|五个城市|几个城市|(?<![去到在说])(?:其他|别的|其它)(?:城市|地方)/;
/** Words that compare (比较 as in 比较好 or 比较多 says "rather", not "compare"). */
const COMPARE = new RegExp(
  `对比|比较(?![好多少难贵高低大小快慢远近容易方便麻烦])|比一比|区别|不同|差别|分别|${ACROSS_CITIES.source}`,
);
const DEPARTMENT = /牵头|部门|责任单位|牵头单位|哪个单位|谁负责|谁来管|归谁管|谁管/;
/** 找谁 asks which office, unless the asker seeks help against a wrong (被欺负了找谁, 打官司找谁帮忙): that is legal aid. */
const WHOM = /(?<!不知道)找谁/;
const WRONGED = /欺负|官司|律师|维权|被骗|克扣|歧视|侵权|打人|帮忙|求助/;
const INDICATOR =
  /指标|覆盖率|参保率|入学率|适配率|比例|目标值|目标是多少|达到多少|约束性|预期性|指标属性|增长目标|20\d\d\s*年?目标|(?:参保|覆盖|入学|适配|培训|改造|就业)目标|多少户|多少(?:名|个|位)?(?:残疾)?人|培训人数|户数|人数|数量|\p{Script=Han}(?<![岁次分号倍个])数(?:[（(？?\s]|$)/u;
const ELIGIBILITY =
  /能不能|能否|可不可以|是否可以|符合条件|什么条件|哪些人|谁能|资格|够不够|算不算|能按|能领|能参加|能享受|能纳入|能申请/;
const ENTITLEMENT =
  /有没有|有什么|有啥|有哪些|补贴|补助|救助|优惠|减免|免费|服务|支持|扶持|帮助|帮扶|待遇|政策|能.{0,12}吗|吗[？?]?$/;

/**
 * Conditions an eligibility question turns on, asked (多大年龄, 几级) or told (二十多岁, 一级残疾), and how a clause
 * that states one reads (16-59周岁, 16周岁以上, 一、二级). A clause stating the condition answers who qualifies.
 */
export const CONDITIONS: readonly { condition: string; told: RegExp; stated: RegExp }[] = [
  {
    condition: 'age',
    told: /年龄|岁数|年纪|多大|几岁|\d+\s*多?岁|[一二三四五六七八九十两几]+多?岁/,
    stated: /\d+\s*(?:周岁)?\s*[~～\-—－至到]\s*\d+\s*周?岁|\d+\s*周?岁以[上下]/,
  },
  { condition: 'grade', told: /[一二三四1-4]\s*级|一二级|几级|等级/, stated: /[一二三四]、?[一二三四]?等?级|等级/ },
];

/** An age told without 岁, by how it is said: 今年二十五了, 快三十了, 都五十多了. */
const AGE_WITHOUT_SUI = /(?:今年|快|都|已经|刚|才|满)\s*(\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?:多|来)?\s*了/;

/** The age a text tells (孩子二十多岁了, 今年25岁, 今年二十五了), or null. */
export function toldAge(normalized: string): number | null {
  const match =
    /(\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?:多|来)?\s*周?岁/.exec(normalized) ?? AGE_WITHOUT_SUI.exec(normalized);
  if (!match?.[1]) return null;
  const age = /\d/.test(match[1]) ? Number(match[1]) : chineseNumeral(match[1]);
  return Number.isFinite(age) ? age : null;
}

/** The clause patterns of the conditions a text asks about or tells. */
export function conditionsOf(normalized: string): RegExp[] {
  return CONDITIONS.filter((c) => c.told.test(normalized)).map((c) => c.stated);
}

/**
 * Messages that ask the assistant for something other than policy (唱首歌, 讲个笑话, 写首诗, 推荐几部电影, 天气, 你是谁,
 * 你吃饭了吗) or only greet or thank it: no clause answers them, whatever city or 残疾人 they also name.
 */
const NOT_POLICY =
  /(?:唱|哼|放|播|来|念|背)(?:一|几|两)首|(?:唱|哼|讲|说|写|编|作|画|猜|背)(?:一|几|两)?(?:首|个|段|篇|幅|副)(?:[^，。？！,?!]{0,16}的)?(?:歌|曲|笑话|故事|诗|词|画|对联|作文|段子|谜语|绕口令)|(?:给我|帮我|为我|跟我|陪我)(?:唱|讲|写|画|编|聊)|陪我聊|聊聊天|(?:推荐|介绍)(?:几|一)?(?:部|本|首|个)?[^，。？！,?!]{0,12}(?:电影|电视剧|小说|歌曲?|节目)(?:吧|呗|呀)?[？?！!。]?$|天气|气温|零下(?:多少|几)度|下不下(?:雨|雪)|刮不刮风|风大不大|(?:今天|明天|后天|今晚|这两天|这几天|周末)(?:会)?(?:下雨|下雪|刮风|降温|几度|多少度)|几点了|星期几|你是谁|你们是谁|你叫什么|你几岁了|你是(?:男的|女的|男生|女生|真人|机器人|人工智能|ai)|你们这个|谁(?:做|开发|设计|写)的|你(?!们)(?:吃(?:饭|了)|睡(?:了|觉)|累不累|累吗|忙不忙|忙吗|在干(?:嘛|啥|什么)|多大了|住(?:在)?哪|喜欢(?:什么|啥)|有(?:没有)?(?:对象|男朋友|女朋友)|结婚了)/;
const ONLY_GREETING =
  /^(?:你好|您好|哈喽|嗨|hi|hello|在吗|在不在|谢谢|多谢|谢了|再见|拜拜|好的|嗯)+[呀啊吗哈呢！!。？?～~，,\s]*$/;

/** Thanks or praise for the assistant (谢谢你 你真好, 辛苦了): with nothing asked, the whole message is that. */
const THANKS = /谢谢|感谢|多谢|你真好|你真棒|你太好了|辛苦了/;
/** Any sign of a question. */
const ASKS = /[吗么嘛呢？?]|怎|能不能|可不可以|有没有|多少|什么|哪|几|是否|咋|啥|请问|想问|问一下/;

/** Is the message a request to the assistant that is no policy question, or only a greeting or thanks? */
export function notPolicy(normalized: string): boolean {
  return (
    NOT_POLICY.test(normalized) ||
    ONLY_GREETING.test(normalized.trim()) ||
    (THANKS.test(normalized) && !ASKS.test(normalized))
  );
}

/**
 * What the plans give people and nothing else: money, insurance, care, rehabilitation, assistive devices, a disability
 * certificate or being counted disabled (not a ride on a bus, which a guide dog may take).
 */
export const PERSONAL_BENEFIT =
  /补贴|补助|津贴|救助|低保|保险|养老金|护理|待遇|康复|辅助器具|辅具|残疾(?:人)?证|办证|算(?:不算)?残疾|报销|看病|医疗/;

/**
 * Words that ask about the past (以前, 过去, 原来, 当时, 旧的标准, 2020年的时候, 去年, 调整前): an answer may then cite
 * a document no longer in force. Not 以前 after an age or a date (16周岁以前, 3月1日以前: a condition or a deadline).
 */
const PAST =
  /(?<![岁日号月年])以前|过去(?![办申领拿看问找吗呢一趟])|原来|原先|从前|以往|往年|早先|早年|当时|那时候?|那会儿|去年|前年|旧的?(?:标准|规定|政策|办法|细则|文件)|老(?:标准|规定|政策|办法)|(?:19|20)\d\d\s*年(?:的时候|那会儿|那时|时|以前)|(?:调整|提高|上调|修订|涨)(?:之|以)?前/;

/** Does the question ask how things were (a document out of force may answer it)? */
export function asksPast(normalized: string): boolean {
  return PAST.test(normalized);
}

export interface Understanding {
  /** Plan ids named in the question itself, in order of appearance. */
  named: string[];
  /** Plan ids to answer for (named, else from the request's city, else from earlier turns); empty = all plans. */
  planIds: string[];
  /** A place outside the corpus named with none of ours (e.g. 广州). */
  otherPlace: string | null;
  intent: Intent;
  asked: AskedFact;
  /** The question also asks whether the thing exists or applies (有见习补贴吗？给多少？). */
  asksExistence: boolean;
  /** The question asks about the past (以前, 原来, 2020年的时候): documents out of force may answer it. */
  past: boolean;
}

export function detectIntent(normalized: string, namedCount: number): Intent {
  if (namedCount >= 2 || COMPARE.test(normalized)) return 'compare';
  return topicIntent(normalized);
}

/**
 * The sentences of a message that ask something (see asks), or the whole message when none does or it is one sentence:
 * an office named in the story (我们想跟人社部门争取…, 领导安排我牵头起草…) is not what a later question asks for, nor is
 * a sum the story tells (…给残疾人留多少？我哥…种地一年也就挣几千块。) an amount asked.
 */
function askingSentences(normalized: string): string {
  const sentences = normalized.split(/(?<=[。！？!?；;\n])/).filter((s) => s.trim() !== '');
  if (sentences.length < 2) return normalized;
  const asking = sentences.filter(asks);
  return asking.length > 0 ? asking.join('') : normalized;
}

/** The intent apart from comparing: what a comparison compares (targets, lead departments, entitlements …). */
export function topicIntent(normalized: string): Intent {
  const asked = askingSentences(normalized);
  if (DEPARTMENT.test(asked) || (WHOM.test(asked) && !WRONGED.test(normalized))) return 'department';
  if (INDICATOR.test(normalized)) return 'indicator';
  if (ELIGIBILITY.test(normalized)) return 'eligibility';
  if (ENTITLEMENT.test(normalized)) return 'entitlement';
  return 'other';
}

/**
 * Understands a question in context. `question` and `history` are normalized by the tokenizer;
 * `cityPlanId` is the city picked in the UI, if any. A city named in the question wins over the UI's,
 * which wins over one named in earlier turns (the latest first).
 */
export function understand(
  question: string,
  history: readonly string[],
  cityPlanId: string | null,
  places: PlaceFinder,
): Understanding {
  const named = places.cities(uncorrected(question, places));
  let planIds = named;
  if (planIds.length === 0 && cityPlanId) planIds = [cityPlanId];
  if (planIds.length === 0) {
    for (let i = history.length - 1; i >= 0 && planIds.length === 0; i -= 1) {
      planIds = places.cities(history[i] ?? '');
    }
  }
  // A place that holds the city asked about (还去潍坊参加吗 of 青州) is where its people go, not another place; so is one
  // the message says is elsewhere (娃在外地 哈尔滨那边做康复) when the city is chosen or was asked about.
  const elsewhere = planIds.length > 0 && ELSEWHERE.test(question);
  const other = named.length === 0 && !elsewhere ? places.other(question, planIds) : null;
  // …or a place the message says its people went to or once were (就去哈尔滨做训练了, 以前在济南干推拿) when the city is
  // chosen.
  const wentTo =
    other !== null &&
    planIds.length > 0 &&
    new RegExp(
      `(?:去|(?:以前|之前|原来|过去|早年)[在去])${other}|在${other}(?:那边|那儿|那里)?(?:做|住院|看病|治|打工|上班|工作|上学|读书|念书|训练|康复)`,
    ).test(question);
  const otherPlace = wentTo ? null : other;
  // With one city, named or chosen, 区别 or 比一比 compare things within it (一级和二级有什么区别, 运动会上比一比), not
  // the cities.
  const detected = detectIntent(question, named.length);
  const oneCity = named.length === 1 || (named.length === 0 && cityPlanId !== null);
  const intent = detected === 'compare' && oneCity && !ACROSS_CITIES.test(question) ? topicIntent(question) : detected;
  return {
    named,
    planIds: intent === 'compare' && named.length < 2 ? [] : planIds,
    otherPlace,
    intent,
    asked: detectAskedFact(askingSentences(question)),
    asksExistence: asksExistence(question),
    past: asksPast(question),
  };
}

/**
 * Words that say a place is not where the asker lives (在外地, 异地康复, 去外省, 去别的城市上班), or that the city asked about
 * is home (不在本地, 老家这边给不给补贴).
 */
const ELSEWHERE = /外地|异地|外省|外市|外县|[去到在](?:其他|别的|其它)(?:城市|地方)|不在(?:本地|当地|家)|老家/;

/** The question without the places it says it is not about (不是济宁，是青州的; not 是不是济宁的, which asks). */
function uncorrected(question: string, places: PlaceFinder): string {
  return places
    .spans(question)
    .filter((s) => /(?<!是)不是\s*$/.test(question.slice(Math.max(0, s.start - 4), s.start)))
    .reduce((text, s) => text.slice(0, s.start) + ' '.repeat(s.end - s.start) + text.slice(s.end), question);
}

/** From this age on, the asker's 孩子 or 娃 is no child in the plans' sense (儿童, 少年, 学前: 0–15). */
export const ADULT_AGE = 16;
const CHILDHOOD = /儿童|少年|幼儿|学前/;

/** A grown-up son or daughter (孩子二十岁了): the words for children stand for no 儿童 clause. */
export function grownUp(query: AnalyzedQuery): AnalyzedQuery {
  const concepts = query.concepts
    .map((c) => ({ ...c, terms: c.terms.filter((t) => !CHILDHOOD.test(t)) }))
    .filter((c, i) => c.terms.length > 0 || (query.concepts[i]?.terms.length ?? 0) === 0);
  return { ...query, concepts, expansions: query.expansions.filter((t) => !CHILDHOOD.test(t)) };
}

/**
 * Words that ask how many or how far (目标, 户数, 人数), and how a clause states it: an indicator row is a target (约束性,
 * 预期性), a count of households or people is a number of them (（户）, 200户, 1万人).
 */
const MEASURES: readonly { word: RegExp; stated: RegExp }[] = [
  { word: /^(?:目标|指标)值?$/, stated: /约束性|预期性/ },
  { word: /^户数$/, stated: /[（(]户[）)]|\d\s*万?户/ },
  { word: /^人次?数?$/, stated: /[（(]人\/?次?[）)]|\d\s*万?(?:人|名)/ },
  // A building's size (多大面积: jieba hears 多|大面积) is given in square metres, a number to call by its digits.
  { word: /^大?面积$/, stated: statedFact('count') },
  { word: /^(?:号码|电话号码?|热线号码?)$/, stated: statedFact('contact') },
];

/**
 * A word that asks for a condition (年龄, 几级) is covered by a clause stating one (16-59周岁, 一、二级), and one that asks
 * for a measure (目标户数) by a clause giving it.
 */
export function withConditions(query: AnalyzedQuery): AnalyzedQuery {
  const concepts = query.concepts.map((c) => {
    const word = c.forms[0] ?? '';
    const stated = CONDITIONS.find((k) => k.told.test(word))?.stated ?? MEASURES.find((m) => m.word.test(word))?.stated;
    return stated ? { ...c, stated } : c;
  });
  return { ...query, concepts };
}

/**
 * A year the question names after the plan's period ends (2030年…会不会取消, in a plan for 2021—2025), as said ("2030年"),
 * or null: the plan says nothing of it unless a clause names that year.
 */
export function yearAfter(normalized: string, period: string): string | null {
  const years = [...period.matchAll(/20\d\d/g)].map((m) => Number(m[0]));
  if (years.length === 0) return null;
  const end = Math.max(...years);
  const later = [...normalized.matchAll(/(20\d\d)\s*年/g)].find((m) => Number(m[1]) > end);
  if (later) return `${later[1]}年`;
  // A five-year plan named by its number (“十五五”: the 15th, 2026–2030; the 11th began in 2006).
  const plan = [...normalized.matchAll(/(十[一二三四五六七八九])五/g)].find(
    (m) => 2006 + 5 * (chineseNumeral(m[1] as string) - 11) > end,
  );
  return plan ? plan[0] : null;
}
