// Scanned PDFs recognised in the background: the upload answers 202 with a job at once (recognition takes seconds a
// page), the job's page count and progress are kept in DATA_DIR/plans/scans/<job>.json so any worker can report them,
// and the last page makes the draft as any upload does, its unsure lines first among the report's warnings.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors.ts';
import { normalizeText } from '../ingest/normalize.ts';
import { ocrAvailable, ocrPdf, pageCountOf } from '../ingest/ocr.ts';
import type { OcrLine } from '../ingest/ocr.ts';
import type { UploadFields } from './fields.ts';
import type { PlanDesk } from './desk.ts';
import type { ReportEntry } from './report.ts';
import type { StaffIdentity } from '../staff-tokens.ts';
import { makeDraft } from './upload.ts';

export interface ScanJob {
  job: string;
  id: string;
  status: 'reading' | 'done' | 'failed';
  /** Pages read so far, of `pages`. */
  done: number;
  pages: number;
  /** The sentence for staff (progress, or what went wrong). */
  message: string;
  /** Where to follow it. */
  statusUrl: string;
  /** The draft, as POST /api/admin/plans answers for a text file, once done. */
  draft?: unknown;
  error?: { code: string; message: string };
}

/** The report's sentence for a line Tesseract was unsure of: page and text as staff see them, and what to do. */
export function unsureEntry(line: OcrLine): ReportEntry {
  return {
    line: line.line,
    message: `第 ${line.page} 页这一行识别得不太确定（可信度 ${line.confidence}%）：“${line.text}”。请对照原件核对；错字较多时请上传 Word 原件或带文字层的 PDF。`,
  };
}

export interface Scans {
  available(): boolean;
  start(fields: UploadFields, bytes: Uint8Array, who: StaffIdentity): Promise<ScanJob>;
  read(job: string): ScanJob;
}

export function createScans(desk: PlanDesk): Scans {
  // Beside the file store's plans (DATA_DIR/plans): every worker of this machine answers a job's progress.
  const dir = () => path.join(desk.config.dataDir, 'plans', 'scans');
  const file = (job: string) => path.join(dir(), `${job}.json`);
  const write = (job: ScanJob) => {
    fs.mkdirSync(dir(), { recursive: true });
    const temp = `${file(job.job)}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(job));
    fs.renameSync(temp, file(job.job));
    return job;
  };
  const { ocrPageMs, ocrPages } = desk.config.limits;
  return {
    available: ocrAvailable,
    async start(fields, bytes, who) {
      const pages = await pageCountOf(bytes);
      if (pages > ocrPages) {
        throw new AppError('PAYLOAD_TOO_LARGE', `这个扫描件有 ${pages} 页，文字识别最多 ${ocrPages} 页。`);
      }
      const job = crypto.randomBytes(8).toString('hex');
      const base = { job, id: fields.id, pages, statusUrl: `/api/admin/scans/${job}` };
      const started = write({
        ...base,
        status: 'reading',
        done: 0,
        message: `这是扫描件，正在识别文字：共 ${pages} 页，已识别 0 页。`,
      });
      const progress = (done: number) =>
        write({ ...base, status: 'reading', done, message: `正在识别文字：共 ${pages} 页，已识别 ${done} 页。` });
      void ocrPdf(bytes, pages, { pages: ocrPages, pageMs: ocrPageMs, progress })
        .then(async (result) => {
          if (result.text.trim() === '') {
            throw new AppError(
              'PDF_NO_TEXT',
              `扫描件的 ${pages} 页里没有识别出文字（空白页或图片）；请上传 Word 原件或带文字层的 PDF。`,
            );
          }
          const draft = await makeDraft(
            desk,
            fields,
            bytes,
            normalizeText(result.text, false),
            result.unsure.map(unsureEntry),
            who,
          );
          const unsure = result.unsure.length;
          write({
            ...base,
            status: 'done',
            done: pages,
            message: `识别完成：共 ${pages} 页，${unsure > 0 ? `${unsure} 行识别得不太确定，已在检查报告里标出` : '没有识别得不确定的行'}。`,
            draft,
          });
        })
        .catch((error: unknown) => {
          const known = error instanceof AppError ? error : null;
          const message = known?.message ?? '文字识别没有完成，请稍后重试，或上传 Word 原件。';
          write({ ...base, status: 'failed', done: 0, message, error: { code: known?.code ?? 'INTERNAL', message } });
          desk.log.warn('scan_failed', { plan: fields.id, code: known?.code ?? 'INTERNAL' });
        });
      return started;
    },
    read(job) {
      if (!/^[0-9a-f]{16}$/.test(job) || !fs.existsSync(file(job))) {
        throw new AppError('NOT_FOUND', '没有这个识别任务（编号不对，或服务已换过数据目录）。');
      }
      return JSON.parse(fs.readFileSync(file(job), 'utf8')) as ScanJob;
    },
  };
}
