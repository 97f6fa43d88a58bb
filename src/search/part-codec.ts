// A plan's part of the index as one line of the snapshot, in slices: MiniSearch's JSON split into its small head and
// its term entries in chunks of PART_CHUNK_TERMS, separated by tabs (JSON.stringify escapes every tab inside a string,
// so a raw tab only ever separates slices). Read back in one go on the request path, or slice by slice with the event
// loop free between them (parsing and MiniSearch.loadJSAsync, which yields every 1,000 terms), so loading a cold plan
// does not hold up the other requests for the tens of milliseconds a whole part takes.
import MiniSearch from 'minisearch';
import type { AsPlainObject, Options } from 'minisearch';

/** Term entries per slice: about 1/9 of a plan's part (≈ 4,000 words and 5,000 bigrams). */
export const PART_CHUNK_TERMS = 1000;

type Entries = AsPlainObject['index'];

/** The line of a part: its head without the term entries, then the entries in slices. */
export function encodePart(part: MiniSearch<never> | MiniSearch<object>): string {
  const { index, ...head } = part.toJSON();
  const slices = [JSON.stringify(head)];
  for (let i = 0; i < index.length; i += PART_CHUNK_TERMS) {
    slices.push(JSON.stringify(index.slice(i, i + PART_CHUNK_TERMS)));
  }
  return slices.join('\t');
}

/** Reads a line back now (the question that needs it cannot wait). */
export function decodePart<T>(line: string, options: Options<T>): MiniSearch<T> {
  const [head, ...slices] = line.split('\t');
  const index = slices.flatMap((slice) => JSON.parse(slice) as Entries);
  return MiniSearch.loadJS<T>({ ...(JSON.parse(head ?? '') as Omit<AsPlainObject, 'index'>), index }, options);
}

const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Reads a line back a slice at a time, letting other requests run between slices. */
export async function decodePartAsync<T>(line: string, options: Options<T>): Promise<MiniSearch<T>> {
  const [head, ...slices] = line.split('\t');
  const index: Entries = [];
  for (const slice of slices) {
    index.push(...(JSON.parse(slice) as Entries));
    await yieldToRequests();
  }
  return MiniSearch.loadJSAsync<T>({ ...(JSON.parse(head ?? '') as Omit<AsPlainObject, 'index'>), index }, options);
}
