// DOCX → plain lines: one line per paragraph (empty paragraphs stay blank lines), one tab-separated line per table row.
import { AppError } from '../errors.ts';
import { expandsWithin, readZipDirectory } from './zip.ts';

/** Largest total a DOCX may expand to; Word files of a 100-page plan expand to a few MiB. */
export const MAX_DOCX_EXPANDED_BYTES = 64 * 1024 * 1024;
/** Largest expansion ratio of one entry; XML compresses about 10:1, a zip bomb thousands to one. */
export const MAX_DOCX_RATIO = 200;

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

function decodeText(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** mammoth's HTML is regular (p, h1–h6, li, table/tr/td): each block becomes a line, each row a line of cells. */
export function htmlToLines(html: string): string[] {
  const lines: string[] = [];
  const blocks = /<table>([\s\S]*?)<\/table>|<(p|h[1-6]|li)\b[^>]*>([\s\S]*?)<\/\2>|<(p|h[1-6])\b[^>]*\/>/g;
  for (let m = blocks.exec(html); m; m = blocks.exec(html)) {
    if (m[1] !== undefined) {
      for (const row of m[1].match(/<tr>[\s\S]*?<\/tr>/g) ?? []) {
        const cells = row.match(/<t[dh]\b[^>]*>[\s\S]*?<\/t[dh]>/g) ?? [];
        lines.push(cells.map((cell) => decodeText(cell.replace(/<\/p>\s*<p>/g, ' ')).trim()).join('\t'));
      }
    } else {
      lines.push(decodeText(m[3] ?? ''));
    }
  }
  return lines;
}

/** The text of a DOCX, refused with a code and a sentence when it is no Word file or would expand too far. */
export async function extractDocx(bytes: Uint8Array): Promise<string> {
  const zip = readZipDirectory(bytes);
  if (!zip || !zip.entries.includes('word/document.xml')) {
    throw new AppError('FILE_TYPE_MISMATCH', '这个文件名为 .docx，但内容不是 Word 文档。');
  }
  const declaredTooMuch = zip.expandedBytes > MAX_DOCX_EXPANDED_BYTES || zip.worstRatio > MAX_DOCX_RATIO;
  const expansion = declaredTooMuch ? 'too-large' : expandsWithin(bytes, zip, MAX_DOCX_EXPANDED_BYTES);
  if (expansion === 'too-large') {
    throw new AppError(
      'ARCHIVE_TOO_LARGE',
      `这个 Word 文件解压后超过 ${MAX_DOCX_EXPANDED_BYTES} 字节或压缩比超过 ${MAX_DOCX_RATIO}:1，可能是压缩炸弹，已拒收。`,
    );
  }
  if (expansion === 'broken') throw new AppError('FILE_TYPE_MISMATCH', '这个 Word 文件已损坏，读不出来。');
  // Loaded on the first upload: mammoth costs every worker ≈3 MiB and 0.1 s at start-up, and only staff upload.
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { ignoreEmptyParagraphs: false })).value;
  } catch {
    throw new AppError('FILE_TYPE_MISMATCH', '这个 Word 文件读不出来（损坏或不是 .docx 格式）。');
  }
  return htmlToLines(html).join('\n');
}
