// The kinds of question residents write that nobody tuned for (issue #9): long situation-then-question messages,
// follow-ups that point back, everyday paraphrases, homophones from speech and pinyin input, near misses and nonsense.
// Expected clauses were read in the plans (corpus/*.txt).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/runtime/services.ts';
import { testServices } from '../services.ts';

let deps: Services;
beforeAll(async () => {
  deps = await testServices();
});

const ask = (question: string, history: string[] = [], city: string | null = null) =>
  deps.ask({ question, history, city, mode: 'standard' });

describe('a story first, then the question', () => {
  it('我是济宁的，孩子有自闭症，康复训练政府给补贴吗？ → 济宁 残疾儿童康复救助', () => {
    const r = ask('我是济宁的，孩子有自闭症，康复训练政府给补贴吗？');
    expect(r.answered).toBe(true);
    expect(r.city).toBe('济宁');
    expect(r.citations[0]?.city).toBe('济宁');
    expect(r.citations.slice(0, 3).some((c) => c.text.includes('康复救助'))).toBe(true);
  });

  it('a 残疾大学生 who has graduated and looks for work is what the plans call 高校残疾人毕业生: 青州’s 就业服务 clause', () => {
    const r = ask('我是青州的，儿子腿有残疾，去年大学毕业，找了一年工作都没成。政府对残疾大学生有啥帮扶？');
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.id).toBe('qingzhou-2-3-4');
    expect(r.answer).toContain('对高校残疾人毕业生开展“一人一档”“一人一策”就业服务');
  });

  it('去外地做康复 is what 双鸭山’s plan calls 异地接受康复训练: its 生活补贴 clause, not the special-education one', () => {
    const r = ask(
      '我们是双鸭山的，孩子三岁，是脑瘫，本地没有合适的机构，只能去沈阳做康复训练，在那边租房子花了不少钱。去外地做康复，家里有没有补助？',
    );
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.id).toBe('shuangyashan-3-1-5');
    expect(r.answer).toContain('对异地接受康复训练的残疾儿童家庭给予生活补贴');
  });
});

describe('a story told before or after the question ranks, but counts toward confidence only where a clause covers it', () => {
  it.each([
    '你好，我是替我爸问的，他年纪大了耳朵也不好使，永济有啥志愿者帮残疾人的活动？',
    '麻烦问下哈，我们一家子都在外地打工好几年了，最近刚回来，永济有啥志愿者帮残疾人的活动？',
    '永济有啥志愿者帮残疾人的活动？我是替我爸问的，他年纪大了耳朵也不好使。',
  ])('%s → 永济 “春风化雨行”志愿助残', (message) => {
    const r = ask(message);
    expect(r.answered).toBe(true);
    expect(r.city).toBe('永济');
    expect(r.citations.slice(0, 3).some((c) => c.text.includes('深入开展“春风化雨行”志愿助残关爱行动'))).toBe(true);
  });
});

