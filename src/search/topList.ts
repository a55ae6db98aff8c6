/** One scored article. */
export interface Scored {
  readonly n: number;
  readonly score: number;
  /**
   * Does the article hold every word of the query? Such articles rank above
   * those holding only some ("all terms preferred, fewer allowed"), whatever
   * their scores.
   */
  readonly complete: boolean;
}

/** Entries kept beyond those asked for, so that a tie across the cut is settled with all its members. */
export const TOP_SLACK = 8;

/**
 * Keeps the `size` best of many offers, without sorting them all: articles
 * holding every word first, then by score, then in corpus order. With `days`,
 * newest edition first, then the same (and then the near-ties of score are
 * not regrouped: the day decides first).
 */
export class TopList {
  /**
   * An offer scoring below this cannot enter, by whether it holds every word
   * (best first; -Infinity until full): the worst entry's score for its own
   * kind, +Infinity for an incomplete one once a complete one is the worst.
   */
  threshold = { complete: -Infinity, partial: -Infinity };
  private readonly room: number;
  // A heap with the worst kept entry on top: O(log room) per offer. (Insertion into a sorted
  // list was quadratic when a query with synonyms keeps 2,000: 60% of its time at 100,000 articles.)
  private readonly heap: Scored[] = [];
  private kept: Scored[] | null = null;

  constructor(
    private readonly size: number,
    private readonly tie: number,
    private readonly days: Int32Array | null = null,
  ) {
    this.room = size > 0 ? size + TOP_SLACK : 0;
  }

  /** Has it as many entries as it keeps? */
  get full(): boolean {
    return this.heap.length === this.room;
  }

  private better(a: Scored, b: Scored): boolean {
    const days = this.days;
    if (days && days[a.n] !== days[b.n]) return days[a.n]! > days[b.n]!;
    if (a.complete !== b.complete) return a.complete;
    return a.score > b.score || (a.score === b.score && a.n < b.n);
  }

  offer(n: number, score: number, complete: boolean): void {
    const { heap, room } = this;
    if (room === 0) return;
    const entry = { n, score, complete };
    if (heap.length === room) {
      if (!this.better(entry, heap[0]!)) return;
      heap[0] = entry;
      this.down(0);
    } else {
      heap.push(entry);
      for (let i = heap.length - 1; i > 0 && this.better(heap[(i - 1) >> 1]!, heap[i]!); i = (i - 1) >> 1) this.swap(i, (i - 1) >> 1);
    }
    if (heap.length === room && !this.days) {
      const worst = heap[0]!;
      this.threshold = worst.complete ? { complete: worst.score, partial: Infinity } : { complete: -Infinity, partial: worst.score };
    }
    this.kept = null;
  }

  private swap(i: number, j: number): void {
    const { heap } = this;
    [heap[i], heap[j]] = [heap[j]!, heap[i]!];
  }

  private down(i: number): void {
    const { heap } = this;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < heap.length && this.better(heap[worst]!, heap[left]!)) worst = left;
      if (right < heap.length && this.better(heap[worst]!, heap[right]!)) worst = right;
      if (worst === i) return;
      this.swap(i, worst);
      i = worst;
    }
  }

  /** Everything kept (a few more than asked), best first. */
  entries(): readonly Scored[] {
    return (this.kept ??= [...this.heap].sort((a, b) => (this.better(a, b) ? -1 : 1)));
  }

  /** The best `size`, near ties of score (within `tie`) in corpus order (by day first, with days). */
  sorted(): Scored[] {
    const best = this.entries();
    if (this.days) return best.slice(0, this.size);
    const settled: Scored[] = [];
    for (let i = 0; i < best.length; ) {
      let j = i + 1;
      while (j < best.length && best[j]!.complete === best[i]!.complete && best[j]!.score >= best[i]!.score * (1 - this.tie)) j++;
      settled.push(...best.slice(i, j).sort((a, b) => a.n - b.n));
      i = j;
    }
    return settled.slice(0, this.size);
  }
}

export const createTopList = (size: number, tie: number, days: Int32Array | null = null): TopList => new TopList(size, tie, days);
