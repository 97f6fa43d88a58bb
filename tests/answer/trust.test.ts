// Answers residents can trust (issue 19's public examples): decline what the plans do not say and name what is missing,
// tell requests from questions, hear unpunctuated speech, and compare every named city. Expected clauses read from
// corpus/*.txt.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/runtime/services.ts';
import { testServices } from '../services.ts';

let deps: Services;
beforeAll(async () => {
  deps = await testServices();
});

describe('declining what the plans do not say', () => {
  it.each([
    ['残疾人买房能少交契税吗？我在双鸭山', '双鸭山'],
    ['张掖残疾人开车走高速免不免过路费？', '张掖'],
    ['残疾人能不能去月球上做康复？', null],
  ])('%s → answered: false, pointing to 12385', (question, city) => {
    const r = deps.ask({ question });
    expect(r.answered).toBe(false);
    expect(r.answer).toContain('12385');
    if (city) expect(r.answer.startsWith(`${city}的规划`) || r.answer.startsWith(`没有在${city}的规划`)).toBe(true);
  });

  it('never names 机会 (a chance) as the thing the plans lack: it names no thing of its own', () => {
    const r = deps.ask({ question: '张掖的盲人想学医疗按摩，有没有进一步学习的机会？' });
    expect(r.answer).not.toContain('“机会”');
  });

  it('names the thing the plans do not speak of (月球), offering near topics as related only', () => {
    const r = deps.ask({ question: '残疾人能不能去月球上做康复？' });
    expect(r.answer).toContain('没有关于“月球”的内容');
    expect(r.answer).toContain('但它们说的不是这件事');
    expect(r.citations).toEqual([]);
  });

  it('declines 驾校 asked first and a sum asked next (…有没有补贴，一次能补多少？), naming it', () => {
    const r = deps.ask({ question: '张掖残疾人想学车，驾校学费有没有补贴，一次能补多少？' });
    expect(r.answered).toBe(false);
    expect(r.answer.startsWith('张掖的规划里没有关于“驾校”的内容')).toBe(true);
  });

  it('declines 济宁 暖气费 (济宁 has no 水、电、气、暖 clause), naming it', () => {
    const r = deps.ask({ question: '济宁残疾人家里冬天的暖气费能不能减免？' });
    expect(r.answered).toBe(false);
    expect(r.answer.startsWith('济宁的规划里没有关于“暖气费”的内容')).toBe(true);
    expect(r.answer).toContain('12385');
  });

  it('declines 青州 燃气费 the same way (a fee is a thing, though jieba tags a lone 费 a verb); 永济 answers it', () => {
    const qingzhou = deps.ask({ question: '青州残疾人家里的燃气费能不能减免' });
    expect(qingzhou.answered).toBe(false);
    expect(qingzhou.answer.startsWith('青州的规划里没有关于“燃气费”的内容')).toBe(true);
    const yongji = deps.ask({ question: '永济残疾人家里的燃气费能不能减免' });
    expect(yongji.answered).toBe(true);
    expect(yongji.citations[0]?.text).toContain('落实低收入残疾人家庭生活用水、电、气、暖优惠补贴政策');
  });

  it('declines a certificate for a cat brought in by 我家 (我家猫三条腿算残疾吗能办证吗)', () => {
    const r = deps.ask({ question: '我家猫三条腿算残疾吗能办证吗', city: '青州' });
    expect(r.answered).toBe(false);
    expect(r.answer).toContain('没有给“猫”的规定');
    const device = deps.ask({ question: '我家猫三条腿，青州能给它配个辅助器具吗' });
    expect(device.answered).toBe(false);
    expect(device.answer).toContain('没有给“猫”的规定');
  });

  it('answers the same question for 永济, whose plan has the clause (生活用水、电、气、暖优惠补贴)', () => {
    const r = deps.ask({ question: '永济残疾人家里冬天的暖气费能不能减免？' });
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain('落实低收入残疾人家庭生活用水、电、气、暖优惠补贴政策');
  });

  it('names an abbreviation no plan holds as the thing missing (房贷: jieba tags it j, not n)', () => {
    const r = deps.ask({ question: '用残疾人证办房贷有优惠吗', city: '济宁' });
    expect(r.answered).toBe(false);
    expect(r.answer.startsWith('济宁的规划里没有关于“房贷”的内容')).toBe(true);
  });

  it('names a benefit for an act no plan speaks of as missing (考研补贴: 考研 is in no clause, 补贴 in many)', () => {
    const r = deps.ask({ question: '张掖残疾人考研有没有考研补贴？' });
    expect(r.answered).toBe(false);
    expect(r.answer.startsWith('张掖的规划里没有关于“考研补贴”的内容')).toBe(true);
  });

  it.each([
    ['济宁残疾人离婚有没有补助', '济宁', '离婚补助'],
    ['张掖残疾人结婚能不能领补贴', '张掖', '结婚补贴'],
    ['永济残疾人结婚有没有一次性补贴？', '永济', '结婚补贴'],
    ['双鸭山残疾人结婚登记有啥优惠', '双鸭山', '结婚优惠'],
  ])('%s: a benefit asked for an act no plan speaks of, with asking words between', (question, city, named) => {
    const r = deps.ask({ question });
    expect(r.answered).toBe(false);
    expect(r.answer.startsWith(`${city}的规划里没有关于“${named}”的内容`)).toBe(true);
  });

  it('reads 听说 as how the asker heard of a benefit, not an act it is for (听说有专门救助脑瘫孩子的)', () => {
    const r = deps.ask({ question: '听说有专门救助脑瘫孩子的？我家孩子就是脑瘫', city: '青州' });
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain('推动脑瘫儿童残疾预防、筛查诊断、康复医疗、康教融合等全链条一体化救助');
  });

  it('names a driving licence as missing (青州残疾人考驾照体检有什么具体要求): the plans speak of 驾驶, never of 驾照', () => {
    const r = deps.ask({ question: '青州残疾人考驾照体检有什么具体要求' });
    expect(r.answered).toBe(false);
    expect(r.answer.startsWith('青州的规划里没有关于“驾照”的内容')).toBe(true);
  });

  it.each([
    ['济宁残疾人考公务员能加分吗', '济宁', '加分'],
    ['张掖 残疾人 能不能提前退休', '张掖', '退休'],
  ])('%s: an everyday thing of things.txt no plan names is named as missing', (question, city, named) => {
    const r = deps.ask({ question });
    expect(r.answered).toBe(false);
    expect(r.answer.startsWith(`${city}的规划里没有关于“${named}”的内容`)).toBe(true);
  });

  it('still answers driving itself (残疾人自己开车，有啥政策？ 青州): 完善残疾人驾驶汽车政策', () => {
    const r = deps.ask({ question: '残疾人自己开车，有啥政策？', city: '青州' });
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('完善残疾人驾驶汽车政策');
  });

  it('says which hospital is not stated (张掖做残疾评定要去哪个医院), quoting the 残疾评定补贴 entry', () => {
    const r = deps.ask({ question: '张掖做残疾评定要去哪个医院？' });
    expect(r.answered).toBe(false);
    expect(r.answer.startsWith('张掖的规划没有写明具体地址或地点。')).toBe(true);
    expect(r.answer).toContain('为低收入和重度残疾人残疾评定提供补贴和便利服务。');
  });

  it('still answers a benefit for an act the plans name (济宁 残疾人创业有没有补贴)', () => {
    const r = deps.ask({ question: '济宁残疾人创业有没有补贴' });
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('对残疾人自主创业就业、参加就业见习和职业技能培训，按规定给予补贴。');
  });

  it('reads an amount as stated only of what most of the asked things name (永济 暖气费: 200元/月 is for children)', () => {
    const r = deps.ask({ question: '永济低收入残疾人家庭的暖气费每年补贴多少钱' });
    expect(r.answered).toBe(false);
    expect(r.answer.split('。')[0]).toBe('永济的规划没有写明具体金额或标准');
    expect(r.citations[0]?.text).toContain('落实低收入残疾人家庭生活用水、电、气、暖优惠补贴政策');
  });

  it('names 密码 as missing (青州如康家园的WiFi密码): a word ending in 码 is a thing unless it counts (号码, 尺码)', () => {
    const r = deps.ask({ question: '青州如康家园的WiFi密码是多少？' });
    expect(r.answered).toBe(false);
    expect(r.answer.split('，')[0]).toBe('青州的规划里没有关于“密码”的内容');
  });

  it('declines a benefit for an animal named with a part of its body (俺家的牛腿断了) or a 骆驼, naming the animal', () => {
    const cow = deps.ask({ question: '俺家的牛腿断了站不起来，能领重度残疾人护理补贴不？青州的' });
    expect(cow.answered).toBe(false);
    expect(cow.answer).toContain('没有给“牛”的规定');
    const camel = deps.ask({ question: '张掖这边俺家骆驼前腿叫石头砸断了算不算残疾能不能享受残疾补贴' });
    expect(camel.answered).toBe(false);
    expect(camel.answer).toContain('没有给“骆驼”的规定');
  });

  it('reads 坐高铁 as 坐 and the thing 高铁: 免费乘坐市内公共交通 says nothing of a train fare (济宁)', () => {
    const r = deps.ask({ question: '济宁残疾人坐高铁能免票吗？' });
    expect(r.answered).toBe(false);
    expect(r.answer.split('，')[0]).toBe('济宁的规划里没有关于“高铁”的内容');
  });

  it('reads a year’s end set as a deadline (双鸭山 各县（区）: 在2022年底前制定出台…实施方案)', () => {
    const r = deps.ask({ question: '尖山区政府落实残疾人规划的实施方案，最晚什么时候要出台？' });
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('在2022年底前制定出台本县（区）落实“十四五”残疾人保障和发展规划实施方案');
  });

  it('says a plan never states whether a place has room now (张掖托养中心还有没有空床位)', () => {
    const r = deps.ask({ question: '张掖的残疾人托养中心现在还有没有空床位？' });
    expect(r.answered).toBe(false);
    expect(r.answer.split('。')[0]).toBe('张掖的规划没有写明现在是否还有空位或名额');
  });

  it('reads 取暖|费 as one thing paid for, named by 暖 (永济 取暖费: jieba cuts off 费; 200元/月 is for children)', () => {
    const r = deps.ask({ question: '永济残疾人家里冬天烧暖气，每户能补多少取暖费？' });
    expect(r.answered).toBe(false);
    expect(r.answer.split('。')[0]).toBe('永济的规划没有写明具体金额或标准');
    expect(r.answer).toContain('落实低收入残疾人家庭生活用水、电、气、暖优惠补贴政策');
  });

  it('reads a sum pegged to a standard as stated (济宁 见习), not as that standard’s own amount; an investment asked, by its sum', () => {
    const pegged = deps.ask({ question: '济宁残疾青年见习期间一个月给多少钱' });
    expect(pegged.answered).toBe(true);
    expect(pegged.answer).toContain('在见习期间给予不低于当地最低工资标准的基本生活费');
    const invested = deps.ask({ question: '张掖甘州区的残疾人托养中心投资了多少钱' });
    expect(invested.answered).toBe(true);
    expect(invested.answer).toContain('投资 5300 万元，新建 9400 平方米的甘州区残疾人托养中心');
    const built = deps.ask({ question: '山丹县的 俺听说要建个残疾人托养就业中心 建了没有 花多少钱' });
    expect(built.answered).toBe(true);
    expect(built.answer).toContain('投资 1800 万元，新建山丹县残疾人托养服务就业中心');
    const standard = deps.ask({ question: '青州最低工资标准是多少钱' });
    expect(standard.answered).toBe(false);
    expect(standard.answer.split('。')[0]).toBe('青州的规划没有写明具体金额或标准');
  });

  it('asks a standard’s amount of a sentence naming it: 永济’s 200元/月 for children in rehabilitation is no 低保标准', () => {
    const r = deps.ask({ question: '永济现在的低保标准是每人每月多少钱？' });
    expect(r.answered).toBe(false);
    expect(r.answer.split('。')[0]).toBe('永济的规划没有写明具体金额或标准');
  });

  it('hears everyday words for plan terms: 路费 (永济 交通费), 五年计划 (the plan itself, not a missing thing)', () => {
    const fare = deps.ask({ question: '永济孩子在外地做康复 来回路费能补吗' });
    expect(fare.answered).toBe(true);
    expect(fare.citations[0]?.text).toContain('给予不低于200元/月的生活费、交通费和房租费等补贴');
    const plan = deps.ask({ question: '济宁五年计划里残疾人家庭无障碍改造改多少户' });
    expect(plan.answered).toBe(true);
    expect(plan.answer).not.toContain('五年计划');
  });

  it('reads a fee asked (要钱吗, 几毛) as an amount: 济宁 家庭医生签约 states none', () => {
    const r = deps.ask({ question: '济宁残疾人家庭医生签约服务要钱吗' });
    expect(r.answered).toBe(false);
    expect(r.answer.split('。')[0]).toBe('济宁的规划没有写明是否收费或收费标准');
    expect(r.citations[0]?.text).toContain('稳步提升残疾人家庭医生签约服务率');
  });

  it('reads no fee in what a centre cost to build (张掖 托养中心: 投资 5300 万元)', () => {
    const r = deps.ask({ question: '张掖的残疾人托养中心怎么收费' });
    expect(r.answered).toBe(false);
    expect(r.answer.split('。')[0]).toBe('张掖的规划没有写明是否收费或收费标准');
  });

  it('quotes the clause of the plan that states the detail asked, below a better match that does not (青州 15年免费教育)', () => {
    const r = deps.ask({ question: '青州残疾孩子上高中学费要钱吗' });
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('全面落实残疾儿童少年15年免费教育');
  });

  it.each([
    // 200元/月 is for families of children in rehabilitation; 多少钱 names no thing the amount is of.
    ['永济重度残疾人护理补贴每个月给多少钱', '永济的规划没有写明具体金额或标准'],
    // 投资 5300 万元 builds the centre; it is no fee.
    ['张掖甘州区的残疾人托养中心一个月收多少钱', '张掖的规划没有写明具体金额或标准'],
    ['在青州办残疾人证要几个工作日', '青州的规划没有写明具体时间或期限'],
    ['张掖残疾人托养中心联系电话', '张掖的规划没有写明电话、地址等联系方式'],
    ['济宁残疾人申请法律援助去哪个窗口', '济宁的规划没有写明具体的申请办理流程'],
    ['济宁残疾人网上申请护理补贴用哪个APP', '济宁的规划没有写明具体的 APP、公众号或网址'],
    // A count a person gets, and a standard or requirement, are details the plan must state.
    ['济宁残疾人一年能领几个助听器', '济宁的规划没有写明具体的天数或数量'],
    ['青州残疾职工能多休几天假', '青州的规划没有写明具体的天数或数量'],
    ['张掖残疾考生参加高考能加几分', '张掖的规划没有写明具体的天数或数量'],
    ['济宁残疾人考驾照，体检有什么要求', '济宁的规划没有写明具体金额或标准'],
    // 免不免 asks whether it is free: 按比例设置…停车位 does not say.
    ['张掖残疾人去公共停车场停车，停车费免不免', '张掖的规划没有写明是否收费或收费标准'],
  ])('%s → first: %s', (question, first) => {
    const r = deps.ask({ question });
    expect(r.answered).toBe(false);
    expect(r.answer.split('。')[0]).toBe(first);
  });

  it('reads an age limit asked in so many words: stated by 永济 托养 (16~59周岁); 张掖 says none for driving', () => {
    const stated = deps.ask({ question: '永济残疾人托养服务有没有年龄限制' });
    expect(stated.answered).toBe(true);
    expect(stated.answer).toContain('就业年龄段（16~59周岁）');
    const missing = deps.ask({ question: '张掖残疾人学开车考驾照有没有年龄上限' });
    expect(missing.answered).toBe(false);
  });

  it('hears 退休了 as the pension it brings (养老保险), while 退休 itself is no plan term', () => {
    const r = deps.ask({ question: '残疾人退休了能领什么', city: '济宁' });
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain('城乡居民基本养老保险');
  });

  it('names a kind of thing made of a plan word and a head no plan has (陪护|假), not the plan word', () => {
    const r = deps.ask({ question: '济宁残疾职工的家属能请陪护假吗' });
    expect(r.answered).toBe(false);
    expect(r.answer.startsWith('济宁的规划里没有关于“陪护假”的内容')).toBe(true);
  });

  it('reads 培训多少残疾人 as asking the target row, and 场馆 as the plans’ 设施 / 场所', () => {
    const target = deps.ask({ question: '双鸭山五年打算培训多少残疾人' });
    expect(target.citations[0]?.text).toContain('城乡残疾人职业技能培训人数（人）');
    const venue = deps.ask({ question: '青州残疾人去体育场馆锻炼免费吗' });
    expect(venue.answered).toBe(true);
    expect(venue.answer).not.toContain('场馆');
  });

  it('names a year after the plan period that no cited clause names (2030年)', () => {
    const later = deps.ask({ question: '2030年济宁的残疾人生活补贴还有没有' });
    expect(later.answered).toBe(false);
    expect(later.answer.startsWith('济宁的规划里没有关于“2030年”的内容')).toBe(true);
  });

  it('hears 打什么电话 as asking the hotline the plan names (双鸭山 12385)', () => {
    const r = deps.ask({ question: '双鸭山残疾人有事打什么电话' });
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('完善残疾人服务热线“12385”');
  });

  it('hears 上大学 as 大学生 too (济宁: 继续实施残疾人大学生励志助学项目 in the clause on 高等教育)', () => {
    const r = deps.ask({ question: '那上大学呢？', history: ['济宁残疾孩子读书有补助吗'] });
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain('继续实施残疾人大学生励志助学项目');
  });

  it('reads two questions each with its question mark as asked, the first too (游艇 is in no plan)', () => {
    const r = deps.ask({ question: '济宁残疾人能不能办游艇驾照？要带什么材料？' });
    expect(r.answered).toBe(false);
    expect(r.answer.startsWith('济宁的规划里没有关于“游艇”、“驾照”的内容')).toBe(true);
  });

  it('searches a number to call (双鸭山 12348: its 公共法律服务热线 clause)', () => {
    const r = deps.ask({ question: '双鸭山 12348' });
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain('发挥“12348”公共法律服务热线作用');
  });

  it('declines a number the plan does not give (张掖 has no 12385), and answers where it does (双鸭山)', () => {
    const zhangye = deps.ask({ question: '残疾人有事打12385吗', city: '张掖' });
    expect(zhangye.answered).toBe(false);
    expect(zhangye.answer.startsWith('张掖的规划里没有关于“12385”的内容')).toBe(true);
    const shuangyashan = deps.ask({ question: '残疾人有事打12385吗', city: '双鸭山' });
    expect(shuangyashan.answered).toBe(true);
    expect(shuangyashan.answer).toContain('发挥“12385”残疾人服务热线和网络信访平台作用');
  });

  it('tells the asker a benefit asked for a guide dog (它) is for people', () => {
    const r = deps.ask({ question: '我养的导盲犬老了，它能不能领护理补贴？' });
    expect(r.answered).toBe(false);
    expect(r.answer).toContain('补贴和服务是给残疾人的，没有给“导盲犬”的规定');
  });

  it('reads an animal the message starts with as its subject (猫老了…), and still answers of a guide dog with its owner', () => {
    const cat = deps.ask({ question: '猫老了走不动了，能领护理补贴吗', city: '济宁' });
    expect(cat.answered).toBe(false);
    expect(cat.answer).toContain('补贴和服务是给残疾人的，没有给“猫”的规定');
    const dog = deps.ask({ question: '导盲犬能带上公交车吗', city: '济宁' });
    expect(dog.answered).toBe(true);
    expect(dog.citations[0]?.text).toContain('为残疾人携带辅助器具、导盲犬等乘坐公共交通工具');
  });

  it.each([
    ['我家的猫腿瘸了，在永济能给它办残疾证吗', '猫'],
    ['俺家的牛腿瘸了干不了活了能给它办个残疾证不永济的', '牛'], // 牛腿 is a word (beef shank), 腿瘸 the story
    ['俺家那头驴腿瘸了干不了活了俺想给它办个残疾证张掖这能领补贴不', '驴'],
    ['我家那只鹦鹉会学舌，在青州能去残联当手语老师吗', '鹦鹉'],
    ['我们家猫瞎了一只眼，在济宁能申请辅助器具吗', '猫'], // 我们家 brings it in as 我家 does
    ['俺家鸭子腿断了，张掖能给补贴吗', '鸭子'],
    ['青州能不能给导盲犬看病报销', '导盲犬'], // who the care is for: 给导盲犬
    ['济宁那棵老槐树歪了，能不能申请康复救助', '槐树'],
    ['张掖的残疾人能不能给自己养的狗申请护理补贴', '狗'],
    // 导盲犬 is in the plans (carried on buses), but not as one a benefit is for.
    ['济宁的导盲犬能不能领残疾人生活补贴', '导盲犬'],
  ])('%s → the plans provide for people, not for %s (with or without 它)', (question, creature) => {
    const r = deps.ask({ question });
    expect(r.answered).toBe(false);
    expect(r.answer).toMatch(new RegExp(`没有给“${creature}”的规定|没有关于“${creature}”的内容`));
    expect(r.citations).toEqual([]);
  });

  it('reads livestock counted (养了几头猪) as how the asker lives, not as the one asked for', () => {
    const r = deps.ask({ question: '俺是青州的残疾人 养了几头猪 有没有创业的补贴' });
    expect(r.answer).not.toContain('猪');
  });

  it('still answers what the plans say of guide dogs (济宁: 携带…导盲犬等乘坐公共交通工具)', () => {
    const r = deps.ask({ question: '我有只导盲犬，它能不能跟我坐公交？', city: '济宁' });
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('为残疾人携带辅助器具、导盲犬等乘坐公共交通工具、出入公共场所提供便利');
  });

  it('says first that the plan does not state the payment date (青州 生活补贴 几号发)', () => {
    const r = deps.ask({ question: '青州困难残疾人生活补贴每个月几号发到卡上？' });
    expect(r.answered).toBe(false);
    expect(r.answer.split('。')[0]).toBe('青州的规划没有写明具体的日期或开放时间');
    expect(r.citations[0]?.text).toContain('落实困难残疾人生活补贴和重度残疾人护理补贴标准动态调整机制');
  });

  it('reads an amount as stated of what its own sentence names (永济: 200元/月 is for children in rehabilitation)', () => {
    const children = deps.ask({ question: '永济孩子做康复训练，家里的生活费交通费补贴多少' });
    expect(children.answered).toBe(true);
    expect(children.answer).toContain('给予不低于200元/月的生活费、交通费和房租费等补贴');
    const allowance = deps.ask({ question: '永济市2025年困难残疾人生活补贴发放标准是多少？' });
    expect(allowance.answered).toBe(false);
    expect(allowance.answer.startsWith('永济的规划没有写明具体金额或标准')).toBe(true);
  });

  it('reads a procedure as stated only of what its sentence names (济宁 导盲犬: only carrying one on buses)', () => {
    const r = deps.ask({ question: '济宁导盲犬怎么申请' });
    expect(r.answered).toBe(false);
    expect(r.answer.startsWith('济宁的规划没有写明具体的申请办理流程')).toBe(true);
    expect(r.answer).toContain('为残疾人携带辅助器具、导盲犬等乘坐公共交通工具、出入公共场所提供便利');
  });

  it('does not read an 适配率 row as the 报销比例 asked (双鸭山 辅助器具), and reads it for the 适配率', () => {
    const share = deps.ask({ question: '双鸭山残疾人辅助器具报销比例是多少' });
    expect(share.answered).toBe(false);
    expect(share.answer.startsWith('双鸭山的规划没有写明具体比例')).toBe(true);
    const fit = deps.ask({ question: '双鸭山残疾人辅助器具适配率是多少' });
    expect(fit.answered).toBe(true);
    expect(fit.citations[0]?.text).toContain('残疾人辅助器具适配率');
  });

  it('does not read a review going online as how to apply (济宁残疾人证丢了怎么补办: 就业审核“跨省通办”)', () => {
    const r = deps.ask({ question: '济宁残疾人证丢了怎么补办' });
    expect(r.answered).toBe(false);
    expect(r.answer.startsWith('济宁的规划没有写明具体的申请办理流程')).toBe(true);
    expect(r.answer).toContain('严格规范残疾评定和残疾人证核发管理');
  });

  it('does not read a goal year as opening hours (永济 康复中心 几点开门？周末能去吗？)', () => {
    const r = deps.ask({ question: '永济市残疾人康复中心几点开门？周末能去吗？' });
    expect(r.answered).toBe(false);
    expect(r.answer).toContain('没有写明具体的日期或开放时间');
  });
});

