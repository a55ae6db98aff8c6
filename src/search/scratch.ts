/**
 * The slots a query writes only for some queries (a word found inside
 * others, a one-character word, typed runs): `wrote` says which it wrote,
 * and clear() leaves the others, still clear. Scores are cleared by the
 * list of articles scored (pruning scores few). Clearing every slot after a
 * broad query was a memset of 36 MB at a million articles.
 */
export const SLOTS = { substring: 1, titleChar: 2, runs: 4 } as const;

/**
 * What one query notes per article, a slot per article number, kept between
 * queries and cleared after each for the articles it touched: bits of the
 * query's words (bit i for word i) by where the article holds them, bits of
 * its typed runs (bit r for run r), and its score once computed.
 */
export interface Scratch {
  /** Words the article holds, however found (before any run is applied). */
  masks: Uint32Array;
  /** Words in its title's jieba words; in its body's. */
  inTitle: Uint32Array;
  inBody: Uint32Array;
  /** Words found only inside other words (the bigram field, or a one-character word's character list). */
  bySubstring: Uint32Array;
  /** One-character words whose character is in its headline. */
  titleChar: Uint32Array;
  /** Runs it holds, applied; runs it may hold, not asked about yet. */
  runsHeld: Uint32Array;
  runsPending: Uint32Array;
  /** Its score before runs, once computed (NaN until then): set through setScore. */
  scores: Float64Array;
  /** Sets article n's score, noted for clear(): each article is scored once a query (its slot NaN until then). */
  setScore(n: number, score: number): void;
  /** Which of the SLOTS the query wrote (masks, inTitle and inBody: always cleared). */
  wrote: number;
  /** Which pass of the scorer computes its score (rank.ts): never cleared, each pass of any query takes a new number (nextStamp). */
  stamps: Uint32Array;
  nextStamp(): number;
  /** Articles with any slot set, to clear: the first `touchedCount`. */
  touched: Uint32Array;
  touchedCount: number;
  /** Notes article n as touched (its mask was 0). */
  touch(n: number): void;
  /**
   * A bit per article (n at bit n % 32 of word n / 32), all 0 between uses:
   * a set of articles read back in ascending order, each bit cleared as it is
   * read (match.ts: the touched articles, the holders a run narrows to).
   */
  articleBits: Uint32Array;
  /**
   * Room for lists of articles a query makes on its way (kept, of those
   * walked): filled, then copied out before anything else takes it. Large
   * arrays made for each query grow the memory outside V8's heap, and that
   * growth is what starts its full garbage collections (20 ms at a million).
   */
  spares: [Uint32Array, Uint32Array];
}

export function createScratch(): Scratch & { fit(docs: number): void; clear(): void } {
  const scratch = {
    masks: new Uint32Array(0),
    inTitle: new Uint32Array(0),
    inBody: new Uint32Array(0),
    bySubstring: new Uint32Array(0),
    titleChar: new Uint32Array(0),
    runsHeld: new Uint32Array(0),
    runsPending: new Uint32Array(0),
    scores: new Float64Array(0),
    /** Articles whose score is set, to clear: the first `scoredCount`. */
    scored: new Uint32Array(0),
    scoredCount: 0,
    setScore(n: number, score: number) {
      scratch.scored[scratch.scoredCount++] = n;
      scratch.scores[n] = score;
    },
    wrote: 0,
    stamps: new Uint32Array(0),
    stamp: 0,
    nextStamp() {
      scratch.stamp = (scratch.stamp + 1) >>> 0;
      // Wrapped around (after 4 billion passes): old stamps could match again.
      if (scratch.stamp === 0) {
        scratch.stamps.fill(0);
        scratch.stamp = 1;
      }
      return scratch.stamp;
    },
    // A typed array with a count, not an array pushed to: a common word touches most of the archive.
    touched: new Uint32Array(0),
    touchedCount: 0,
    touch(n: number) {
      scratch.touched[scratch.touchedCount++] = n;
    },
    articleBits: new Uint32Array(0),
    spares: [new Uint32Array(0), new Uint32Array(0)] as [Uint32Array, Uint32Array],
    /** Slots of the largest index fitted so far: no article number reaches past them (the rest of the arrays is room to grow). */
    used: 0,
    /** Grows the slots to at least `docs` articles (twice that, so that an archive growing page by page does not grow them each time). */
    fit(docs: number) {
      scratch.used = Math.max(scratch.used, docs);
      if (scratch.masks.length >= docs) return;
      const size = docs * 2;
      scratch.masks = new Uint32Array(size);
      scratch.inTitle = new Uint32Array(size);
      scratch.inBody = new Uint32Array(size);
      scratch.bySubstring = new Uint32Array(size);
      scratch.titleChar = new Uint32Array(size);
      scratch.runsHeld = new Uint32Array(size);
      scratch.runsPending = new Uint32Array(size);
      scratch.scores = new Float64Array(size).fill(NaN);
      scratch.stamps = new Uint32Array(size);
      scratch.scored = new Uint32Array(size);
      scratch.scoredCount = 0;
      scratch.touched = new Uint32Array(size);
      scratch.touchedCount = 0;
      scratch.articleBits = new Uint32Array(Math.ceil(size / 32));
      scratch.spares = [new Uint32Array(size), new Uint32Array(size)];
    },
    clear() {
      const { touched, touchedCount, used, wrote } = scratch;
      const zeroed = [scratch.masks, scratch.inTitle, scratch.inBody];
      if (wrote & SLOTS.substring) zeroed.push(scratch.bySubstring);
      if (wrote & SLOTS.titleChar) zeroed.push(scratch.titleChar);
      if (wrote & SLOTS.runs) zeroed.push(scratch.runsHeld, scratch.runsPending);
      // A query touching a large share of the archive clears whole arrays (a memset) rather than slot by slot.
      if (touchedCount > used / 8) for (const array of zeroed) array.fill(0, 0, used);
      else for (const array of zeroed) for (let i = 0; i < touchedCount; i++) array[touched[i]!] = 0;
      const { scores, scored, scoredCount } = scratch;
      if (scoredCount > used / 8) scores.fill(NaN, 0, used);
      else for (let i = 0; i < scoredCount; i++) scores[scored[i]!] = NaN;
      scratch.touchedCount = 0;
      scratch.scoredCount = 0;
      scratch.wrote = 0;
    },
  };
  return scratch;
}
