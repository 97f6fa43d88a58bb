// The one tokenizer (the only nodejieba import): normalization, jieba segmentation and everyday-word expansion.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import nodejieba from 'nodejieba';
import * as OpenCC from 'opencc-js/t2cn';
import { compactDictionary } from './dictionary.ts';
import type { Lexicon } from './lexicon.ts';
import type { QueryTerms, Segment, Span, Tokenizer } from './types.ts';

/**
 * nodejieba keeps one global dictionary per process, and `load` with a missing path aborts the process (C++ fatal).
 * The state lives on globalThis so that a re-evaluated module (test isolation) still sees that jieba is loaded.
 */
const JIEBA_STATE = Symbol.for('accessible-policy-assistant.nodejieba');
interface JiebaState {
  userDictPath: string;
}
type JiebaGlobal = typeof globalThis & { [JIEBA_STATE]?: JiebaState };

/** Runs of Han characters go to jieba; runs of other letters/digits (Latin words, numbers like 12385 or 3.5) stay whole. */
const RUN = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+(?:\.\p{N}+)*/gu;
const HAN = /^\p{Script=Han}/u;
const LATIN_OR_DIGIT = /[a-z0-9]/;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Sub-terms of a long dictionary word are looked up only from this length (jieba's cutForSearch already gives 2- and 3-grams). */
const MIN_SUBTERM = 4;
/** Joins texts normalized together (see normalizeAll). */
const SEPARATOR = '\u0000';

let toSimplified: ((text: string) => string) | undefined;

/**
 * Builds the tokenizer: loads the compact dictionary of the plans (or `options.dictionary`, a jieba dictionary file) and
 * the user dictionary into nodejieba (once per process) and compiles the synonym table.
 * Throws (never aborts) when the user dictionary is missing.
 *
 * Decisions: `words` keeps numbers, Latin words of two or more letters, and single Chinese characters unless they are
 * stopwords (stopwords.txt lists the function characters; 水 电 气 暖 盲 聋 腿 房 钱 税 stay, so "水、电、气、暖" is searchable).
 * Long dictionary words also yield the dictionary words inside them (重度残疾人护理补贴 → 护理补贴), which jieba's
 * cutForSearch does not do beyond three characters.
 */
/** Digits as said one by one in a telephone number (幺 is 一, 〇 is 零); five or more make a number to call. */
const SPOKEN_DIGITS = '零一二三四五六七八九〇幺';
const SPOKEN_NUMBER = /[零〇一二三四五六七八九幺]{5,}/g;

export function createTokenizer(lexicon: Lexicon, options: { dictionary?: string } = {}): Tokenizer {
  loadJieba(lexicon, options.dictionary);
  // Hong Kong/Taiwan traditional → mainland simplified; on simplified text (the plans) it changes nothing.
  const convert = (toSimplified ??= OpenCC.Converter({ from: 'hk', to: 'cn' }));

  // Runs of whitespace become one space, so positions in the normalized text mean the same for every caller. A number
  // said digit by digit (一二三八五, 幺二三四八) is written in digits, as a recogniser may or may not.
  const normalize = (text: string): string =>
    convert(text.normalize('NFKC'))
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .replace(SPOKEN_NUMBER, (digits: string) => [...digits].map((d) => SPOKEN_DIGITS.indexOf(d) % 10).join(''));
  // Thousands of short texts at start-up cost one conversion each; joined by NUL they cost one in all. NUL is no
  // whitespace, composes with nothing under NFKC, is in no OpenCC key and ends a word for lower-casing, so each part
  // comes out as normalize() would give it alone (a text holding NUL itself is normalized alone).
  const normalizeAll = (texts: readonly string[]): string[] => {
    if (texts.some((text) => text.includes(SEPARATOR))) return texts.map(normalize);
    const parts = normalize(texts.join(SEPARATOR)).split(SEPARATOR);
    return parts.length === texts.length ? parts : texts.map(normalize);
  };
  const stopwords = new Set(normalizeAll([...lexicon.stopwords]));
  const terms: ReadonlySet<string> = new Set(
    normalizeAll([...lexicon.terms, ...lexicon.synonyms.flatMap((g) => g.planTerms)]),
  );
  const table = compileSynonyms(lexicon, terms, normalizeAll);

  const keep = (word: string): boolean => {
    if (!HAS_LETTER_OR_DIGIT.test(word) || stopwords.has(word)) return false;
    // A lone Latin letter is noise ("a", "x"); a lone digit is a number.
    return !(word.length === 1 && /[a-z]/.test(word));
  };

  /** The word and the dictionary words inside it: cutForSearch parts (2- and 3-grams) and long sub-terms. */
  const formsOf = (word: string): string[] => {
    if (!HAN.test(word)) return [word];
    // A pure function of the word (the dictionaries never change after loading): each word is cut once, not per ask.
    const forms = remembered(wordForms, word, () => {
      const parts = word.length > 2 ? nodejieba.cutForSearch(word).filter((part) => part !== word && keep(part)) : [];
      return unique([word, ...parts, ...(word.length > MIN_SUBTERM ? subTerms(word, terms) : [])]);
    });
    return [...forms];
  };
  const wordForms = new Map<string, string[]>();
  const wordTags = new Map<string, string[]>();

  const segment = (normalized: string): string[] => {
    const out: string[] = [];
    for (const [run] of normalized.matchAll(RUN)) {
      if (!HAN.test(run)) {
        if (keep(run)) out.push(run);
        continue;
      }
      for (const word of nodejieba.cutForSearch(run)) {
        if (!keep(word)) continue;
        out.push(word);
        if (word.length > MIN_SUBTERM) out.push(...subTerms(word, terms));
      }
    }
    return out;
  };

  const segments = (normalized: string): Segment[] => {
    const out: Segment[] = [];
    for (const match of normalized.matchAll(RUN)) {
      const run = match[0];
      let start = match.index;
      for (const word of HAN.test(run) ? nodejieba.cut(run) : [run]) {
        out.push({ word, start, end: start + word.length, forms: formsOf(word), stopword: !keep(word) });
        start += word.length;
      }
    }
    return out;
  };

  const grams = (text: string, normalized = false): string[] => {
    const out: string[] = [];
    for (const [run] of (normalized ? text : normalize(text)).matchAll(RUN)) {
      if (!HAN.test(run)) {
        if (keep(run)) out.push(run);
      } else if (run.length === 1) out.push(run);
      else for (let i = 0; i + 2 <= run.length; i++) out.push(run.slice(i, i + 2));
    }
    return out;
  };

  return {
    normalize,
    normalizeAll,
    words: (text) => segment(normalize(text)),
    query(text): QueryTerms {
      const normalized = normalize(text);
      const words = unique(segment(normalized));
      const own = new Set(words);
      const expansions = unique(expand(normalized, table).flatMap((span) => span.terms)).filter(
        (term) => !own.has(term),
      );
      return { normalized, words, expansions };
    },
    segments,
    synonymSpans: (normalized) => expand(normalized, table).filter((span) => span.terms.length > 0),
    grams,
    isStopword: (word) => stopwords.has(word),
    everyday: function* () {
      for (const [key, planTerms] of table.targets) if (planTerms.length > 0) yield [key, planTerms];
    },
    tags: (word) => remembered(wordTags, word, () => nodejieba.tag(word).map((tagged) => tagged.tag)),
    terms,
  };
}

function loadJieba(lexicon: Lexicon, dictionary: string | undefined): void {
  const path = resolve(lexicon.userDictPath);
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new Error(`tokenize: jieba user dictionary not found: ${path} (check the lexicon directory)`);
  }
  const state = globalThis as JiebaGlobal;
  const loaded = state[JIEBA_STATE];
  if (loaded === undefined) {
    // We never call jieba's keyword extractor, so it gets a one-line IDF table instead of the 6 MB default:
    // that takes about a third off the dictionary load at start-up.
    const idfDict = resolve(lexicon.userDictPath, '..', 'keyword-idf.txt');
    // The compact dictionary of the plans next to the lexicon (src/search/dictionary.ts) instead of the full one.
    const dict = dictionary ?? compactDictionary(dirname(dirname(path)));
    nodejieba.load(existsSync(idfDict) ? { dict, userDict: path, idfDict } : { dict, userDict: path });
    state[JIEBA_STATE] = { userDictPath: path };
  } else if (loaded.userDictPath !== path) {
    // jieba cannot unload a dictionary; a second lexicon adds its words to the first (words are never removed).
    for (const term of lexicon.terms) nodejieba.insertWord(term);
  }
}

