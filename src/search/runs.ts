/* eslint-disable @typescript-eslint/prefer-for-of -- indexed loops over typed arrays: for…of's iterator and pushed arrays cost more than the marking (a common stretch has a hundred thousand holders at a million articles) */
import type { QueryWord } from './query.js';
import { SLOTS, type Scratch } from './scratch.js';
import type { SearchTuning } from './tuning.js';

/** A query's typed runs, settled lazily (see createRuns). */
export interface Runs {
  /** How many runs apply (a bit each in `runBits`). */
  readonly count: number;
  isPending(n: number): boolean;
  /** Settles the articles that may hold a run nobody asked about yet and that `deciding` picks (the whole mask of each is asked once). */
  resolveWhere(deciding: (n: number) => boolean): void;
  /** The words article n holds counting the runs it holds, and, when `optimistic`, those it may hold. */
  mask(n: number, optimistic: boolean): number;
  /** Runs article n holds or may hold (a bit each): what bounds its bonus. */
  runBits(n: number): number;
  /** The most the runs `bits` may add to an article's score. */
  bound(bits: number): number;
  /** Article n's score with its runs' bonus, from its score before runs; when `optimistic`, counting those it may hold as held. */
  score(n: number, base: number, optimistic: boolean): number;
  /** Asks which of their pending runs the articles `ns` hold (bigram positions), and notes the answer. */
  resolve(ns: ArrayLike<number>): void;
}

/**
 * The run bonus of one query. For each run (a stretch typed in one piece,
 * split by jieba into several words), the articles found that hold all its
 * bigrams may hold it: a run of two characters is one bigram, held at once,
 * as is a run inside a quoted phrase (`phrases`: every article listed holds
 * the phrase); another is pending until `resolve` asks the bigram positions, which
 * is done only for the articles whose answer can change what is shown (a
 * common stretch has tens of thousands of such articles). A run held adds
 * runWeight × idf of each of its words, and a word the article did not hold
 * on its own counts as held, found inside the stretch. Runs apply in a fixed
 * order: two-character runs first, then the others, each in query order.
 */
export function createRuns(
  queryRuns: readonly string[],
  words: readonly QueryWord[],
  weights: readonly number[],
  scratch: Scratch,
  tuning: SearchTuning,
  candidates: (text: string) => Uint32Array,
  holding: (ns: Uint32Array, text: string) => ArrayLike<number>,
  phrases: readonly string[] = [],
): Runs {
  // A bit per run: a query with more than 32 (a pasted paragraph) loses the bonus of the rest.
  const runs = queryRuns.slice(0, 32);
  const inRun = runs.map((text) => words.map((word, i) => (text.includes(word.text) ? i : -1)).filter((i) => i >= 0));
  const runMasks = inRun.map((members) => members.reduce((mask, i) => mask | (1 << i), 0));
  const bonuses = inRun.map((members) => members.reduce((sum, i) => sum + tuning.runWeight * weights[i]!, 0));
  // Two characters are one bigram: its list is the answer, nothing to ask.
  const isShort = runs.map((text) => text.length === 2);
  const order = [...runs.keys()].filter((r) => isShort[r]).concat([...runs.keys()].filter((r) => !isShort[r]));
  // Inside a quoted phrase, held by every article that is listed: one that does not hold the phrase is dropped anyway.
  const atOnce = runs.map((text, run) => isShort[run]! || phrases.some((phrase) => phrase.includes(text)));
  const { masks, runsHeld, runsPending } = scratch;
  if (runs.length > 0) scratch.wrote |= SLOTS.runs;
  // No array of the pending ones: a common stretch has a hundred thousand holders at a million articles.
  const holders = runs.map((text) => candidates(text));
  /** Articles marked pending (more than are left once some are settled). */
  let pendingCount = 0;
  // Loops, not forEach: a callback made per query is optimized again for each query.
  for (let run = 0; run < runs.length; run++) {
    const ns = holders[run]!;
    const bit = 1 << run;
    const marks = atOnce[run] ? runsHeld : runsPending;
    for (let i = 0; i < ns.length; i++) {
      const n = ns[i]!;
      if (masks[n] === 0) continue;
      if (marks === runsPending && runsPending[n] === 0) pendingCount++;
      marks[n] = marks[n]! | bit;
    }
  }
  return new TypedRuns(runs, inRun, runMasks, bonuses, order, atOnce, holders, pendingCount, weights, scratch, tuning, holding);
}

/**
 * A class, not an object of closures: a query makes its runs, and methods on one
 * prototype keep their optimized code from query to query (closures made per
 * query were optimized again, again and again while other work ran).
 */
