// Turns answer text into what a person would say aloud (numbers, percentages, years, symbols) and splits it into sentences.

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const SMALL_UNITS = ['', '十', '百', '千'];
const BIG_UNITS = ['', '万', '亿'];

/** Characters after a number that make it a quantity (read as a cardinal) rather than a code (read digit by digit). */
const QUANTITY_UNITS = new Set([
  ...'元万亿千百人个名户家所台件次项条批类种位张本册套辆吨米里平方亩岁天周年月日余多倍部间座',
]);
/** Measure words after which a lone 2 is read 两. */
const LIANG_UNITS = new Set([...'个项名类种次件位所家户万千百亿天年周岁人倍条批']);
/** Longest integer read as a cardinal; longer digit strings are read digit by digit. */
const MAX_CARDINAL_DIGITS = 12;
/** A sentence longer than this is split at ；so that deltas and synthesis stay short. */
export const MAX_SENTENCE_CHARS = 160;

/** Reads digits one by one: 12385 → 一二三八五. */
export function readDigits(digits: string): string {
  return [...digits].map((d) => DIGITS[Number(d)] ?? d).join('');
}

/** How a telephone operator reads them: a code's 1 as 幺 (12385 → 幺二三八五), a year's 0 as 〇 (2025 → 二〇二五). */
const readCode = (digits: string) => readDigits(digits).replace(/一/g, '幺');
const readYear = (digits: string) => readDigits(digits).replace(/零/g, '〇');

export interface SpeakableOptions {
  /** Read codes and years as on the telephone (幺, 〇). */
  phone?: boolean;
}

/** Reads 0..9999 as a group; `full` keeps a leading 一 before 十 (used inside larger numbers: 一万一十). */
function readGroup(n: number, full: boolean): string {
  const digits = String(n).padStart(4, '0');
  let out = '';
  let zero = false;
  for (let i = 0; i < 4; i++) {
    const d = Number(digits[i]);
    if (d === 0) {
      if (out !== '') zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d]! + SMALL_UNITS[3 - i]!;
  }
  if (!full && out.startsWith('一十')) out = out.slice(1);
  return out;
}

/** Reads a non-negative integer string as a Chinese cardinal: 5300 → 五千三百, 10005 → 一万零五, 15 → 十五. */
export function readCardinal(integer: string): string {
  const trimmed = integer.replace(/^0+(?=\d)/, '');
  if (trimmed.length > MAX_CARDINAL_DIGITS) return readDigits(integer);
  if (/^0+$/.test(trimmed)) return '零';
  const groups: number[] = [];
  for (let end = trimmed.length; end > 0; end -= 4) groups.unshift(Number(trimmed.slice(Math.max(0, end - 4), end)));
  let out = '';
  let zero = false;
  groups.forEach((group, index) => {
    const unit = BIG_UNITS[groups.length - 1 - index]!;
    if (group === 0) {
      if (out !== '') zero = true;
      return;
    }
    if (out !== '' && (zero || group < 1000)) out += '零';
    zero = false;
    out += readGroup(group, out !== '') + unit;
  });
  return out;
}

/** Reads a decimal number string: 3.5 → 三点五, 100 → 一百. */
export function readNumber(number: string): string {
  const [integer = '0', fraction] = number.split('.');
  const head = readCardinal(integer);
  return fraction === undefined || fraction === '' ? head : `${head}点${readDigits(fraction)}`;
}

function readPercent(number: string): string {
  return Number(number) === 100 ? '百' : readNumber(number);
}

const FULL_WIDTH: Record<string, string> = {
  '％': '%',
  '＞': '>',
  '＜': '<',
  '－': '-',
  '～': '~',
  '＋': '+',
  '＝': '=',
  '／': '/',
  '≧': '≥',
  '≦': '≤',
};

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/**
 * Rewrites text so that espeak-ng's Mandarin voice reads it as a person would: ≥95% → 不低于百分之九十五,
 * 2025年 → 二零二五年, 0—6周岁 → 零到六周岁, （一） → 第一, 5300万元 → 五千三百万元, 12385 → 一二三八五;
 * 《》 and quotes are dropped, ；becomes a full stop (a longer pause), brackets and colons become commas.
 */
