// A DOCX with a real Word table (the plan's indicator table, 专栏1) and its PDF exported by LibreOffice, as staff get
// them: narrow first column, so names wrap inside their cells ("（%）" on a line of its own).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

const run = promisify(execFile);
/** Twips: 1 cm = 567. The name column is narrow enough that long indicator names wrap. */
const COLUMN_WIDTHS = [2800, 1400, 1400, 1400];
/** Small type, wide text area: the text lines do not wrap, only the table's cells do. */
const FONT_HALF_POINTS = 18;

/** Whether LibreOffice (Debian's libreoffice-writer-nogui) is installed. */
export function hasSoffice(): boolean {
  return fs.existsSync('/usr/bin/soffice');
}

/** The cells of a text line of the table: split at tabs, or at runs of two or more spaces and single ones before numbers. */
function cellsOf(line: string): string[] {
  const trimmed = line.trim();
  if (trimmed.includes('\t')) return trimmed.split('\t').map((c) => c.trim());
  // 济宁's rows: "1. name（%） 100 100 预期性" and the header "指标 2020 年 2025 年 属性".
  const m = /^(.*?)\s+(\S+|20\d\d 年)\s+(\S+|20\d\d 年)\s+(约束性|预期性|属性)$/.exec(trimmed);
  return m ? [m[1] ?? '', m[2] ?? '', m[3] ?? '', m[4] ?? ''] : [trimmed];
}

/**
 * One paragraph per text line, except lines `from`..`to` (1-based, inclusive; blank ones dropped), which become one
 * table row each.
 */
export async function buildDocxWithTable(text: string, from: number, to: number): Promise<Buffer> {
  const lines = text.split('\n');
  const run = (t: string) => new TextRun({ text: t, size: FONT_HALF_POINTS });
  const paragraph = (line: string) => new Paragraph({ children: [run(line)] });
  const rows = lines
    .slice(from - 1, to)
    .filter((line) => line.trim() !== '')
    .map(
      (line) =>
        new TableRow({
          children: cellsOf(line).map(
            (cell, i) =>
              new TableCell({
                width: { size: COLUMN_WIDTHS[i] ?? 1300, type: WidthType.DXA },
                children: [paragraph(cell)],
              }),
          ),
        }),
    );
  const table = new Table({ rows, columnWidths: COLUMN_WIDTHS });
  const children = [...lines.slice(0, from - 1).map(paragraph), table, ...lines.slice(to).map(paragraph)];
  const page = { margin: { top: 1000, bottom: 1000, left: 900, right: 900 } };
  return Packer.toBuffer(new Document({ sections: [{ properties: { page }, children }] }));
}

/** `soffice --headless --convert-to pdf` in a temporary folder (its own profile, so parallel runs do not clash). */
export async function exportPdf(docx: Buffer, name = 'plan'): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soffice-'));
  try {
    const input = path.join(dir, `${name}.docx`);
    fs.writeFileSync(input, docx);
    await run(
      'soffice',
      [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input],
      { timeout: 120_000 },
    );
    return fs.readFileSync(path.join(dir, `${name}.pdf`));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
