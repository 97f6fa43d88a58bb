// Each bad upload of issue 13 gets its status and code, nothing is published, nothing is left in DATA_DIR/plans, and the
// next resident question is still answered.
import path from 'node:path';
import JSZip from 'jszip';
import PDFDocument from 'pdfkit';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LiveServices } from '../../src/runtime/live.ts';
import { buildDocx, seedText } from './files.ts';
import { askAbout, call, filesUnder, startLive, tempDataDir, upload } from './helpers.ts';

/** A small limit, so "too large" needs no 20 MiB file; the seed DOCX (25 KiB) stays under it. */
const LIMIT = 100_000;

let live: LiveServices;
let dataDir: string;
let seed: string;
beforeAll(() => {
  dataDir = tempDataDir();
  live = startLive(dataDir, { LIMIT_UPLOAD_BYTES: String(LIMIT) });
  seed = seedText('yongji.txt', '永济', '临沂');
});

function pdf(options: PDFKit.PDFDocumentOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const doc = new PDFDocument(options);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  draw(doc);
  doc.end();
  return ended;
}

async function expectRefused(
  file: { name: string; bytes: Uint8Array | string },
  fields: Record<string, string>,
  status: number,
  code: string,
) {
  const res = await upload(live, file, fields);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect([res.status, body.error.code]).toEqual([status, code]);
  expect(body.error.message.length).toBeGreaterThan(5);
  expect(filesUnder(path.join(dataDir, 'plans'))).toEqual([]);
  const cities = (await (await call(live, '/api/cities')).json()) as { name: string }[];
  expect(cities).toHaveLength(5);
  expect((await askAbout(live, '济宁重度残疾人护理补贴')).answered).toBe(true);
}

const linyi = { id: 'linyi', city: '临沂' };