describe('an amount asked of an act (取暖补贴), or of the earlier turn’s topic', () => {
  it('取暖补贴一年有多少钱 in 永济: the clause’s 200元/月 is for children in rehabilitation, so the amount is not stated', () => {
    const r = deps.ask({ question: '永济残疾人家庭的取暖补贴一年有多少钱' });
    expect(r.answered).toBe(false);
    expect(r.answer.startsWith('永济的规划没有写明具体金额或标准')).toBe(true);
  });

  it('听说别的地方有残疾人取暖补贴，青州有没有？ asks of 青州, whose plan says nothing of heating: declined, naming 取暖', () => {
    const r = deps.ask({
      question: '我是青州的，家里两个残疾人，冬天烧炕取暖花钱不少。听说别的地方有残疾人取暖补贴，青州有没有？',
    });
    expect(r.answered).toBe(false);
    expect(r.answer.startsWith('青州的规划里没有关于“取暖”的内容')).toBe(true);
  });

  it('a sum the story tells after the question (一年也就挣几千块) is no amount asked: 双鸭山’s 公益性岗位 clause is quoted', () => {
    const r = deps.ask({
      question: '双鸭山的公益性岗位给残疾人留多少？我爸是肢体残疾，在村里放羊，一年也就挣几千块。',
    });
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.city).toBe('双鸭山');
    expect(r.answer).toContain('公益性岗位优先安排符合条件的残疾人');
  });

  it('要不要钱 of 青州’s 城乡居民养老保险 for the severely disabled: 市政府为其代缴 states who pays, so it is answered', () => {
    const r = deps.ask({ question: '青州的重度残疾人交城乡居民养老保险要不要钱？' });
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('市政府为其代缴最低标准养老费');
  });

  it('最多能给补多少钱？ after a 危房 turn asks of 危房改造, whose sum 永济’s plan does not give', () => {
    const r = deps.ask({ question: '最多能给补多少钱？', history: ['永济残疾人家的房子是危房，政府管不管'] });
    expect(r.answered).toBe(false);
    expect(r.answer).toContain('永济的规划没有写明具体金额或标准');
    expect(r.answer).toContain('农村低收入残疾人家庭实施危房改造');
  });
});

