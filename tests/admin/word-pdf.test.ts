// Issue 20 (3a): a plan whose indicator table (专栏1) is a real Word table, exported to PDF by LibreOffice in the test
// as staff's PDFs are, publishes with the same counts as the DOCX it came from: the table's wrapped cells ("（%）" on a
// line of its own) are read by their positions into the 11 indicator rows.
import { beforeAll, describe, expect, it } from 'vitest';
import type { LiveServices } from '../../src/runtime/live.ts';
import { requireTool } from '../tools.ts';
import { JINING_COUNTS, seedText } from './files.ts';
import { askAbout, call, startLive, tempDataDir, upload } from './helpers.ts';
import { buildDocxWithTable, exportPdf, hasSoffice } from './word-table.ts';

/** jining.txt lines 197–219: the header 指标 2020 年 2025 年 属性 and rows 1.–11. of 专栏1. */
const TABLE_LINES: [number, number] = [197, 219];
interface Draft {
  report: { counts: Record<string, number>; errors: unknown[]; warnings: unknown[] };
}

const run = requireTool('LibreOffice (soffice)', hasSoffice(), 'the Word-table PDF test');

describe.runIf(run)('a Word table exported to PDF by LibreOffice (济宁 renamed 菏泽)', () => {
  let live: LiveServices;
  let docx: Buffer;
  let pdf: Buffer;
  beforeAll(async () => {
    live = startLive(tempDataDir());
    docx = await buildDocxWithTable(seedText('jining.txt', '济宁', '菏泽'), ...TABLE_LINES);
    pdf = await exportPdf(docx);
  }, 180_000);

  it('reads the DOCX with the shipped plan’s counts', async () => {
    const res = await upload(live, { name: '菏泽规划.docx', bytes: docx }, { id: 'heze', city: '菏泽' });
    expect(res.status).toBe(201);
    const draft = (await res.json()) as Draft;
    expect(draft.report.counts).toEqual(JINING_COUNTS);
    expect(draft.report.errors).toEqual([]);
  });

  it('reads the PDF with the same counts and no errors, and publishes it', async () => {
    const res = await upload(live, { name: '菏泽规划.pdf', bytes: pdf }, { id: 'heze', city: '菏泽' });
    expect(res.status).toBe(201);
    const draft = (await res.json()) as Draft;
    expect(draft.report.counts).toEqual(JINING_COUNTS);
    expect(draft.report.errors).toEqual([]);
    expect((await call(live, '/api/admin/plans/heze/publish', { method: 'POST' })).status).toBe(200);
  });

  it('answers an indicator question from the wrapped row, with its 2020 and 2025 values', async () => {
    const answer = await askAbout(live, '菏泽残疾儿童少年义务教育入学率目标是多少');
    expect(answer.citations[0]?.text.replace(/\s+/g, '')).toBe('8.残疾儿童少年义务教育入学率（%）＞96＞99预期性');
  });
});