describe('follow-ups that change the city or point back', () => {
  it('那聋人呢？ after 青州 盲人 阅读服务 puts 聋人 in 盲人’s place: 聋人文化服务, not the clause on the blind', () => {
    const r = ask('那聋人呢？', ['青州给盲人提供什么阅读服务']);
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.id).toBe('qingzhou-box8-5');
  });

  it('那双鸭山呢？ after a question about 青州’s training target asks for 双鸭山’s target (the indicator row: 2280)', () => {
    const r = ask('那双鸭山呢？', ['青州 城乡残疾人职业技能培训人数 目标']);
    expect(r.intent).toBe('indicator');
    expect(r.citations[0]?.id).toBe('shuangyashan-box1-2');
    expect(r.answer).toContain('2280');
  });

  it('去哪里申请？ after 双鸭山残疾人创业有补贴吗 asks about the 创业 subsidy, not about any clause with 申请', () => {
    const r = ask('去哪里申请？', ['双鸭山残疾人创业有补贴吗']);
    expect(r.city).toBe('双鸭山');
    expect(r.answer).toContain('扶持残疾人自主创业、灵活就业');
  });

  it('那济宁呢？ after 青州护理补贴一个月给多少钱？ still asks the amount: 济宁’s plan does not state it', () => {
    const r = ask('那济宁呢？', ['青州重度残疾人护理补贴一个月到底给多少钱？']);
    expect(r.answered).toBe(false);
    expect(r.answer).toContain('济宁的规划没有写明具体金额或标准');
    expect(r.citations[0]?.text).toContain('重度残疾人护理补贴标准动态调整机制');
  });

  it('我媳妇能领护理补贴吗 after an unrelated 济宁 turn (如康家园) is asked on its own, in 济宁: the 护理补贴 clause', () => {
    const r = ask('我媳妇能领护理补贴吗', ['济宁的如康家园是干啥的']);
    expect(r.answered).toBe(true);
    expect(r.city).toBe('济宁');
    expect(r.citations[0]?.text).toContain('落实困难残疾人生活补贴和重度残疾人护理补贴标准动态调整机制');
  });

  it('那个多少钱 after 济宁单位招残疾人有补贴吗 points back, so it is not asked on its own: the amount is not stated', () => {
    const r = ask('那个多少钱', ['济宁单位招残疾人有补贴吗']);
    expect(r.answered).toBe(false);
    expect(r.answer).toContain('济宁的规划没有写明具体金额或标准');
  });

  it('那腿脚有毛病的矫治手术呢 after 青州 人工耳蜗: 腿脚有毛病 is how the child is, and 青州 矫治手术 is answered', () => {
    const r = ask('那腿脚有毛病的矫治手术呢', ['青州的孩子能免费做人工耳蜗手术吗']);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('开展残疾儿童人工耳蜗植入手术和肢体矫治手术');
  });

  it('多大的孩子能享受？ after 张掖 康复救助 leaves out what is enjoyed: the 康复救助 topic is kept (天使康复（0-16岁）计划)', () => {
    const r = ask('多大的孩子能享受？', ['张掖残疾孩子做康复有啥救助？'], '张掖');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('组织实施天使康复（0-16岁）计划');
  });

  it('一个月能领多少钱？ after 济宁重度残疾人护理补贴 asks that amount, which the plan does not state: not asked alone', () => {
    const r = ask('一个月能领多少钱？', ['济宁重度残疾人护理补贴'], '济宁');
    expect(r.answered).toBe(false);
    expect(r.answer).toContain('没有写明具体金额');
    expect(r.citations[0]?.text).toContain('重度残疾人护理补贴标准动态调整机制');
  });

  it('一年能拿多少 asks an amount too: 张掖燃油补贴 is in the plan, its amount is not (no confident answer)', () => {
    const r = ask('张掖残疾人的机动轮椅车燃油补贴一年能拿多少？');
    expect(r.answered).toBe(false);
    expect(r.answer).toContain('没有写明具体金额');
    expect(r.citations[0]?.text).toContain('落实残疾人机动轮椅车燃油补贴');
  });

  it('门票 is a park’s or a museum’s, not tourism: 济宁残疾人去公园要门票吗 quotes 公共文化体育设施…免费或优惠开放', () => {
    const r = ask('济宁残疾人去公园要门票吗');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('公共文化体育设施对残疾人免费或优惠开放等政策');
  });

  it('上学有补助吗 asks for the benefit 上学补助 names (学生资助): 青州 残疾人学生资助政策 and 15年免费教育', () => {
    const r = ask('青州残疾孩子上学有补助吗');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('落实特殊教育生均公用经费政策和残疾人学生资助政策');
  });

  it('那耳朵听不见的孩子呢？ after 青州 脑瘫孩子的康复救助 asks of another kind of disability: the 人工耳蜗 entry first', () => {
    const r = ask('那耳朵听不见的孩子呢？', ['青州有没有给脑瘫孩子的康复救助？']);
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain('为符合条件的听力残疾儿童实施人工耳蜗植入救助手术');
  });

  it('那更长远的目标呢？ after 双鸭山规划管到哪年 asks for the goal, not a year: 长远 is the plans’ 2035 远景目标', () => {
    const r = ask('那更长远的目标呢？', ['双鸭山这个残疾人规划管到哪年？']);
    expect(r.answered).toBe(true);
    expect(r.citations.map((c) => c.text.slice(0, 12))).toContain('到2035年，残疾人事业');
  });

  it('那无障碍改造的目标呢？ after 济宁’s training target asks the 无障碍改造 target (the indicator row: ＞800)', () => {
    const r = ask('那无障碍改造的目标呢？', ['济宁2025年残疾人职业技能培训目标是多少？'], '济宁');
    expect(r.citations[0]?.text).toContain('困难重度残疾人家庭无障碍改造数');
  });

  it('那上学呢 能送教上门吗 after 康复救助能管到几岁 asks whether, not up to what age: 送教上门 is answered', () => {
    const r = ask('那上学呢 能送教上门吗', ['我在双鸭山，孩子是脑瘫', '康复救助能管到几岁'], '双鸭山');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('推动各县（区）规范送教上门工作');
  });

  it('那要啥条件才能去？ after 永济 托养 and a turn that only tells (我弟弟是智力残疾) asks about 托养', () => {
    const r = ask('那要啥条件才能去？', ['永济有给残疾人的托养服务吗？', '我弟弟是智力残疾'], '永济');
    expect(r.answered).toBe(true);
    expect(
      r.citations.slice(0, 2).some((c) => c.text.includes('就业年龄段（16~59周岁）智力、精神和重度肢体残疾人')),
    ).toBe(true);
  });

  it('宽带能打几折 after 青州 信息消费优惠: 半价以上 states the share', () => {
    const r = ask('宽带能打几折', ['青州残疾人信息消费优惠有哪些']);
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain('给予半价以上优惠');
  });

  it('到2025年要培训多少人次 after 青州 职业技能培训: the indicator row in 人/次 (>0.9万)', () => {
    const r = ask('到2025年要培训多少人次', ['青州的残疾人职业技能培训']);
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain('城乡残疾人职业技能培训人数（人/次）');
    expect(r.answer).toContain('0.9万');
  });

  it('那双鸭山呢？ after a 济宁 question keeps the topic (喘息服务) in 双鸭山', () => {
    const r = ask('那双鸭山呢？', ['济宁有没有喘息服务？']);
    expect(r.answered).toBe(true);
    expect(r.city).toBe('双鸭山');
    expect(r.citations[0]?.text).toContain('为残疾人家庭提供临时照护“喘息服务”');
  });

  it('那永济呢？ after 济宁 盲人 免费坐公交 keeps the topic (public transport) in 永济', () => {
    const r = ask('那永济呢？', ['济宁盲人能免费坐公交吗']);
    expect(r.answered).toBe(true);
    expect(r.city).toBe('永济');
    expect(r.citations.every((c) => c.city === '永济')).toBe(true);
    expect(r.answer).toContain('残疾人免费乘坐市内公共汽车');
  });

  it('济宁的呢？ after a 青州 question answers 济宁 (残疾人法律援助)', () => {
    const r = ask('济宁的呢？', ['青州残疾人法律援助有什么规定']);
    expect(r.answered).toBe(true);
    expect(r.citations.every((c) => c.city === '济宁')).toBe(true);
    expect(r.citations[0]?.text).toContain('法律援助');
  });

  it('这个找哪个部门？ after 济宁 法律援助 names that item’s lead departments (市委统战部、市司法局、市公安局)', () => {
    const r = ask('这个找哪个部门？', ['济宁残疾人法律援助有什么规定']);
    expect(r.answered).toBe(true);
    expect(r.intent).toBe('department');
    expect(r.citations[0]?.city).toBe('济宁');
    expect(r.answer).toContain('牵头单位是市委统战部、市司法局、市公安局');
  });
});