describe('what a short question asks', () => {
  it('导盲犬能带吗 (济宁 chosen) asks whether one may, not about a thing called 能带: the guide-dog clause', () => {
    const r = deps.ask({ question: '导盲犬能带吗', city: '济宁' });
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain('为残疾人携带辅助器具、导盲犬等乘坐公共交通工具、出入公共场所提供便利');
  });

  it('目标户数 is what an indicator row gives: a target (约束性) in households (（户）)', () => {
    const r = deps.ask({ question: '济宁的无障碍改造目标户数是多少？' });
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain('困难重度残疾人家庭无障碍改造数（户）');
    expect(r.answer).toContain('＞8000');
  });

  it('多大 asks a size (jieba hears 多|大面积): a clause giving square metres answers it, not "no 大面积"', () => {
    const r = deps.ask({
      question: '那个中心投了多少钱、多大面积？',
      history: ['张掖甘州区是不是新建了残疾人托养中心'],
    });
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('新建 9400 平方米的甘州区残疾人托养中心');
  });

  it('打哪个号码 asks a number to call, as 打哪个电话 does: the hotline clause (12385) answers it', () => {
    const r = deps.ask({ question: '双鸭山残疾人有事打哪个号码？' });
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain('完善残疾人服务热线“12385”与“12345”政务服务便民热线并网后建设');
  });
});

