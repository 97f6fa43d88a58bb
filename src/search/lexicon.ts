// Loads the search vocabulary from corpus/lexicon/: jieba user dictionary, everyday-word synonyms, stopwords, city aliases.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { CityAlias } from './types.ts';

/** File names inside the lexicon directory. */
export const LEXICON_FILES = {
  userDict: 'userdict.txt',
  synonyms: 'synonyms.txt',
  stopwords: 'stopwords.txt',
  cities: 'cities.json',
} as const;

/** One line of synonyms.txt: everyday words a resident uses, and the plan terms they stand for. */
export interface SynonymGroup {
  /** Terms as the plans write them (left of `|`); each is kept whole by the tokenizer. */
  planTerms: string[];
  /** Words as residents say them (right of `|`); `_` in the file stands for a space (`sign_language`). */
  everyday: string[];
  /** 1-based line in synonyms.txt, for error messages. */
  line: number;
}

/** Everything the tokenizer and the city detector need, read once at start-up. */
export interface Lexicon {
  /** Absolute path of the jieba user dictionary (passed to nodejieba.load). */
  userDictPath: string;
  /** Words of the user dictionary, in file order. */
  terms: string[];
  synonyms: SynonymGroup[];
  stopwords: ReadonlySet<string>;
  cities: CityAlias[];
}

/**
 * The maintained Chinese stopword list (stopwords-iso, 794 words); stopwords.txt only adds what it lacks. Read, not
 * required, so the other languages' lists are not kept in memory.
 */
const ISO_STOPWORDS: readonly string[] =
  (
    JSON.parse(readFileSync(createRequire(import.meta.url).resolve('stopwords-iso'), 'utf8')) as Record<
      string,
      string[]
    >
  ).zh ?? [];

export class LexiconError extends Error {
  override name = 'LexiconError';
}

/** jieba user-dictionary line: `word`, `word tag` or `word freq tag` (cppjieba reads a 2-field line as word + tag). */
const TAG = /^[a-zA-Z]+$/;
const FREQ = /^[1-9][0-9]*$/;
const PLAN_ID = /^[a-z][a-z0-9-]*$/;

/**
 * Reads and validates the lexicon files in `dir` (synchronously; it runs once at start-up).
 * Throws a LexiconError naming the file and line of anything malformed.
 */
export function loadLexicon(dir: string): Lexicon {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new LexiconError(`lexicon: directory not found: ${root}`);
  }
  const userDictPath = join(root, LEXICON_FILES.userDict);
  return {
    userDictPath,
    terms: parseUserDict(readText(userDictPath), userDictPath),
    synonyms: parseSynonyms(readText(join(root, LEXICON_FILES.synonyms)), join(root, LEXICON_FILES.synonyms)),
    stopwords: parseStopwords(readText(join(root, LEXICON_FILES.stopwords))),
    cities: parseCities(readText(join(root, LEXICON_FILES.cities)), join(root, LEXICON_FILES.cities)),
  };
}

function readText(file: string): string {
  if (!existsSync(file) || !statSync(file).isFile()) throw new LexiconError(`lexicon: missing file ${file}`);
  return readFileSync(file, 'utf8');
}

/** Lines with their 1-based numbers, `#` comments and blank lines removed (not for the user dictionary). */
export function contentLines(text: string): { line: number; text: string }[] {
  return text
    .split(/\r?\n/)
    .map((raw, i) => ({ line: i + 1, text: raw.replace(/#.*$/, '').trim() }))
    .filter((l) => l.text !== '');
}

export function parseUserDict(text: string, file: string): string[] {
  if (text.startsWith('\uFEFF'))
    throw new LexiconError(`lexicon: ${file}:1 starts with a byte-order mark; save it as UTF-8 without BOM`);
  const terms: string[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '') return;
    // nodejieba reads this file itself and has no comment syntax: a "#" line would become a word.
    if (trimmed.startsWith('#'))
      throw new LexiconError(`lexicon: ${file}:${line} comments are not allowed in the jieba user dictionary`);
    // cppjieba splits on single spaces only: a tab or a double space would make a different word.
    if (raw !== trimmed || /\t| {2}/.test(raw)) {
      throw new LexiconError(`lexicon: ${file}:${line} separate fields with single spaces, no tabs or edge spaces`);
    }
    const fields = trimmed.split(' ');
    const [word, second, third] = fields;
    const ok =
      word !== undefined &&
      (fields.length === 1 ||
        (fields.length === 2 && second !== undefined && TAG.test(second)) ||
        (fields.length === 3 && second !== undefined && FREQ.test(second) && third !== undefined && TAG.test(third)));
    if (!ok || word === undefined) {
      throw new LexiconError(
        `lexicon: ${file}:${line} expected "word", "word tag" or "word freq tag", got "${trimmed}"`,
      );
    }
    const earlier = seen.get(word);
    if (earlier !== undefined)
      throw new LexiconError(`lexicon: ${file}:${line} duplicate word ${word} (first on line ${earlier})`);
    seen.set(word, line);
    terms.push(word);
  });
  return terms;
}

export function parseSynonyms(text: string, file: string): SynonymGroup[] {
  return contentLines(text).map(({ line, text: content }) => {
    const sides = content.split('|');
    const [left, right] = sides;
    if (sides.length !== 2 || left === undefined || right === undefined) {
      throw new LexiconError(`lexicon: ${file}:${line} expected "plan terms | everyday words", got "${content}"`);
    }
    const planTerms = left.trim().split(/\s+/).filter(Boolean);
    const everyday = right
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => w.replace(/_/g, ' '));
    if (planTerms.length === 0) throw new LexiconError(`lexicon: ${file}:${line} no plan terms left of "|"`);
    if (everyday.length === 0) throw new LexiconError(`lexicon: ${file}:${line} no everyday words right of "|"`);
    return { planTerms, everyday, line };
  });
}

/** The words of stopwords.txt together with stopwords-iso's Chinese list. */
export function parseStopwords(text: string): Set<string> {
  return new Set([...ISO_STOPWORDS, ...contentLines(text).flatMap((l) => l.text.split(/\s+/))]);
}

export function parseCities(text: string, file: string): CityAlias[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new LexiconError(`lexicon: ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(data)) throw new LexiconError(`lexicon: ${file} must be an array of {planId, name, aliases}`);
  const ids = new Set<string>();
  return data.map((entry: unknown, i): CityAlias => {
    const where = `${file} entry ${i}`;
    if (typeof entry !== 'object' || entry === null) throw new LexiconError(`lexicon: ${where} is not an object`);
    const { planId, name, aliases } = entry as Record<string, unknown>;
    if (typeof planId !== 'string' || !PLAN_ID.test(planId)) {
      throw new LexiconError(`lexicon: ${where} needs a planId of lower-case letters, digits and "-"`);
    }
    if (ids.has(planId)) throw new LexiconError(`lexicon: ${where} repeats planId ${planId}`);
    ids.add(planId);
    if (typeof name !== 'string' || name.trim() === '')
      throw new LexiconError(`lexicon: ${where} (${planId}) needs a name`);
    if (!Array.isArray(aliases) || !aliases.every((a) => typeof a === 'string' && a.trim() !== '')) {
      throw new LexiconError(`lexicon: ${where} (${planId}) needs aliases: an array of non-empty strings`);
    }
    return { planId, name, aliases: aliases as string[] };
  });
}
