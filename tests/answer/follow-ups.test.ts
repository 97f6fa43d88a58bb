// Follow-ups in the ways a conversation goes on (issue #19, blind50's writers): a benefit asked of another thing, a turn
// going back to the first question, a figure asked of the earlier target, a word pointing back inside the turn.
// Expected clauses were read in the plans (corpus/*.txt).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../src/runtime/services.ts';
import { testServices } from '../services.ts';

let deps: Services;
beforeAll(async () => {
  deps = await testServices();
});

const ask = (question: string, history: string[]) => deps.ask({ question, history, city: null, mode: 'standard' });

describe('follow-ups', () => {
  it('那招残疾人的厂子能拿到啥 after 找工作有啥补贴: 招残疾人 and the earlier 补贴 ask the employers’ subsidy (济宁 box 3.3)', () => {
    const r = ask('那招残疾人的厂子能拿到啥', ['济宁残疾人自己找工作有啥补贴']);
    expect(r.citations.slice(0, 3).map((c) => c.id)).toContain('jining-box3-3');
  });

  it('需要什么条件 names no topic of its own (条件 and 需要 are asked of one): it follows 青州’s 托养 turn', () => {
    const r = ask('需要什么条件', ['青州残疾人托养服务']);
    expect(r.citations[0]?.id).toBe('qingzhou-2-1-6');
  });

  it('回到第一个问题 takes the first turn’s city and topic, not the latest’s (济宁’s 无障碍改造 target: ＞8000, 约束性)', () => {
    const r = ask('回到第一个问题，这个数是约束性的吗', ['济宁困难重度残疾人家庭无障碍改造要做多少户', '那张掖呢']);
    expect(r.city).toBe('济宁');
    expect(r.citations[0]?.id).toBe('jining-box1-10');
    expect(r.answer).toContain('＞8000');
  });

  it('那到2025年要达到多少 after a rate asks that rate’s target: 达到 is no topic of its own (青州 康复服务覆盖率 >98)', () => {
    const r = ask('那到2025年要达到多少', ['青州残疾人康复服务覆盖率现在是多少']);
    expect(r.citations[0]?.id).toBe('qingzhou-box1-6');
    expect(r.answer).toContain('>98');
  });

  it('这种病 inside the turn points back to the story’s 脑瘫: 济宁’s 脑瘫儿童康复救助专项行动', () => {
    const r = ask('有没有专门针对这种病的项目', ['我家孩子是脑瘫，济宁有康复救助吗']);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('脑瘫儿童康复救助专项行动');
  });

  it('那个电话多少 after 双鸭山 法律援助 quotes the sentence with the number the clause gives (12348), not its first one', () => {
    const r = ask('那个电话多少', ['双鸭山残疾人法律援助']);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('12348');
  });

  it('去别的城市上班 says where the asker goes, not a comparison of the cities: 双鸭山 alone', () => {
    const r = ask('哦那要是我去别的城市上班了这个还算不算', ['双鸭山残疾人灵活就业社保补贴']);
    expect(r.intent).not.toBe('compare');
    expect(r.city).toBe('双鸭山');
  });

  it('a spoken turn’s opening words (然后就是) do not hide that it points back: 张掖 护理补贴, not the 辅具 cash box', () => {
    const r = ask('然后就是那个钱是打到卡上还是发现金啊', ['张掖重度残疾人护理补贴怎么领']);
    expect(r.citations[0]?.id).toBe('zhangye-3-1-5');
  });

  it('多大年纪的能去 asks an age: 青州’s 如康家园 box, which states 16周岁以上, comes first', () => {
    const r = ask('多大年纪的能去', ['青州的如康家园是做什么的']);
    expect(r.citations[0]?.id).toBe('qingzhou-box2-1');
    expect(r.answer).toContain('16周岁以上');
  });

  it('约束性还是预期性 asks of the earlier indicator, not of a topic of its own: 张掖’s 技能培训人数 row (10000, 约束性)', () => {
    const r = ask('这个指标是约束性的还是预期性的', ['张掖城乡残疾人职业技能培训目标是多少人']);
    expect(r.citations[0]?.id).toBe('zhangye-box1-2');
  });

  it('回到刚才那个改造 goes back past the latest turn (要交啥材料) to 张掖’s 无障碍改造: 五年累计改造1000户', () => {
    const r = ask('回到刚才那个改造，五年加起来一共多少户', ['张掖每年给多少户残疾人家里做无障碍改造', '要交啥材料']);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('1000');
  });

  it('各县区 is what the plan writes 各县（区）: the deadline it states (2022年底前) answers 最晚什么时候', () => {
    const r = ask('各县区最晚什么时候要出实施方案', ['双鸭山这个规划谁负责落实']);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('2022年底前');
  });

  it('那残疾人自己开车呢 after 专用停车位: the clause its own words are sure of (驾驶) goes before the 停车位 one', () => {
    const r = ask('那残疾人自己开车呢', ['青州有残疾人专用停车位吗']);
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.id).toBe('qingzhou-2-5-2');
    expect(r.answer).toContain('完善残疾人驾驶汽车政策');
  });

  it('聋人呢 after 张掖找工作有什么帮扶: the earlier words weigh less than the turn’s own, so the clause naming 聋人 leads', () => {
    const r = ask('聋人呢？', ['张掖对残疾人找工作有什么帮扶？']);
    expect(r.citations[0]?.id).toBe('zhangye-3-2-2');
    expect(r.answer).toContain('特别是聋人');
  });

  it('那乡镇这一级有没有法律救助的地方 after 法律热线: 双鸭山’s box entry taking legal aid to 乡镇（街道） leads', () => {
    const r = ask('那乡镇这一级有没有法律救助的地方', ['双鸭山有没有给残疾人的法律热线']);
    expect(r.citations[0]?.id).toBe('shuangyashan-box8-1');
  });

  it('这事归哪个部门管 after 坐公交车要钱吗 asks the department, not the fee: 青州’s lead units of the clause on free buses', () => {
    const r = ask('这事归哪个部门管？', ['青州残疾人坐市里的公交车要钱吗？']);
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.id).toBe('qingzhou-2-1-5');
    expect(r.answer).toContain('牵头单位是市残联、市民政局');
  });

  it('那打哪个电话 after 法律援助找谁 asks the number, not the department: 双鸭山’s 12348 hotline', () => {
    const r = ask('那打哪个电话？', ['双鸭山残疾人要法律援助找谁']);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('发挥“12348”公共法律服务热线作用');
  });

  it('她也能签吗 points back though the turn tells a story: 青州’s 家庭医生签约', () => {
    const r = ask('我妈腿脚不好有残疾证她也能签吗', ['青州的家庭医生能给残疾人看病吗']);
    expect(r.answered).toBe(true);
    expect(r.citations[0]?.id).toBe('qingzhou-2-2-2');
  });

  it('什么时候评估 is answered by the plan period’s middle and end (青州: 在“十四五”中期和期末…评估)', () => {
    const r = ask('什么时候评估？', ['青州残疾人事业十四五规划的落实情况由谁督查？']);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('在“十四五”中期和期末对规划实施情况进行中期评估和总结评估');
  });

  it('五年一共呢 after 张掖每年给多少户: the row’s 1000, then the plan’s text stating it (五年累计改造 1000 户) is cited and quoted', () => {
    const r = ask('五年一共呢？', ['张掖每年给多少户残疾人家庭做无障碍改造']);
    expect(r.citations.map((c) => c.id)).toEqual(['zhangye-box1-11', 'zhangye-box8-1-3']);
    expect(r.answer).toContain('2025年目标1000（约束性）');
    expect(r.answer).toContain('规划正文写道：“每年为 200 户困难重度残疾人家庭实施无障碍改造，五年累计改造 1000 户。”');
  });

  it('专栏里写的又是多少户 after the indicator table’s figure: 专栏 names where, 户 what is counted; 永济’s box gives 150户', () => {
    const r = ask('专栏里写的又是多少户？', ['永济残疾人家庭无障碍改造在指标表里定了多少户']);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('为150户困难重度残疾人家庭实施无障碍改造');
  });

  it('一年能照顾多少户人家 after 张掖’s “五个一” asks that project’s households (每年为200户), 户 being what is counted', () => {
    const r = ask('一年能照顾多少户人家？', ['张掖给重度残疾人家庭送文化的“五个一”是什么']);
    expect(r.answer).toContain('每年为200户重度残疾人家庭开展“五个一”');
  });

  it('侵权 is the plans’ 权益 (维护): 打什么电话 after 永济’s 法律援助 finds its 12345 hotline for 权益维护应急处置', () => {
    const r = ask('那要是遇到紧急的侵权的事，打什么电话？', ['永济残疾人法律援助是谁管']);
    expect(r.answered).toBe(true);
    expect(r.answer).toContain('依托“12345”政务服务便民热线和网络信访平台作用');
  });

  it('谁负责这个 after 就业 then 那我大学快毕业了呢 reads the middle turn as that follow-up: 济宁’s 就业服务 clause’s lead units', () => {
    const r = ask('谁负责这个', ['济宁残疾人就业有什么扶持政策', '那我大学快毕业了呢']);
    expect(r.answer).toContain('“加强残疾人就业服务”一条的牵头单位是市残联、市人力资源社会保障局');
  });
});
