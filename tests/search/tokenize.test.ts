// Tests for the one tokenizer, with the real nodejieba and the real lexicon: normalization, words and query expansion.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadLexicon } from '../../src/search/lexicon.ts';
import { createTokenizer } from '../../src/search/tokenize.ts';

const lexicon = loadLexicon(fileURLToPath(new URL('../../corpus/lexicon/', import.meta.url)));
const tokenizer = createTokenizer(lexicon);

describe('normalize', () => {
  it('turns traditional characters into simplified ones', () => {
    expect(tokenizer.normalize('永濟市殘疾人康復中心給孩子做哪些康復？')).toBe('永济市残疾人康复中心给孩子做哪些康复?');
  });

  it('turns full-width letters, digits and spaces into half-width, and lower-cases Latin', () => {
    expect(tokenizer.normalize('ＡＴＭ　１２３８５ Wheelchair')).toBe('atm 12385 wheelchair');
  });

  it('writes a number said digit by digit in digits (一二三八五, 幺二三四八), not a grade or a count (一二级, 三四个)', () => {
    expect(tokenizer.normalize('打一二三八五热线')).toBe('打12385热线');
    expect(tokenizer.normalize('幺二三四八能打通吗')).toBe('12348能打通吗');
    expect(tokenizer.normalize('一二级残疾三四个人')).toBe('一二级残疾三四个人');
  });

  it('leaves simplified plan text unchanged (显著 stays 显著)', () => {
    expect(tokenizer.normalize('取得显著成效，残疾人两项补贴')).toBe('取得显著成效,残疾人两项补贴');
  });
});

describe('words', () => {
  it('keeps 两项补贴 whole', () => {
    expect(tokenizer.words('全面开展残疾人“两项补贴”资格认定申请')).toContain('两项补贴');
  });

  it('keeps the domain terms of the plans whole', () => {
    for (const term of [
      '阳光家园计划',
      '辅助器具',
      '无障碍改造',
      '低保边缘',
      '单人户',
      '护理补贴',
      '托养服务',
      '喘息服务',
    ]) {
      expect(tokenizer.words(`落实${term}政策`)).toContain(term);
    }
  });

  it('gives the parts of a term as well as the whole term', () => {
    expect(tokenizer.words('护理补贴')).toEqual(['护理', '补贴', '护理补贴']);
  });

  it('gives the dictionary terms inside a long term (重度残疾人护理补贴 → 护理补贴, 重度残疾人)', () => {
    expect(tokenizer.words('重度残疾人护理补贴')).toEqual(
      expect.arrayContaining(['重度残疾人护理补贴', '护理补贴', '重度残疾人', '残疾人']),
    );
  });

  it('segments traditional input like simplified (殘疾人護理補貼 → 残疾人, 护理补贴)', () => {
    expect(tokenizer.words('殘疾人護理補貼')).toEqual(expect.arrayContaining(['残疾人', '护理补贴']));
  });

  it('drops punctuation, whitespace and question filler', () => {
    expect(tokenizer.words('请问，我家孩子有没有补贴吗？')).toEqual(['孩子', '补贴']);
  });

  it('drops hearsay and meeting words, which say how the asker came to ask (听说, 遇到)', () => {
    const words = tokenizer.words('听说遇到侵权可以找法律援助');
    expect(words).not.toContain('听说');
    expect(words).not.toContain('遇到');
    expect(words).toEqual(expect.arrayContaining(['侵权', '法律援助']));
  });

  it('drops 咋整 and 说法, which ask whether anything is done at all (零就业家庭咋整，有啥说法没)', () => {
    const words = tokenizer.words('零就业家庭咋整，有啥说法没');
    expect(words).not.toContain('整');
    expect(words).not.toContain('说法');
    expect(words).toContain('零就业');
  });

  it('keeps numbers and Latin words whole, not letter by letter', () => {
    expect(tokenizer.words('12385热线，2025年 Wheelchair ATM')).toEqual(['12385', '热线', '2025', 'wheelchair', 'atm']);
  });

  it('keeps decimals together', () => {
    expect(tokenizer.words('增长3.5%')).toEqual(['增长', '3.5']);
  });

  it('keeps meaningful single characters (水、电、气、暖) and drops function characters', () => {
    expect(tokenizer.words('落实低收入残疾人家庭生活水、电、气、暖优惠补贴政策')).toEqual(
      expect.arrayContaining(['水', '电', '气', '暖']),
    );
    expect(tokenizer.words('的和与及等')).toEqual([]);
  });
});

