// An answer as it is read on the telephone: the first quoted sentence and where to ask, numbers as an operator reads them.
import { HOTLINE } from '../answer/compose.ts';
import type { AskResponse } from '../answer/types.ts';
import { speakable, splitSentences } from '../voice/speakable.ts';

/**
 * The answer shortened for a listener who cannot scroll back: its first sentence that quotes a plan (else its first
 * sentence) and the first sentence that says where to ask (the one naming the hotline).
 */
export function phoneAnswer(response: Pick<AskResponse, 'answer'>): string {
  const sentences = splitSentences(response.answer);
  const first = sentences.find((s) => s.includes('“')) ?? sentences[0] ?? '';
  const where = sentences.find((s) => s.includes(HOTLINE) && s !== first);
  return where ? `${first}${where}` : first;
}

/** Sentences of a phone answer rewritten for speech (幺二三八五, 二〇二五年, 十六到五十九周岁). */
export function phoneSentences(text: string): string[] {
  return splitSentences(text)
    .map((sentence) => speakable(sentence, { phone: true }))
    .filter((sentence) => sentence !== '');
}