describe('departments named in the clause itself', () => {
  it('双鸭山 has no lead-department notes: a clause listing departments (…等部门) answers 哪些部门负责', () => {
    const r = deps.ask({ question: '这个是哪些部门负责的', history: ['双鸭山有没有给残疾人家里做无障碍改造的'] });
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain('住建、乡村振兴、农业农村、民政等部门');
  });
});

describe('requests that are no policy question', () => {
  it.each([
    '我是永济的残疾人，你给我唱首歌吧',
    '给我讲个笑话',
    '你好',
    '你好 你是男的还是女的',
    '残疾人助手 谢谢你 辛苦了',
    '唱一首关于残疾人自强不息的歌给我听',
  ])('%s → what the assistant can do', (question) => {
    const r = deps.ask({ question });
    expect(r.answered).toBe(false);
    expect(r.answer).toContain('只能回答');
    expect(r.citations).toEqual([]);
  });

  it('keeps thanks followed by a question a question (谢谢，我想问一下济宁的护理补贴)', () => {
    const r = deps.ask({ question: '谢谢，我想问一下济宁的护理补贴' });
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain('落实困难残疾人生活补贴和重度残疾人护理补贴标准动态调整机制');
  });

  it('keeps a question about children who like singing a question (济宁 残疾孩子 唱歌)', () => {
    const r = deps.ask({ question: '残疾孩子喜欢画画唱歌，能学艺术、上台演出吗？' });
    expect(r.answered).toBe(true);
  });
});

