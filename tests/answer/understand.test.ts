// City and intent detection as tables (src/answer/understand.ts).
import { describe, expect, it } from 'vitest';
import { FACTS, asksExistence, detectAskedFact } from '../../src/answer/facts.ts';
import { detectIntent, notPolicy, toldAge, understand, yearAfter } from '../../src/answer/understand.ts';
import { createPlaceFinder } from '../../src/answer/places.ts';
import { loadLexicon } from '../../src/search/lexicon.ts';
import { createTokenizer } from '../../src/search/tokenize.ts';

const lexicon = loadLexicon('corpus/lexicon');
const places = createPlaceFinder(lexicon.cities, ['广州']);

describe('city detection', () => {
  it.each([
    ['济宁市托养服务', [], null, ['jining']],
    ['濟寧 托養', [], null, ['jining']],
    ['甘州区的托养中心', [], null, ['zhangye']],
    ['双鸭山和张掖有没有社工', [], null, ['shuangyashan', 'zhangye']],
    ['那孩子呢', ['我在永济'], null, ['yongji']],
    ['护理补贴', [], 'qingzhou', ['qingzhou']],
    ['青州的护理补贴', ['我在济宁'], 'jining', ['qingzhou']],
  ])('%s (turns %j, UI %s) → %j', (question, history, ui, expected) => {
    expect(understand(question, history, ui, places).planIds).toEqual(expected);
  });
});

describe('a city’s name as a recogniser writes it', () => {
  const tokenizer = createTokenizer(lexicon);
  const heard = createPlaceFinder(lexicon.cities, ['广州', '永吉'], (text) => tokenizer.segments(text));
  it.each([
    ['清州这边嗯残疾人考试有没有合理便利', ['qingzhou']],
    ['那个即宁残疾人运动会今年还办不办', ['jining']],
    ['张叶那个护理补贴俺们能不能享受', ['zhangye']],
    ['请周末有空的志愿者来帮忙', []], // 周末 runs across 周
    ['轻舟已过万重山', []], // 轻舟 is a word
    ['永吉那个残运会啥时候办', []], // a real county elsewhere, named as written
  ])('%s → %j', (question, expected) => {
    expect(heard.cities(tokenizer.normalize(question))).toEqual(expected);
  });

  it('only where the words are known (a finder without a segmenter hears no homophones)', () => {
    expect(places.cities('那个即宁残疾人运动会')).toEqual([]);
  });
});

describe('comparisons and the chosen city', () => {
  it('with 济宁 chosen, 区别 between two grades compares nothing across cities: the answer stays in 济宁', () => {
    const meaning = understand('一级和二级残疾有什么区别', [], 'jining', places);
    expect(meaning.intent).not.toBe('compare');
    expect(meaning.planIds).toEqual(['jining']);
  });

  it('with 济宁 chosen, 各地 … 不同 still asks across all cities', () => {
    const meaning = understand('各地托养服务有什么不同', [], 'jining', places);
    expect(meaning.intent).toBe('compare');
    expect(meaning.planIds).toEqual([]);
  });
});

describe('a city corrected', () => {
  it('a place the message says its people went to (就去广州做训练了) is elsewhere when the city is chosen', () => {
    const u = understand('咱这边做康复的地方不行就去广州做训练了，有没有补贴', [], 'qingzhou', places);
    expect(u.otherPlace).toBeNull();
    expect(u.planIds).toEqual(['qingzhou']);
    expect(understand('广州的残疾人有没有补贴', [], 'qingzhou', places).otherPlace).toBe('广州');
  });

  it('不是济宁，是青州的 is about 青州 alone; 是不是济宁的 still names 济宁', () => {
    expect(understand('不是济宁，是青州的', ['济宁的如康家园是干啥的'], null, places).planIds).toEqual(['qingzhou']);
    expect(understand('这个是不是济宁的政策', [], null, places).planIds).toEqual(['jining']);
  });
});

