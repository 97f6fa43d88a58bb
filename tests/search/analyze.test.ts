// Query analysis (src/search/analyze.ts) on the shipped plans: which words of a question become concepts.
import { describe, expect, it } from 'vitest';
import { TUNING } from '../../src/answer/tuning.ts';
import { createLogger } from '../../src/log.ts';
import { createQueryAnalyzer } from '../../src/search/analyze.ts';
import { absentThings } from '../../src/search/coverage.ts';
import { loadEngineDeps } from '../../src/runtime/plan-services.ts';

const { deps } = loadEngineDeps('corpus', null, createLogger('error'));
const analyzer = createQueryAnalyzer(deps.tokenizer, deps.index, deps.homophones, TUNING);
const concepts = (question: string) => analyzer.analyze(question).concepts.map((c) => c.forms[0]);

describe('concepts of a question', () => {
  it('a word no plan uses that only says when or how much (以后, 平时, 几个) is no concept', () => {
    expect(concepts('孩子以后上学有补贴吗')).not.toContain('以后');
    expect(concepts('我平时在家，有几个补贴能领')).toEqual(expect.not.arrayContaining(['平时', '几个']));
    expect(concepts('孩子以后上学有补贴吗')).toContain('补贴');
  });

  it('专门, an adverb jieba tags a noun, is no concept (有没有人专门一对一帮忙)', () => {
    expect(concepts('残疾大学生找工作有没有人专门一对一帮忙')).not.toContain('专门');
    expect(concepts('残疾大学生找工作有没有人专门一对一帮忙')).toContain('找工作');
  });

  it('情况 (这种情况) is no concept: it points at the story, it names nothing', () => {
    expect(concepts('那俺家这种情况能不能享受低保')).not.toContain('情况');
    expect(concepts('那俺家这种情况能不能享受低保')).toContain('低保');
  });

  it('聋人 is one word (聋人学手语 is not 聋 | 人学 | 手语)', () => {
    expect(concepts('青州聋人学手语培训班一期多长时间')).toContain('聋人');
    expect(concepts('青州聋人学手语培训班一期多长时间')).not.toContain('人学');
  });

  it('a word no plan uses that only says where (县里, 厂里) is no concept', () => {
    expect(concepts('规划要不要求县里办一所特教学校')).not.toContain('县里');
    expect(concepts('规划要不要求县里办一所特教学校')).toContain('特教学校');
  });

  it('saying anything will do (做啥都行, 也可以) is no concept, and 啥 in it asks nothing', () => {
    expect(concepts('残疾人能优先去公益性岗位不 做啥都行')).not.toContain('都行');
    expect(concepts('残疾人能优先去公益性岗位不 做啥都行')).toContain('公益性岗位');
  });

  it('two characters no plan holds, a pronoun or number and what follows (那大, 多长) or an act and a little of it (出点), name no thing', () => {
    const things = (question: string) =>
      analyzer
        .analyze(question)
        .concepts.filter((c) => c.noun)
        .map((c) => c.forms[0]);
    expect(things('那大一点的娃康复还管不管')).not.toContain('那大');
    expect(things('各给多长的缓冲期')).not.toContain('多长');
    expect(things('万一出点啥事有没有意外保险')).not.toContain('出点');
    expect(things('残疾人买房能少交契税吗')).toContain('契税');
  });

  it('本区, 本县 (this district) say where, and 爹妈 or 大侄子 whom the question is for: neither is a thing asked about', () => {
    expect(concepts('兖州区需要单独编制本区的残疾人事业规划吗')).not.toContain('本区');
    const kin = analyzer.analyze('俺家大侄子二十五了他爹妈白天都得上班有没有白天能照看的地方').concepts;
    expect(kin.filter((c) => ['爹妈', '大侄子'].includes(c.forms[0] ?? '')).every((c) => c.situation)).toBe(true);
  });

  it('老两口 is whom the question is for; a word the plans never use before 以后 says when (出院以后), not what is asked', () => {
    const told = analyzer.analyze('俺儿子没成家跟俺们老两口住一块能不能给他单独吃个低保').concepts;
    expect(told.find((c) => c.forms[0] === '老两口')?.situation).toBe(true);
    const after = analyzer.analyze('俺家精神残疾的病人出院以后社区里有没有康复服务').concepts;
    expect(after.find((c) => c.forms[0] === '出院')?.situation).toBe(true);
  });

  it('孙子是脑瘫 tells how the grandchild is; 市里 says where and is heard as no plan word (视力)', () => {
    const told = analyzer.analyze('俺孙子是脑瘫在市里康复中心练着呢车费都花不少一个月能给多少补贴').concepts;
    expect(told.find((c) => c.forms[0] === '脑瘫')?.situation).toBe(true);
    expect(told.map((c) => c.forms[0])).not.toContain('视力');
    expect(analyzer.analyze('临泽县农村的残疾人能不能一边干农活一边做康复').expansions).toContain('种植');
  });

  it('免费卡 after 办张公交卡 is the card the plans name, no new kind of card; 驾车 is 驾驶', () => {
    expect(concepts('我有残疾证想办张公交卡能不能办那种不花钱的免费卡')).not.toContain('免费卡');
    expect(analyzer.analyze('残疾人驾车').expansions).toContain('驾驶');
  });

  it('a place described by what is done there (能干点活的地方) is the asker’s somewhere, no concept; 干点活 is work', () => {
    expect(concepts('附近有能干点活的地方吗')).not.toContain('地方');
    expect(analyzer.analyze('附近有能干点活的地方吗').expansions).toContain('就业');
  });

  it('a benefit asked after the act was told (…结婚，政府有没有奖励) is asked, not story', () => {
    const concept = analyzer
      .analyze('张掖的残疾人结婚，政府有没有奖励或者补贴？')
      .concepts.find((c) => c.forms[0] === '结婚奖励');
    expect(concept?.situation).toBe(false);
  });

  it('the role a thing plays (定位, 作用) is what is asked of it, no thing the plans must name', () => {
    const { concepts } = analyzer.analyze('政务服务热线在残疾人权益维护中的定位是什么');
    expect(concepts.map((c) => c.forms[0])).toContain('定位');
    expect(absentThings(concepts, '发挥12345政务服务热线和网络信访平台作用，健全残疾人权益维护应急处置机制')).toEqual(
      [],
    );
  });

  it('a noun that names no thing of its own (给残疾人找工作的事情) is no concept', () => {
    expect(concepts('给残疾人找工作的事情归哪个部门管')).not.toContain('事情');
  });

  it('a word no plan uses that names a thing or an act (结婚补贴, 罚款) stays a concept, unknown', () => {
    for (const [question, word] of [
      ['残疾人结婚有没有补贴', '结婚补贴'],
      ['残疾人结婚有没有奖励', '结婚奖励'],
      ['张掖的残疾人结婚，政府有没有奖励或者补贴？', '结婚奖励'],
      ['违章停车罚款怎么交', '罚款'],
      ['拆迁补偿能不能多给点', '拆迁补偿'],
    ] as const) {
      const concept = analyzer.analyze(question).concepts.find((c) => c.forms[0] === word);
      expect(concept?.unknown).toBe(true);
    }
  });
});

