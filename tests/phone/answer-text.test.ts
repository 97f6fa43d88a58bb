// Answers as read on the telephone: shortened, numbers as an operator reads them.
import { describe, expect, it } from 'vitest';
import { phoneAnswer, phoneSentences } from '../../src/phone/answer-text.ts';

describe('phone answers', () => {
  it('keep the first quoted sentence and where to ask', () => {
    const answer =
      '济宁的规划里有相关规定。据《济宁市残疾人事业发展“十四五”规划》，“落实重度残疾人护理补贴。”另有2条相关条款列在依据里。具体办理可以咨询当地残联，或拨打 12385 残疾人服务热线。';
    expect(phoneAnswer({ answer })).toBe(
      '据《济宁市残疾人事业发展“十四五”规划》，“落实重度残疾人护理补贴。”具体办理可以咨询当地残联，或拨打 12385 残疾人服务热线。',
    );
  });

  it('read numbers as an operator does', () => {
    expect(phoneSentences('拨打 12385。到2025年，16-59周岁的残疾人。')).toEqual([
      '拨打幺二三八五。',
      '到二〇二五年，十六到五十九周岁的残疾人。',
    ]);
  });
});
