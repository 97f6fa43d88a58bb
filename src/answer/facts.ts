// The facts a question may ask for beside whether a thing exists (an amount, a time, a procedure …): how a question asks
// each and how a clause reads that states it. The answer engine declines, naming the detail, when the plan does not state
// the one asked.

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
  | 'name'
  | 'contact'
  | 'vacancy'
  | null;

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
    asked:
      /百分之多少|百分之几|几成|几折|打折|折扣|占多少|占比|占几|报销比例|报销多少|能报多少|报多少|比例是多少|多大比例|(?:按|以)(?:什么|啥)比例/,
    // …or as a share said in words (半价, 八折).
    stated: /\d+(?:\.\d+)?\s*[%％]|百分之[一二三四五六七八九十\d]|半价|减半|[一二三四五六七八九\d](?:\.\d)?折/,
  },
  {
    fact: 'amount',
    // 给多少户 counts households, not money; 元 alone is how a search-box query asks it (燃油补贴 标准 元).
    asked:
      /(?:(?:^|\s)元(?:\s|$)|多少钱|多少万?元|(?<![好十]|那么|就|才|只)几(?:块钱|块|百|千)|金额|能(?:领|拿)多少|(?:一|每)年[^。？?，,]{0,4}(?:拿|领|给|发|补)多少|(?:标准|补贴|补助|津贴|抚恤金|[金费钱]|涨|提高|增加|上调)(?:具体)?(?:是|有|能有|大概|一般|到|了|到了|一共)?多少|(?:每人|每个人|一个人|每名)[^。？?，,]{0,4}(?:资助|补|给|发|奖|领)多少|补多少|给多少|发多少|(?:能|可以)?贷多少|贴息多少|利息多少|减免多少|减多少|免多少|退多少|(?:一个|每个?)月.{0,6}多少|(?:每|一)(?:平米|平方米?|平)多少|(?:工资|薪水|收入|挣)(?:是|有|能有|大概|一般)?多少|一户.{0,6}多少|多少补贴|交多少|收多少|花多少|(?:出|掏|付|缴)多少|几毛|几分钱|几角|(?:什么|啥)(?:具体)?标准|(?:什么|啥)具体要求|(?:体检|身体|视力|听力|身高)[^，。？?]{0,4}(?:什么|啥)要求|(?:按|以)?多少(?:的)?标准|要求(?:是|有)?多少|标准是什么|标准(?:怎么|咋)算|怎么赔|赔多少|奖多少|奖励多少|(?:门票|票价|价格|价钱|费用|学费)(?:是|要|大概|一般)?多少)(?![户人名家所项个娃孩年])/,
    // …or by a standard it is pegged to (不低于当地最低工资标准; see SUM_ONLY for asking that standard's own amount).
    stated: new RegExp(`${PERSONAL_SUM}|(?:不低于|不少于|高于|参照)[^。；，]{0,8}(?:最低工资|低保)标准`),
  },
  {
    // Whether it costs anything, asked at the end (要钱吗, 收不收费): a sum, or that it is free or paid for them (代缴).
    fact: 'fee',
    asked:
      /(?:要|收|花|掏)钱(?:吗|么|不)?[？?]?$|要不要钱|(?:要不要|用不用|需不需要|买不买)(?:买|门)?票|(?:要|得|需要)买票(?:吗|么|不)|收不收钱|收费吗|收不收费|免不免|(?:能|可以)免(?:票|费)?吗|(?:能不能|可不可以)免(?:票|费)?|收费标准|(?:怎么|咋)收费/,
    stated: new RegExp(`${PERSONAL_SUM}|免费|免收|减免|不收费|无偿|代缴`),
  },
  {
    // How many a person gets (多休几天年假, 一个人能领几个): a number of days, pieces or times in the sentence.
    fact: 'count',
    // …and how many points an exam adds (高考能加多少分): stated as 加10分.
    // …and how big a building is (多大面积): stated in square metres.
    asked:
      /(?:休|放|请|领|配|发|给|补|多)几(?:天|个|次|台|副|件|回)|加(?:多少|几)分|有多少(?:本|册|台|辆)|多大面积|面积(?:有|是)?多大|多少平(?:方米?|米)/,
    stated:
      /[\d一二两三四五六七八九十]+\s*(?:天|个|次|台|副|件|回)(?!性)|加[\d一二两三四五六七八九十]+\s*分|\d+\s*(?:平方米|平米)/,
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
      /(?:多长时间|多久|隔多久|多少天|几天|几个月|几年)[^。？?，,]{0,6}(?:一回|一次|一趟)|多久(?:来|去|搞|办|开|查|做)?一?[次回趟]|(?:一年|每年|一个月|每月)(?:能|可以|会)?(?:来|去|开|搞|办|做|查)?(?:几|多少)[次回趟]|(?:几年|多久|多长时间)(?:能|可以)?(?:换|更换)/,
    stated: /每(?:年|月|季度?|周|半年)|[一二两三四\d]+(?:年|个月)一次/,
  },
  {
    fact: 'time',
    asked:
      /什么时候|何时|多久|多长时间|(?:多少|几)个?工作日|几天(?:能|才|就|可以|办|批|下来|到|内)|(?:要|需要|等|申请)几天|(?<!好)几天[？?吗]?$|多少天|(?<!好)几个月[？?吗]?$|哪年|哪一年|时限|期限|有效期|建好了?[吗没么]|批下来|(?:啥|甚|什么)时候|(?:轮候|等候|等待|审批|审核|办理|发放|排队)时间/,
    // …or by a year's end set as the deadline (2022年底前制定出台), or by the plan period's middle and end (在“十四五”中期
    // 和期末…评估).
    stated:
      /\d+\s*(?:个)?(?:工作日|日内|天内|个月内)|(?:中期|期末)(?:和|、|或)?(?:期末|中期)?[^。；]{0,16}(?:评估|考核|检查|总结)|\d+\s*(?:个月|天|日)的|时限|期限|20\d\d\s*年(?:底|内)?前|20\d\d\s*年[^。；]{0,12}(?:建成|完成|实现|覆盖|投入使用)|(?:建成|完成|投入使用)[^。；]{0,12}20\d\d\s*年/,
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
      /地址|哪条(?:街|路)|办公(?:室|地点|的地方)[^，。？?]{0,4}(?:在哪|哪儿|哪里)|搬(?:到|去)哪|门牌|几楼|哪个楼|(?:哪个|什么|具体)位置|几路(?:车|公交)|(?:哪个|哪家|哪所)(?:医院|电影院|影院)|(?:去|到|在)哪[里儿]?(?:修|维修)|怎么走|(?:在|去)哪个(?:城市|地方|区|县)(?:举行|举办|开|办)|(?:哪里|哪儿|在哪|去哪)(?:能|可以)?买/,
    stated: /地址[：:]|[路街道巷]\s*\d+\s*号/,
  },
  {
    // Which ones by name (定点机构有哪几家, 给个名单, 看的是哪部电影, 哪个牌子的最好): the plans list none but a brand they
    // build (打造“齐鲁手创”盲人按摩品牌).
    fact: 'name',
    asked: /哪几家|名单|哪部电影|哪个(?:牌子|品牌|厂家|型号)|哪(?:家|款)[^，。？?]{0,4}最好/,
    stated: /打造[“"][^”"]{2,16}[”"]/,
  },
  {
    fact: 'contact',
    // A search-box query names the field at its end (法律援助站电话); 哪个号 at the end of a question is a number to call.
    asked:
      /电话(?:是|号码|多少)|联系电话|(?:哪个|什么|啥)(?:电话|号码|号(?=[？?吗呢啊，。\s]|$))|热线号码|号码是多少|号码多少|联系方式|怎么联系|电话[？?]?$/,
    // A number of five digits or more is one to call unless it counts (培训 13409 人).
    stated: /电话[：:]?\s*\d|\d{3,4}-\d{7,8}|\d{5,}(?![\d.]|\s*[人名户元万个次所家项余多])|地址[：:]/,
  },
  {
    // Whether a place or a programme has room now (还有没有空床位, 现在还招人不, 名额满了没): a five-year plan sets what is
    // to be built, never what is free today. Not 有没有名额, which asks for a quota (公益岗位有没有名额: 不少于10%).
    fact: 'vacancy',
    asked:
      /空(?:床位?|位|余床位|名额)|(?:还有|有没有)(?:空的?)?(?:床位|位置)|名额满|(?:还|现在)(?:招|收)(?:人|不招|不收|吗|不)|(?:招|收|住)满了/,
    stated: /空余床位|剩余名额|尚有名额/,
  },
  {
    // Which app, account or site by name (用哪个APP, 公众号叫什么), where to download a form (申请表在哪下载): a plan
    // names one in quotes or gives an address.
    fact: 'channel',
    asked:
      /(?:哪个|什么|啥)(?:手机)?(?:app|小程序|公众号|网站|平台)|(?:app|小程序|公众号|网站)(?:叫什么|叫啥|是什么|是哪个)|网址|(?:哪|怎么|咋)[里儿个]?(?:能|可以)?下载/,
    stated: /[“"][^”"]{2,16}[”"]\s*(?:app|小程序|公众号|平台)|www\.|https?:\/\//i,
  },
  {
    fact: 'procedure',
    asked:
      /(?:怎么|怎样|如何|咋)(?:申请|补办|换|领|办(?=[证卡理]))|(?:怎么|如何|怎样|咋)报名|(?:去|在|到)哪.{0,2}报名|报名方式|怎么办理|如何办理|怎么办手续|办理流程|申请流程|手续|(?:^|\s)(?:流程|步骤)(?:\s|$)|去哪.{0,4}(?:办|申请|注销|补办|换|领)|在哪.{0,4}(?:办|申请|注销|补办|换|领)|(?:哪个|什么|几号)窗口|办(?:哪些|什么|啥)证/,
    // Not by a goal that a review go online or across provinces (就业审核“跨省通办”, 审核，实现“全程网办”).
    stated:
      /申请材料|受理|(?:审核|审批)(?![^。；]{0,6}(?:跨省通办|全程网办))|流程|手续|窗口|提交|(?:向|到|在)[^。；，]{1,12}(?:申请|办理)/,
  },
  {
    // An age limit asked in so many words (年龄上限, 最大多少岁, 多大以内, 年龄要求, 管到多大): stated as 16-59周岁, 6周岁以下.
    fact: 'age',
    asked:
      /年龄有?(?:上限|下限|限制|界限)|年龄(?:上|方面)?(?:有|有没有|有啥|有什么)?(?:要求|范围|不同|区别)|(?:管|覆盖|救助|享受)到?(?:多大|几岁)|(?:覆盖|针对)的?年龄|(?:年龄|岁数)(?:最大|最小|最高|最低)|(?:最大|最小|最高|最低)(?:多少岁|几岁|年龄)|(?:多大|几岁|多少岁)(?:年纪|岁数|年龄)?(?:的(?:孩子|娃|小孩|人|残疾人)?)?(?:以内|以上|以下|开始|才能|就能|能|可以)/,
    stated: /\d+\s*周?岁/,
  },
];

/** How a clause states `fact` (see FACTS). */
export const statedFact = (fact: Exclude<AskedFact, null>): RegExp =>
  (FACTS.find((f) => f.fact === fact) as (typeof FACTS)[number]).stated;

/**
 * Questions an amount in yuan alone answers: the amount of a standard others are pegged to (最低工资标准是多少, which
 * "不低于…标准" does not state), or of an investment or a budget (投了多少钱, 建…花多少钱, 预算一共多少万元, which a sum a
 * person gets does not state, and an investment does).
 */
export const SUM_ONLY = /最低工资|低保标准|投资|投了|投入|投多少|造价|预算|建[^，。？?]{0,10}花了?多少/;

/** Asks whether something exists or applies (有…吗, 能不能, 听说的…是真的吗), beside or instead of a detail. */
const ASKS_EXISTENCE =
  /有没有|有无|有.{0,10}[吗么嘛][？?]?|能不能|可不可以|是否|能.{0,10}[吗么嘛][？?]?|是真的(?:吗|么|嘛|不)/;

export function detectAskedFact(normalized: string): AskedFact {
  return FACTS.find((f) => f.asked.test(normalized))?.fact ?? null;
}

/** Each fact's question pattern, for every place it matches (compiled once: both run on every ask). */
const ASKED_EVERYWHERE = FACTS.map((f) => new RegExp(f.asked.source, 'g'));
/** …and with 有没有 right before it, which then asks for the fact (有没有年龄上限), not whether the thing exists. */
const ASKED_WITH_EXISTENCE = FACTS.map(
  (f) => new RegExp(`(?:有没有|有无|是否有|有)?(?:${f.asked.source})(?:吗|么|嘛)?`, 'g'),
);

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
