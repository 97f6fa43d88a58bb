// Compact inverted lists for the clause index: every (term, field) list of documents and term frequencies lives in a few
// flat typed arrays shared by all plans, instead of one MiniSearch (a radix tree of Maps) per plan and signal. A plan is a
// contiguous range of document numbers, so a question about one city reads only that range of each list (found by
// binary search) and a question across all plans walks each list once.
import type { Partition } from './bm25.ts';

/** Flat arrays of one signal (words: 4 fields; bigrams: 1), as built or as read from a snapshot. */
export interface PostingsData {
  /** Term number → term. The first `textTerms` terms occur in the text field, in order of first occurrence. */
  terms: string[];
  textTerms: number;
  fields: number;
  /** (term × fields + field) → where its documents start in `docs`; one more entry at the end. */
  offsets: Uint32Array;
  /** Document numbers, ascending within each (term, field). */
  docs: Uint32Array;
  /** How often the term occurs in that field of that document. */
  freqs: Uint16Array;
  /** (document × fields + field) → number of distinct terms in that field (MiniSearch's field length). */
  lengths: Uint16Array;
}

/** The lists of one signal with the term lookup and, per plan, the document range and average field lengths. */
export interface Postings extends PostingsData {
  termId: Map<string, number>;
  partitions: Partition[];
  /** Document number → partition number. */
  docPartition: Uint32Array;
}

/** Collects the documents of one signal in document order; `finish` packs them into flat arrays. */
export class PostingsBuilder {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  /** Term numbers in order of first occurrence in the text field (the vocabulary order callers see). */
  private readonly textOrder: number[] = [];
  private readonly seenInText: boolean[] = [];
  /** Parallel lists of every (term × fields + field, document, frequency) added. */
  private readonly keys: number[] = [];
  private readonly entryDocs: number[] = [];
  private readonly entryFreqs: number[] = [];
  private readonly lengths: number[] = [];
  private docCount = 0;

  constructor(
    readonly fields: number,
    private readonly textField: number,
  ) {}

  /** Adds the next document: its tokens per field, in field order (falsy tokens count in the length, as in MiniSearch). */
  add(tokensByField: readonly (readonly string[])[]): void {
    const doc = this.docCount++;
    tokensByField.forEach((tokens, field) => {
      const counts = new Map<string, number>();
      for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
      this.lengths.push(counts.size);
      for (const [term, freq] of counts) {
        if (!term) continue;
        const id = this.intern(term);
        if (field === this.textField && !this.seenInText[id]) {
          this.seenInText[id] = true;
          this.textOrder.push(id);
        }
        this.keys.push(id * this.fields + field);
        this.entryDocs.push(doc);
        this.entryFreqs.push(freq);
      }
    });
  }

  private intern(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(term, id);
      this.names.push(term);
    }
    return id;
  }

  /** Packs the lists: text terms first (in order of first occurrence), each (term, field) list in document order. */
  finish(): PostingsData {
    // Text terms keep their first-occurrence order; the terms of the other fields follow.
    const renumber = new Uint32Array(this.names.length);
    const seen = new Uint8Array(this.names.length);
    let next = 0;
    for (const id of [...this.textOrder, ...this.names.keys()]) {
      if (seen[id]) continue;
      seen[id] = 1;
      renumber[id] = next++;
    }
    const terms = new Array<string>(this.names.length);
    this.names.forEach((term, id) => (terms[renumber[id] as number] = term));
    const F = this.fields;
    const keys = this.keys.map((key) => (renumber[Math.floor(key / F)] as number) * F + (key % F));
    const offsets = new Uint32Array(terms.length * F + 1);
    for (const key of keys) offsets[key + 1] = (offsets[key + 1] as number) + 1;
    for (let i = 1; i < offsets.length; i++) offsets[i] = (offsets[i] as number) + (offsets[i - 1] as number);
    const fill = offsets.slice(0, -1);
    const docs = new Uint32Array(keys.length);
    const freqs = new Uint16Array(keys.length);
    // Entries were added in document order, so each list comes out ascending.
    keys.forEach((key, i) => {
      const at = fill[key] as number;
      fill[key] = at + 1;
      docs[at] = this.entryDocs[i] as number;
      freqs[at] = Math.min(this.entryFreqs[i] as number, 0xffff);
    });
    return {
      terms,
      textTerms: this.textOrder.length,
      fields: F,
      offsets,
      docs,
      freqs,
      lengths: Uint16Array.from(this.lengths, (n) => Math.min(n, 0xffff)),
    };
  }
}

/**
 * Adds the lookups to packed lists. `ranges` are the plans' document ranges in document order; each plan's average field
 * lengths are accumulated document by document exactly as MiniSearch does, so scores are the same to the last bit.
 */
export function withLookups(data: PostingsData, ranges: readonly { start: number; end: number }[]): Postings {
  const termId = new Map<string, number>();
  data.terms.forEach((term, id) => termId.set(term, id));
  const docCount = ranges.length === 0 ? 0 : (ranges[ranges.length - 1] as { end: number }).end;
  const docPartition = new Uint32Array(docCount);
  const partitions = ranges.map(({ start, end }, p): Partition => {
    const averages = new Array<number>(data.fields).fill(0);
    for (let doc = start; doc < end; doc++) {
      docPartition[doc] = p;
      const count = doc - start;
      for (let f = 0; f < data.fields; f++) {
        const length = data.lengths[doc * data.fields + f] as number;
        averages[f] = ((averages[f] ?? 0) * count + length) / (count + 1);
      }
    }
    return { start, end, averages };
  });
  return { ...data, termId, partitions, docPartition };
}

/** Where `list[lo, hi)` (ascending) first reaches `value`. */
export function lowerBound(list: Uint32Array, lo: number, hi: number, value: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How often each term occurs in the text field over all documents (the document frequency of a word). */
export function textFrequency(postings: Postings, textField: number, term: string): number {
  const id = postings.termId.get(term);
  if (id === undefined) return 0;
  const key = id * postings.fields + textField;
  return (postings.offsets[key + 1] as number) - (postings.offsets[key] as number);
}
