// Chinese numerals as people and plans write them, read into numbers: the parser's heading numbers (一、 （二） 第三章)
// and the ages a question tells (孩子二十多岁了).

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 → 1, 两 → 2, 十 → 10, 十二 → 12, 二十三 → 23, 四十 → 40. NaN for anything else (零, 百, 十十, 二三). */
export function chineseNumeral(text: string): number {
  if (text === '十') return 10;
  const tenAt = text.indexOf('十');
  if (tenAt === -1) return text.length === 1 ? (DIGITS[text] ?? NaN) : NaN;
  const tens = tenAt === 0 ? 1 : (DIGITS[text.slice(0, tenAt)] ?? NaN);
  const unitText = text.slice(tenAt + 1);
  const units = unitText === '' ? 0 : (DIGITS[unitText] ?? NaN);
  return tens * 10 + units;
}