class TypedRuns implements Runs {
  readonly count: number;
  private readonly masks: Uint32Array;
  private readonly runsHeld: Uint32Array;
  private readonly runsPending: Uint32Array;

  constructor(
    private readonly runs: readonly string[],
    private readonly inRun: readonly (readonly number[])[],
    private readonly runMasks: readonly number[],
    private readonly bonuses: readonly number[],
    private readonly order: readonly number[],
    private readonly atOnce: readonly boolean[],
    private readonly holders: readonly Uint32Array[],
    /** Articles marked pending (more than are left once some are settled). */
    private readonly pendingCount: number,
    private readonly weights: readonly number[],
    scratch: Scratch,
    private readonly tuning: SearchTuning,
    private readonly holding: (ns: Uint32Array, text: string) => ArrayLike<number>,
  ) {
    this.count = runs.length;
    ({ masks: this.masks, runsHeld: this.runsHeld, runsPending: this.runsPending } = scratch);
  }

  isPending(n: number): boolean {
    return this.runsPending[n] !== 0;
  }

  /** Asks which of their pending runs the articles `ns` hold (bigram positions), and notes the answer. */
  resolve(ns: ArrayLike<number>): void {
    const { runsHeld, runsPending } = this;
    // Typed arrays and no Set: a common stretch asks about a hundred thousand articles at a million.
    const sorted = new Uint32Array(ns.length);
    let count = 0;
    for (let i = 0; i < ns.length; i++) if (runsPending[ns[i]!] !== 0) sorted[count++] = ns[i]!;
    const asking = sorted.subarray(0, count).sort();
    for (let run = 0; run < this.runs.length; run++) {
      const bit = 1 << run;
      const asked = new Uint32Array(asking.length);
      let size = 0;
      for (let i = 0; i < asking.length; i++) if ((runsPending[asking[i]!]! & bit) !== 0 && asking[i] !== asked[size - 1]) asked[size++] = asking[i]!;
      if (size === 0) continue;
      const held = this.holding(asked.subarray(0, size), this.runs[run]!);
      for (let i = 0; i < held.length; i++) runsHeld[held[i]!] = runsHeld[held[i]!]! | bit;
    }
    for (let i = 0; i < asking.length; i++) runsPending[asking[i]!] = 0;
  }

  resolveWhere(deciding: (n: number) => boolean): void {
    const { runsPending } = this;
    const picked = new Uint32Array(this.pendingCount);
    let count = 0;
    for (let run = 0; run < this.runs.length; run++) {
      if (this.atOnce[run]) continue;
      const ns = this.holders[run]!;
      const bit = 1 << run;
      for (let i = 0; i < ns.length; i++) {
        const n = ns[i]!;
        // Taken with its lowest pending run only: once, whichever runs it may hold.
        const bits = runsPending[n]!;
        if ((bits & bit) === 0 || (bits & (bit - 1)) !== 0) continue;
        if (deciding(n)) picked[count++] = n;
      }
    }
    this.resolve(picked.subarray(0, count));
  }

  mask(n: number, optimistic: boolean): number {
    let mask = this.masks[n]!;
    let bits = this.runsHeld[n]! | (optimistic ? this.runsPending[n]! : 0);
    for (let run = 0; bits !== 0; run++, bits >>>= 1) if ((bits & 1) !== 0) mask |= this.runMasks[run]!;
    return mask;
  }

  runBits(n: number): number {
    return this.count === 0 ? 0 : this.runsHeld[n]! | this.runsPending[n]!;
  }

  bound(bits: number): number {
    let sum = 0;
    for (let run = 0; bits !== 0; run++, bits >>>= 1) if ((bits & 1) !== 0) sum += this.bonuses[run]!;
    return sum;
  }

  score(n: number, base: number, optimistic: boolean): number {
    const bits = this.runsHeld[n]! | (optimistic ? this.runsPending[n]! : 0);
    if (bits === 0) return base;
    const { inRun, tuning } = this;
    let mask = this.masks[n]!;
    let score = base;
    for (const run of this.order) {
      if ((bits & (1 << run)) === 0) continue;
      for (const i of inRun[run]!) {
        // 券 alone is not a jieba word in 消费券, but the stretch 消费券 was found whole.
        const weight = this.weights[i]!;
        let add = tuning.runWeight * weight;
        if ((mask & (1 << i)) === 0) add += tuning.substringWeight * weight;
        mask |= 1 << i;
        score += add;
      }
    }
    return score;
  }
}
