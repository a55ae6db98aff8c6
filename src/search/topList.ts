/** One scored article. */
export interface Scored {
  readonly n: number;
  readonly score: number;
}

/** Entries kept beyond those asked for, so that a tie across the cut is settled with all its members. */
export const TOP_SLACK = 8;

/**
 * Keeps the `size` best (score, then corpus order) of many offers, without
 * sorting them all. With `days`, newest edition first, then by score (and
 * then the near-ties of score are not regrouped: the day decides first).
 */
export class TopList {
  /** An offer scoring below this cannot enter: the worst entry's score once full (best first), else -Infinity. */
  threshold = -Infinity;
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
    return a.score > b.score || (a.score === b.score && a.n < b.n);
  }

  offer(n: number, score: number): void {
    const { heap, room } = this;
    if (room === 0) return;
    if (heap.length === room) {
      const worst = heap[0]!;
      // Most offers of a long list lose to the worst kept: told without making an entry.
      if (!this.days && (score < worst.score || (score === worst.score && n > worst.n))) return;
      const entry = { n, score };
      if (!this.better(entry, worst)) return;
      heap[0] = entry;
      this.down(0);
    } else {
      heap.push({ n, score });
      for (let i = heap.length - 1; i > 0 && this.better(heap[(i - 1) >> 1]!, heap[i]!); i = (i - 1) >> 1) this.swap(i, (i - 1) >> 1);
    }
    if (heap.length === room && !this.days) this.threshold = heap[0]!.score;
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
      while (j < best.length && best[j]!.score >= best[i]!.score * (1 - this.tie)) j++;
      settled.push(...best.slice(i, j).sort((a, b) => a.n - b.n));
      i = j;
    }
    return settled.slice(0, this.size);
  }
}

export const createTopList = (size: number, tie: number, days: Int32Array | null = null): TopList => new TopList(size, tie, days);
