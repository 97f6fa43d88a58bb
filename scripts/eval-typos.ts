// Robustness to speech and pinyin-input typos: every answerable dev/tune question that contains a plan term gets one
// character of that term replaced by a common character that sounds the same (seeded, so runs repeat), and is scored
// again. Nothing here is fitted: it measures the homophone matching on errors nobody wrote by hand.
import fs from 'node:fs';
import { pinyin } from 'pinyin-pro';
import { FULL_DICTIONARY } from '../src/search/dictionary.ts';
import type { AskFn } from '../src/answer/types.ts';
import type { Tokenizer } from '../src/search/types.ts';
import { outcomeOf, requestOf } from './eval-score.ts';
import type { EvalItem, Outcome } from './eval-score.ts';

/** Characters at least this frequent in jieba's dictionary stand in for a mis-heard one. */
const COMMON_CHARACTER = 5000;

export function typoOutcomes(
  items: EvalItem[],
  ask: AskFn,
  tokenizer: Tokenizer,
): { changed: number; outcomes: Outcome[] } {
  const bySound = new Map<string, string[]>();
  for (const line of fs.readFileSync(FULL_DICTIONARY, 'utf8').split('\n')) {
    const [c = '', frequency = '0'] = line.split(' ');
    if (c.length !== 1 || Number(frequency) < COMMON_CHARACTER) continue;
    const sound = pinyin(c, { toneType: 'none' });
    bySound.set(sound, [...(bySound.get(sound) ?? []), c]);
  }
  const terms = [...tokenizer.terms].filter((t) => t.length >= 2 && t.length <= 4).sort((a, b) => b.length - a.length);
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let changed = 0;
  const outcomes = items.map((item) => {
    const term = terms.find((t) => item.question.includes(t));
    const at = term ? Math.floor(random() * term.length) : 0;
    const original = term?.[at] ?? '';
    const others = (bySound.get(pinyin(original, { toneType: 'none' })) ?? []).filter((c) => c !== original);
    if (!term || others.length === 0) return outcomeOf(item, ask(requestOf(item)));
    changed += 1;
    const typo = term.slice(0, at) + others[Math.floor(random() * others.length)] + term.slice(at + 1);
    const changedItem = { ...item, question: item.question.replace(term, typo) };
    return outcomeOf(changedItem, ask(requestOf(changedItem)));
  });
  return { changed, outcomes };
}