describe('intent detection', () => {
  it.each([
    ['济宁 托养 牵头部门', 1, 'department'],
    ['青州 辅助器具适配率 2025目标', 1, 'indicator'],
    ['热线半夜能打通不 俺家老头子犯病的时候俺都不知道找谁', 0, 'other'], // not knowing whom to call asks no department
    ['残疾人医保参保目标定了多少', 0, 'indicator'],
    ['青州无障碍改造数', 1, 'indicator'],
    ['办残疾人证找谁', 0, 'department'],
    ['残疾人被欺负了找谁', 0, 'other'], // help against a wrong: legal aid, not an office // a count named as the indicator rows name it (…改造数（户）)
    ['双鸭山和张掖有没有社工', 2, 'compare'],
    ['低保边缘户能不能纳入低保', 0, 'eligibility'],
    ['坐公交免费吗', 0, 'entitlement'],
    ['规划是谁写的', 0, 'other'],
    ['周末带孩子去哪玩比较好', 0, 'other'], // 比较好 is "rather good", no comparison
    // An office named in the story is not what the question after it asks for; one named in the question is.
    [
      '我们想跟人社部门争取多开发一些公益性岗位，但得有依据。请问规划对公益性岗位的数量有没有比例要求？',
      0,
      'indicator',
    ],
    ['领导安排我牵头起草县里的规划，下周要出初稿。残工委一年要开几次会？', 0, 'other'],
    ['我们社区有几户残疾人反映网站读不出来。规划里信息无障碍这块是哪个部门牵头？', 0, 'department'],
  ])('%s → %s', (text, named, intent) => {
    expect(detectIntent(text, named)).toBe(intent);
  });

  it('reads 岁数 as an age, not a count of an indicator', () => {
    expect(detectIntent('托养管到多大岁数', 0)).not.toBe('indicator');
  });

  it.each([
    ['养老金每个月能领多少钱', 'amount'],
    ['什么时候建好', 'time'],
    ['怎么申请残疾人证', 'procedure'],
    ['坐高铁能打几折', 'rate'],
    ['公益性岗位具体占多少', 'rate'],
    ['养老金今年涨多少', 'amount'],
    ['中医药康复的名额怎么报名', 'procedure'],
    ['到2025年要给多少户做无障碍改造', null], // households counted, not money
    ['有护理补贴吗', null],
    ['盲人按摩师一个月工资多少', 'amount'],
    ['一个月能挣多少', 'amount'],
    ['一个月培训多少人', null], // people counted, not money
    ['一年能给多少娃做康复', null], // children counted, not money
    ['残疾考生高考能加多少分', 'count'], // points added, stated as 加10分
    ['公租房租金每平米多少', 'amount'],
    ['残疾人证去哪注销', 'procedure'],
    ['见习的时候有没有钱拿啊 别白干好几个月', null], // 好几个月 says how long, it asks nothing
    ['燃油补贴 标准 元', 'amount'],
    ['公租房 申请材料', 'documents'],
    ['无障碍改造 流程', 'procedure'],
    ['残疾人证 材料', 'documents'],
    ['建材料厂的残疾人就业', null], // 材料 inside a word asks nothing // a search-box query asks the amount by 元 alone
    ['残疾人证 元旦 办理', null], // 元 inside a word asks nothing
    ['电动轮椅买了好几千 有补贴不', null], // a price told asks no amount
    ['养老金比普通人多发多少', 'amount'],
    ['护理补贴要多大年龄以上才能领', 'age'],
    ['市康复医院在哪个位置，坐几路车能到', 'address'],
    ['超比例安排残疾人就业的企业能奖多少', 'amount'],
    ['残疾人文艺汇演在哪看，门票多少', 'amount'],
    ['法律援助站电话', 'contact'],
    ['打电话问问行不行', null], // calling, not a number asked
    ['护理补贴申请表在哪下载', 'channel'],
    ['电动轮椅坏了能不能找人修甚时候能修好', 'time'], // 甚 is 什么 in 永济 and 张掖 speech
    ['辅具补贴的标准多少', 'amount'],
    ['伤残抚恤金今年涨到多少了', 'amount'],
    ['日间照料中心 收费标准', 'fee'],
    ['孩子几岁开始能做康复', 'age'],
    ['如康家园他能去不 多大岁数能去啊', 'age'],
    ['救助的孩子年龄有限制吗', 'age'],
    ['永济和张掖给残疾孩子做康复救助，年龄上管到多大？', 'age'],
    ['青州、双鸭山、永济的残疾人托养，年龄要求有什么不同？', 'age'],
    ['永济和张掖的残疾儿童康复救助，覆盖的年龄有啥不同？', 'age'],
    ['机关单位要不要带头招残疾人', null], // 带头 leads, 要带 would ask what to bring
    ['办残疾人证要带什么', 'documents'],
    ['张掖做残疾评定要去哪个医院？', 'address'],
    ['助听器坏了去哪修？', 'address'],
    ['去哪里做康复', null], // a service asked, which the plans name
    ['残联的人多长时间来看一回', 'frequency'],
    ['走访探视一年几次', 'frequency'],
    ['济宁是不是要建个康复医院 建好了俺们就不用往外跑了', null], // 建好了 tells what follows, it asks no time
    ['康复中心建好了吗', 'time'],
    ['永济给残疾人的职业培训补贴，标准具体是多少？', 'amount'],
    ['残疾人大学生励志助学，每人能资助多少？', 'amount'],
    ['“五个一”里说的看一场电影，是在哪家电影院看？', 'address'],
    ['张掖安定医院怎么走', 'address'],
    ['全省残疾人艺术汇演在哪个城市举行？', 'address'],
    ['盲人想开个按摩店，得办哪些证？', 'procedure'],
    ['哪里能买到冬残奥会的门票？', 'address'],
    ['残疾证让俺孙子给弄丢了咋补办啊', 'procedure'],
    ['雇了俩残疾人一年能给俺退多少税', 'amount'],
    ['专职委员一个月就那么几百块钱，规划里说没说给涨待遇', null], // a sum told, not asked
    ['残疾孩子上学从小到大能免多少年', null], // years, not money
    ['这个周末想带老娘去公园转转，残疾人进公园要不要门票', 'fee'], // the weekend is when, not what is asked
    ['残疾人就业服务中心周末上不上班？', 'schedule'],
    ['青州市残联周六周日有人上班吗？', 'schedule'],
    ['学了盲人医疗按摩能到医院里头上班不', null], // working there, not its opening hours
    ['图书馆盲人阅览室现在有多少本盲文书？', 'count'],
    ['张掖残疾人免费公交卡有效期是几年？', 'time'],
    ['永济的残疾人坐高铁能免票吗？', 'fee'],
    ['张掖残疾人创业贷款最多能贷多少，贴息多少？', 'amount'],
    ['用人单位交残疾人就业保障金，按什么比例算？', 'rate'],
    ['张掖的导盲犬去哪儿能领一只？', 'procedure'],
    ['按比例就业是什么意思', null], // 按比例 names the plans' quota, no share asked
    ['济宁发的助听器坏了，几年能换一个新的？', 'frequency'],
    ['永济残疾儿童康复救助的定点机构有哪几家？给个名单', 'name'],
    ['张掖“五个一”文化服务里看的是哪部电影？', 'name'],
    ['青州残疾人配助听器，哪个牌子的最好？', 'name'],
    ['永济市2023年残疾人事业预算一共多少万元？', 'amount'],
    ['青州残疾人证的电子证照在哪个手机app上领？', 'channel'], // as normalized: lower case
    ['托养中心现在还有没有空床位', 'vacancy'],
    ['双鸭山公共场所无障碍建设有什么要求', null], // requirements, which a clause states in words
    ['考驾照体检有什么要求', 'amount'], // a physical standard
    ['甘州区那个托养中心多大面积？', 'count'],
    ['去滑雪场玩，门票能不能免？', 'fee'],
    ['就业保障金一年要按多少标准交？', 'amount'],
    ['考驾照体检视力要求是多少？', 'amount'],
    ['残联的办公室现在在哪啊是不是搬了', 'address'],
    ['那个就业基地在张掖哪条街上', 'address'],
    ['那个就业基地现在还招人不', 'vacancy'],
    ['残疾人公益岗位有没有名额', null], // a quota, which a plan may set
    ['意外伤害保险的保费谁出，出多少？', 'amount'],
    ['我想去上班咋报名要啥条件', 'procedure'],
    ['那公共法律服务的热线是哪个号？', 'contact'],
  ])('asked fact of %s is %s', (text, fact) => {
    expect(detectAskedFact(text)).toBe(fact);
  });
});

