// What a document says about itself (src/admin/document-meta.ts): its 文号, its dates in force and the documents it
// repeals, read from the invented rules of tests/fixtures/documents and from sentences written as such rules end.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectDocNumber, detectInForce, detectRepeals } from '../../src/admin/document-meta.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'documents');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

describe('a document’s own 文号 and dates in force', () => {
  it('reads line 2 and the last article of the 2023 and 2025 rules', () => {
    expect(detectDocNumber(fixture('jining-rules.txt'))).toBe('济残发〔2023〕7号');
    expect(detectInForce(fixture('jining-rules.txt'))).toEqual({ from: '2023-03-01', until: '2027-02-28' });
    expect(detectDocNumber(fixture('jining-rules-2025.txt'))).toBe('济残发〔2025〕3号');
    expect(detectInForce(fixture('jining-rules-2025.txt'))).toEqual({ from: '2025-01-01', until: '2029-12-31' });
  });
});

describe('the documents it repeals', () => {
  it.each([
    [
      '第十二条 本办法自2025年1月1日起施行。原《济宁市困难残疾人生活补贴和重度残疾人护理补贴实施细则》（济残发〔2023〕7号）同时废止。',
      ['济残发〔2023〕7号'],
    ],
    [
      '本细则自印发之日起施行，济残发[2019]12号、济民发〔2020〕3号文件停止执行。',
      ['济残发[2019]12号', '济民发〔2020〕3号'],
    ],
    // A 文号 cited as the basis (依据) is no repeal.
    ['根据《山东省残疾人保障条例》和鲁残发〔2021〕5号文件，制定本办法。', []],
  ])('%s → %j', (text, repeals) => {
    expect(detectRepeals(text)).toEqual(repeals);
  });

  it('is part of the dates in force only when there is one', () => {
    expect(detectInForce('本办法自2025年1月1日起施行，济残发〔2023〕7号同时废止。')).toEqual({
      from: '2025-01-01',
      until: null,
      repeals: ['济残发〔2023〕7号'],
    });
  });
});