describe('query', () => {
  it('returns the normalized question, its own words and the plan terms of its everyday words', () => {
    expect(tokenizer.query('我家孩子有自闭症，能去哪做康复？')).toEqual({
      normalized: '我家孩子有自闭症,能去哪做康复?',
      words: ['孩子', '自闭', '自闭症', '康复'],
      expansions: ['儿童', '少年', '孤独症', '康复机构', '定点康复机构'],
    });
  });

  it('maps 不够花 (already on 低保, money still short) to the plans’ 仍有困难 (纳入低保范围后生活仍有困难)', () => {
    expect(tokenizer.query('吃着低保钱还是不够花').expansions).toContain('仍有困难');
  });

  it('maps a place to send someone by day where 有人看着 to 日间照料, and 伺候人的补贴 to 护理补贴', () => {
    expect(tokenizer.query('有没有白天能送过去有人看着的地方').expansions).toContain('日间照料');
    expect(tokenizer.query('有没有那个伺候人的补贴').expansions).toContain('护理补贴');
  });

  it('maps words for elsewhere to 异地, 残疾大学生 to 高校残疾人毕业生, 矫正手术 to 矫治, 上岗 to 就业, 开个网店 to 自主创业', () => {
    expect(tokenizer.query('去外地做康复').expansions).toContain('异地');
    expect(tokenizer.query('残疾大学生有啥帮扶').expansions).toContain('高校残疾人毕业生');
    expect(tokenizer.query('腿要做矫正手术').expansions).toContain('矫治');
    expect(tokenizer.query('推荐残疾人上岗').expansions).toContain('就业');
    expect(tokenizer.query('想在家开个网店').expansions).toContain('自主创业');
  });

  it('maps 看不见 to 视力残疾 and 盲人', () => {
    expect(tokenizer.query('眼睛看不见，有什么补贴').expansions).toEqual(expect.arrayContaining(['视力残疾', '盲人']));
  });

  it('maps 坐公交 to 公共交通 even though jieba splits it', () => {
    expect(tokenizer.query('坐公交免费吗？').expansions).toContain('公共交通');
  });

  it('maps 瘫在床上 to 重度残疾人, 照护 and 托养', () => {
    expect(tokenizer.query('瘫在床上的老人有护理补贴吗？').expansions).toEqual(
      expect.arrayContaining(['重度残疾人', '照护', '托养', '老年人']),
    );
  });

  it('lets a plan term win over an everyday word as long that overlaps it (法律援助, not 残疾人法 → 残疾人保障法)', () => {
    expect(tokenizer.query('残疾人法律援助找谁').expansions).not.toContain('残疾人保障法');
    expect(tokenizer.query('残疾人法有哪些规定').expansions).toContain('残疾人保障法');
  });

  it('maps an English word mixed into Chinese (wheelchair, wheelchairs) to 辅助器具', () => {
    expect(tokenizer.query('医院门口有没有 wheelchair 能用的坡道').expansions).toContain('辅助器具');
    expect(tokenizer.query('Wheelchairs怎么申请').expansions).toContain('辅助器具');
  });

  it('matches English everyday words only as whole words (business is not bus)', () => {
    expect(tokenizer.query('small business').expansions).not.toContain('公共交通');
    expect(tokenizer.query('坐bus去医院').expansions).toContain('公共交通');
  });

  it('matches a two-word English phrase (sign language → 通用手语)', () => {
    expect(tokenizer.query('张掖 sign language 培训').expansions).toContain('通用手语');
  });

  it('maps traditional everyday words too (雙鴨山殘疾人坐火車 → 铁路, 民航)', () => {
    const terms = tokenizer.query('雙鴨山殘疾人坐火車有優惠嗎？');
    expect(terms.normalized).toBe('双鸭山残疾人坐火车有优惠吗?');
    expect(terms.expansions).toEqual(expect.arrayContaining(['铁路', '民航']));
  });

  it('prefers the longest everyday word (低保边缘户 → 低保边缘家庭, not 低保 → 最低生活保障)', () => {
    const { expansions } = tokenizer.query('低保边缘户能领补贴吗');
    expect(expansions).toContain('低保边缘家庭');
    expect(expansions).not.toContain('最低生活保障');
  });

  it('does not expand a word inside a plan term (盲人按摩 adds no 视力残疾)', () => {
    expect(tokenizer.query('想学盲人按摩').expansions).toEqual([]);
    expect(tokenizer.query('盲人能学推拿吗').expansions).toEqual(['盲人按摩', '盲人医疗按摩']);
  });

  it('does not repeat in expansions what the question already says', () => {
    const { words, expansions } = tokenizer.query('孤独症就是自闭症吗');
    expect(words).toContain('孤独症');
    expect(expansions).not.toContain('孤独症');
  });

  it('lists each word once', () => {
    const { words } = tokenizer.query('补贴补贴补贴');
    expect(words).toEqual(['补贴']);
  });
});

describe('the synonym table and the dictionary agree', () => {
  it('keeps every plan term of the synonym table whole, so an expansion can match an indexed word', () => {
    const split = lexicon.synonyms.flatMap((g) =>
      g.planTerms.filter((t) => !tokenizer.words(t).includes(tokenizer.normalize(t))).map((t) => `${g.line}:${t}`),
    );
    expect(split).toEqual([]);
  });
});

describe('createTokenizer', () => {
  it('throws a clear error for a missing user dictionary instead of letting nodejieba abort the process', () => {
    expect(() => createTokenizer({ ...lexicon, userDictPath: '/no/such/userdict.txt' })).toThrow(
      'tokenize: jieba user dictionary not found: /no/such/userdict.txt',
    );
    // Still alive, and the existing tokenizer still works.
    expect(tokenizer.words('两项补贴')).toContain('两项补贴');
  });

  it('can be created again in the same process without reloading jieba', () => {
    const again = createTokenizer(lexicon);
    expect(again.words('阳光家园计划')).toContain('阳光家园计划');
  });
});
