// Reads a question: which plans (cities) it is about, what kind of answer it wants, and which fact it asks for.
import type { AnalyzedQuery } from '../search/analyze.ts';
import { chineseNumeral } from '../text/numerals.ts';
import type { PlaceFinder } from './places.ts';
import type { Intent } from './types.ts';

/** A fact the plans usually do not state; when asked and absent from the best clauses, the answer says so. */
export type AskedFact =
  | 'amount'
  | 'fee'
  | 'rate'
  | 'count'
  | 'age'
  | 'channel'
  | 'schedule'
  | 'frequency'
  | 'time'
  | 'procedure'
  | 'documents'
  | 'address'
  | 'contact'
  | null;

/** Words that ask about the cities side by side. */
const ACROSS_CITIES = /哪个城市|哪些城市|各地|各市|五个城市|几个城市|(?:其他|别的|其它)(?:城市|地方)/;
/** Words that compare (比较 as in 比较好 or 比较多 says "rather", not "compare"). */
const COMPARE = new RegExp(
  `对比|比较(?![好多少难贵高低大小快慢远近容易方便麻烦])|比一比|区别|不同|差别|分别|${ACROSS_CITIES.source}`,
);
const DEPARTMENT = /牵头|部门|责任单位|牵头单位|哪个单位|谁负责|谁来管|归谁管|(?<!不知道)找谁|谁管/;
const INDICATOR =
  /指标|覆盖率|参保率|入学率|适配率|比例|目标值|目标是多少|达到多少|约束性|预期性|指标属性|增长目标|20\d\d\s*年?目标|(?:参保|覆盖|入学|适配|培训|改造|就业)目标|多少户|多少(?:名|个|位)?(?:残疾)?人|培训人数|户数|人数|数量/;
const ELIGIBILITY =
  /能不能|能否|可不可以|是否可以|符合条件|什么条件|哪些人|谁能|资格|够不够|算不算|能按|能领|能参加|能享受|能纳入|能申请/;
const ENTITLEMENT =
  /有没有|有什么|有啥|有哪些|补贴|补助|救助|优惠|减免|免费|服务|支持|扶持|帮助|帮扶|待遇|政策|能.{0,12}吗|吗[？?]?$/;

/** A sum in yuan (200元, 5300 万元, 50块). */
export const SUM = /\d[\d.,]*\s*(?:元|万元|块)/;
/** A sum a person gets or pays: not an investment or a budget (投资 5300 万元). */
const PERSONAL_SUM = `(?<![\\d.,])(?<!(?:投资|资金|经费|总额|筹集)\\s*)${SUM.source}`;

/**
 * Each fact: how a question asks for it, and how a clause that states it reads. Checked in this order; the first whose
 * question pattern matches is the asked fact.
 */
