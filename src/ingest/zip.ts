// Reads a zip's central directory, and inflates its entries against a byte budget, so a DOCX that would expand past a
// limit (declared or not: a zip bomb may understate its sizes) is refused before mammoth opens it.
import zlib from 'node:zlib';

/** What the central directory declares about an archive. */
export interface ZipSummary {
  entries: string[];
  /** Where each entry's local header starts, its compression method and compressed size. */
  blobs: { offset: number; method: number; compressed: number }[];
  /** Sum of the declared uncompressed sizes. */
  expandedBytes: number;
  /** Largest declared uncompressed size ÷ compressed size of one entry. */
  worstRatio: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
/** The end record is 22 bytes plus a comment of at most 65,535 bytes. */
const MAX_END_SEARCH = 22 + 0xffff;

/** The archive's entries and sizes, or null when the bytes are no readable zip. */
export function readZipDirectory(bytes: Uint8Array): ZipSummary | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - MAX_END_SEARCH); at -= 1) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const entries: string[] = [];
  const blobs: ZipSummary['blobs'] = [];
  let expandedBytes = 0;
  let worstRatio = 0;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== DIRECTORY_ENTRY) return null;
    const method = view.getUint16(at + 10, true);
    const compressed = view.getUint32(at + 20, true);
    const expanded = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return null;
    entries.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    blobs.push({ offset: view.getUint32(at + 42, true), method, compressed });
    expandedBytes += expanded;
    worstRatio = Math.max(worstRatio, expanded / Math.max(1, compressed));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, blobs, expandedBytes, worstRatio };
}

const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/**
 * Whether every entry really inflates within `budget` bytes in total (inflation stops as soon as it passes): 'ok',
 * 'too-large', or 'broken' for entries that are not where the directory says, do not inflate, or use a method a DOCX
 * does not.
 */
export function expandsWithin(bytes: Uint8Array, zip: ZipSummary, budget: number): 'ok' | 'too-large' | 'broken' {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let left = budget;
  for (const blob of zip.blobs) {
    if (blob.offset + 30 > bytes.length || view.getUint32(blob.offset, true) !== LOCAL_HEADER) return 'broken';
    const start = blob.offset + 30 + view.getUint16(blob.offset + 26, true) + view.getUint16(blob.offset + 28, true);
    const data = bytes.subarray(start, start + blob.compressed);
    if (blob.method === STORED) {
      left -= data.length;
    } else if (blob.method === DEFLATED) {
      try {
        left -= zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, left) }).length;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'broken';
      }
    } else {
      return 'broken';
    }
    if (left < 0) return 'too-large';
  }
  return 'ok';
}
