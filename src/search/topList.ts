/** One scored article. */
export interface Scored {
  readonly n: number;
  readonly score: number;
}

/** Keeps the best of many offers (see createTopList). */
export interface TopList {
  offer(n: number, score: number): void;
  /** Has it as many entries as it keeps? */
  readonly full: boolean;
  /** The worst entry kept (undefined when empty). */
  worst(): Scored | undefined;
  /** Everything kept (a few more than asked), best first. */
  entries(): readonly Scored[];
  /** The best `size`, near ties of score (within `tie`) in corpus order. */
  sorted(): Scored[];
}

/** Entries kept beyond those asked for, so that a tie across the cut is settled with all its members. */
export const TOP_SLACK = 8;

/**
 * Keeps the `size` best (score, then corpus order) of many offers, without
 * sorting them all. With `days`, newest edition first, then by score (and
 * then the near-ties of score are not regrouped: the day decides first).
 */
export function createTopList(size: number, tie: number, days: Int32Array | null = null): TopList {
  const room = size > 0 ? size + TOP_SLACK : 0;
  const byScore = (a: Scored, b: Scored) => a.score > b.score || (a.score === b.score && a.n < b.n);
  const better = days
    ? (a: Scored, b: Scored) => days[a.n]! > days[b.n]! || (days[a.n] === days[b.n] && byScore(a, b))
    : byScore;
  // A heap with the worst kept entry on top: O(log room) per offer. (Insertion into a sorted
  // list was quadratic when a query with synonyms keeps 2,000: 60% of its time at 100,000 articles.)
  const heap: Scored[] = [];
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j]!, heap[i]!]);
  const down = (i: number) => {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < heap.length && better(heap[worst]!, heap[left]!)) worst = left;
      if (right < heap.length && better(heap[worst]!, heap[right]!)) worst = right;
      if (worst === i) return;
      swap(i, worst);
      i = worst;
    }
  };
  let kept: Scored[] | null = null;
  const entries = (): readonly Scored[] => (kept ??= [...heap].sort((a, b) => (better(a, b) ? -1 : 1)));
  return {
    offer(n, score) {
      if (room === 0) return;
      if (heap.length === room) {
        const worst = heap[0]!;
        // Most offers of a long list lose to the worst kept: told without making an entry.
        if (!days && (score < worst.score || (score === worst.score && n > worst.n))) return;
        const entry = { n, score };
        if (!better(entry, worst)) return;
        heap[0] = entry;
        down(0);
      } else {
        const entry = { n, score };
        heap.push(entry);
        for (let i = heap.length - 1; i > 0 && better(heap[(i - 1) >> 1]!, heap[i]!); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
      }
      kept = null;
    },
    get full() {
      return heap.length === room;
    },
    worst: () => heap[0],
    entries,
    sorted(): Scored[] {
      const best = entries();
      if (days) return best.slice(0, size);
      const settled: Scored[] = [];
      for (let i = 0; i < best.length; ) {
        let j = i + 1;
        while (j < best.length && best[j]!.score >= best[i]!.score * (1 - tie)) j++;
        settled.push(...best.slice(i, j).sort((a, b) => a.n - b.n));
        i = j;
      }
      return settled.slice(0, size);
    },
  };
}