describe('whether a question also asks that the thing exists', () => {
  it.each([
    ['张掖“集善乐业”网络就业基地招人有年龄限制吗？', false], // 有…吗 wraps the asked fact
    ['有见习补贴吗？给多少？', true],
    ['村里人说有那个中医给残疾人做康复的项目是真的吗咋报名啊', true], // whether what was heard is so
  ])('%s → %s', (text, existence) => {
    expect(asksExistence(text)).toBe(existence);
  });
});

describe('how a clause states the asked fact', () => {
  const contact = FACTS.find((f) => f.fact === 'contact')?.stated;
  it.each([
    ['拨打12385残疾人服务热线', true],
    ['咨询电话：0536-3221234', true],
    ['累计举办培训班 200 多期，培训 13409 人，实现就业 13716 人', false], // counts, not numbers to call
    ['我市有各类残疾人 82247 人', false],
  ])('a number to call in %s: %s', (text, stated) => {
    expect(contact?.test(text)).toBe(stated);
  });
});

describe('ages told', () => {
  it.each([
    ['孩子二十多岁了', 20],
    ['我儿子今年二十五了', 25],
    ['快三十了还在家待着', 30],
    ['我今年45岁', 45],
    ['十八岁的儿子', 18],
    ['三十五周岁', 35],
    ['5岁的孩子', 5],
    ['孩子残疾', null],
  ])('%s → %s', (text, age) => {
    expect(toldAge(text)).toBe(age);
  });
});

