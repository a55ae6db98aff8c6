import type { ListPart } from './match.js';
import type { PostingList } from './segment.js';

/**
 * Block-max bounds for ranking (rank.ts): a title or body list is cut into
 * blocks of BLOCK postings, and each block keeps the largest BM25 term part
 * any of its articles has, tf·(k+1) / (tf + k·(1 − b + b·length/average)).
 * An article's score is then bounded by its blocks' maxima, which for a
 * common word are far below the list's best: most articles are passed over
 * without their term frequencies being looked up.
 *
 * The maxima depend on the index's average field length. A segment stores
 * them for its long lists (segment.ts), computed at its own average; for
 * the others they are computed from the decoded list when a query first
 * needs them (one walk, the cost of scoring the list once). Either way they
 * are kept with the list while it stays in the list cache. Each page
 * ingested moves the average a little: a part computed at average a is at
 * most a'/a times larger at a larger average a'
 * (its denominator shrinks by no more than a/a'), and no larger at a
 * smaller one, so kept maxima are scaled by max(1, a'/a) and computed again
 * only once that loosens them by more than RESCALE.
 */

/**
 * Postings per block. Smaller blocks bound tighter (a common word's block
 * maximum is some short article's high frequency, far above most of the
 * block) for more maxima to keep: 32 answered the bench's million-article
 * queries about 4% faster than 128 (median of each query's ratio, both
 * asked in one process); 16 no faster than 32.
 */
export const BLOCK = 32;

/** Kept maxima are scaled up to this factor for a grown average field length before they are computed again. */
const RESCALE = 1.05;

interface BlockMaxima {
  readonly average: number;
  readonly k: number;
  readonly b: number;
  /** Each block's last article (local to the list's segment). */
  readonly lasts: Uint32Array;
  /** Each block's largest tf·(k+1) / (tf + norm). */
  readonly parts: Float64Array;
}

const known = new WeakMap<PostingList, BlockMaxima>();

/**
 * Each block's largest tf·(k+1) / (tf + k·(1 − b + b·length/average)) of a
 * list with term frequencies (`lengths` by article number, the list's
 * articles from `base`). The segment writer stores these for long lists
 * (segment.ts) and ranking computes them for the others: one function, so
 * that both give the same numbers bit for bit.
 */
export function blockParts(ids: Uint32Array, tfs: Uint16Array, lengths: Uint32Array, base: number, average: number, k: number, b: number): Float64Array {
  const blocks = Math.ceil(ids.length / BLOCK);
  const parts = new Float64Array(blocks);
  for (let block = 0; block < blocks; block++) {
    const end = Math.min(ids.length, (block + 1) * BLOCK);
    let most = 0;
    for (let i = block * BLOCK; i < end; i++) {
      const tf = tfs[i]!;
      const part = (tf * (k + 1)) / (tf + k * (1 - b + (b * lengths[base + ids[i]!]!) / average));
      if (part > most) most = part;
    }
    parts[block] = most;
  }
  return parts;
}

/** Each block's last article (local to the list's segment). */
function blockLasts(ids: Uint32Array): Uint32Array {
  const lasts = new Uint32Array(Math.ceil(ids.length / BLOCK));
  for (let block = 0; block < lasts.length; block++) lasts[block] = ids[Math.min(ids.length, (block + 1) * BLOCK) - 1]!;
  return lasts;
}

/**
 * The maxima of one list (`lengths` by article number across the index, the
 * list's articles from `base`): kept ones, or those its segment stores, if
 * they still hold (scaled by `scale` of them); else computed, one walk of the list.
 */
