// What a document says about itself: its 文号 and when it is in force (自…起施行, 有效期至…), read from the text.
import type { InForce } from '../corpus/types.ts';

/** 济残发〔2023〕7号, 鲁政办字[2021]12号 … as a line of its own (a 文号 quoted in the text is another document's). */
const DOC_NUMBER = /^[（(]?([\p{Script=Han}]{1,10}[〔［[(（]\s*\d{4}\s*[〕］\])）]\s*\d{1,4}\s*号)[）)]?$/u;
const DATE = String.raw`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`;
const FROM = new RegExp(`自${DATE}起(?:施行|执行|实施)`);
const UNTIL = new RegExp(`有效期(?:至|到)${DATE}`);

/** The 文号 on a line of its own among the first 40 (where a document states its own), or ''. */
export function detectDocNumber(text: string): string {
  for (const line of text.split('\n').slice(0, 40)) {
    const m = DOC_NUMBER.exec(line.trim());
    if (m?.[1]) return m[1].replace(/\s+/g, '');
  }
  return '';
}

function iso(m: RegExpExecArray | null): string | null {
  if (!m) return null;
  return `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
}

/** When the text says it takes effect and until when; null where it does not say. */
export function detectInForce(text: string): InForce {
  return { from: iso(FROM.exec(text)), until: iso(UNTIL.exec(text)) };
}
