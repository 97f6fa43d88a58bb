// A compact jieba dictionary: nodejieba's full dictionary (≈350 k words) costs ≈250 MiB and 1.3 s in every process.
// The plans need far fewer: every dictionary word that occurs in a plan text or in the lexicon (the everyday words
// residents use), every common word, every noun but the rarest (the things residents ask about that the plans never name:
// 契税, 驾校), and every single character. Words not kept are cut into characters (the tokenizer runs jieba without its
// HMM). Built once per change of plans or dictionary and kept in the system's temporary folder (≈93 k words, ≈0.9 s
// and ≈120 MiB resident with the HMM model and the rest of nodejieba, against ≈59 k, 0.65 s and 97 MiB without the
// nouns, measured this way: a process loading it alone).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { contentLines } from './lexicon.ts';

/** Dictionary words at least this frequent (jieba's counts) are kept whatever the plans say: everyday Chinese. */
export const COMMON_FREQUENCY = 50;
/**
 * Nouns at least this frequent are kept too: the things residents ask about that the plans never name (契税, 驾校, 年假)
 * must be words, or jieba cuts them into characters and they no longer read as a thing the plans lack.
 */
export const NOUN_FREQUENCY = 4;
/** jieba's tags of nouns: common, proper (nz), abbreviated (j). */
const NOUN_TAGS = new Set(['n', 'nz', 'j']);
/**
 * Bumped whenever what compactLines keeps changes (it is part of the cache key, and of the index snapshot's: the plans
 * segment differently).
 */
export const DICTIONARY_FORMAT = 7;
/**
 * The lexicon's list of everyday things residents ask about that no plan names and jieba's dictionary tags otherwise (驾照
 * is a verb there) or lacks: kept whole as nouns, so a question about one reads as a thing the plans lack.
 */
export const THINGS_FILE = 'things.txt';
/** Two private-use characters: a word no text contains, carrying the dropped words' counts. */
export const UNUSED_WORD = '\uE000\uE001';
/** The full dictionary nodejieba ships. */
export const FULL_DICTIONARY: string = path.join(
  path.dirname(createRequire(import.meta.url).resolve('nodejieba')),
  'submodules/cppjieba/dict/jieba.dict.utf8',
);

/** The plan and lexicon files (`.txt`) of a corpus folder, sorted. */
function textFiles(corpusDir: string): { dir: string; file: string }[] {
  const list = (dir: string) =>
    fs
      .readdirSync(dir)
      .filter((file) => file.endsWith('.txt'))
      .sort()
      .map((file) => ({ dir, file }));
  const lexicon = path.join(corpusDir, 'lexicon');
  return [...list(corpusDir), ...(fs.existsSync(lexicon) ? list(lexicon) : [])];
}

/**
 * The plan texts and the lexicon's files (the everyday words residents use) as one string, without whitespace or Markdown
 * bold (hard wraps split words in some plans); the lexicon's words stay apart, one to a line.
 */
function plansText(corpusDir: string): string {
  return textFiles(corpusDir)
    .map(({ dir, file }) =>
      fs.readFileSync(path.join(dir, file), 'utf8').replace(dir === corpusDir ? /\s|\*\*/g : /[ \t|]+/g, ''),
    )
    .join('\n');
}

/** The words of a things list: one a line, `#` comments and blank lines ignored (as in the lexicon's other lists). */
export function thingsOf(text: string): Set<string> {
  return new Set(contentLines(text).map((line) => line.text));
}

/**
 * The lines of `full` (`word freq tag`) kept for `text`, with `things` tagged nouns at least as frequent as a common word
 * (jieba would cut a rare one: 能|加|分).
 */
export function compactLines(full: string, text: string, things: ReadonlySet<string> = new Set()): string[] {
  // Where each character pair starts in the text: a word is looked up only where its first two characters are.
  const starts = new Map<string, number[]>();
  for (let i = 0; i + 1 < text.length; i++) {
    const pair = text.slice(i, i + 2);
    const list = starts.get(pair);
    if (list) list.push(i);
    else starts.set(pair, [i]);
  }
  const occurs = (word: string) => (starts.get(word.slice(0, 2)) ?? []).some((at) => text.startsWith(word, at));
  let dropped = 0;
  const kept = full.split('\n').filter((line) => {
    const [word = '', frequency = '0', tag = ''] = line.split(' ');
    const count = Number(frequency);
    const keep =
      word !== '' &&
      (word.length === 1 ||
        count >= COMMON_FREQUENCY ||
        (count >= NOUN_FREQUENCY && NOUN_TAGS.has(tag)) ||
        things.has(word) ||
        occurs(word));
    if (!keep) dropped += Number(frequency) || 0;
    return keep;
  });
  const listed = new Set<string>();
  const retagged = kept.map((line) => {
    const [word = '', frequency = ''] = line.split(' ');
    if (!things.has(word)) return line;
    listed.add(word);
    return `${word} ${Math.max(Number(frequency), COMMON_FREQUENCY)} n`;
  });
  const added = [...things].filter((word) => !listed.has(word)).map((word) => `${word} ${COMMON_FREQUENCY} n`);
  // jieba weighs a word by its count over the dictionary's total: the dropped words' counts stay in the total (on a
  // word no text contains), so every kept word weighs what it did and the plans segment as with the full dictionary.
  return [...retagged, ...added, ...(dropped > 0 ? [`${UNUSED_WORD} ${dropped} x`] : [])];
}

/**
 * The compact dictionary for the plans in `corpusDir`: its path, built on first use (written to a temporary file and
 * renamed, so processes starting together never read half a file). Falls back to the full dictionary when the temporary
 * folder cannot be written.
 */
export function compactDictionary(
  corpusDir: string,
  cacheDir = path.join(os.tmpdir(), 'policy-assistant-jieba'),
): string {
  // The key hashes the files as they are (no decoding or stripping): the texts are only prepared when it is new.
  const hash = crypto
    .createHash('sha256')
    .update(`${DICTIONARY_FORMAT}\u0000${COMMON_FREQUENCY}\u0000${NOUN_FREQUENCY}\u0000`);
  hash.update(fs.readFileSync(FULL_DICTIONARY));
  for (const { dir, file } of textFiles(corpusDir)) {
    hash
      .update(`\u0000${dir === corpusDir ? '' : 'lexicon/'}${file}\u0000`)
      .update(fs.readFileSync(path.join(dir, file)));
  }
  const key = hash.digest('hex').slice(0, 20);
  const file = path.join(cacheDir, `jieba-${key}.dict`);
  if (fs.existsSync(file)) return file;
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    const full = fs.readFileSync(FULL_DICTIONARY, 'utf8');
    const thingsFile = path.join(corpusDir, 'lexicon', THINGS_FILE);
    const things = fs.existsSync(thingsFile) ? thingsOf(fs.readFileSync(thingsFile, 'utf8')) : new Set<string>();
    fs.writeFileSync(temporary, `${compactLines(full, plansText(corpusDir), things).join('\n')}\n`);
    fs.renameSync(temporary, file);
    return file;
  } catch {
    return FULL_DICTIONARY;
  }
}
