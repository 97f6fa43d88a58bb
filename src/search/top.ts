// The best K of a stream of scored items, ties to the earlier one: what sorting everything by score (a stable sort) and
// keeping the first K gives, without keeping or sorting the rest (an ask across 500 plans scores tens of thousands).

/** A bounded heap whose root is the worst item kept. `seq` is the item's place in the stream (ties go to the lower). */
export class TopK<T> {
  private readonly scores: number[] = [];
  private readonly seqs: number[] = [];
  private readonly items: T[] = [];

  constructor(private readonly k: number) {}

  /** Would an item with this score and place be kept? (Check before building the item.) */
  admits(score: number, seq: number): boolean {
    if (this.k <= 0) return false;
    if (this.scores.length < this.k) return true;
    return this.better(score, seq, this.scores[0] as number, this.seqs[0] as number);
  }

  offer(score: number, seq: number, item: T): void {
    if (!this.admits(score, seq)) return;
    if (this.scores.length < this.k) {
      this.scores.push(score);
      this.seqs.push(seq);
      this.items.push(item);
      this.up(this.scores.length - 1);
    } else {
      this.scores[0] = score;
      this.seqs[0] = seq;
      this.items[0] = item;
      this.down(0);
    }
  }

  /** The items kept, best first (by score, then by place in the stream). */
  sorted(): T[] {
    return this.scores
      .map((score, i) => ({ score, seq: this.seqs[i] as number, item: this.items[i] as T }))
      .sort((a, b) => b.score - a.score || a.seq - b.seq)
      .map((entry) => entry.item);
  }

  private better(score: number, seq: number, otherScore: number, otherSeq: number): boolean {
    return score > otherScore || (score === otherScore && seq < otherSeq);
  }

  /** Worse-than: the heap keeps its worst item at the root. */
  private worse(i: number, j: number): boolean {
    return this.better(
      this.scores[j] as number,
      this.seqs[j] as number,
      this.scores[i] as number,
      this.seqs[i] as number,
    );
  }

  private swap(i: number, j: number): void {
    [this.scores[i], this.scores[j]] = [this.scores[j] as number, this.scores[i] as number];
    [this.seqs[i], this.seqs[j]] = [this.seqs[j] as number, this.seqs[i] as number];
    [this.items[i], this.items[j]] = [this.items[j] as T, this.items[i] as T];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.worse(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.scores.length;
    for (;;) {
      let worst = i;
      for (const child of [2 * i + 1, 2 * i + 2]) if (child < n && this.worse(child, worst)) worst = child;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }
}