describe('everyday paraphrases', () => {
  it.each([
    ['有没有人能替我几天，让我喘口气', '青州', '“喘息服务”'],
    ['我没钱，请不起律师，怎么办？', '济宁', '法律援助'],
    ['残疾人冬天能去滑冰滑雪吗？', '双鸭山', '冰雪运动'],
    ['残疾证有没有证件的电子版？', '永济', '残疾人证电子证照'],
    ['残疾孩子去单位实习，有没有生活费？', '济宁', '残疾青年见习补贴'],
  ])('%s (%s) → a clause with %s', (question, city, phrase) => {
    const r = ask(question, [], city);
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.city).toBe(city);
    expect(r.citations.slice(0, 2).some((c) => c.text.includes(phrase))).toBe(true);
  });
  it('药钱 is what the plans call 药物: 精神病人长期吃药，药钱能走医保吗 quotes the drug-treatment clause (双鸭山)', () => {
    const r = ask('双鸭山精神病人长期吃药，药钱能走医保吗？');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('按规定做好重性精神病药物维持治疗参保患者门诊保障工作');
  });
});

describe('everyday verbs for what the plans do', () => {
  it('放宽 is what the plans call 扩大: 年龄以后能放宽吗 after 康复救助管到几岁 quotes 扩大救助年龄范围 (双鸭山)', () => {
    const r = ask('年龄以后能放宽吗？', ['双鸭山残疾孩子康复救助管到几岁']);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('扩大救助年龄范围');
  });
});

