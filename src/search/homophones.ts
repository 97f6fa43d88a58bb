// Homophones from speech recognition and pinyin input (抗复 → 康复, 互理不贴 → 护理补贴, 残疾正 → 残疾证): a stretch of
// unknown characters whose toneless pinyin equals a plan word's (or, for words of three or more syllables, differs in one
// syllable) stands for that word.
import { pinyin } from 'pinyin-pro';
import type { Span } from './types.ts';

const HAN_WORD = /^\p{Script=Han}{2,6}$/u;
const HAN = /\p{Script=Han}/u;
/** Longest stretch of characters tried as one word. */
export const MAX_HOMOPHONE_CHARS = 6;
/** Plan words of at least this many syllables also match with one syllable different. */
export const FUZZY_MIN_SYLLABLES = 3;

export interface HomophoneMatcher {
  /**
   * Spans of `normalized` that sound like a plan word. `unknown[i]` is true for a character the plans never use as it is
   * written here (part of a word no clause contains); a span needs at least one and may not cover a `blocked` character.
   */
  spans(normalized: string, unknown: readonly boolean[], blocked: readonly boolean[]): Span[];
}

const syllables = (text: string): string[] => pinyin(text, { toneType: 'none', type: 'array' });

/** Builds the pinyin tables once, from the words of the clauses and the lexicon's plan terms. */
export function createHomophoneMatcher(words: Iterable<string>): HomophoneMatcher {
  const exact = new Map<string, string[]>();
  const fuzzy = new Map<string, string[]>();
  const known = new Set<string>();
  const add = (table: Map<string, string[]>, key: string, word: string) => {
    const list = table.get(key);
    if (!list) table.set(key, [word]);
    else if (!list.includes(word)) list.push(word);
  };
  for (const word of words) {
    if (!HAN_WORD.test(word) || known.has(word)) continue;
    known.add(word);
    const sounds = syllables(word);
    add(exact, sounds.join(' '), word);
    if (sounds.length >= FUZZY_MIN_SYLLABLES) {
      for (let i = 0; i < sounds.length; i++) add(fuzzy, wildcard(sounds, i), word);
    }
  }

  return {
    spans(normalized, unknown, blocked) {
      // Positions are UTF-16 indices, as everywhere in query analysis.
      const chars = normalized.split('');
      // pinyin-pro reads a whole phrase better than its characters one by one (多音字), so read each Han run at once.
      const sounds: string[] = new Array<string>(chars.length).fill('');
      for (const match of normalized.matchAll(/\p{Script=Han}+/gu)) {
        syllables(match[0]).forEach((s, i) => (sounds[match.index + i] = s));
      }
      const taken = [...blocked];
      const found: Span[] = [];
      for (let length = Math.min(MAX_HOMOPHONE_CHARS, chars.length); length >= 2; length--) {
        for (let start = 0; start + length <= chars.length; start++) {
          const end = start + length;
          const text = chars.slice(start, end).join('');
          if (!chars.slice(start, end).every((c) => HAN.test(c)) || known.has(text)) continue;
          if (taken.slice(start, end).some(Boolean) || !unknown.slice(start, end).some(Boolean)) continue;
          const key = sounds.slice(start, end);
          let terms = exact.get(key.join(' ')) ?? [];
          if (terms.length === 0 && length >= FUZZY_MIN_SYLLABLES) {
            terms = [...new Set(key.flatMap((_, i) => fuzzy.get(wildcard(key, i)) ?? []))].filter((term) =>
              sharesACharacter(term, text),
            );
          }
          if (terms.length === 0 || terms.length > 3) continue; // none, or too ambiguous to guess
          for (let i = start; i < end; i++) taken[i] = true;
          found.push({ start, end, terms });
        }
      }
      return found.sort((a, b) => a.start - b.start);
    },
  };
}

function wildcard(sounds: readonly string[], at: number): string {
  return sounds.map((s, i) => (i === at ? '*' : s)).join(' ');
}

/** A one-syllable-off match must also share at least one character, as written, in the same place. */
function sharesACharacter(term: string, text: string): boolean {
  return [...term].some((c, i) => c === text[i]);
}