/** Dictionary words of at least MIN_SUBTERM characters inside `word`, other than `word` itself. */
function subTerms(word: string, terms: ReadonlySet<string>): string[] {
  const found: string[] = [];
  for (let length = word.length - 1; length >= MIN_SUBTERM; length--) {
    for (let start = 0; start + length <= word.length; start++) {
      const part = word.slice(start, start + length);
      if (terms.has(part)) found.push(part);
    }
  }
  return found;
}

interface SynonymTable {
  /** Normalized key → plan terms it adds; an empty list marks a plan or dictionary term that is consumed unexpanded. */
  targets: Map<string, string[]>;
  /** Key lengths by first character, longest first: the scan tries only lengths some key has. */
  lengths: Map<string, number[]>;
}

function compileSynonyms(
  lexicon: Lexicon,
  terms: ReadonlySet<string>,
  normalizeAll: (texts: readonly string[]) => string[],
): SynonymTable {
  const targets = new Map<string, string[]>();
  // Plan and dictionary terms (normalized) block shorter everyday words inside them (盲人按摩 must not expand 盲 → 视力残疾).
  for (const term of terms) targets.set(term, []);
  // Every group's plan terms and everyday words, normalized together, in file order.
  const normalized = normalizeAll(lexicon.synonyms.flatMap((g) => [...g.planTerms, ...g.everyday]));
  const everyday = new Map<string, string[]>();
  let at = 0;
  for (const group of lexicon.synonyms) {
    const planTerms = normalized.slice(at, (at += group.planTerms.length));
    for (const word of normalized.slice(at, (at += group.everyday.length))) {
      const key = word.replace(/\s+/g, ' ');
      everyday.set(key, unique([...(everyday.get(key) ?? []), ...planTerms]));
    }
  }
  for (const [key, terms] of everyday) targets.set(key, terms);
  const lengths = new Map<string, number[]>();
  for (const key of targets.keys()) {
    const first = key[0] ?? '';
    const list = lengths.get(first) ?? [];
    if (!list.includes(key.length)) list.push(key.length);
    lengths.set(first, list);
  }
  for (const list of lengths.values()) list.sort((a, b) => b - a);
  return { targets, lengths };
}