describe('homophones from speech recognition and pinyin input', () => {
  it.each([
    ['孤独症孩子抗复训练有补助吗', '济宁', '康复'],
    ['重度残疾人互理不贴', '张掖', '护理补贴'],
    ['残疾正电子证照', '张掖', '残疾人证电子证照'],
    ['新生儿晒查', '青州', '筛查'],
    // 护理 alone is an everyday word (照护); heard across it, 护理不贴 is the plan's 护理补贴.
    ['俺家娃是三级智力残疾 村里说护理不贴只给一级二级的 三级的有没有', '双鸭山', '护理补贴扩大到三、四级'],
  ])('%s (%s) → a clause with %s', (question, city, phrase) => {
    const r = ask(question, [], city);
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.city).toBe(city);
    expect(r.citations[0]?.text).toContain(phrase);
  });

  it('pinyin typed as letters: hulibutie (张掖) → 护理补贴', () => {
    const r = ask('hulibutie', [], '张掖');
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain('重度残疾人护理补贴');
  });

  it('pinyin typed as letters: hu li bu tie 怎么申请 (张掖) → 护理补贴, whose plan gives no way to apply (only that applying goes 跨省通办)', () => {
    const r = ask('hu li bu tie 怎么申请', [], '张掖');
    expect(r.answered).toBe(false);
    expect(r.answer.startsWith('张掖的规划没有写明具体的申请办理流程。')).toBe(true);
    expect(r.citations[0]?.text).toContain('重度残疾人护理补贴');
  });

  it('typed pinyin of a plan word wins over an everyday word inside it: wu zhang ai gai zao is 无障碍改造, not AI', () => {
    const r = ask('wu zhang ai gai zao', [], '青州');
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain('无障碍改造');
  });

  it('a mis-heard word is made of whole words: 身子动不了 stands for no 自动', () => {
    const r = ask('我老伴半边身子动不了，政府能派人上门照顾吗', [], '张掖');
    expect(r.citations.every((c) => !c.text.includes('自动'))).toBe(true);
  });

  it('the operator search finds 护理补贴 from 护理不贴 and 喘息服务 from 喘口气', () => {
    expect(deps.search('张掖 护理不贴', { city: null, limit: 3 })[0]?.text).toContain('护理补贴');
    expect(deps.search('喘口气', { city: '青州', limit: 3 })[0]?.text).toContain('“喘息服务”');
  });

  it('the operator search ranks a comparison of targets like ask does: the cities’ indicator rows first', () => {
    const hits = deps.search('青州、济宁、张掖2025年残疾人基本康复服务覆盖率的目标分别是多少？', {
      city: null,
      limit: 3,
    });
    expect(hits.map((h) => h.city).sort()).toEqual(['张掖', '济宁', '青州']);
    expect(hits.every((h) => h.text.includes('残疾人基本康复服务覆盖率'))).toBe(true);
  });
});

describe('near misses: the plan is on the topic but does not state the detail', () => {
  it.each([
    ['青州重度残疾人护理补贴一个月给多少钱？', '具体金额或标准'],
    // What is asked names nothing of its own: it asks of the story's 护理员, which 见习…最低工资标准 does not name.
    ['济宁给残疾人做护理的护理员，一个月工资多少？', '具体金额或标准'],
    ['济宁残疾人托养中心什么时候建好？', '具体时间或期限'],
    ['济宁办残疾人证要带哪些材料？', '需要的材料'],
    ['济宁残联法律援助的电话是多少？', '电话、地址等联系方式'],
  ])('%s → answered false, says the plan does not give %s, quotes what it does say', (question, what) => {
    const r = ask(question);
    expect(r.answered).toBe(false);
    expect(r.answer).toContain(`没有写明${what}`);
    expect(r.citations).toHaveLength(1);
    expect(r.answer).toContain(r.citations[0]?.city ?? '-');
  });

  it('有创业补贴吗？给多少？ is answered, and says the amount is not stated (济宁: 按规定给予)', () => {
    const r = ask('残疾人自主创业有补贴吗？给多少？', [], '济宁');
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain('残疾人自主创业灵活就业补贴');
    expect(r.answer).toContain('规划没有写明具体金额或标准');
  });

  it('有见习补贴吗？给多少？ is answered with the standard it is pegged to (济宁: 不低于当地最低工资标准)', () => {
    const r = ask('残疾青年去单位见习有补贴吗？给多少？', [], '济宁');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('在见习期间给予不低于当地最低工资标准的基本生活费');
    expect(r.answer).not.toContain('没有写明');
  });

  it('要不要买票 asks whether it is free, answered by 免费进入 (张掖), without a 按规定 note from another sentence', () => {
    const r = ask('我是残疾人 周末想去公园转转 还有那个博物馆 俺自己要不要买票啊 咱这咋规定的', [], '张掖');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('残疾人凭残疾人证可免费进入体育馆（场）、图书馆、博物馆、公园');
    expect(r.answer).not.toContain('按规定');
  });
});