export const FACTS: readonly { fact: Exclude<AskedFact, null>; asked: RegExp; stated: RegExp }[] = [
  {
    fact: 'rate',
    asked: /百分之多少|百分之几|几成|几折|打折|折扣|报销比例|报销多少|能报多少|报多少|比例是多少|多大比例/,
    // …or as a share said in words (半价, 八折).
    stated: /\d+(?:\.\d+)?\s*[%％]|百分之[一二三四五六七八九十\d]|半价|减半|[一二三四五六七八九\d](?:\.\d)?折/,
  },
  {
    fact: 'amount',
    // 给多少户 counts households, not money; 元 alone is how a search-box query asks it (燃油补贴 标准 元).
    asked:
      /(?:(?:^|\s)元(?:\s|$)|多少钱|多少元|(?<![好十]|那么|就|才|只)几(?:块钱|块|百|千)|金额|能领多少|(?:标准|补贴|补助|津贴|抚恤金|[金费钱]|涨|提高|增加|上调)(?:具体)?(?:是|有|能有|大概|一般|到|了|到了|一共)?多少|(?:每人|每个人|一个人|每名)[^。？?，,]{0,4}(?:资助|补|给|发|奖|领)多少|补多少|给多少|发多少|减免多少|减多少|免多少|退多少|(?:一个|每个?)月.{0,6}多少|(?:每|一)(?:平米|平方米?|平)多少|(?:工资|薪水|收入|挣)(?:是|有|能有|大概|一般)?多少|一户.{0,6}多少|多少补贴|交多少|收多少|花多少|几毛|几分钱|几角|(?:什么|啥)(?:具体)?(?:标准|要求)|标准是什么|标准(?:怎么|咋)算|怎么赔|赔多少|奖多少|奖励多少|(?:门票|票价|价格|价钱|费用|学费)(?:是|要|大概|一般)?多少)(?![户人名家所项个娃孩年])/,
    // …or by a standard it is pegged to (不低于当地最低工资标准; see SUM_ONLY for asking that standard's own amount).
    stated: new RegExp(`${PERSONAL_SUM}|(?:不低于|不少于|高于|参照)[^。；，]{0,8}(?:最低工资|低保)标准`),
  },
  {
    // Whether it costs anything, asked at the end (要钱吗, 收不收费): a sum, or that it is free.
    fact: 'fee',
    asked:
      /(?:要|收|花|掏)钱(?:吗|么|不)?[？?]?$|要不要钱|(?:要不要|用不用|需不需要|买不买)(?:买|门)?票|(?:要|得|需要)买票(?:吗|么|不)|收不收钱|收费吗|收不收费|免不免|(?:能|可以)免(?:票|费)?吗|收费标准|(?:怎么|咋)收费/,
    stated: new RegExp(`${PERSONAL_SUM}|免费|免收|减免|不收费|无偿`),
  },
  {
    // How many a person gets (多休几天年假, 一个人能领几个): a number of days, pieces or times in the sentence.
    fact: 'count',
    // …and how many points an exam adds (高考能加多少分): stated as 加10分.
    asked: /(?:休|放|请|领|配|发|给|补|多)几(?:天|个|次|台|副|件|回)|加(?:多少|几)分|有多少(?:本|册|台|辆)/,
    stated: /[\d一二两三四五六七八九十]+\s*(?:天|个|次|台|副|件|回)(?!性)|加[\d一二两三四五六七八九十]+\s*分/,
  },
  {
    // A day or an hour (几号发, 几点开门, 周末有人吗): a year the plan sets for a goal does not say it.
    fact: 'schedule',
    asked:
      /几点|几号|哪天|哪一天|几月份|开门|关门|(?:周末|节假日)[^，。？?]{0,2}(?:开门|开放|上班|有人|能去|能办|办公|休息)|值班|有人(?:上班|值班|办公)(?:吗|么|不)|(?:周|星期|礼拜)[一二三四五六日天]|(?:开放|办公|上班|营业|值班)时间/,
    stated:
      /\d{1,2}\s*[:：]\s*\d{2}|\d{1,2}\s*[点时](?!\d)|每月\s*\d+\s*[日号]|工作日|周[一二三四五六日末]|星期[一二三四五六日天]/,
  },
  {
    // How often (多长时间来看一回, 一年几次): stated by a period (每年, 一年一次), not by a date nor by 经常性 or 定期.
    fact: 'frequency',
    asked:
      /(?:多长时间|多久|隔多久|多少天|几天|几个月|几年)[^。？?，,]{0,6}(?:一回|一次|一趟)|多久(?:来|去|搞|办|开|查|做)?一?[次回趟]|(?:一年|每年|一个月|每月)(?:能|可以|会)?(?:来|去|开|搞|办|做|查)?(?:几|多少)[次回趟]/,
    stated: /每(?:年|月|季度?|周|半年)|[一二两三四\d]+(?:年|个月)一次/,
  },
  {
    fact: 'time',
    asked:
      /什么时候|何时|多久|多长时间|(?:多少|几)个?工作日|几天(?:能|才|就|可以|办|批|下来|到|内)|(?:要|需要|等|申请)几天|(?<!好)几天[？?吗]?$|多少天|(?<!好)几个月[？?吗]?$|哪年|哪一年|时限|期限|有效期|建好了?[吗没么]|批下来|(?:啥|甚|什么)时候|(?:轮候|等候|等待|审批|审核|办理|发放|排队)时间/,
    stated:
      /\d+\s*(?:个)?(?:工作日|日内|天内|个月内)|\d+\s*(?:个月|天|日)的|时限|期限|20\d\d\s*年[^。；]{0,12}(?:建成|完成|实现|覆盖|投入使用)|(?:建成|完成|投入使用)[^。；]{0,12}20\d\d\s*年/,
  },
  {
    fact: 'documents',
    // A search-box query names the field (公租房 申请材料).
    asked:
      /(?:哪些|什么|啥)(?:材料|证件|证明|手续)|带(?:什么|啥|哪些)|要带(?![头动领])|材料清单|申请材料|所需材料|(?:^|\s)材料(?:\s|$)/,
    stated: /申请材料|提交[^。；]{0,10}材料|材料清单|证明材料|(?:携带|提交|提供)[^。；]{0,8}(?:身份证|户口|照片|证明)/,
  },
  {
    fact: 'address',
    // Which hospital or cinema, where to have a thing mended, which city holds an event, the way there (去哪家医院评残,
    // 助听器坏了去哪修, 在哪个城市举行, 怎么走, 哪里能买到): the plans name none.
    asked:
      /地址|在哪条(?:街|路)|门牌|几楼|哪个楼|(?:哪个|什么|具体)位置|几路(?:车|公交)|(?:哪个|哪家|哪所)(?:医院|电影院|影院)|(?:去|到|在)哪[里儿]?(?:修|维修)|怎么走|(?:在|去)哪个(?:城市|地方|区|县)(?:举行|举办|开|办)|(?:哪里|哪儿|在哪|去哪)(?:能|可以)?买/,
    stated: /地址[：:]|[路街道巷]\s*\d+\s*号/,
  },
  {
    fact: 'contact',
    // A search-box query names the field at its end (法律援助站电话).
    asked:
      /电话(?:是|号码|多少)|联系电话|(?:哪个|什么|啥)电话|热线号码|号码是多少|号码多少|联系方式|怎么联系|电话[？?]?$/,
    // A number of five digits or more is one to call unless it counts (培训 13409 人).
    stated: /电话[：:]?\s*\d|\d{3,4}-\d{7,8}|\d{5,}(?![\d.]|\s*[人名户元万个次所家项余多])|地址[：:]/,
  },
  {
    // Which app, account or site by name (用哪个APP, 公众号叫什么), where to download a form (申请表在哪下载): a plan
    // names one in quotes or gives an address.
    fact: 'channel',
    asked:
      /(?:哪个|什么|啥)(?:app|小程序|公众号|网站|平台)|(?:app|小程序|公众号|网站)(?:叫什么|叫啥|是什么|是哪个)|网址|(?:哪|怎么|咋)[里儿个]?(?:能|可以)?下载/,
    stated: /[“"][^”"]{2,16}[”"]\s*(?:app|小程序|公众号|平台)|www\.|https?:\/\//i,
  },
  {
    fact: 'procedure',
    asked:
      /(?:怎么|怎样|如何|咋)(?:申请|补办|换|领|办(?=[证卡理]))|怎么报名|如何报名|(?:去|在|到)哪.{0,2}报名|报名方式|怎么办理|如何办理|怎么办手续|办理流程|申请流程|手续|(?:^|\s)(?:流程|步骤)(?:\s|$)|去哪.{0,4}(?:办|申请|注销|补办|换)|在哪.{0,4}(?:办|申请|注销|补办|换)|(?:哪个|什么|几号)窗口|办(?:哪些|什么|啥)证/,
    // Not by a goal that a review go online or across provinces (就业审核“跨省通办”, 审核，实现“全程网办”).
    stated:
      /申请材料|受理|(?:审核|审批)(?![^。；]{0,6}(?:跨省通办|全程网办))|流程|手续|窗口|提交|(?:向|到|在)[^。；，]{1,12}(?:申请|办理)/,
  },
  {
    // An age limit asked in so many words (年龄上限, 最大多少岁, 多大以内): stated as 16-59周岁, 6周岁以下.
    fact: 'age',
    asked:
      /年龄有?(?:上限|下限|限制|界限)|(?:年龄|岁数)(?:最大|最小|最高|最低)|(?:最大|最小|最高|最低)(?:多少岁|几岁|年龄)|(?:多大|几岁|多少岁)(?:年纪|岁数|年龄)?(?:以内|以上|以下|开始|才能|就能|能)/,
    stated: /\d+\s*周?岁/,
  },
];

/**
 * Questions an amount in yuan alone answers: the amount of a standard others are pegged to (最低工资标准是多少, which
 * "不低于…标准" does not state), or of an investment (投了多少钱, 建…花多少钱, which a sum a person gets does not state, and an
 * investment does).
 */
export const SUM_ONLY = /最低工资|低保标准|投资|投了|投入|投多少|造价|建[^，。？?]{0,10}花了?多少/;

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
 * Messages that ask the assistant for something other than policy (唱首歌, 讲个笑话, 写首诗, 推荐几部电影, 天气, 你是谁, 你吃饭了吗) or
 * only greet or thank it: no clause answers them, whatever city or 残疾人 they also name.
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

/** Asks whether something exists or applies (有…吗, 能不能), beside or instead of a detail. */
const ASKS_EXISTENCE = /有没有|有无|有.{0,10}[吗么嘛][？?]?|能不能|可不可以|是否|能.{0,10}[吗么嘛][？?]?/;

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

/** The intent apart from comparing: what a comparison compares (targets, lead departments, entitlements …). */
export function topicIntent(normalized: string): Intent {
  if (DEPARTMENT.test(normalized)) return 'department';
  if (INDICATOR.test(normalized)) return 'indicator';
  if (ELIGIBILITY.test(normalized)) return 'eligibility';
  if (ENTITLEMENT.test(normalized)) return 'entitlement';
  return 'other';
}

export function detectAskedFact(normalized: string): AskedFact {
  return FACTS.find((f) => f.asked.test(normalized))?.fact ?? null;
}

/** Each fact's question pattern, for every place it matches (compiled once: both run on every ask). */
const ASKED_EVERYWHERE = FACTS.map((f) => new RegExp(f.asked.source, 'g'));
/** …and with 有没有 right before it, which then asks for the fact (有没有年龄上限), not whether the thing exists. */
const ASKED_WITH_EXISTENCE = FACTS.map((f) => new RegExp(`(?:有没有|有无|是否有)?(?:${f.asked.source})`, 'g'));

/** The words that ask for a fact (去哪里申请, 多少钱), or '' — in a follow-up they are what is asked, not a topic. */
export function askedCue(normalized: string): string {
  const at = FACTS.findIndex((f) => f.asked.test(normalized));
  return at < 0 ? '' : [...normalized.matchAll(ASKED_EVERYWHERE[at] as RegExp)].map((m) => m[0]).join(' ');
}

/** What is left of a part that asks whether something exists once its asking words are gone (能去吗 → nothing). */
const ASKING_WORDS = /[有没无能可以会是否不吗么嘛呢去来人办的了也还再就我你他她它这那个些]/g;

/**
 * Does the question ask whether something exists or applies, apart from the words that ask for the fact? A part that
 * asks so must name something (有见习补贴吗？给多少？), not only ask about the fact (几点开门？周末能去吗？).
 */
export function asksExistence(normalized: string): boolean {
  const rest = ASKED_WITH_EXISTENCE.reduce((text, asked) => text.replace(asked, ' '), normalized);
  return rest
    .split(/[，。！？；,!?;…\n]/)
    .some(
      (part) =>
        ASKS_EXISTENCE.test(part) && part.replace(ASKING_WORDS, '').replace(/[^\p{Script=Han}]/gu, '').length >= 2,
    );
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
  // …or a place the message says its people went to (就去哈尔滨做训练了) when the city is chosen.
  const wentTo = other !== null && planIds.length > 0 && question.includes(`去${other}`);
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
    asked: detectAskedFact(question),
    asksExistence: asksExistence(question),
    past: asksPast(question),
  };
}

/** Words that say a place is not where the asker lives (在外地, 异地康复, 去外省). */
const ELSEWHERE = /外地|异地|外省|外市|外县/;

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
