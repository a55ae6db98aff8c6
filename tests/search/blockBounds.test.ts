import { describe, expect, it } from 'vitest';
import { BLOCK, blockCursor } from '../../src/search/blockBounds.js';
import type { PostingList } from '../../src/search/segment.js';

/**
 * Block-max bounds (blockBounds.ts) must never be below an article's real
 * BM25 part, and should be that of the article's own block: a list in two
 * segments' parts, with term frequencies and field lengths that vary by block.
 */
const bm25 = { k: 1.2, b: 0.7, d: 0.5 };
const weight = 3;

/** A list of `count` articles, every other number from `first`, tf growing with the block. */
function list(count: number, first: number): PostingList {
  const ids = Uint32Array.from({ length: count }, (_, i) => first + 2 * i);
  const tfs = Uint16Array.from({ length: count }, (_, i) => 1 + Math.floor(i / BLOCK) + (i % 7 === 0 ? 3 : 0));
  return { ids, tfs };
}

const parts = [
  { base: 0, list: list(300, 1) },
  { base: 1000, list: list(200, 0) },
];
const lengths = Uint32Array.from({ length: 2000 }, (_, n) => 5 + (n % 13));
const average = 11;
/** An article's BM25 part as rank.ts's scorer computes it (the same float operations), at average field length `at`. */
const part = (tf: number, length: number, at = average) => weight * (bm25.d + (tf * (bm25.k + 1)) / (tf + bm25.k * (1 - bm25.b + (bm25.b * length) / at)));

/** Every article of the parts with its real BM25 part and block, ascending. */
const postings = parts.flatMap(({ base, list: { ids, tfs } }, p) =>
  [...ids].map((id, i) => ({ n: base + id, score: part(tfs![i]!, lengths[base + id]!), block: `${p}:${Math.floor(i / BLOCK)}` })),
);

describe('block-max bounds', () => {
  it("bound each article by the best of its own block, across the lists' parts", () => {
    const cursor = blockCursor(parts, lengths, average, bm25, weight);
    const bestOfBlock = new Map<string, number>();
    for (const { score, block } of postings) bestOfBlock.set(block, Math.max(bestOfBlock.get(block) ?? 0, score));
    for (const { n, score, block } of postings) {
      const bound = cursor.boundAt(n);
      expect(bound).toBeGreaterThanOrEqual(score * (1 - 1e-12));
      expect(bound).toBeCloseTo(bestOfBlock.get(block)!, 12);
    }
    // Past the last list: nothing.
    expect(cursor.boundAt(5000)).toBe(0);
  });

  it('bound a stretch of articles by the best block it overlaps, without moving past its start', () => {
    const cursor = blockCursor(parts, lengths, average, bm25, weight);
    const stretches = [
      [1, 100],
      [150, 700],
      [900, 1001],
      [1002, 1398],
    ] as const;
    for (const [first, last] of stretches) {
      const inside = postings.filter(({ n }) => n >= first && n <= last);
      const bound = cursor.boundIn(first, last);
      expect(bound).toBeGreaterThanOrEqual(Math.max(...inside.map(({ score }) => score)) * (1 - 1e-12));
      // The stretch's first article is still bounded by its own block afterwards.
      expect(cursor.boundAt(inside[0]!.n)).toBeLessThanOrEqual(bound);
    }
  });

  it('still bound every article when the average field length moves a little (a page ingested), without a new walk', () => {
    for (const moved of [average * 1.03, average * 0.9]) {
      const cursor = blockCursor(parts, lengths, moved, bm25, weight);
      for (const { n, block } of postings) {
        const real = postings.filter((posting) => posting.block === block).map(({ n: m }) => m);
        const best = Math.max(
          ...real.map((m) => {
            const { base, list: own } = m >= 1000 ? parts[1]! : parts[0]!;
            const tf = own.tfs![own.ids.indexOf(m - base)]!;
            return part(tf, lengths[m]!, moved);
          }),
        );
        const bound = cursor.boundAt(n);
        expect(bound).toBeGreaterThanOrEqual(best * (1 - 1e-12));
        // The maxima kept from the first average, scaled: at most 3% looser than the block's best.
        expect(bound).toBeLessThanOrEqual(best * 1.03 + 1e-9);
      }
    }
  });

  it('are computed again when the average field length changes much (the index grew)', () => {
    const before = blockCursor(parts, lengths, average, bm25, weight).boundAt(1);
    const after = blockCursor(parts, lengths, average * 2, bm25, weight).boundAt(1);
    // Longer articles on average: the same short article weighs more.
    expect(after).toBeGreaterThan(before);
    const shortest = postings.filter(({ block }) => block === '0:0');
    const expected = Math.max(...shortest.map(({ n }, i) => part(parts[0]!.list.tfs![i]!, lengths[n]!, average * 2)));
    expect(after).toBeCloseTo(expected, 12);
  });
});

describe('block-max bounds compared without a margin', () => {
  // Lists of their own: the maxima kept for the lists above were computed at other averages.
  const fresh = [
    { base: 0, list: list(300, 1) },
    { base: 1000, list: list(200, 0) },
  ];
  /** Each article's part as the scorer computes it, at average `at`. */
  const scored = (at: number) => fresh.flatMap(({ base, list: { ids, tfs } }) => [...ids].map((id, i) => ({ n: base + id, score: part(tfs![i]!, lengths[base + id]!, at) })));

  it('are exact, never below the scorer\'s own number, at the average they were computed at and at a smaller one', () => {
    for (const at of [average, average * 0.9, average * 0.5]) {
      const cursor = blockCursor(fresh, lengths, at, bm25, weight);
      expect(cursor.exact).toBe(true);
      for (const { n, score } of scored(at)) expect(cursor.boundAt(n)).toBeGreaterThanOrEqual(score);
    }
  });

  it('are not exact when maxima kept from a smaller average are scaled up (a bound in exact arithmetic only)', () => {
    blockCursor(fresh, lengths, average, bm25, weight);
    const grown = blockCursor(fresh, lengths, average * 1.03, bm25, weight);
    expect(grown.exact).toBe(false);
    // Computed again past the rescale limit: exact again.
    expect(blockCursor(fresh, lengths, average * 1.2, bm25, weight).exact).toBe(true);
  });
});