describe('how many people a question asks of', () => {
  it('一年能帮多少个孩子 puts the clause that counts them first (张掖 天使康复计划: 每年为500名…)', () => {
    // Told, then asked (…有给孩子做康复的项目吗，一年能帮… asks both, and quotes the 天使康复 task first).
    const r = ask('张掖给残疾孩子做康复，一年能帮多少个孩子');
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain('每年为500名0-16岁符合条件的残疾儿童少年提供手术');
  });
});

describe('nonsense and places without a plan', () => {
  it('飞碟驾照怎么考 (one plan word, 驾驶, in nonsense) → no answer', () => {
    expect(ask('飞碟驾照怎么考').answered).toBe(false);
  });

  it('an animal said in one character is a thing the plans lack (养狗补贴), unless it names again their 导盲犬', () => {
    const dog = ask('张掖的残疾人养宠物狗，有没有养狗补贴？');
    expect(dog.answered).toBe(false);
    expect(dog.answer).toContain('没有关于“狗”的内容');
    const guide = ask('我眼睛看不见平时带着导盲犬，坐公交的时候带着狗能上车不', [], '济宁');
    expect(guide.answered).toBe(true);
    expect(guide.citations[0]?.text).toContain('导盲犬');
  });

  // 西安 and 长沙 also name districts elsewhere (辽源's 西安区): a name shared by places without a plan is still one.
  it.each(['鞍山', '平舆', '顺德', '西安', '长沙'])('%s → the honest "no plan for that place"', (place) => {
    const r = ask(`${place}的残疾人有护理补贴吗？`);
    expect(r.answered).toBe(false);
    expect(r.answer).toContain(`没有${place}的规划`);
  });

  // 延长 (a county of 延安), 城北 (a district of 西宁) and 上高 (a county of 宜春) are also everyday words.
  it.each([
    ['残疾人就业补贴期限能延长吗', '济宁'],
    ['城北那边有没有残疾人托养机构', '青州'],
    ['电动轮椅能上高速吗', '济宁'],
  ])('%s (%s): an everyday word that is also a county’s name is no other place', (question, city) => {
    const r = ask(question, [], city);
    expect(r.answer).not.toContain('这里只收录了');
    expect(r.city).toBe(city);
  });

  it('潍坊, which holds 青州, is no other place in a 青州 conversation, and still one asked about alone', () => {
    const r = ask('这回是第几届？还去潍坊参加吗', ['青州开不开残疾人运动会']);
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain('选拔优秀运动员参加潍坊市第十二届残疾人运动会');
    expect(ask('潍坊的残疾人有护理补贴吗').answer).toContain('没有潍坊的规划');
  });

  it('a place said to be elsewhere (在外地 哈尔滨那边) is where the child goes, in the city chosen: 双鸭山 异地康复', () => {
    const r = ask('孩子在外地 哈尔滨那边做康复训练 一家人跟过去租房子 有补贴吗', [], '双鸭山');
    expect(r.answered).toBe(true);
    expect(r.citations.slice(0, 3).some((c) => c.text.includes('对异地接受康复训练的残疾儿童家庭给予生活补贴'))).toBe(
      true,
    );
  });

  it('a place where the child is treated (在北京做康复) with home named (老家这边) is no place asked about: 济宁 chosen', () => {
    const r = ask('孩子在北京做康复训练，老家这边给不给补贴？', [], '济宁');
    expect(r.answer).not.toContain('没有北京的规划');
    expect(r.answered).toBe(true);
    expect(ask('我在北京，残疾人有什么补贴？', [], '济宁').answer).toContain('没有北京的规划');
  });

  it('上高县 by its full name is still a place without a plan', () => {
    expect(ask('我在上高县，残疾人两项补贴标准是多少？').answer).toContain('没有上高县的规划');
  });

  it('a county of one of the plans (山丹县, from the gazetteer) is answered from its plan (张掖)', () => {
    const r = ask('山丹县的重度残疾人有护理补贴吗？');
    expect(r.city).toBe('张掖');
    expect(r.citations[0]?.city).toBe('张掖');
  });
});

describe('the asker’s situation', () => {
  it('a grown-up 孩子 (二十岁) is no 儿童: 永济 托养 for working-age adults, quoting who qualifies', () => {
    const r = ask('孩子二十岁，智力残疾，能去托养吗', [], '永济');
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.id).toBe('yongji-3-1-3');
    expect(r.answer).toContain('为就业年龄段（16~59周岁）智力、精神和重度肢体残疾人提供托养服务');
    expect(r.citations.every((c) => !c.text.includes('学前'))).toBe(true);
  });

  it('an eligibility question quotes the sentence that states the age band (永济 3-1-3: 16~59周岁)', () => {
    const r = ask('永济 托养服务 年龄范围 多大能去');
    expect(r.citations.some((c) => c.id === 'yongji-3-1-3')).toBe(true);
  });
});