describe('unpunctuated speech, with fillers and dialect', () => {
  it('finds the asking part of a long run and cites 济宁’s children’s rehabilitation', () => {
    const r = deps.ask({
      question:
        '嗯那个我是济宁的我家孩子今年五岁了医院说是孤独症就是不太说话也不看人我想问一下就是做康复训练的话政府能给补一点不',
    });
    expect(r.answered).toBe(true);
    expect(r.city).toBe('济宁');
    expect(r.citations.slice(0, 3).some((c) => c.text.includes('残疾儿童康复救助'))).toBe(true);
  });

  it('cites 青州’s 托养 clause for a dialect story without punctuation', () => {
    const r = deps.ask({
      question: '俺是青州的俺家老头子瘫床上好几年了俺自己也七十多了照顾不动了有没有地方能送过去托养的',
    });
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.city).toBe('青州');
    expect(r.citations[0]?.text).toContain('将残疾人托养纳入养老服务体系');
  });
});

describe('a list said without its marks', () => {
  it('水电气暖 is the plan’s 水、电、气、暖, not a thing it lacks', () => {
    const r = deps.ask({ question: '残疾人家里水电气暖有优惠吗', city: '双鸭山' });
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.text).toContain('落实低收入残疾人家庭生活水、电、气、暖优惠补贴政策');
  });
});

