import type { QueryWord } from './query.js';

/** The query's weights, set once per query; judges each article from the mask of words it holds. */
export interface Plan {
  /** The article's final score, or null when no piece of the query is covered enough. */
  finalScore(mask: number, score: number): number | null;
  /** What an article's score is multiplied by, or NaN when it does not pass: (its share of the query's weight)². */
  factor(mask: number): number;
}

/** Slots of the factor memo (a power of two). */
const SLOTS = 4096;

/**
 * "All terms preferred, fewer allowed", per piece the reader typed (words
 * split by spaces or quotes): an article passes when it holds, for some
 * piece, at least `minCoverage` of that piece's words weighted by idf, and
 * its score is multiplied by the square of its coverage of the whole query.
 * So "消费券 电影" lists articles with both first, then with either; but
 * 网络主播 does not list articles on 网络安全 (网络 alone is less than half
 * the weight). Returns null (nothing matches) when a piece matches no article
 * at all: "西宁 股市" says plainly that nothing mentions 股市.
 */
export function createPlan(words: readonly QueryWord[], counts: readonly number[], weights: readonly number[], minCoverage: number): Plan | null {
  const pieceTotals = new Map<number, number>();
  const found = new Set<number>();
  words.forEach((word, i) => {
    pieceTotals.set(word.piece, (pieceTotals.get(word.piece) ?? 0) + weights[i]!);
    if (counts[i]! > 0) found.add(word.piece);
  });
  if (found.size < pieceTotals.size) return null;
  return new PiecePlan(words, weights, minCoverage, pieceTotals);
}

/**
 * A class, not an object of closures: a query makes a plan, and methods on one
 * prototype keep their optimized code from query to query (closures made per
 * query were optimized again, again and again while other work ran).
 */
class PiecePlan implements Plan {
  private readonly total: number;
  private readonly pieces: number[];
  // It depends on the mask alone, and tens of thousands of articles share a few masks: a
  // direct-mapped memo (a slot per low 12 bits; a longer query's masks may share one and recompute).
  private readonly keys = new Uint32Array(SLOTS);
  private readonly known = new Uint8Array(SLOTS);
  /** NaN: the mask does not pass. */
  private readonly values = new Float64Array(SLOTS);

  constructor(
    private readonly words: readonly QueryWord[],
    private readonly weights: readonly number[],
    private readonly minCoverage: number,
    private readonly pieceTotals: ReadonlyMap<number, number>,
  ) {
    this.total = weights.reduce((sum, w) => sum + w, 0);
    this.pieces = [...pieceTotals.keys()];
  }

  factor(mask: number): number {
    const slot = mask & (SLOTS - 1);
    if (this.known[slot] === 0 || this.keys[slot] !== mask >>> 0) {
      this.keys[slot] = mask >>> 0;
      this.known[slot] = 1;
      this.values[slot] = this.factorOf(mask) ?? NaN;
    }
    return this.values[slot]!;
  }

  finalScore(mask: number, score: number): number | null {
    const value = this.factor(mask);
    return Number.isNaN(value) ? null : score * value;
  }

  /** The factor an article's score is multiplied by, or null when it does not pass. */
  private factorOf(mask: number): number | null {
    const { words, weights } = this;
    let covered = 0;
    let passes = false;
    for (const piece of this.pieces) {
      let inPiece = 0;
      words.forEach((word, i) => {
        if (word.piece === piece && (mask & (1 << i)) !== 0) inPiece += weights[i]!;
      });
      covered += inPiece;
      if (inPiece > 0 && inPiece >= this.minCoverage * this.pieceTotals.get(piece)!) passes = true;
    }
    return !passes || this.total <= 0 ? null : (covered / this.total) ** 2;
  }
}