describe('the asker’s situation in unpunctuated speech', () => {
  it.each([
    ['张掖的电动轮椅有补贴吗就是俺老娘坐的电动轮椅哈咋整能申请', '有条件的县区为残疾人发放电动轮椅车补贴'], // 老娘 is who
    [
      '那个青州这边我孩子耳朵先天听不见想做那个人工耳朵不对是人工耳蜗有没有救助',
      '为符合条件的听力残疾儿童实施人工耳蜗植入救助手术',
    ], // 耳朵|先天 is how
    ['俺是双鸭山种地的残疾人家里养了几头牛农业保险那个保费有补贴没', '给予农业保险投保费用补贴'], // 几|头牛 is the living
    [
      '张掖的 俺家靠种地养羊 俺是残疾人 种的庄稼 养的羊 上保险 有没有补贴',
      '对自愿投保并符合农业保险政策规定的残疾人家庭种植养殖项目给予农业保险保费补贴',
    ], // 养羊 is the living, so 养的羊 is no animal asked for
    [
      '那个我问一下张掖这边残疾人坐公交嗯是不是拿残疾正就能办免费的公交卡噻',
      '落实残疾人凭残疾人证办理免费公交卡优惠政策',
    ], // 噻 is a particle
    [
      '嗯 我是永济的 我儿子智力残疾 今年二十五了 然后白天家里没人 就他一个人在屋里 就是 有没有那种拖养的地方 能不能送过去',
      '加大为就业年龄段（16~59周岁）智力、精神和重度肢体残疾人提供托养服务',
    ], // 拖养的地方: a place for 托养
    ['双鸭山俺想在网上开店卖东西残疾人有没有扶持 就是电商那种', '支持残疾人通过电子商务平台实现就业创业'], // 卖东西 names nothing
    ['你好济宁的孩子是自闭症上学是不是免费的上到高中也免费不', '全面落实残疾儿童少年15年免费教育'], // 孩子是自闭症: how the child is
    ['张掖的重度残疾人家里能不能排上看电影游园那个五个一', '看一场电影、游一次园'], // 游园 said apart: 游一次园
  ])('%s', (question, clause) => {
    const r = ask(question);
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain(clause);
  });
});

describe('a city’s name mis-heard', () => {
  it('清州 is 青州 as a recogniser writes it: 青州’s 合理便利 for exams', () => {
    const r = ask('清州这边嗯残疾人考试就是参加高考有没有那个合理便利比如大字的卷子');
    expect(r.answered).toBe(true);
    expect(r.city).toBe('青州');
    expect(r.answer).toContain('为残疾人学生参加国家教育考试和部分职业考试提供合理便利');
  });

  it('双鸭三 is 双鸭山 up to a merged sound, also beside a place without a plan (娃在哈尔滨做康复)', () => {
    const r = ask('俺家娃在哈尔滨做康复训练 俺们租房子陪着 就是想问问双鸭三给不给点生活上的补贴');
    expect(r.city).toBe('双鸭山');
    expect(r.answer).not.toContain('没有哈尔滨的规划');
    expect(r.citations.slice(0, 3).some((c) => c.text.includes('对异地接受康复训练的残疾儿童家庭给予生活补贴'))).toBe(
      true,
    );
  });
});

describe('what a not-found answer points to', () => {
  it('names a heading two plans share once (完善残疾人教育体系 is a heading in more than one plan)', () => {
    const r = ask('驾照考试怎么报名');
    expect(r.answered).toBe(false);
    const near = [...r.answer.matchAll(/“([^”]+)”/g)].map((m) => m[1]);
    expect(near.length).toBeGreaterThan(0);
    expect(new Set(near).size).toBe(near.length);
  });
});