describe('taxis are no public transport', () => {
  it('declines a taxi fare: the plans’ free rides are on buses (公共交通工具), which a taxi is not', () => {
    const taxi = deps.ask({ question: '残疾人坐出租车有优惠吗', city: '济宁' });
    expect(taxi.answered).toBe(false);
    expect(taxi.answer.split('，')[0]).toBe('济宁的规划里没有关于“出租车”的内容');
    const bus = deps.ask({ question: '残疾人坐公交车免费吗', city: '济宁' });
    expect(bus.answered).toBe(true);
    expect(bus.citations[0]?.text).toContain('免费乘坐市内公共交通工具');
  });
});

describe('relatives', () => {
  it('asks for a relative the plans never name (媳妇, 父亲) without reading the word as a thing they lack', () => {
    for (const question of ['我媳妇能领护理补贴吗', '我父亲瘫痪在床能领护理补贴吗', '俺家老汉瘫在床上能领护理补贴吗']) {
      const r = deps.ask({ question, city: '济宁' });
      expect(r.answered).toBe(true);
      expect(r.citations[0]?.text).toContain('落实困难残疾人生活补贴和重度残疾人护理补贴标准动态调整机制');
    }
    // 那口子 (one's spouse): jieba cuts 那|口子.
    expect(deps.ask({ question: '俺家那口子重度残疾能领护理补贴不', city: '济宁' }).answered).toBe(true);
  });
});

