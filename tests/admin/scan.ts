// A scanned PDF made in the test as a scanner makes one: a text PDF's pages rendered to images (poppler's pdftoppm)
// and put back into a PDF of images only (img2pdf): no text layer at all.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import PDFDocument from 'pdfkit';

const run = promisify(execFile);
const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

/** Whether pdftoppm, img2pdf and tesseract with chi_sim are installed. */
export function hasScanTools(): boolean {
  return (
    ['/usr/bin/pdftoppm', '/usr/bin/img2pdf', '/usr/bin/tesseract'].every((tool) => fs.existsSync(tool)) &&
    fs.existsSync('/usr/share/tesseract-ocr/5/tessdata/chi_sim.traineddata')
  );
}

/** A text PDF of `text` in 12 pt type, flowing: a long line wraps, a full page continues on the next. */
export async function printedPdf(text: string): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margin: 60 });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => pdf.on('end', () => resolve()));
  pdf.registerFont('cjk', CJK_FONT, 'NotoSansCJKsc-Regular');
  pdf.font('cjk').fontSize(12);
  for (const line of text.split('\n').filter((l) => l.trim() !== '')) pdf.text(line, { lineGap: 8 });
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}

/** The pages of `pdf` as 150 dpi grey images in a PDF with no text layer. */
export async function scanned(pdf: Buffer): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-'));
  try {
    fs.writeFileSync(path.join(dir, 'in.pdf'), pdf);
    await run('pdftoppm', ['-r', '150', '-gray', '-png', path.join(dir, 'in.pdf'), path.join(dir, 'page')]);
    const pages = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.png'))
      .sort()
      .map((f) => path.join(dir, f));
    await run('img2pdf', [...pages, '-o', path.join(dir, 'scan.pdf')]);
    return fs.readFileSync(path.join(dir, 'scan.pdf'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
