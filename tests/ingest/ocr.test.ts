// Tesseract's TSV read into lines with their confidence, and the report's sentence for a line it was unsure of.
import { describe, expect, it } from 'vitest';
import { LOW_CONFIDENCE, tsvLines } from '../../src/ingest/ocr.ts';
import { unsureEntry } from '../../src/admin/scans.ts';

const HEADER = 'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext';
const word = (line: number, conf: number, text: string) => `5\t1\t1\t1\t${line}\t1\t0\t0\t10\t10\t${conf}\t${text}`;

describe('tsvLines', () => {
  it('joins a line’s Chinese words without spaces, Latin words with one, and averages their confidence', () => {
    const tsv = [HEADER, word(1, 96, '第七条'), word(1, 90, '补贴'), word(2, 40, 'ABC'), word(2, 60, 'def'), ''].join(
      '\n',
    );
    expect(tsvLines(tsv)).toEqual([
      { text: '第七条补贴', confidence: 93 },
      { text: 'ABC def', confidence: 50 },
    ]);
    expect(50).toBeLessThan(LOW_CONFIDENCE);
  });
});

describe('unsureEntry', () => {
  it('names the page and the text as recognised, in Chinese, and says what to do', () => {
    expect(unsureEntry({ page: 2, line: 14, text: '副作系箱', confidence: 24 })).toEqual({
      line: 14,
      message:
        '第 2 页这一行识别得不太确定（可信度 24%）：“副作系箱”。请对照原件核对；错字较多时请上传 Word 原件或带文字层的 PDF。',
    });
  });
});
