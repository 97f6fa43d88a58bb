// Homophones from speech recognition and pinyin input (抗复 → 康复, 互理不贴 → 护理补贴, 残疾正 → 残疾证): a stretch of
// suspect characters whose toneless pinyin equals a plan word's stands for that word; failing that, one whose pinyin
// equals it up to the sounds Mandarin speakers commonly merge (zh/z, ch/c, sh/s, n/l, f/h, -ng/-n: 残疾症 → 残疾证).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { pinyin } from 'pinyin-pro';
import { diskMemo } from '../disk-memo.ts';
import type { Span } from './types.ts';

const HAN_WORD = /^\p{Script=Han}{2,6}$/u;
const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;
/** Longest stretch of characters tried as one word. */
export const MAX_HOMOPHONE_CHARS = 6;
/** Sounds merged in many regional accents and by speech recognisers; both sides of a fuzzy match are reduced so. */
const MERGED: readonly [RegExp, string][] = [
  [/^zh/, 'z'],
  [/^ch/, 'c'],
  [/^sh/, 's'],
  [/^n(?!g)/, 'l'],
  [/^f/, 'h'],
  [/ng$/, 'n'],
];

export interface HomophoneMatcher {
  /**
   * Spans of `normalized` that sound like a plan word. `suspect[i]` is true for a character that may be mis-written (part
   * of a word no clause contains, or a lone character); a span needs at least one and may not cover a `blocked` one, and
   * starts and ends where `edges` is true (word boundaries).
   */
  spans(
    normalized: string,
    suspect: readonly boolean[],
    blocked: readonly boolean[],
    edges: readonly boolean[],
  ): Span[];
  /** Pinyin typed as letters (hu li bu tie, hulibutie → 护理补贴): syllables that spell a plan word. */
  pinyinSpans(normalized: string): Span[];
}

