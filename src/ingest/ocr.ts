// Scanned PDFs (image pages, no text layer) read by Tesseract: each page rendered by poppler's pdftoppm and recognised
// by `tesseract … chi_sim tsv` in a child process with a time limit, one page at a time, reporting progress. Lines
// Tesseract is unsure of are returned with their page, so staff check them in the report and the preview.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors.ts';

/** Rendering resolution: Tesseract reads plain Chinese well from 200 dpi. */
const DPI = 200;
/** A line whose words Tesseract gives, on average, less than this confidence (0–100) is marked for staff. */
export const LOW_CONFIDENCE = 75;

export interface OcrLine {
  /** 1-based page of the PDF. */
  page: number;
  /** 1-based line of the text returned (what the report's line numbers count). */
  line: number;
  text: string;
  confidence: number;
}

export interface OcrResult {
  text: string;
  pages: number;
  /** Lines below LOW_CONFIDENCE, in order. */
  unsure: OcrLine[];
}

export interface OcrOptions {
  pages: number;
  /** Longest one page may take (rendering and recognition). */
  pageMs: number;
  /** Called after each page with the number done. */
  progress?: (done: number, pages: number) => void;
}

/** Whether Debian's poppler-utils and tesseract-ocr with its Simplified Chinese data (tesseract-ocr-chi-sim) are here. */
export function ocrAvailable(): boolean {
  return fs.existsSync('/usr/bin/pdftoppm') && fs.existsSync('/usr/bin/tesseract') && tessdata() !== '';
}

function tessdata(): string {
  for (const dir of ['/usr/share/tesseract-ocr/5/tessdata', '/usr/share/tesseract-ocr/4.00/tessdata']) {
    if (fs.existsSync(path.join(dir, 'chi_sim.traineddata'))) return dir;
  }
  return '';
}

function run(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error) reject(error);
      else resolve(stdout);
    });
  });
}

/** Tesseract's TSV (level 5 = word) as lines: words joined (no space between Chinese), mean confidence. */
export function tsvLines(tsv: string): { text: string; confidence: number }[] {
  const lines = new Map<string, { words: string[]; confidences: number[] }>();
  for (const row of tsv.split('\n').slice(1)) {
    const cols = row.split('\t');
    if (cols[0] !== '5' || cols.length < 12) continue;
    const word = (cols[11] ?? '').trim();
    if (word === '') continue;
    const key = `${cols[2]}-${cols[3]}-${cols[4]}`;
    const line = lines.get(key) ?? { words: [], confidences: [] };
    line.words.push(word);
    line.confidences.push(Number(cols[10]));
    lines.set(key, line);
  }
  return [...lines.values()].map(({ words, confidences }) => ({
    text: words.reduce(
      (text, word) => (/[\x21-\x7e]$/.test(text) && /^[\x21-\x7e]/.test(word) ? `${text} ${word}` : text + word),
      '',
    ),
    confidence: Math.round(confidences.reduce((a, b) => a + b, 0) / confidences.length),
  }));
}

/** The number of pages of a PDF (pdf.js, loaded on first use like the text extraction). */
export async function pageCountOf(bytes: Uint8Array): Promise<number> {
  const { getDocumentProxy } = await import('unpdf');
  const document = await getDocumentProxy(new Uint8Array(bytes));
  try {
    return document.numPages;
  } finally {
    await document.destroy();
  }
}

/** Recognises every page of a scanned PDF of `pageCount` pages. Throws PDF_NO_TEXT when a page times out or fails. */
export async function ocrPdf(bytes: Uint8Array, pageCount: number, options: OcrOptions): Promise<OcrResult> {
  if (pageCount > options.pages) {
    throw new AppError('PAYLOAD_TOO_LARGE', `这个扫描件有 ${pageCount} 页，文字识别最多 ${options.pages} 页。`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ocr-'));
  const out: string[] = [];
  const unsure: OcrLine[] = [];
  try {
    const pdf = path.join(dir, 'scan.pdf');
    fs.writeFileSync(pdf, bytes);
    for (let page = 1; page <= pageCount; page += 1) {
      const started = Date.now();
      const image = path.join(dir, `p${page}`);
      try {
        const args = ['-r', String(DPI), '-gray', '-png', '-f', String(page), '-l', String(page), '-singlefile'];
        await run('pdftoppm', [...args, pdf, image], options.pageMs);
        const left = Math.max(1000, options.pageMs - (Date.now() - started));
        const tsv = await run('tesseract', [`${image}.png`, '-', '-l', 'chi_sim', '--psm', '6', 'tsv'], left);
        for (const line of tsvLines(tsv)) {
          out.push(line.text);
          if (line.confidence < LOW_CONFIDENCE) unsure.push({ page, line: out.length, ...line });
        }
      } catch {
        throw new AppError(
          'PDF_NO_TEXT',
          `扫描件第 ${page} 页的文字没能在 ${Math.round(options.pageMs / 1000)} 秒内识别出来；请上传 Word 原件或带文字层的 PDF。`,
        );
      } finally {
        fs.rmSync(`${image}.png`, { force: true });
      }
      options.progress?.(page, pageCount);
    }
    return { text: out.join('\n'), pages: pageCount, unsure };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