describe('a benefit asked of what is named before it', () => {
  const termsOf = (question: string, word: string) =>
    analyzer.analyze(question).concepts.find((c) => c.forms[0] === word)?.terms ?? [];

  it('the plan word 补贴 after 单位招残疾人 and the words asking (能拿啥) is the employers’ subsidy (用人单位)', () => {
    expect(termsOf('单位招残疾人能拿啥补贴', '补贴')).toContain('用人单位');
  });

  it('上学有什么补贴 asks for the student aid (学生资助); 有什么 is among the words asking', () => {
    expect(termsOf('孩子上学有什么补贴', '补贴')).toContain('学生资助');
  });

  it('where, said between (装个假肢咱这有没有补助), does not part the benefit from what it is for: 辅具 适配资助', () => {
    expect(termsOf('想装个假肢咱这有没有补助', '补助')).toContain('适配资助');
  });

  it('残疾人有哪些补助 asks of every benefit, not of the phrase 残疾人补助 (两项补贴)', () => {
    expect(termsOf('张掖残疾人有哪些补助', '补助')).not.toContain('两项补贴');
    expect(termsOf('张掖残疾人有哪些补助', '补助')).toContain('补贴');
  });
});

describe('the part that asks', () => {
  const asked = (question: string) =>
    analyzer
      .analyze(question)
      .concepts.filter((c) => !c.situation)
      .map((c) => c.forms[0]);

  it('does not start over at a person whom the act is for (让俺喘口气, 替俺看几天娃)', () => {
    const words = asked('俺两口子轮着看都熬垮了就是有没有那种能替俺看几天娃让俺喘口气的');
    expect(words).toContain('喘口气');
  });

  it('reads examples of what is asked about (就像…啥的, 比如…之类的) as describing it, not as asked', () => {
    const words = asked('永济有没有那种专门给残疾人干的公益岗位就像村里扫地护林啥的');
    expect(words).toContain('公益岗位');
    expect(words).not.toContain('扫地');
    expect(asked('济宁盲人除了按摩能不能干点别的比如卖烧烤之类的')).not.toContain('烧烤');
  });

  it('cuts unpunctuated speech where it turns (了, a new subject, 我想问一下) and keeps only the question asked', () => {
    const words = asked(
      '嗯那个我家孩子今年五岁了医院说是孤独症就是不太说话我想问一下就是做康复训练的话政府能给补一点不',
    );
    expect(words).toEqual(expect.arrayContaining(['康复训练', '政府']));
    expect(words).toEqual(expect.not.arrayContaining(['医院', '孤独症', '孩子']));
  });

  it('starts the question over where a word is said again (…在单位见习 | 见习期间给不给钱), not at a verb doubled at the end', () => {
    const words = asked('济宁的我侄子腿有残疾大学刚毕业在单位见习见习期间给不给钱给多少');
    expect(words).toContain('见习');
    expect(words).toEqual(expect.not.arrayContaining(['大学', '毕业']));
    expect(asked('俺爹瘫了 俺一个人伺候 有没有人能上门来看看 帮着照护照护')).toContain('照护');
  });

  it('ends the story where the speaker has said who they are (我是打轮椅篮球的 | 今年还有没有…残运会)', () => {
    const words = asked('那个济宁残疾人运动会呃我是打轮椅篮球的今年还有没有全省的那个残运会');
    expect(words).toContain('残运会');
    expect(words).not.toContain('篮球');
  });

  it('starts over at 那个 after a list closed by 啥的 (…卖点柿饼子啥的 | 那个国家有没有…), not after a 的 describing it', () => {
    const words = asked(
      '嗯俺儿子腿脚不好使刚从技校毕业然后就是想自己开个网店卖点柿饼子啥的那个国家有没有创业的补贴啊咋整',
    );
    expect(words).toContain('创业');
    expect(words).toEqual(expect.not.arrayContaining(['柿饼', '网店']));
  });

  it('joins no statement ended by 了 to the question after it (…唱得可好了 | 那个市里有没有…演出)', () => {
    const words = asked('俺们村有几个残疾人就爱唱蒲剧唱得可好了那个市里有没有残疾人的文艺演出能让俺们上台啊永济');
    expect(words).toContain('文艺演出');
    expect(words).not.toContain('蒲剧');
  });

  it('ends the story at the 的 that closes who the question is for, when an act follows (坐轮椅的 | 坐公交车…)', () => {
    const words = asked('我家老头腿脚不好坐轮椅的坐公交车是不是免费的呀');
    expect(words).toEqual(['公交车', '坐', '免费']);
  });

  it('hears no word in a verb said again with 一 (往上提一提 holds no 一体)', () => {
    expect(asked('吃着低保还是不够花 听人说还能往上提一提 能多给多少')).not.toContain('一体');
  });

  it('asks about a thing announced with 那个 just before the question (那个住房公积金 | 能不能提前取出来)', () => {
    const words = asked('俺是重度残疾 就是那个住房公积金 能不能提前取出来看病');
    expect(words).toContain('公积金');
    expect(words).not.toContain('重度残疾');
  });

  it('asks about a thing named with 的 just before the question (家里的水电费 | 能不能减免), not about 听力残疾 told before', () => {
    const words = asked('我跟老伴都七十了 冬天烧炕还开电褥子 残疾人家里的水电费 能不能减免一点');
    expect(words).toContain('电费');
    expect(words).not.toContain('老伴');
    // A thing named without 的 is how the asker is (听力残疾), told, not asked about.
    expect(asked('孩子今年七岁了，听力残疾，能装人工耳蜗吗')).not.toContain('听力残疾');
  });

  it('reads 几个 in a statement closed by 。 as a few, not as how many (…活动？我想带几个老邻居一起去。)', () => {
    const words = asked('我想问问冬天有没有组织残疾人滑冰的活动？我想带小区里的几个老邻居一起去。');
    expect(words).toContain('活动');
    expect(words).not.toContain('邻居');
    expect(asked('你们那儿有几个康复中心。')).toContain('康复中心');
  });

  it('asks about the kind the speaker says they mean after the question (有没有扶持 | 就是电商那种)', () => {
    expect(asked('双鸭山俺想在网上开店卖东西残疾人有没有扶持 就是电商那种')).toContain('电商');
  });

  it('keeps questions said one after another without a stop together (有没有那种托养的地方 能不能送过去)', () => {
    const words = asked('嗯 我儿子智力残疾 今年二十五了 白天家里没人 就是 有没有那种托养的地方 能不能送过去');
    expect(words).toContain('托养的地方');
    expect(words).not.toContain('智力残疾');
  });

  it('reads what speech names right after a bare question as asked (那个有没有 | 就是盲人按摩的培训)', () => {
    const words = asked('嗯俺是青州的俺哥眼睛看不见那个有没有就是盲人按摩的培训');
    expect(words).toEqual(expect.arrayContaining(['盲人按摩', '培训']));
    expect(asked('眼睛看不见能领补贴吗？我家就我一个人挣钱')).not.toContain('挣钱');
  });

  it('reads a disability told in the asker’s words (腿脚残疾) as the story, and an act before a plan word as no thing', () => {
    expect(asked('俺妈腿脚残疾能进养老院不')).not.toContain('腿脚残疾');
    expect(concepts('俺想在网上卖东西残疾人有没有扶持')).not.toContain('卖东西残疾人');
  });

  it('reads animals counted (养了几头牛) as the asker’s living, told, not asked about', () => {
    expect(asked('俺养了几头羊那个农业保险有补贴不')).toContain('农业');
    expect(asked('俺养了几头羊那个农业保险有补贴不')).not.toContain('头羊');
  });

  it('reads a stretch heard as another word as that word (拖养的地方 → 托养的地方, 孩子抗复训练 → 孩子康复训练)', () => {
    expect(asked('有没有那种拖养的地方')).toContain('托养的地方');
    expect(asked('孩子抗复训练有补助吗')).toContain('孩子康复训练');
  });

  it('哪拿得出来 says one cannot afford it: the story, not the question (…庄户人家哪拿得出来咱这有没有救助)', () => {
    const words = asked('大夫说得做人工耳蜗手术好几万俺们庄户人家哪拿得出来咱这有没有啥救助能帮着做这个手术');
    expect(words).not.toContain('庄户人');
    expect(words).toContain('救助');
  });

  it('cuts speech where the question is said of 残疾人 in general after a story, not after the topic it asks of', () => {
    const story = asked('我眼睛看不见平时靠手机听书跟闺女视频一个月话费不少钱残疾人用手机上网有没有啥优惠');
    expect(story).toContain('上网');
    expect(story).not.toContain('视频');
    expect(asked('俺是种地的腿残了嗯种粮补贴残疾人能多给点不')).toContain('种粮补贴');
  });

  it('reads two questions joined by a comma after 吗 as one (能晒被子吗，那边阳光足不足): both are asked', () => {
    expect(asked('阳光家园能晒被子吗，那边阳光足不足？')).toContain('被子');
  });

  it('asks of the plan things the story named when the asking part names none (那个护理补贴 … 三级的能不能也给发)', () => {
    const words = asked('俺孩子是智力残疾三级的平时离不开人那个护理补贴听说只给一级二级的咱三级的能不能也给发');
    expect(words).toContain('护理补贴');
    expect(words).not.toContain('孩子');
  });

  it('reads a tag question (是真的吗) as asking about what was just said', () => {
    const words = asked('孩子去年确诊孤独症，我爱人辞职陪着。听说做康复家里能有补贴，是真的吗？');
    expect(words).toEqual(expect.arrayContaining(['做康复', '补贴']));
    expect(words).not.toContain('孤独症');
  });

  it('reads a verb, its negation and the verb again (还给不给) as a question', () => {
    const words = asked('护理补贴还给不给，俺老伴是一级肢体残疾，卧床好几年了，享受低保和残疾人两项补贴。');
    expect(words).toContain('护理补贴');
    expect(words).not.toContain('低保');
  });

  it('reads 好几年 as no question (…打工好几年了 told after the question is story)', () => {
    const words = asked('重度残疾人有护理补贴吗？我们一家子都在外地打工好几年了，最近刚回来。');
    expect(words).toContain('护理补贴');
    expect(words).not.toContain('外地');
  });

  it('takes the part with the most plan words when no part asks (operator keywords, then a story)', () => {
    const words = asked('济宁 残疾预防 牵头部门。我是替我爸问的，他年纪大了耳朵也不好使。');
    expect(words).toEqual(expect.arrayContaining(['残疾预防', '牵头部门']));
    expect(words).not.toContain('耳朵');
  });

  it('hears a word no plan holds after 不 as how things are (说不明白), not a thing asked; 罚不罚 still asks 罚', () => {
    expect(asked('我是聋人去医院看病跟大夫说不明白有没有手语翻译啥的')).not.toContain('明白');
    expect(asked('占了盲道罚不罚？')).toContain('罚');
  });

  it('hears a word said with how it is (身体也不好) as told, not asked about', () => {
    expect(asked('我家孩子是孤独症身体也不好能不能在家里上网课')).not.toContain('身体');
  });

  it('asks a word for any policy (政策, 办法) of the topic said before it (孩子做康复，这边有啥政策？)', () => {
    expect(asked('孩子做康复，这边有啥政策？')).toContain('孩子做康复');
  });

  it('joins two questions said one after the other with a comma (…有没有报销，报多少？): the first names what is asked', () => {
    expect(asked('济宁残疾人买轮椅能不能报销，报多少？')).toEqual(expect.arrayContaining(['轮椅', '报销']));
  });

  it('asks about what follows a question broken off before its object (…村里有没有 | 那个如康家园)', () => {
    expect(asked('俺是邹城的俺儿子是残疾人村里有没有那个如康家园就是白天能去待着的')).toContain('如康家园');
  });

  it('asks about a short topic said just before a question that names nothing (这个儿童康复救助 | 能管到几岁啊)', () => {
    expect(asked('咱双鸭山这个 这个儿童康复救助 能管到几岁啊')).toContain('康复救助');
    // …not about a whole story before 有吗 (种地 is how the asker would use the training, not what is asked).
    expect(asked('蒲州镇的残疾人想参加技能培训学点种地养殖的手艺，有吗？')).not.toContain('种地');
  });

  it('reads a verb of getting before a benefit (拿到哪些补贴) as how it is had, not a benefit for an act', () => {
    expect(concepts('一家企业招了两个残疾人，能拿到哪些补贴？')).not.toContain('拿到补贴');
    expect(concepts('残疾人结婚有没有补贴')).toContain('结婚补贴');
  });

  it('hears no everyday word that cuts into the words on both of its sides (那种|地方 holds no 种地)', () => {
    const forms = analyzer.analyze('能不能送到托养那种地方然后是养老院也行吗').concepts.map((c) => c.forms[0]);
    expect(forms).not.toContain('种地');
    expect(analyzer.analyze('俺是种地的残疾人').concepts.map((c) => c.forms[0])).toContain('种地');
  });

  it('makes no new thing of a plan word and a place it is done in (盲人按摩|店: the 按摩 is what is asked)', () => {
    const concepts = analyzer.analyze('邹城市的盲人按摩店能拿到扶持吗').concepts;
    expect(concepts.some((c) => c.forms[0] === '盲人按摩店')).toBe(false);
    expect(concepts.some((c) => c.forms[0] === '盲人按摩')).toBe(true);
  });

  it('makes a plan word and a lone head no clause has one new thing, said only with its head (护理假: 理假)', () => {
    const compound = analyzer.analyze('单位能给批护理假吗').concepts.find((c) => c.forms[0] === '护理假');
    expect(compound?.grams).toEqual(['理假']);
    expect(concepts('什么卡')).not.toContain('什么卡');
  });

  it('hears 特奥会 as the plans’ 特殊奥林匹克运动会 too (永济)', () => {
    expect(analyzer.analyze('市里办不办特奥会').expansions).toContain('奥林匹克运动会');
  });

  it('never hears a verb and 不 as a mis-heard plan word (干不长 holds no 干部)', () => {
    expect(analyzer.analyze('一挣钱低保马上就停了到时候万一干不长咋整').concepts.map((c) => c.forms[0])).not.toContain(
      '干部',
    );
  });

  it('never hears a number said as a mis-heard plan word (七十 sounds like 歧视)', () => {
    expect(analyzer.analyze('俺爹七十多了又是残疾养老院收不收').expansions).not.toContain('权益');
  });

  it('hears no 老师 in 老是, no 遗弃 in 一起 and no 药物 in 要钱: words said every day are no mis-heard plan words', () => {
    const analyzed = analyzer.analyze('找工作老是碰壁，跟爸妈一起住，参加培训要钱吗');
    expect(analyzed.expansions).not.toContain('教师');
    expect(analyzed.expansions).not.toContain('侵害');
    expect(analyzed.expansions).not.toContain('药物');
    expect(analyzed.expansions).toContain('免费');
  });

  it('reads 医保报 (报 for 报销) as the medical insurance, not as a thing the plans lack', () => {
    const analyzed = analyzer.analyze('以后能不能走医保报？');
    expect(analyzed.concepts.filter((c) => c.unknown)).toEqual([]);
    expect(analyzed.expansions).toContain('基本医疗保险');
  });

  it('takes no thing from a verb said again with 一 (能带一带: 一带 is no region the plans lack)', () => {
    expect(asked('甘州区的残疾人想在农村搞种养殖，有没有就业帮扶基地能带一带？')).not.toContain('一带');
  });

  it('never hears a word that asks as a mis-heard plan word (几岁 sounds like 脊髓)', () => {
    expect(concepts('儿童康复救助能管到几岁啊')).not.toContain('脊髓');
  });

  it('hears nothing as a word found once in the plans by a mis-cut (方案中将残疾人: 中将), so 中奖 stays 中奖', () => {
    expect(concepts('残疾人买彩票中奖了要不要交税')).not.toContain('中将');
  });

  it('marks an animal brought in as the story’s subject, before a later noun (我家的狗瘸了一条腿…它)', () => {
    const referent = analyzer.analyze('我家的狗瘸了一条腿，能给它办残疾证吗').concepts.find((c) => c.referent);
    expect(referent?.forms[0]).toBe('狗');
  });

  it('marks an animal brought in by 我家 without 的 (我家猫三条腿算残疾吗)', () => {
    const referent = analyzer.analyze('我家猫三条腿算残疾吗能办证吗').concepts.find((c) => c.referent);
    expect(referent?.forms[0]).toBe('猫');
  });

  it('marks the thing 它 points back to (我养的导盲犬老了，它…)', () => {
    const referent = analyzer.analyze('我养的导盲犬老了，它能不能领护理补贴？').concepts.find((c) => c.referent);
    expect(referent?.forms[0]).toBe('导盲犬');
  });
});
