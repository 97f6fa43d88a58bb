// What every upload goes through before the shared clause parser: line ends, invisible characters, full-width digits,
// Markdown heading and list marks. The parser's own line cleaning (cleanLine) then applies as for the shipped plans.
import { stripInvisible } from '../text/invisible.ts';

const FULL_WIDTH_DIGIT = /[０-９]/g;

/** Normalises extracted text; `markdown` also strips heading marks (`## `), list bullets and block quotes. */
export function normalizeText(text: string, markdown: boolean): string {
  let out = stripInvisible(text.replace(/\r\n?/g, '\n'));
  out = out.replace(FULL_WIDTH_DIGIT, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
  if (markdown) out = out.replace(/^[ \t]*(#{1,6}[ \t]+|[-*+][ \t]+|>[ \t]?)/gm, '');
  return out;
}
