// BM25 over the compact postings, with MiniSearch 7's arithmetic to the last bit (per-plan document counts and average
// field lengths, field boosts, term scores summed field by field, query terms and sub-queries summed in order, the total
// times the number of distinct query terms matched, ties kept in first-match order), so ranking is unchanged.
import { lowerBound } from './postings.ts';
import type { Postings } from './postings.ts';
import { TopK } from './top.ts';

/** One plan's documents [start, end) and its average field lengths. */
export interface Partition {
  start: number;
  end: number;
  averages: number[];
}

export interface Bm25Params {
  k: number;
  b: number;
  d: number;
}

/** One OR sub-query: its terms in order (a repeated term is scored again, as in MiniSearch) and its field boosts. */
export interface SubQuery {
  terms: readonly string[];
  boosts: readonly number[];
  /** Also match indexed terms that start with each term (the operator console's type-ahead). */
  prefix: boolean;
}

export interface ScoredDoc {
  doc: number;
  score: number;
  /** The indexed terms matched, in MiniSearch's order (its `Object.keys(match)`). */
  terms: string[];
}

/** MiniSearch's weight of a prefix match: approaches 0 as the indexed term grows longer than the query term. */
const PREFIX_WEIGHT = 0.375;

interface Derived {
  id: number;
  weight: number;
}

/** Scratch arrays reused by every search (one search at a time: the engine is synchronous). */
class Scratch {
  size = 0;
  termAcc = new Float64Array(0);
  subAcc = new Float64Array(0);
  total = new Float64Array(0);
  termStamp = new Int32Array(0);
  subStamp = new Int32Array(0);
  totalStamp = new Int32Array(0);
  sources = new Uint32Array(0);
  matched: number[][] = [];
  /** Documents of the partition in first-match order, and those touched by the current term and sub-query. */
  order = new Int32Array(0);
  termTouched = new Int32Array(0);
  subTouched = new Int32Array(0);
  epoch = 0;
  words = 1;

  prepare(size: number, sourceCount: number): void {
    this.words = Math.max(1, Math.ceil(sourceCount / 32));
    if (size > this.size || this.epoch > 1e9) {
      this.size = Math.max(size, this.size);
      this.termAcc = new Float64Array(this.size);
      this.subAcc = new Float64Array(this.size);
      this.total = new Float64Array(this.size);
      this.termStamp = new Int32Array(this.size);
      this.subStamp = new Int32Array(this.size);
      this.totalStamp = new Int32Array(this.size);
      this.order = new Int32Array(this.size);
      this.termTouched = new Int32Array(this.size);
      this.subTouched = new Int32Array(this.size);
      this.epoch = 0;
    }
    if (this.sources.length < this.size * this.words) this.sources = new Uint32Array(this.size * this.words);
  }
}

const scratch = new Scratch();
/** Terms of each postings, sorted, for prefix lookups (built on the first prefix search). */
const sortedTerms = new WeakMap<Postings, number[]>();

