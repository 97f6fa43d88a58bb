// An uploaded file → UTF-8 text for the plan parser: checks the bytes are what the extension says, then extracts.
import path from 'node:path';
import { AppError } from '../errors.ts';
import { extractDocx } from './docx.ts';
import { extractPdf } from './pdf.ts';
import { normalizeText } from './normalize.ts';

export type SourceFormat = 'txt' | 'md' | 'docx' | 'pdf';

const FORMATS: Record<string, SourceFormat> = { '.txt': 'txt', '.md': 'md', '.docx': 'docx', '.pdf': 'pdf' };

/** The format an upload claims by its name, or a 415 naming the formats we take. */
export function formatOf(fileName: string): SourceFormat {
  const format = FORMATS[path.extname(fileName).toLowerCase()];
  if (!format) throw new AppError('UNSUPPORTED_FILE_TYPE', '只接受 .txt、.md、.docx 和 .pdf 文件。');
  return format;
}

function startsWith(bytes: Uint8Array, magic: string): boolean {
  return [...magic].every((ch, i) => bytes[i] === ch.charCodeAt(0));
}

/** What the first bytes say the file is. */
function sniff(bytes: Uint8Array): 'pdf' | 'zip' | 'text' | 'binary' {
  if (startsWith(bytes, '%PDF-')) return 'pdf';
  if (startsWith(bytes, 'PK\u0003\u0004')) return 'zip';
  return bytes.subarray(0, 8192).includes(0) ? 'binary' : 'text';
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('NOT_UTF8', '这个文本文件不是 UTF-8 编码；请另存为 UTF-8 后再上传。');
  }
}

const CLAIMS: Record<SourceFormat, ReturnType<typeof sniff>> = { txt: 'text', md: 'text', docx: 'zip', pdf: 'pdf' };

/** The normalised text of an upload (see normalize.ts). Throws AppError with a code and a sentence. */
export async function extractText(fileName: string, bytes: Uint8Array): Promise<string> {
  const format = formatOf(fileName);
  if (bytes.length === 0) throw new AppError('FILE_EMPTY', '上传的文件是空的。');
  if (sniff(bytes) !== CLAIMS[format]) {
    throw new AppError('FILE_TYPE_MISMATCH', `这个文件名为 .${format}，但内容不是 ${format.toUpperCase()} 文件。`);
  }
  const raw =
    format === 'docx' ? await extractDocx(bytes) : format === 'pdf' ? await extractPdf(bytes) : decodeUtf8(bytes);
  const text = normalizeText(raw, format === 'md');
  if (text.replace(/\s+/g, '') === '') throw new AppError('FILE_EMPTY', '这个文件里没有可读取的文字。');
  return text;
}