describe('a year after the plan period', () => {
  it('is the first year named after the period ends, as said; none when the document gives no period', () => {
    expect(yearAfter('2030年会不会取消', '2021—2025年')).toBe('2030年');
    expect(yearAfter('2024年的标准是多少', '2021—2025年')).toBeNull();
    expect(yearAfter('2030年会不会取消', '')).toBeNull();
  });

  it('is a later five-year plan named by its number (“十五五” is 2026–2030), not the plan’s own (十四五)', () => {
    expect(yearAfter('张掖“十五五”残疾人规划出了哪些新政策', '2021—2025年')).toBe('十五五');
    expect(yearAfter('“十四五”期间有哪些新政策', '2021—2025年')).toBeNull();
  });
});

describe('messages that are no policy question', () => {
  it.each([
    ['青州明天下不下雨？我们残疾人协会组织去爬山', true],
    ['张掖今天风大不大？残联的阿姨们好', true],
    ['这两天会降温吗', true],
    ['下雨天坐轮椅出门有什么无障碍设施', false], // weather as the situation of a policy question
    ['冬天取暖费能补贴吗', false],
    ['你好啊济宁的小助手你吃饭了吗', true],
    ['你们残联周末上班吗', false],
    ['放一首隐形的翅膀给青州的残疾人朋友听听', true], // 首 counts songs and poems
    ['来一首歌吧', true],
    ['双鸭山今天零下多少度？适合推轮椅带老人出门吗？', true],
    ['给我推荐几部讲残疾人励志故事的电影吧', true],
    ['残疾人看电影有没有优惠', false],
  ])('%s → %s', (text, expected) => {
    expect(notPolicy(text)).toBe(expected);
  });
});
