// Issue 20 (3b): a scanned PDF (a text PDF's pages rendered to images and put back into a PDF in the test, no text
// layer) is recognised by Tesseract page by page in the background, reported, published and answered from.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LiveServices } from '../../src/runtime/live.ts';
import { requireTool } from '../tools.ts';
import { askAbout, call, startLive, tempDataDir, upload } from './helpers.ts';
import { hasScanTools, printedPdf, scanned } from './scan.ts';

/** The invented rules of tests/fixtures/documents, for a city we do not ship. */
const RULES = fs
  .readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'documents', 'jining-rules.txt'), 'utf8')
  .replaceAll('济宁', '日照');

interface Job {
  job: string;
  status: string;
  done: number;
  pages: number;
  message: string;
  statusUrl: string;
  draft?: { kind: string; report: { counts: Record<string, number>; errors: unknown[] } };
}

const run = requireTool('tesseract-ocr (with chi_sim), poppler-utils and img2pdf', hasScanTools(), 'the scan test');

describe.runIf(run)('a scanned PDF of implementing rules (日照)', () => {
  let live: LiveServices;
  let scan: Buffer;
  const seen: Job[] = [];
  beforeAll(async () => {
    // The rules are in force 2023-03-01 … 2027-02-28 (第十五条): the day is fixed inside it, not left to the clock.
    live = startLive(tempDataDir(), { TODAY: '2026-06-01' });
    scan = await scanned(await printedPdf(RULES));
  }, 60_000);

  it('is taken with 202 and a job whose progress counts the pages, then becomes a draft with the rules’ counts', async () => {
    const res = await upload(live, { name: '日照细则扫描件.pdf', bytes: scan }, { id: 'rizhao', city: '日照' });
    expect(res.status).toBe(202);
    const started = (await res.json()) as Job;
    expect(started).toMatchObject({ status: 'reading', done: 0, pages: 2 });
    expect(started.message).toBe('这是扫描件，正在识别文字：共 2 页，已识别 0 页。');
    let job = started;
    for (let i = 0; i < 600 && job.status === 'reading'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      job = (await (await call(live, started.statusUrl)).json()) as Job;
      if (!seen.some((s) => s.done === job.done)) seen.push(job);
    }
    expect(job.status).toBe('done');
    expect(seen.map((s) => s.done)).toContain(2);
    expect(job.message).toMatch(/^识别完成：共 2 页，/);
    // 5 chapters (第一章…第五章) and 15 articles, as the fixture has.
    expect(job.draft?.kind).toBe('rules');
    expect(job.draft?.report.counts).toMatchObject({ chapters: 5, items: 15 });
    expect(job.draft?.report.errors).toEqual([]);
  }, 180_000);

  it('is published and answered from: the amount of 第七条 read off the scan', async () => {
    expect((await call(live, '/api/admin/plans/rizhao/publish', { method: 'POST' })).status).toBe(200);
    const answer = await askAbout(live, '日照重度残疾人护理补贴一个月多少钱');
    expect(answer.answered).toBe(true);
    expect(answer.citations[0]).toMatchObject({ id: 'rizhao-a7', kind: 'rules' });
    expect(answer.answer).toContain('一级残疾人每人每月120元，二级残疾人每人每月100元');
  });

  it('refuses an unknown job with 404', async () => {
    const res = await call(live, '/api/admin/scans/0123456789abcdef');
    expect(res.status).toBe(404);
  });
});