describe('the body', () => {
  it('tells how a person is by a part of their body (眼睛, a disabled person’s 腿), never a thing the plans lack', () => {
    const eyes = deps.ask({ question: '俺家娃眼睛看不清有没有康复救助', city: '济宁' });
    expect(eyes.answered).toBe(true);
    expect(eyes.citations[0]?.text).toContain('实施儿童青少年视力低下、脊柱侧弯等中医干预专项');
    const legs = deps.ask({ question: '村里一个残疾人腿不行去公园要门票不', city: '张掖' });
    expect(legs.answered).toBe(true);
    expect(legs.citations[0]?.text).toContain('残疾人凭残疾人证可免费进入体育馆（场）、图书馆、博物馆');
  });
});

describe('places below the city', () => {
  it('reads 高台 (a county the 张掖 plan names only as 高台县) as 张掖', () => {
    const r = deps.ask({ question: '高台残疾人就业有什么扶持' });
    expect(r.answered).toBe(true);
    expect(r.city).toBe('张掖');
  });

  it('cites a clause that names the county asked about, also from what was done before the plan period', () => {
    const gaotai = deps.ask({ question: '高台县建了残疾人托养中心没有' });
    expect(gaotai.citations.map((c) => c.text).join('')).toContain(
      '新建市级和临泽县、高台县、民乐县、山丹县等 9 个残疾人康复、托养中心',
    );
    const ganzhou = deps.ask({ question: '甘州区有没有残疾人托养中心' });
    expect(ganzhou.citations[0]?.text).toContain('新建 9400 平方米的甘州区残疾人托养中心');
  });

  it('reads 山丹 as 张掖, though 张掖’s plan also names a charity after it (山丹温馨)', () => {
    const r = deps.ask({ question: '我是山丹的，盲人按摩能去医院上班吗' });
    expect(r.answered).toBe(true);
    expect(r.city).toBe('张掖');
    expect(r.citations.map((c) => c.text).join('')).toContain(
      '大力推进盲人按摩人员在医院、社区卫生服务机构和残疾人康复托养机构等就业执业',
    );
  });
});