describe('bad uploads', () => {
  it('refuses a file over LIMIT_UPLOAD_BYTES with 413 PAYLOAD_TOO_LARGE', async () => {
    await expectRefused({ name: 'big.txt', bytes: seed.repeat(3) }, linyi, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('refuses a .pdf that is text with 415 FILE_TYPE_MISMATCH', async () => {
    await expectRefused({ name: 'plan.pdf', bytes: seed }, linyi, 415, 'FILE_TYPE_MISMATCH');
  });

  it('refuses a .docx that is a PDF with 415 FILE_TYPE_MISMATCH', async () => {
    const bytes = await pdf({}, (doc) => doc.text('plan'));
    await expectRefused({ name: 'plan.docx', bytes }, linyi, 415, 'FILE_TYPE_MISMATCH');
  });

  it('refuses a .doc (not a format we read) with 415 UNSUPPORTED_FILE_TYPE', async () => {
    await expectRefused({ name: 'plan.doc', bytes: seed }, linyi, 415, 'UNSUPPORTED_FILE_TYPE');
  });

  it('refuses a password-protected PDF with 422 PDF_ENCRYPTED', async () => {
    const bytes = await pdf({ userPassword: 'secret', ownerPassword: 'secret' }, (doc) => doc.text('plan text'));
    await expectRefused({ name: 'plan.pdf', bytes }, linyi, 422, 'PDF_ENCRYPTED');
  });

  it('refuses an image-only (scanned) PDF with 422 PDF_NO_TEXT', async () => {
    const bytes = await pdf({}, (doc) => {
      for (let page = 0; page < 3; page += 1) {
        if (page > 0) doc.addPage();
        doc.rect(50, 50, 400, 600).fill('#333');
      }
    });
    await expectRefused({ name: 'scan.pdf', bytes }, linyi, 422, 'PDF_NO_TEXT');
  });

  it('refuses an empty file with 422 FILE_EMPTY', async () => {
    await expectRefused({ name: 'plan.txt', bytes: '' }, linyi, 422, 'FILE_EMPTY');
  });

  it('refuses a text file that is not UTF-8 with 422 NOT_UTF8', async () => {
    const gbk = new Uint8Array([0xc1, 0xd9, 0xd2, 0xca, 0x0a]); // 临沂 in GBK
    await expectRefused({ name: 'plan.txt', bytes: gbk }, linyi, 422, 'NOT_UTF8');
  });

  it('refuses an id that belongs to another city with 409 PLAN_CONFLICT', async () => {
    const bytes = await buildDocx(seed);
    await expectRefused({ name: 'plan.docx', bytes }, { id: 'jining', city: '临沂' }, 409, 'PLAN_CONFLICT');
  });

  it('refuses a city another plan covers with 409 PLAN_CONFLICT', async () => {
    const bytes = await buildDocx(seed);
    await expectRefused({ name: 'plan.docx', bytes }, { id: 'jining2', city: '济宁市' }, 409, 'PLAN_CONFLICT');
  });

  it('refuses an id that is not URL-safe with 400 BAD_PLAN_ID', async () => {
    await expectRefused({ name: 'plan.txt', bytes: seed }, { id: '../linyi', city: '临沂' }, 400, 'BAD_PLAN_ID');
  });

  it('refuses a zip-bomb DOCX with 413 ARCHIVE_TOO_LARGE', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('word/document.xml', new Uint8Array(80 * 1024 * 1024));
    const bytes = await zip.generateAsync({
      type: 'uint8array',
      compression: 'DEFLATE',
      compressionOptions: { level: 9 },
    });
    expect(bytes.length).toBeLessThan(LIMIT);
    await expectRefused({ name: 'bomb.docx', bytes }, linyi, 413, 'ARCHIVE_TOO_LARGE');
  });

  it('refuses a zip-bomb DOCX that understates its sizes with 413 ARCHIVE_TOO_LARGE', async () => {
    const zip = new JSZip();
    // One entry only (no folder entry), so it is the first local header and the first directory entry.
    zip.file('word/document.xml', new Uint8Array(80 * 1024 * 1024), { createFolders: false });
    const bytes = await zip.generateAsync({
      type: 'uint8array',
      compression: 'DEFLATE',
      compressionOptions: { level: 9 },
    });
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(view.getUint32(bytes.length - 22 + 8, true) & 0xffff).toBe(1);
    // Declare 1,000 bytes unpacked for the entry in its local header (offset 22) and in the central directory (24).
    view.setUint32(22, 1000, true);
    const directory = view.getUint32(bytes.length - 22 + 16, true);
    view.setUint32(directory + 24, 1000, true);
    await expectRefused({ name: 'liar.docx', bytes }, linyi, 413, 'ARCHIVE_TOO_LARGE');
  });

  it('refuses forms that are not what the API takes, each with its code', async () => {
    const send = async (body: BodyInit, headers: Record<string, string> = {}) => {
      const res = await call(live, '/api/admin/plans', { method: 'POST', body, headers });
      return [res.status, ((await res.json()) as { error: { code: string } }).error.code];
    };
    expect(await send(JSON.stringify({ id: 'linyi' }), { 'content-type': 'application/json' })).toEqual([
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ]);
    expect(await send('--x\r\nbroken', { 'content-type': 'multipart/form-data; boundary=x' })).toEqual([
      400,
      'BAD_REQUEST',
    ]);
    const form = (fields: Record<string, string>, file = true) => {
      const data = new FormData();
      if (file) data.set('file', new File([seed], 'plan.txt'));
      for (const [key, value] of Object.entries(fields)) data.set(key, value);
      return data;
    };
    expect(await send(form(linyi, false))).toEqual([400, 'BAD_REQUEST']);
    expect(await send(form({ id: 'linyi' }))).toEqual([400, 'BAD_REQUEST']);
    expect(await send(form({ ...linyi, city: 'Linyi<script>' }))).toEqual([400, 'BAD_REQUEST']);
    expect(await send(form({ ...linyi, kind: 'law' }))).toEqual([400, 'BAD_REQUEST']);
    expect(await send(form({ ...linyi, period: '2021 to 2025' }))).toEqual([400, 'BAD_REQUEST']);
    expect(await send(form({ ...linyi, title: '标'.repeat(101) }))).toEqual([400, 'BAD_REQUEST']);
    expect(filesUnder(path.join(dataDir, 'plans'))).toEqual([]);
  });

  it('refuses an upload without the token with 401 UNAUTHORIZED', async () => {
    const form = new FormData();
    form.set('file', new File([seed], 'plan.txt'));
    const res = await call(live, '/api/admin/plans', { method: 'POST', body: form, admin: false });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
  });

  it('refuses to publish a plan with no draft with 409 NO_DRAFT, and an unknown plan with 404', async () => {
    const none = await call(live, '/api/admin/plans/jining/publish', { method: 'POST' });
    expect([none.status, ((await none.json()) as { error: { code: string } }).error.code]).toEqual([409, 'NO_DRAFT']);
    const unknown = await call(live, '/api/admin/plans/nowhere/publish', { method: 'POST' });
    expect(unknown.status).toBe(404);
    const back = await call(live, '/api/admin/plans/jining/rollback', { method: 'POST' });
    expect([back.status, ((await back.json()) as { error: { code: string } }).error.code]).toEqual([
      409,
      'NO_EARLIER_VERSION',
    ]);
    expect(filesUnder(path.join(dataDir, 'plans'))).toEqual([]);
  });
});