describe('the plan’s text before its box entry, and words that only seem to name a thing', () => {
  it('青州的镇上会建残疾人之家吗 quotes the task (2-1-2, 镇 services) and cites the 如康家园 box entry after it', () => {
    const r = ask('青州的镇上会建残疾人之家吗');
    expect(r.citations.map((c) => c.id).slice(0, 2)).toEqual(['qingzhou-2-1-2', 'qingzhou-box2-1']);
  });

  it.each([
    // 好几千 tells a price paid: it asks no amount.
    ['我买电动轮椅花了好几千，有补贴吗', '张掖', '有条件的县区为残疾人发放电动轮椅车补贴'],
    // 还给 is 还 + 给: a verb of giving, no unknown act before 救助.
    ['孩子七岁了，过了六岁还给康复救助不', '双鸭山', '0—6周岁儿童康复救助'],
    // 县里 says where: 县里开发的 names no new thing.
    ['县里开发的公益性岗位有给残疾人留的吗', '双鸭山', '残疾人公益性岗位数量不少于人社部门开发总量的10%'],
    // 啥意思 asks what a word means: 意思 is no thing the plans lack.
    ['喘息服务是啥意思', '青州', '探索实施为有需求的残疾人家庭提供“喘息服务”'],
  ])('%s (%s) is answered', (question, city, quoted) => {
    const r = ask(question, [], city);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain(quoted);
  });

  it('投多少钱 is answered by an investment (张掖: 投资 1800 万元 for 山丹县’s centre)', () => {
    const r = ask('山丹县新建的残疾人托养中心投多少钱');
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('投资 1800 万元');
  });
});

describe('a thing that broke is no person', () => {
  it.each([
    ['我家那个轮椅坏了，它能申请护理补贴吗', '双鸭山', '轮椅'],
    ['我的电动车摔坏了一个轮子，算不算残疾，永济能给补贴吗', '永济', '电动车'],
    ['我的轮椅坏了好几年了，它算不算残疾，能不能享受无障碍改造', '永济', '轮椅'],
    ['我家拖拉机少了一个轮子，算不算残疾，能领护理补贴吗', '双鸭山', '拖拉机'], // a part missing
    ['双鸭山的残疾鸭子能不能领重度残疾人护理补贴？', '双鸭山', '鸭子'], // an animal brought in as 的残疾…
    // A thing brought in as one's own and asked what only a person can have (残疾证, 低保).
    ['我那根拐杖旧了，拐杖能申请低保吗', '张掖', '拐杖'],
    ['能不能给我家的助听器也办个残疾证', '青州', '助听器'],
  ])('%s (%s) is told the plans’ benefits are people’s', (question, city, thing) => {
    const r = ask(question, [], city);
    expect(r.answered).toBe(false);
    expect(r.answer).toContain(`补贴和服务是给残疾人的，没有给“${thing}”的规定`);
  });

  it('a broken leg is a person’s (我腿摔坏了，算不算残疾), and a broken wheelchair may be mended (济宁 3-3-5)', () => {
    expect(ask('我腿摔坏了，算不算残疾', [], '济宁').answer).not.toContain('是给残疾人的');
    const mend = ask('轮椅坏了能修吗，有补贴吗', [], '济宁');
    expect(mend.answered).toBe(true);
    expect(mend.citations[0]?.id).toBe('jining-3-3-5');
    expect(ask('我家的孩子能办残疾证吗', [], '济宁').answer).not.toContain('是给残疾人的');
  });
});

describe('everyday things the plans never name are words, not characters', () => {
  it.each([
    ['永济残疾人买房子契税能免不', '永济', '契税'],
    ['张掖残疾人学驾照，驾校学费能减免吗', '张掖', '驾校'],
  ])('%s (%s) names %s as missing', (question, city, thing) => {
    const r = ask(question, [], city);
    expect(r.answered).toBe(false);
    expect(r.answer).toContain(`的规划里没有关于“${thing}”的内容`);
  });

  it('硬指标 is an everyday word for 约束性 (青州 困难残疾人生活补贴覆盖率, 约束性)', () => {
    const r = ask('青州困难残疾人生活补贴是不是人人都能覆盖到？这个是硬指标吗？');
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.id).toBe('qingzhou-box1-2');
    expect(r.answer).toContain('约束性');
  });
});

describe('a town named in full', () => {
  it('何官镇 names 青州 even where jieba cuts 何官|镇南 (俺是何官镇南张楼村的…)', () => {
    const r = ask('俺是何官镇南张楼村的 俺家房子是危房 俺是残疾人低保户 能不能先给俺改造');
    expect(r.city).toBe('青州');
    expect(r.answer).toContain('农村危房改造优先解决符合低收入群体条件的残疾人家庭住房安全问题');
  });
});