export function speakable(input: string, options: SpeakableOptions = {}): string {
  const code = options.phone ? readCode : readDigits;
  const year = options.phone ? readYear : readDigits;
  let text = input
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[％＞＜－～＋＝／≧≦]/g, (c) => FULL_WIDTH[c] ?? c)
    .replace(/(\d)．(?=\d)/g, '$1.')
    // Numbers side by side (table cells such as "100 100") keep a pause between them.
    .replace(/(\d%?)\s+(?=\d)/g, '$1，')
    .replace(/[《》〈〉“”‘’「」『』"'*]/g, '')
    .replace(/[①-⑳]/g, (c) => `第${readCardinal(String(CIRCLED.indexOf(c) + 1))}，`)
    .replace(/[（(]\s*([一二三四五六七八九十]{1,3}|\d{1,2})\s*[）)]/g, '第$1，')
    // Telephone numbers with an area code: digit by digit, the dash a short pause.
    .replace(/(?<!\d)(0\d{2,3})\s*-\s*(\d{7,8})(?!\d)/g, (_m, area: string, local: string) => {
      return `${code(area)}，${code(local)}`;
    })
    // Ranges between numbers: 0—6 → 0到6, 90%-95% → 90%到95%, 2021—2025年 → 2021到2025年.
    .replace(/(\d%?)\s*(?:[-—–~]{1,2}|至)\s*(?=\d)/g, '$1到')
    .replace(/(?:≥|>=)\s*/g, '不低于')
    .replace(/(?:≤|<=)\s*/g, '不高于')
    .replace(/>\s*/g, '高于')
    .replace(/<\s*/g, '低于')
    .replace(/(\d+(?:\.\d+)?)\s*%/g, (_m, n: string) => `百分之${readPercent(n)}`)
    .replace(/(\d+(?:\.\d+)?)\s*‰/g, (_m, n: string) => `千分之${readNumber(n)}`)
    .replace(/[%‰]/g, '百分比')
    .replace(/(\d+)\s*\/\s*(\d+)/g, (_m, a: string, b: string) => `${readCardinal(b)}分之${readCardinal(a)}`)
    .replace(/(\d)\s*[.．、](?!\d)\s*/g, '$1，')
    .replace(/\/(?=[年月日天周人次户])/g, '每')
    .replace(/\//g, '或');

  text = text.replace(/\d+(?:\.\d+)?/g, (number: string, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole.slice(offset + number.length);
    const next = after.trimStart()[0] ?? '';
    if (number.includes('.')) return readNumber(number);
    if (/^(?:19|20)\d{2}$/.test(number) && /^\s*(?:年|到(?:19|20)\d{2}\s*年)/.test(after)) return year(number);
    if (number.length > 1 && number.startsWith('0')) return code(number);
    if (number.length >= 5 && !QUANTITY_UNITS.has(next)) return code(number);
    if (number === '2' && before !== '第' && LIANG_UNITS.has(next)) return '两';
    return readCardinal(number);
  });

  return text
    .replace(/[；;]/g, '。')
    .replace(/[：:]/g, '，')
    .replace(/[（）()【】[\]{}|]/g, '，')
    .replace(/——|…+|⋯+/g, '，')
    .replace(/[·•@#_~^`\\]/g, ' ')
    .replace(/\+/g, '加')
    .replace(/×/g, '乘')
    .replace(/=/g, '等于')
    .replace(/&/g, '和')
    .replace(/\s+/g, ' ')
    .replace(/(?<=[\u3400-\u9fff，。、！？])\s+|\s+(?=[\u3400-\u9fff，。、！？])/g, '')
    .replace(/[，、]*([。！？])[，、。]*/g, '$1')
    .replace(/，[，、]+/g, '，')
    .replace(/^[，。、\s]+|[，、\s]+$/g, '');
}

/**
 * Shortest first clause synthesized on its own (about two seconds of speech: time enough for the rest of the sentence
 * to be synthesized while it plays), and shortest rest worth splitting off.
 */
export const FIRST_CLAUSE_MIN_CHARS = 8;

/**
 * Where the first clause of a speakable() sentence ends (after its ，、。！ or ？), or -1 when the sentence has no clause
 * boundary leaving at least FIRST_CLAUSE_MIN_CHARS characters on both sides.
 */
export function firstClauseEnd(spoken: string): number {
  for (let i = FIRST_CLAUSE_MIN_CHARS - 1; i < spoken.length - FIRST_CLAUSE_MIN_CHARS; i++) {
    if ('，、。！？'.includes(spoken[i]!)) return i + 1;
  }
  return -1;
}

/**
 * Splits answer text into whole sentences (ending in 。！？ or a line break, with any closing quote or bracket kept),
 * the unit of `answer.delta`, of synthesis and of `tts.mark`. Very long sentences are split after ；.
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const pattern = /[^。！？!?\n]+(?:[。！？!?]+[”’」』）)》]*)?|[。！？!?]+/g;
  for (const match of text.matchAll(pattern)) {
    const sentence = match[0].trim();
    if (sentence === '') continue;
    if (sentence.length <= MAX_SENTENCE_CHARS) {
      sentences.push(sentence);
      continue;
    }
    for (const part of sentence.match(/[^；;]+[；;]*/g) ?? [sentence]) {
      if (part.trim() !== '') sentences.push(part.trim());
    }
  }
  return sentences;
}