// Toneless: tone sandhi (一, 不 said in another tone) changes no syllable, so pinyin-pro is spared working it out.
const syllables = (text: string): string[] => pinyin(text, { toneType: 'none', type: 'array', toneSandhi: false });
/** pinyin-pro's version: a reading kept on disk is reused only with the library that made it. */
function pinyinVersion(): string {
  try {
    const file = createRequire(import.meta.url).resolve('pinyin-pro/package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: string }).version ?? '';
  } catch {
    return '';
  }
}

/** The syllables of a long text, computed once per text and pinyin-pro version (src/disk-memo.ts). */
function readingOf(text: string): string[] {
  const key = crypto.createHash('sha256').update(`${pinyinVersion()}\u0000${text}`).digest('hex').slice(0, 32);
  return diskMemo({ folder: 'policy-assistant-pinyin', key, keep: 4 }, () => syllables(text));
}

/** The plan terms a sound stands for, and the word first read for it. */
interface Heard {
  word: string;
  terms: string[];
}

/** Only words of this many syllables match up to merged sounds (two-syllable ones would collide too often). */
export const FUZZY_MIN_SYLLABLES = 3;
/** One syllable with the merged sounds reduced (shi → si, lang → lan). */
export const reduced = (syllable: string): string =>
  MERGED.reduce((sound, [from, to]) => sound.replace(from, to), syllable);
/** Syllables reduced by the merged sounds, joined (双鸭三 and 双鸭山 both read s ya san). */
export const merged = (sounds: readonly string[]): string => sounds.map(reduced).join(' ');

/**
 * Builds the pinyin tables once. `words` maps each word that may be meant to the plan terms it stands for: a plan word to
 * itself, an everyday word of the lexicon to its plan terms (残疾正 sounds like 残疾证, which stands for 残疾人证).
 */
export function createHomophoneMatcher(words: Iterable<readonly [string, readonly string[]]>): HomophoneMatcher {
  // Each sound's plan terms, and the first word of that sound, which a stretch that sounds so is heard as.
  const exact = new Map<string, Heard>();
  const fuzzy = new Map<string, Heard>();
  const known = new Set<string>();
  const add = (table: Map<string, Heard>, key: string, word: string, terms: readonly string[]) => {
    const had = table.get(key);
    table.set(key, { word: had?.word ?? word, terms: [...new Set([...(had?.terms ?? []), ...terms])] });
  };
  const entries = [...words].filter(([word, terms]) => HAN_WORD.test(word) && terms.length > 0);
  // One pinyin-pro call for all words (separated by commas, which end a phrase) is several times faster than one a word;
  // it is still a third of a worker's start-up, so the reading is kept on disk while the words and pinyin-pro are the same.
  const all = readingOf(entries.map(([word]) => word).join('，'));
  let at = 0;
  for (const [word, terms] of entries) {
    const sounds = all.slice(at, at + word.length);
    at += word.length + 1;
    known.add(word);
    add(exact, sounds.join(' '), word, terms);
    if (sounds.length >= FUZZY_MIN_SYLLABLES) add(fuzzy, merged(sounds), word, terms);
  }
  const valid = new Set([...exact.keys()].flatMap((key) => key.split(' ')));

  return {
    pinyinSpans(normalized) {
      const found: Span[] = [];
      for (const run of normalized.matchAll(/[a-z]+(?: [a-z]+)*/g)) {
        // Each typed syllable with where it starts and ends ("hulibutie" or "hu li bu tie" alike).
        const heard: { sound: string; start: number; end: number }[] = [];
        for (const word of run[0].matchAll(/[a-z]+/g)) {
          const parts = splitSyllables(word[0], valid);
          if (!parts) {
            heard.length = 0;
            break;
          }
          let at = run.index + word.index;
          for (const part of parts) heard.push({ sound: part, start: at, end: (at += part.length) });
        }
        const taken = new Array<boolean>(heard.length).fill(false);
        for (let length = Math.min(MAX_HOMOPHONE_CHARS, heard.length); length >= 2; length--) {
          for (let first = 0; first + length <= heard.length; first++) {
            const window = heard.slice(first, first + length);
            const start = window[0]?.start ?? 0;
            const end = window[length - 1]?.end ?? 0;
            if (taken.slice(first, first + length).some(Boolean)) continue;
            const terms = exact.get(window.map((h) => h.sound).join(' '))?.terms ?? [];
            if (terms.length === 0 || terms.length > 3) continue;
            for (let i = first; i < first + length; i++) taken[i] = true;
            found.push({ start, end, terms });
          }
        }
      }
      return found;
    },
    spans(normalized, suspect, blocked, edges) {
      if (!suspect.some(Boolean)) return [];
      // Positions are UTF-16 indices, as everywhere in query analysis; counts of suspect and non-Han characters before
      // each position let a window be rejected without building it.
      const before = (flags: readonly boolean[]) => {
        const sums = [0];
        for (let i = 0; i < normalized.length; i++) sums.push((sums[i] ?? 0) + (flags[i] ? 1 : 0));
        return (start: number, end: number) => (sums[end] ?? 0) - (sums[start] ?? 0);
      };
      const suspects = before(suspect);
      const nonHan = before(normalized.split('').map((c) => !HAN.test(c)));
      // pinyin-pro reads a whole phrase better than its characters one by one (多音字), so read each Han run at once.
      // A window has a suspect character and no other script, so it lies in a run with a suspect: only those are read.
      const sounds: string[] = new Array<string>(normalized.length).fill('');
      for (const match of normalized.matchAll(HAN_RUN)) {
        if (suspects(match.index, match.index + match[0].length) === 0) continue;
        syllables(match[0]).forEach((s, i) => (sounds[match.index + i] = s));
      }
      // Each syllable reduced once, not once for every window it is in.
      const fuzzySounds = sounds.map(reduced);
      const taken = [...blocked];
      const found: Span[] = [];
      for (let length = Math.min(MAX_HOMOPHONE_CHARS, normalized.length); length >= 2; length--) {
        for (let start = 0; start + length <= normalized.length; start++) {
          const end = start + length;
          if (!edges[start] || !edges[end] || suspects(start, end) === 0 || nonHan(start, end) > 0) continue;
          if (taken.slice(start, end).some(Boolean) || known.has(normalized.slice(start, end))) continue;
          const key = sounds.slice(start, end);
          const heard =
            exact.get(key.join(' ')) ??
            (length >= FUZZY_MIN_SYLLABLES ? fuzzy.get(fuzzySounds.slice(start, end).join(' ')) : undefined);
          const terms = heard?.terms ?? [];
          if (terms.length === 0 || terms.length > 3) continue; // none, or too ambiguous to guess
          for (let i = start; i < end; i++) taken[i] = true;
          found.push({ start, end, terms, heard: heard?.word });
        }
      }
      return found.sort((a, b) => a.start - b.start);
    },
  };
}

/** `word` as a sequence of syllables from `valid` (longest first, backtracking), or null when it is not pinyin. */
function splitSyllables(word: string, valid: ReadonlySet<string>): string[] | null {
  if (word === '') return [];
  for (let length = Math.min(6, word.length); length >= 1; length--) {
    const head = word.slice(0, length);
    if (!valid.has(head)) continue;
    const rest = splitSyllables(word.slice(length), valid);
    if (rest) return [head, ...rest];
  }
  return null;
}