describe('everyday words for plan terms', () => {
  it.each([
    // 残疾老人 is the plans' 老年残疾人, which 双鸭山 writes 残疾老年人
    ['双鸭山的养老院收不收残疾老人？', [], null, '接收符合条件的盲人、聋人等残疾老年人'],
    // 方便 is the plans' 便利 (济宁: 为残疾人提供就医便利)
    ['邹城的残疾人去医院看病有啥方便的？', [], null, '为残疾人提供就医便利'],
    // 门面 is the shop a business starts in: 创业场所租赁补贴
    ['济宁残疾人开小卖部，租门面的钱政府给补吗', [], null, '按规定给予创业场所租赁补贴'],
    // 牌子 is a 品牌: 打造“齐鲁手创”盲人按摩品牌
    ['有没有统一打造的牌子？', ['盲人按摩有什么扶持？'], '济宁', '打造“齐鲁手创”盲人按摩品牌'],
    // 这类人 is no 类人 (jieba's word for a humanoid)
    ['我是弥河镇的，家里老人瘫在床上，镇上有没有能集中照顾这类人的地方？', [], null, '可建立集中照护服务机构'],
    // 找到工作 is 就业, 马上停 asks of the 渐退期
    ['残疾人找到工作后低保是不是马上停？我是双鸭山的', [], null, '给予一定时间的渐退期'],
    // 三轮摩托 is the 机动轮椅车 (said so, too)
    [
      '俺是永济开张镇的腿有残疾平常开那个残疾人三轮摩托出门全靠它加油能补点不',
      [],
      null,
      '落实残疾人机动轮椅车燃油补贴',
    ],
    // 打电话上网 are 电信业务资费
    ['打电话上网呢？', ['残疾人家里用水用电有优惠吗？'], '永济', '电信业务资费优惠政策'],
    // 能带 is a modal and a verb (能带着我们干), not physics' energy band
    ['卿头镇我们几个残疾人搞种植，有没有能带着我们干的就业帮扶基地？', [], null, '农民合作社'],
    // a place the asker once worked in is no other place (以前在济南干推拿, the city chosen)
    [
      '我眼睛看不见以前在济南给人家干推拿现在回老家了想开个按摩店政府对盲人按摩有没有扶持',
      [],
      '青州',
      '完善盲人按摩产业扶持政策，加大对盲人按摩机构和盲人按摩从业人员的扶持力度',
    ],
    // 立马 is an adverb (jieba tags it a place), 缓一阵子 asks of the 渐退期
    ['俺是吃低保的 腿有残疾 找了个看大门的活 永济是收入一超就立马停吗 还是能缓一阵子', [], null, '渐退期'],
    // 单独出题考试 is 单考单招
    ['俺娃眼睛是低视力 明年就高考了 听说有的大学专门招残疾学生 单独出题考试 济宁有这个说法吗', [], null, '单考单招'],
    // 种庄稼 is 种植
    [
      '俺在双鸭山屯子里种庄稼养猪买农业保险有没有补贴啊',
      [],
      null,
      '从事种植、养殖困难残疾人家庭给予农业保险投保费用补贴',
    ],
  ])('%s → %s', (question, history, city, quote) => {
    const r = ask(question, history, city);
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain(quote);
  });

  it('公家的 is what residents say for 公共 and 考场 for 考试: neither is named as missing', () => {
    const bus = ask('俺们永济的那个残疾人就是出门坐那个公家的公交车要钱不');
    expect(bus.answered).toBe(true);
    expect(bus.answer).toContain('残疾人免费乘坐市内公共汽车');
    const exam = ask('残疾孩子参加考试，考场上能给啥方便？', [], '济宁');
    expect(exam.answered).toBe(true);
    expect(exam.answer).not.toContain('考场');
  });

  it('quotes the sentence holding the question’s informative words (考试), not the one holding its common ones (残疾儿童)', () => {
    const r = ask('残疾孩子参加考试，考场上能给啥方便？', [], '济宁');
    expect(r.citations[0]?.id).toBe('jining-3-4-1');
    expect(r.answer).toContain(
      '“继续实施残疾人大学生励志助学项目，为残疾学生参加国家教育考试和职业考试提供合理便利。”',
    );
    expect(r.answer).not.toContain('残疾儿童学前教育');
  });

  it('济宁 按比例就业 (a figure word, but not answered by a row) also cites the box entry setting the quotas (编制50人以上)', () => {
    const r = ask('济宁 按比例就业', [], '济宁');
    expect(r.citations[0]?.id).toBe('jining-3-2-2');
    expect(r.citations.slice(0, 3).map((c) => c.id)).toContain('jining-box4-1');
  });

  it('who said it (听村里人说) is a speaker, not a thing asked of the plans: 张掖’s 乘坐公共交通工具 clause answers', () => {
    const r = ask('听村里人说张掖残疾人坐公交车不要钱，是真的吗');
    expect(r.answered).toBe(true);
    expect(r.answer).not.toContain('村里人');
    expect(r.citations[0]?.id).toBe('zhangye-3-1-5');
  });
});
