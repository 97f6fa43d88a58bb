// Chinese numerals read into numbers: the plans' heading numbers and the ages questions tell.
import { describe, expect, it } from 'vitest';
import { chineseNumeral } from '../../src/text/numerals.ts';

describe('chineseNumeral', () => {
  it('reads the numerals of chapter and section headings', () => {
    expect(chineseNumeral('一')).toBe(1);
    expect(chineseNumeral('九')).toBe(9);
    expect(chineseNumeral('十')).toBe(10);
    expect(chineseNumeral('十二')).toBe(12);
    expect(chineseNumeral('二十')).toBe(20);
    expect(chineseNumeral('二十三')).toBe(23);
  });

  it('reads 两 as 2, as people say ages', () => {
    expect(chineseNumeral('两')).toBe(2);
    expect(chineseNumeral('十八')).toBe(18);
    expect(chineseNumeral('四十')).toBe(40);
  });

  it('returns NaN for anything that is not a numeral', () => {
    expect(chineseNumeral('')).toBeNaN();
    expect(chineseNumeral('资金')).toBeNaN();
    expect(chineseNumeral('一二')).toBeNaN();
    expect(chineseNumeral('十十')).toBeNaN();
  });
});
