// Builds real upload files inside the tests: a DOCX (docx) and a text PDF with a CJK font (pdfkit), from plan text.
import fs from 'node:fs';
import path from 'node:path';
import { Document, Packer, Paragraph, Tab, TextRun } from 'docx';
import PDFDocument from 'pdfkit';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** fonts-noto-cjk (installed by .ci/run); pdfkit embeds the Simplified Chinese face of the collection. */
const CJK_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

/** `npm run corpus:check` for yongji.txt and jining.txt (the seeds), read off its table. */
export const YONGJI_COUNTS = {
  chapters: 4,
  sections: 8,
  items: 27,
  boxes: 9,
  boxHeadings: 2,
  boxEntries: 44,
  indicators: 11,
  paragraphs: 18,
  departmentAnnotations: 27,
};
export const JINING_COUNTS = {
  chapters: 4,
  sections: 20,
  items: 35,
  boxes: 9,
  boxHeadings: 0,
  boxEntries: 51,
  indicators: 11,
  paragraphs: 3,
  departmentAnnotations: 35,
};

/** A shipped plan's text with every name of its city replaced (济宁 → 临沂 …), as a plan of a city we do not ship. */
export function seedText(file: string, from: string, to: string): string {
  return fs.readFileSync(path.join(ROOT, 'corpus', file), 'utf8').replaceAll(from, to);
}

/** One Word paragraph per line; tabs stay tabs (the indicator tables of the text files are tab-separated). */
export async function buildDocx(text: string): Promise<Buffer> {
  const paragraph = (line: string) =>
    new Paragraph({
      children: line
        .split('\t')
        .map((part, i) => (i === 0 ? new TextRun(part) : new TextRun({ children: [new Tab(), part] }))),
    });
  return Packer.toBuffer(new Document({ sections: [{ children: text.split('\n').map(paragraph) }] }));
}

/**
 * A text PDF as government sites publish them: one source line per PDF line, a running head on every page and a
 * page number like "- 3 -" at its foot.
 */
export async function buildPdf(text: string, runningHead: string, linesPerPage = 40): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margin: 40, autoFirstPage: false });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => pdf.on('end', () => resolve()));
  pdf.registerFont('cjk', CJK_FONT, 'NotoSansCJKsc-Regular');
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  for (let start = 0, page = 1; start < lines.length; start += linesPerPage, page += 1) {
    pdf.addPage();
    pdf.font('cjk').fontSize(9);
    pdf.text(runningHead, 40, 30, { lineBreak: false });
    let y = 60;
    for (const line of lines.slice(start, start + linesPerPage)) {
      let x = 40;
      for (const cell of line.split('\t')) {
        pdf.text(cell, x, y, { lineBreak: false });
        x += pdf.widthOfString(cell) + 30;
      }
      y += 17;
    }
    pdf.text(`- ${page} -`, 280, 800, { lineBreak: false });
  }
  pdf.end();
  await ended;
  return Buffer.concat(chunks);
}
