// Text PDF → plain lines: items grouped into lines by position, wide gaps as tabs (table cells), running heads and page
// numbers repeated on every page dropped. Encrypted and image-only PDFs are refused with a sentence.
// Why pdf.js (unpdf) and not poppler's pdftotext: both read the Chinese text alike, pdftotext 10–25× faster (24 vs 644
// ms for a 28-page plan), but it needs a Debian package at run time and leaves every page's running head in the text;
// with pages and positions at hand here the counts of a PDF built from jining.txt equal the shipped plan's exactly.
import type { getDocumentProxy as GetDocumentProxy } from 'unpdf';
import { AppError } from '../errors.ts';
import { pageText } from './pdf-table.ts';
import type { PdfItem, PrintedLine } from './pdf-table.ts';

/** Most pages read from one PDF; municipal plans run to 30–80 pages. */
export const MAX_PDF_PAGES = 500;
/** Fewer visible characters than this per page on average means the pages are scanned images. */
const MIN_CHARS_PER_PAGE = 20;
/** A gap wider than this many font heights between two items on one line separates table cells. */
const CELL_GAP = 1.5;
/** A line on at least this share of the pages (at the top or bottom) is a running head or foot. */
const RUNNING_SHARE = 0.5;
const PAGE_NUMBER = /^[-—–]?\s*(第\s*)?\d{1,3}\s*(页)?\s*[-—–]?$/;

/** One page's printed lines, top to bottom, each with its items left to right. */
function printedLines(items: PdfItem[]): PrintedLine[] {
  const rows: PrintedLine[] = [];
  for (const item of items) {
    if (item.str === '') continue;
    const y = item.transform[5] ?? 0;
    const size = Math.abs(item.transform[3] ?? item.height) || 10;
    const row = rows.find((r) => Math.abs(r.y - y) < size * 0.5);
    if (row) row.items.push(item);
    else rows.push({ y, size, items: [item] });
  }
  rows.sort((a, b) => b.y - a.y);
  for (const row of rows) row.items.sort((a, b) => (a.transform[4] ?? 0) - (b.transform[4] ?? 0));
  return rows;
}

/** A printed line outside a table: its items in order, wide gaps as tabs. */
function renderLine(row: PrintedLine): string {
  let line = '';
  let right = -Infinity;
  for (const item of row.items) {
    const x = item.transform[4] ?? 0;
    if (line !== '' && x - right > row.size * CELL_GAP) line += '\t';
    line += item.str;
    right = x + item.width;
  }
  return line.replace(/\s+$/, '');
}

/** One page's lines, top to bottom; a table's rows read by columns (src/ingest/pdf-table.ts). */
function pageLines(items: PdfItem[]): string[] {
  return pageText(printedLines(items), renderLine);
}

/** Drops page numbers and the heads/feet repeated on most pages (first and last two lines of each page). */
function dropRunning(pages: string[][]): string[][] {
  const edges = new Map<string, number>();
  for (const lines of pages) {
    const seen = new Set([...lines.slice(0, 2), ...lines.slice(-2)].map((l) => l.replace(/\s+/g, '')));
    for (const key of seen) edges.set(key, (edges.get(key) ?? 0) + 1);
  }
  const running = (line: string) => {
    const key = line.replace(/\s+/g, '');
    if (PAGE_NUMBER.test(key)) return true;
    return pages.length >= 3 && (edges.get(key) ?? 0) >= pages.length * RUNNING_SHARE && key.length <= 40;
  };
  return pages.map((lines) =>
    lines.filter((line, index) => !((index < 2 || index >= lines.length - 2) && running(line))),
  );
}

/** The text of a PDF, one extracted line per line. */
export async function extractPdf(bytes: Uint8Array): Promise<string> {
  // Loaded on the first upload, like mammoth (src/ingest/docx.ts): serving answers never needs pdf.js.
  const { getDocumentProxy } = await import('unpdf');
  let document: Awaited<ReturnType<typeof GetDocumentProxy>>;
  try {
    document = await getDocumentProxy(new Uint8Array(bytes));
  } catch (error) {
    if ((error as Error)?.name === 'PasswordException') {
      throw new AppError('PDF_ENCRYPTED', '这个 PDF 有密码保护，读不出文字；请上传未加密的版本。');
    }
    throw new AppError('FILE_TYPE_MISMATCH', '这个文件名为 .pdf，但内容读不出来（损坏或不是 PDF）。');
  }
  try {
    if (document.numPages > MAX_PDF_PAGES) {
      throw new AppError('PAYLOAD_TOO_LARGE', `这个 PDF 有 ${document.numPages} 页，最多 ${MAX_PDF_PAGES} 页。`);
    }
    const pages: string[][] = [];
    for (let n = 1; n <= document.numPages; n += 1) {
      const page = await document.getPage(n);
      const content = await page.getTextContent();
      pages.push(pageLines(content.items.filter((item) => 'str' in item) as PdfItem[]));
    }
    const visible = pages.flat().join('').replace(/\s+/g, '').length;
    if (visible < MIN_CHARS_PER_PAGE * pages.length) {
      throw new AppError(
        'PDF_NO_TEXT',
        '这个 PDF 几乎没有可读取的文字，像是扫描图片；请上传带文字层的 PDF 或 Word 文件。',
      );
    }
    return dropRunning(pages)
      .map((lines) => lines.join('\n'))
      .join('\n');
  } finally {
    await document.destroy();
  }
}