describe('comparisons', () => {
  it('searches a city’s plan alone when its best clause among all is not sure enough (永济 特教老师 → 3-3-4)', () => {
    const r = deps.ask({ question: '永济和济宁对特教老师有什么措施' });
    expect(r.answer).not.toContain('永济的规划里没有找到相关内容');
    expect(r.answer).toContain('永济：“加强特殊教育师资队伍建设，创新培养方式，提高特殊教育教师待遇水平');
    expect(r.answer).toContain('济宁：“加强特殊教育师资队伍建设，配齐配足特教教师。”');
  });

  it('gives each named city one cited line (张掖 and 永济 无障碍改造)', () => {
    const r = deps.ask({ question: '张掖和永济，残疾人家庭无障碍改造这几年各有什么打算？' });
    expect(r.answered).toBe(true);
    expect(r.intent).toBe('compare');
    // 永济's text says less than its box entry (为150户…), which is cited after it.
    expect(r.answer).toContain('永济：“提高残疾人家庭无障碍改造水平。”');
    expect(r.citations.map((c) => c.id)).toContain('yongji-box8-3');
    expect(r.answer).toContain('张掖：“每年为 200 户困难重度残疾人家庭实施无障碍改造，五年累计改造 1000 户。”');
    expect(new Set(r.citations.map((c) => c.city))).toEqual(new Set(['张掖', '永济']));
  });

  it('keeps a three-city comparison within five citations, every city first (公益性岗位)', () => {
    const r = deps.ask({ question: '双鸭山、济宁、永济的残疾人公益性岗位都有哪些？' });
    expect(r.citations.length).toBe(5);
    expect(new Set(r.citations.slice(0, 3).map((c) => c.city))).toEqual(new Set(['双鸭山', '济宁', '永济']));
  });

  it('reads 有什么区别 as asking for the comparison, not as a thing the plans lack', () => {
    const r = deps.ask({ question: '重度残疾人的养老保险，济宁和张掖政府代缴有什么区别' });
    expect(r.answered).toBe(true);
    expect(r.intent).toBe('compare');
    expect(r.answer).toContain('落实地方政府为重度残疾人代缴城乡居民基本养老保险费');
    expect(new Set(r.citations.map((c) => c.city))).toEqual(new Set(['济宁', '张掖']));
  });

  it("cites each city's next clause on the topic too (青州's 托养 task beside its box entry)", () => {
    const r = deps.ask({ question: '青州和永济的残疾人托养服务，年龄范围一样吗？' });
    expect(r.intent).toBe('compare');
    const heads = r.citations.filter((c) => c.city === '青州').map((c) => c.text.replace(/^[\d.\s]+/, '').slice(0, 12));
    expect(heads).toEqual(['加快发展残疾人照护和托养', '就业年龄段残疾人托养服务']);
  });
});