function maximaOf(list: PostingList, base: number, lengths: Uint32Array, average: number, k: number, b: number): BlockMaxima {
  const holds = (maxima: BlockMaxima | undefined): maxima is BlockMaxima => maxima?.k === k && maxima.b === b && scaleOf(maxima, average) <= RESCALE;
  const cached = known.get(list);
  if (holds(cached)) return cached;
  const lasts = blockLasts(list.ids);
  const stored = list.stored;
  const fromFile = stored?.block === BLOCK ? { average: stored.average, k: stored.k, b: stored.b, lasts, parts: stored.parts } : undefined;
  const maxima = holds(fromFile) ? fromFile : { average, k, b, lasts, parts: blockParts(list.ids, list.tfs!, lengths, base, average, k, b) };
  known.set(list, maxima);
  return maxima;
}

/** What kept maxima are multiplied by to bound the parts at `average`. */
const scaleOf = (maxima: BlockMaxima, average: number): number => Math.max(1, average / maxima.average);

/** Walks a word's blocks in one field in ascending article order: the most it adds to each article asked about. */
export interface BlockCursor {
  /** The most the word adds in this field to article n (which holds it there); articles asked in ascending order. */
  boundAt(n: number): number;
  /** The most it adds to any article from `first` to `last` (ascending from the articles asked before; 0 past its lists). */
  boundIn(first: number, last: number): number;
  /**
   * Are the bounds at least the very numbers rank.ts's scorer computes, bit
   * for bit (not only in exact arithmetic)? So when every block's maxima were
   * computed at the average field length scoring uses now or a larger one:
   * the same float operations on a largest term, or on a smaller field
   * length ratio, never round below the article's own. Kept maxima scaled up
   * for a grown average are bounds in exact arithmetic only.
   */
  readonly exact: boolean;
}

/**
 * A cursor over `parts` (a word's lists in one field); `weight` is boost × idf,
 * `d` the BM25+ floor: a block's bound is weight × (d + its largest part).
 */
export function blockCursor(parts: readonly ListPart[], lengths: Uint32Array, average: number, bm25: { k: number; b: number; d: number }, weight: number): BlockCursor {
  const { k, b, d } = bm25;
  const maxima = parts.map(({ base, list }) => maximaOf(list, base, lengths, average, k, b));
  const exact = maxima.every((kept) => kept.average >= average);
  // Every block of the lists in one run: its last article (the index's number) and its bound.
  const count = maxima.reduce((sum, kept) => sum + kept.lasts.length, 0);
  const lasts = new Uint32Array(count);
  const bounds = new Float64Array(count);
  let at = 0;
  // A loop, not forEach: a callback made per query is optimized again for each query.
  for (let part = 0; part < maxima.length; part++) {
    const kept = maxima[part]!;
    const base = parts[part]!.base;
    const scale = scaleOf(kept, average);
    for (let block = 0; block < kept.lasts.length; block++, at++) {
      lasts[at] = base + kept.lasts[block]!;
      bounds[at] = weight * (d + scale * kept.parts[block]!);
    }
  }
  return new Cursor(lasts, bounds, exact);
}

/**
 * A class, not an object of closures: a query makes a cursor per word and field, and
 * methods on one prototype keep their optimized code from query to query (closures
 * made per query were optimized again, again and again while other work ran).
 */
class Cursor implements BlockCursor {
  /** The block the cursor is at: the first whose last article is not before the one asked about. */
  private block = 0;

  constructor(
    private readonly lasts: Uint32Array,
    private readonly bounds: Float64Array,
    readonly exact: boolean,
  ) {}

  boundAt(n: number): number {
    this.reach(n);
    return this.block < this.lasts.length ? this.bounds[this.block]! : 0;
  }

  boundIn(first: number, last: number): number {
    this.reach(first);
    const { lasts, bounds } = this;
    let most = 0;
    // The blocks from this one to the one holding `last`, without moving the cursor.
    for (let next = this.block; next < lasts.length; next++) {
      if (bounds[next]! > most) most = bounds[next]!;
      if (lasts[next]! >= last) break;
    }
    return most;
  }

  private reach(n: number): void {
    const { lasts } = this;
    let block = this.block;
    while (block < lasts.length && lasts[block]! < n) block++;
    this.block = block;
  }
}
