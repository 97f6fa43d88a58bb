// A plan's part of the index as one line of the snapshot: MiniSearch's JSON of the part split into four fields
// separated by tabs (JSON.stringify escapes every tab inside a string, and a tab byte is never part of a UTF-8
// character): the head (documents, field lengths and their averages, without the term entries), the part's terms in
// sorted order, where each term's postings end, and the postings written one after another (numbers only: ASCII, read
// back as Latin-1 without decoding UTF-8). A line is read back without parsing its postings; a search then loads into
// MiniSearch the head and the postings of just the terms it looks up: the same BM25 statistics, so the same hits and
// scores as the whole part, for a few dozen terms instead of 5,000-7,000 (MiniSearch's loadJS of a whole part took
// 20-90 ms; a line is read back in about a millisecond).
import MiniSearch from 'minisearch';
import type { AsPlainObject, Options } from 'minisearch';

type Entries = AsPlainObject['index'];
type Postings = Entries[number][1];

/** A part's line read back: the head, the terms, and each term's postings parsed when first searched. */
export interface PartLine {
  head: Omit<AsPlainObject, 'index'>;
  terms: readonly string[];
  ends: readonly number[];
  postings: string;
  /** Postings parsed so far, by position. */
  parsed: Map<number, Postings>;
}

/** The terms one search looks up: exactly these, and every term starting with one of `prefixes`. */
export interface WantedTerms {
  terms: readonly string[];
  prefixes: readonly string[];
}

const byTerm = (a: Entries[number], b: Entries[number]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** The line of a part. */
export function encodePart(part: MiniSearch<never> | MiniSearch<object>): string {
  const { index: unsorted, ...head } = part.toJSON();
  const index = unsorted.sort(byTerm);
  const ends: number[] = [];
  let postings = '';
  for (const [, entry] of index) {
    postings += JSON.stringify(entry);
    ends.push(postings.length);
  }
  return [JSON.stringify(head), JSON.stringify(index.map(([term]) => term)), JSON.stringify(ends), postings].join('\t');
}

const TAB = 9;

/** Reads a line back (throws when it is damaged). */
export function readPartLine(line: Buffer): PartLine {
  const first = line.indexOf(TAB);
  const second = first < 0 ? -1 : line.indexOf(TAB, first + 1);
  const third = second < 0 ? -1 : line.indexOf(TAB, second + 1);
  if (third < 0 || line.indexOf(TAB, third + 1) >= 0) throw new Error('index: a part line has four fields');
  const terms = JSON.parse(line.toString('utf8', first + 1, second)) as string[];
  const ends = JSON.parse(line.toString('latin1', second + 1, third)) as number[];
  const postings = line.toString('latin1', third + 1);
  if (terms.length !== ends.length || (ends.at(-1) ?? 0) !== postings.length)
    throw new Error('index: a part line is damaged');
  return {
    head: JSON.parse(line.toString('utf8', 0, first)) as PartLine['head'],
    terms,
    ends,
    postings,
    parsed: new Map(),
  };
}

/** Position of the first term not below `term` in the sorted terms. */
function lowerBound(terms: readonly string[], term: string): number {
  let low = 0;
  let high = terms.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((terms[middle] as string) < term) low = middle + 1;
    else high = middle;
  }
  return low;
}

function entryAt(line: PartLine, i: number): Entries[number] {
  let postings = line.parsed.get(i);
  if (!postings) {
    postings = JSON.parse(line.postings.slice(i === 0 ? 0 : line.ends[i - 1], line.ends[i])) as Postings;
    line.parsed.set(i, postings);
  }
  return [line.terms[i] as string, postings];
}

/**
 * The part narrowed to the terms one search looks up: the whole head (every document, its field lengths and their
 * averages) and those terms' postings, so MiniSearch scores the search exactly as over the whole part. The terms keep
 * the line's order (the order MiniSearch meets a prefix's terms in, which orders hits of equal score).
 */
export function narrowPart<T>(line: PartLine, wanted: WantedTerms, options: Options<T>): MiniSearch<T> {
  const { terms } = line;
  const positions = new Set<number>();
  for (const term of wanted.terms) {
    const i = lowerBound(terms, term);
    if (terms[i] === term) positions.add(i);
  }
  for (const prefix of wanted.prefixes)
    for (let i = lowerBound(terms, prefix); i < terms.length && (terms[i] as string).startsWith(prefix); i++)
      positions.add(i);
  const index = [...positions].sort((a, b) => a - b).map((i) => entryAt(line, i));
  return MiniSearch.loadJS<T>({ ...line.head, index }, options);
}
