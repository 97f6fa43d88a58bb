// A plan's part of the index as one line of the snapshot, in slices: MiniSearch's JSON split into its small head and
// its term entries in chunks of PART_CHUNK_TERMS, separated by tabs (JSON.stringify escapes every tab inside a string,
// so a raw tab only ever separates slices). Read back in two steps: parsed (a few milliseconds; in slices with the event
// loop free between them when off the request path), then loaded into MiniSearch whole (MiniSearch.loadJS, 3-6 µs a
// term, 5,000-7,000 terms a plan; loadJSAsync yields every 1,000 terms) or narrowed to the terms one search asks for.
import MiniSearch from 'minisearch';
import type { AsPlainObject, Options } from 'minisearch';

/** Term entries per slice: about 1/9 of a plan's part (≈ 4,000 words and 5,000 bigrams). */
export const PART_CHUNK_TERMS = 1000;

type Entries = AsPlainObject['index'];
type Postings = Entries[number][1];

/** A part's line parsed but not loaded into MiniSearch: its head and each term's postings. */
export interface ParsedPart {
  head: Omit<AsPlainObject, 'index'>;
  terms: Map<string, Postings>;
}

/** The line of a part: its head without the term entries, then the entries in slices. */
export function encodePart(part: MiniSearch<never> | MiniSearch<object>): string {
  const { index, ...head } = part.toJSON();
  const slices = [JSON.stringify(head)];
  for (let i = 0; i < index.length; i += PART_CHUNK_TERMS) {
    slices.push(JSON.stringify(index.slice(i, i + PART_CHUNK_TERMS)));
  }
  return slices.join('\t');
}

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Parses a line now. */
export function parsePart(line: string): ParsedPart {
  const [head, ...slices] = line.split('\t');
  return {
    head: JSON.parse(head ?? '') as ParsedPart['head'],
    terms: new Map(slices.flatMap((slice) => JSON.parse(slice) as Entries)),
  };
}

/** Parses a line a slice at a time, letting other requests run between slices. */
export async function parsePartAsync(line: string): Promise<ParsedPart> {
  const [head, ...slices] = line.split('\t');
  const terms = new Map<string, Postings>();
  for (const slice of slices) {
    for (const [term, postings] of JSON.parse(slice) as Entries) terms.set(term, postings);
    await yieldToRequests();
  }
  return { head: JSON.parse(head ?? '') as ParsedPart['head'], terms };
}

/** The whole part in MiniSearch, now. */
export function loadPart<T>(parsed: ParsedPart, options: Options<T>): MiniSearch<T> {
  return MiniSearch.loadJS<T>({ ...parsed.head, index: [...parsed.terms] }, options);
}

/** The whole part in MiniSearch, yielding to other requests every 1,000 terms. */
export function loadPartAsync<T>(parsed: ParsedPart, options: Options<T>): Promise<MiniSearch<T>> {
  return MiniSearch.loadJSAsync<T>({ ...parsed.head, index: [...parsed.terms] }, options);
}

/** The terms one search looks up: exactly these, and every term starting with one of `prefixes`. */
export interface WantedTerms {
  terms: readonly string[];
  prefixes: readonly string[];
}

/**
 * The part narrowed to the terms one search looks up: the whole head (every document, its field lengths and their
 * averages) and those terms' postings, so MiniSearch scores that search exactly as over the whole part, for the cost of
 * loading a few dozen terms instead of thousands. With prefixes, the terms keep the part's order (the order MiniSearch
 * meets a prefix's terms in, which orders hits of equal score).
 */
export function narrowPart<T>(parsed: ParsedPart, wanted: WantedTerms, options: Options<T>): MiniSearch<T> {
  const index: Entries = [];
  if (wanted.prefixes.length === 0) {
    for (const term of new Set(wanted.terms)) {
      const postings = parsed.terms.get(term);
      if (postings) index.push([term, postings]);
    }
  } else {
    const exact = new Set(wanted.terms);
    for (const entry of parsed.terms)
      if (exact.has(entry[0]) || wanted.prefixes.some((prefix) => entry[0].startsWith(prefix))) index.push(entry);
  }
  return MiniSearch.loadJS<T>({ ...parsed.head, index }, options);
}

/** Reads a line back whole, now. */
export function decodePart<T>(line: string, options: Options<T>): MiniSearch<T> {
  return loadPart(parsePart(line), options);
}
