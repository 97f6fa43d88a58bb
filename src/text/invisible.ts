// Characters nobody sees, removed in one place for every text that comes in: a typed or heard question (src/ask/schema.ts)
// and an uploaded plan (src/ingest/normalize.ts). Tab and line feed stay: a plan's table cells and lines need them.

/**
 * Zero-width spaces and joiners, the left-to-right and right-to-left marks, line and paragraph separators, bidi
 * embeddings and overrides, the word joiner, invisible operators and bidi isolates, the byte-order mark.
 */
const INVISIBLE = /[\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
/** C0 control characters other than tab and line feed, DEL and the C1 controls. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `text` without invisible and control characters (tab and line feed kept). */
export function stripInvisible(text: string): string {
  return text.replace(CONTROL, '').replace(INVISIBLE, '');
}
