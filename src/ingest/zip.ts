// Reads a zip's central directory without inflating anything, so a DOCX that would expand past a limit is refused first.

/** What the central directory declares about an archive. */
export interface ZipSummary {
  entries: string[];
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
  let expandedBytes = 0;
  let worstRatio = 0;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== DIRECTORY_ENTRY) return null;
    const compressed = view.getUint32(at + 20, true);
    const expanded = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > bytes.length) return null;
    entries.push(decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)));
    expandedBytes += expanded;
    worstRatio = Math.max(worstRatio, expanded / Math.max(1, compressed));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { entries, expandedBytes, worstRatio };
}
