// What every upload goes through before the shared clause parser: line ends, invisible characters, full-width digits,
// Markdown heading and list marks. The parser's own line cleaning (cleanLine) then applies as for the shipped plans.

const FULL_WIDTH_DIGIT = /[０-９]/g;
/** Control characters other than tab and newline, zero-width characters and the byte-order mark. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u2028-\u202e\u2060\ufeff]/g;

/** Normalises extracted text; `markdown` also strips heading marks (`## `), list bullets and block quotes. */
export function normalizeText(text: string, markdown: boolean): string {
  let out = text.replace(/\r\n?/g, '\n').replace(INVISIBLE, '');
  out = out.replace(FULL_WIDTH_DIGIT, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
  if (markdown) out = out.replace(/^[ \t]*(#{1,6}[ \t]+|[-*+][ \t]+|>[ \t]?)/gm, '');
  return out;
}