/**
 * Plan terms for the everyday words in `normalized`. Every key occurrence is a candidate; longer ones are taken first and
 * overlapping shorter ones dropped, so 瘫在床上 wins over 瘫, 孩子上学 over 上学, and the plan term 康复救助 over 做康复 in
 * 做康复救助; of two as long, a plan term over an everyday word. Latin keys match whole words only (bus ≠ business;
 * wheelchairs ok). Terms come out in text order.
 */
function expand(text: string, table: SynonymTable): Span[] {
  const candidates: { start: number; end: number; terms: string[] }[] = [];
  for (let start = 0; start < text.length; start++) {
    for (const length of table.lengths.get(text[start] ?? '') ?? []) {
      if (length > text.length - start) continue;
      const terms = table.targets.get(text.slice(start, start + length));
      const end = terms === undefined ? undefined : latinEnd(text, start, start + length);
      if (terms !== undefined && end !== undefined) candidates.push({ start, end, terms });
    }
  }
  // Of two as long, a plan term wins over an everyday word it overlaps (法律援助 over 残疾人法 in 残疾人法律援助).
  candidates.sort(
    (a, b) =>
      b.end - b.start - (a.end - a.start) ||
      Number(a.terms.length > 0) - Number(b.terms.length > 0) ||
      a.start - b.start,
  );
  const taken = new Array<boolean>(text.length + 1).fill(false);
  const chosen: typeof candidates = [];
  for (const candidate of candidates) {
    let free = true;
    for (let i = candidate.start; i < candidate.end && free; i++) free = !taken[i];
    if (!free) continue;
    for (let i = candidate.start; i < candidate.end; i++) taken[i] = true;
    chosen.push(candidate);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** Where a match of text[start, end) ends, or undefined when it would cut a Latin word (a plural "s" is absorbed). */
function latinEnd(text: string, start: number, end: number): number | undefined {
  const first = text[start] ?? '';
  const last = text[end - 1] ?? '';
  if (LATIN_OR_DIGIT.test(first) && LATIN_OR_DIGIT.test(text[start - 1] ?? '')) return undefined;
  if (!LATIN_OR_DIGIT.test(last)) return end;
  if (!LATIN_OR_DIGIT.test(text[end] ?? '')) return end;
  if (/[a-z]/.test(last) && text[end] === 's' && !LATIN_OR_DIGIT.test(text[end + 1] ?? '')) return end + 1;
  return undefined;
}

/** Per-word results kept by the tokenizer: enough for the words residents use, bounded against a flood of new ones. */
export const MAX_REMEMBERED_WORDS = 20_000;

/** `table`'s value for `word`, computed and kept on first use (the table is emptied when it reaches its bound). */
function remembered<T>(table: Map<string, T>, word: string, compute: () => T): T {
  let value = table.get(word);
  if (value === undefined) {
    if (table.size >= MAX_REMEMBERED_WORDS) table.clear();
    value = compute();
    table.set(word, value);
  }
  return value;
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