function prefixMatches(postings: Postings, term: string): Derived[] {
  let sorted = sortedTerms.get(postings);
  if (!sorted) {
    sorted = [...postings.terms.keys()].sort((a, b) => {
      const x = postings.terms[a] as string;
      const y = postings.terms[b] as string;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    sortedTerms.set(postings, sorted);
  }
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((postings.terms[sorted[mid] as number] as string) < term) lo = mid + 1;
    else hi = mid;
  }
  const out: Derived[] = [];
  for (let i = lo; i < sorted.length; i++) {
    const id = sorted[i] as number;
    const candidate = postings.terms[id] as string;
    if (!candidate.startsWith(term)) break;
    const distance = candidate.length - term.length;
    if (distance === 0) continue;
    out.push({ id, weight: (PREFIX_WEIGHT * candidate.length) / (candidate.length + 0.3 * distance) });
  }
  return out;
}

/**
 * Scores the partitions `parts` (numbers into postings.partitions) for the sub-queries, OR-combined, and returns the best
 * `limit` hits: by score, ties in partition order and then first-match order (what sorting each partition's hits, keeping
 * its best `limit`, then stably sorting them all gives). `withTerms` also reports each hit's matched terms.
 */
export function searchPostings(
  postings: Postings,
  subQueries: readonly SubQuery[],
  parts: readonly number[],
  params: Bm25Params,
  limit: number,
  withTerms: boolean,
): ScoredDoc[] {
  const sourceIndex = new Map<string, number>();
  const plan = subQueries.map((q) => ({
    boosts: q.boosts,
    groups: q.terms.map((term) => {
      if (!sourceIndex.has(term)) sourceIndex.set(term, sourceIndex.size);
      const exact = postings.termId.get(term);
      const derived: Derived[] = exact === undefined ? [] : [{ id: exact, weight: 1 }];
      return {
        source: sourceIndex.get(term) as number,
        derived: q.prefix ? [...derived, ...prefixMatches(postings, term)] : derived,
      };
    }),
  }));
  const largest = parts.reduce((max, p) => {
    const part = postings.partitions[p];
    return part ? Math.max(max, part.end - part.start) : max;
  }, 0);
  scratch.prepare(largest, sourceIndex.size);
  // Consecutive partitions (all plans) are read by walking each list once; any other choice by binary search.
  const sequential = parts.length > 1 && parts.every((p, i) => i === 0 || p === (parts[i - 1] as number) + 1);
  const search: Search = { plan, params, cursors: sequential ? [] : null, withTerms, seq: 0, top: new TopK(limit) };
  for (const p of parts) {
    const part = postings.partitions[p];
    if (part) scorePartition(postings, part, search);
  }
  return search.top.sorted().map(({ doc, score, matched }) => ({
    doc,
    score,
    terms: matched ? matchKeys(matched.map((id) => postings.terms[id] as string)) : [],
  }));
}

interface PlannedQuery {
  boosts: readonly number[];
  groups: { source: number; derived: Derived[] }[];
}

interface Search {
  plan: readonly PlannedQuery[];
  params: Bm25Params;
  /** Where each (term, field) list was left by the previous partition, when partitions are read in document order. */
  cursors: number[] | null;
  withTerms: boolean;
  /** Hits offered so far: a hit's place in the order ties are broken by. */
  seq: number;
  top: TopK<{ doc: number; score: number; matched: number[] | null }>;
}

function scorePartition(postings: Postings, part: Partition, search: Search): void {
  const { docs, freqs, lengths, offsets, fields: F } = postings;
  const { k, b, d } = search.params;
  const { cursors, withTerms } = search;
  const s = scratch;
  const { start, end } = part;
  const totalCount = end - start;
  const totalEpoch = ++s.epoch;
  let touched = 0;
  let cursor = 0;
  for (const query of search.plan) {
    const subEpoch = ++s.epoch;
    let subTouched = 0;
    for (const group of query.groups) {
      const termEpoch = ++s.epoch;
      let termTouched = 0;
      for (const { id, weight } of group.derived) {
        for (let f = 0; f < F; f++) {
          const listStart = offsets[id * F + f] as number;
          const listEnd = offsets[id * F + f + 1] as number;
          let lo: number;
          let hi: number;
          if (cursors) {
            lo = cursors[cursor] ?? lowerBound(docs, listStart, listEnd, start);
            hi = lo;
            while (hi < listEnd && (docs[hi] as number) < end) hi++;
            cursors[cursor++] = hi;
          } else {
            lo = lowerBound(docs, listStart, listEnd, start);
            hi = lowerBound(docs, lo, listEnd, end);
          }
          if (lo === hi) continue;
          const matchingCount = hi - lo;
          const avgFieldLength = part.averages[f] as number;
          const fieldBoost = query.boosts[f] as number;
          const invDocFreq = Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
          for (let i = lo; i < hi; i++) {
            const doc = docs[i] as number;
            const local = doc - start;
            const termFreq = freqs[i] as number;
            const fieldLength = lengths[doc * F + f] as number;
            const rawScore =
              invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avgFieldLength)));
            const weighted = weight * fieldBoost * rawScore;
            if (s.termStamp[local] !== termEpoch) {
              s.termStamp[local] = termEpoch;
              s.termAcc[local] = 0;
              s.termTouched[termTouched++] = local;
            }
            s.termAcc[local] = (s.termAcc[local] as number) + weighted;
            if (s.totalStamp[local] !== totalEpoch) {
              s.totalStamp[local] = totalEpoch;
              s.total[local] = 0;
              s.sources.fill(0, local * s.words, (local + 1) * s.words);
              if (withTerms) s.matched[local] = [];
              s.order[touched++] = local;
            }
            if (withTerms) {
              const matched = s.matched[local] as number[];
              if (matched[matched.length - 1] !== id && !matched.includes(id)) matched.push(id);
            }
            const word = local * s.words + (group.source >>> 5);
            s.sources[word] = (s.sources[word] as number) | (1 << (group.source & 31));
          }
        }
      }
      for (let t = 0; t < termTouched; t++) {
        const local = s.termTouched[t] as number;
        if (s.subStamp[local] !== subEpoch) {
          s.subStamp[local] = subEpoch;
          s.subAcc[local] = 0;
          s.subTouched[subTouched++] = local;
        }
        s.subAcc[local] = (s.subAcc[local] as number) + (s.termAcc[local] as number);
      }
    }
    for (let t = 0; t < subTouched; t++) {
      const local = s.subTouched[t] as number;
      s.total[local] = (s.total[local] as number) + (s.subAcc[local] as number);
    }
  }
  for (let t = 0; t < touched; t++) {
    const local = s.order[t] as number;
    let quality = 0;
    for (let w = 0; w < s.words; w++) quality += popcount(s.sources[local * s.words + w] as number);
    const score = (s.total[local] as number) * (quality || 1);
    const seq = search.seq++;
    if (search.top.admits(score, seq)) {
      search.top.offer(score, seq, {
        doc: start + local,
        score,
        matched: withTerms ? (s.matched[local] as number[]) : null,
      });
    }
  }
}

function popcount(n: number): number {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The terms in the order `Object.keys` gives them (MiniSearch returns the keys of its `match` object). */
function matchKeys(terms: string[]): string[] {
  const match: Record<string, true> = {};
  for (const term of terms) match[term] = true;
  return Object.keys(match);
}
