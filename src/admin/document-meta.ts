// What a document says about itself: its 文号, when it is in force (自…起施行, 有效期至…) and which documents it
// repeals (…（济残发〔2023〕7号）同时废止), read from the text.
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

/** A 文号 cited in a sentence (another document's when the sentence repeals it). */
const CITED_NUMBER = /[\p{Script=Han}]{1,10}[〔［[(（]\s*\d{4}\s*[〕］\])）]\s*\d{1,4}\s*号/gu;
/** A sentence that ends another document's force. */
const REPEALS = /废止|停止执行|不再执行/;

/** The 文号 the text says it repeals (原《…》（济残发〔2023〕7号）同时废止), in order, each once. */
export function detectRepeals(text: string): string[] {
  const cited = text
    .split(/(?<=[。；\n])/)
    .filter((sentence) => REPEALS.test(sentence))
    .flatMap((sentence) => [...sentence.matchAll(CITED_NUMBER)].map((m) => m[0].replace(/\s+/g, '')));
  return [...new Set(cited)];
}

/** When the text says it takes effect and until when (null where it does not say), and what it repeals (if any). */
export function detectInForce(text: string): InForce {
  const repeals = detectRepeals(text);
  return { from: iso(FROM.exec(text)), until: iso(UNTIL.exec(text)), ...(repeals.length > 0 ? { repeals } : {}) };
}
