import type { ListPart, Matched } from './match.js';
import { blockCursor, type BlockCursor } from './blockBounds.js';
import type { Scratch } from './scratch.js';
import { seek, type SegmentSet } from './segmentSet.js';
import { createTopList, TOP_SLACK, type Scored, type TopList } from './topList.js';
import type { SearchTuning } from './tuning.js';

/**
 * The second half of answering a query: the scores of the matching articles
 * that can be shown, best first. An article's score is its words' BM25+
 * (title boosted) or, for a word found inside another, a share of its idf,
 * plus its runs' bonus, times the square of its share of the query's weight.
 *
 * Pruning (block-max, document at a time; rankBest): the passing articles
 * are walked in ascending order with a bound for each, from the blocks of
 * 128 postings of its words' lists (blockBounds.ts); once the list of the
 * best is full, an article (or a whole stretch of them) whose bound cannot
 * reach its worst score is passed over, not scored. The best are the same as
 * scoring every match (`tuning.prune` false does that).
 */

/** Bounds compared with scores leave this margin: a sum taken in another order may differ in its last bits. */
const BOUND_MARGIN = 1 + 1e-9;

/** One word's list in one field, walked in ascending article order to find term frequencies. */
interface FieldWalk {
  readonly parts: readonly ListPart[];
  readonly ends: readonly number[];
  /** boost × idf of the word in this field. */
  readonly weight: number;
  readonly lengths: Uint32Array;
  readonly average: number;
  part: number;
  at: number;
}

/** What ranking needs from the engine. */
export interface RankContext {
  readonly set: SegmentSet;
  readonly scratch: Scratch;
  readonly tuning: SearchTuning;
  idf(df: number): number;
  days(): Int32Array;
}

/** The best `top` of the matched articles: best first (or newest first), and a few more in exact order. */
export function rankMatched(context: RankContext, matched: Matched, top: number, newest: boolean): { hits: Scored[]; leading: readonly Scored[] } {
  const scorer = createScorer(context, matched);
  const rank = (size: number) => (newest ? rankNewest(context, matched, scorer, size) : rankBest(context, matched, scorer, size));
  // Best first settles the runs of what reaches the list as it goes (rankBest): one pass. Newest first
  // ranks counting unresolved runs as held, then resolves those among the best, until they all are.
  // From the third round on, each looks at twice as many as the one before: when many of the best turn
  // out not to hold a common run, others come up a few at a time, and each round is a pass over the
  // matches. Resolving more than the best `top` changes nothing shown: they are those of settling every run.
  let size = top;
  for (let round = 1; ; round++) {
    const best = rank(size);
    const unresolved = best.entries().map((entry) => entry.n).filter((n) => matched.runs.isPending(n));
    if (unresolved.length === 0) {
      const shown = size === top ? best : rank(top);
      return { hits: shown.sorted(), leading: shown.entries() };
    }
    matched.runs.resolve(unresolved);
    if (round >= 2) size *= 2;
  }
}

/** Below this share of a word's list, the articles to score find their entries by galloping search instead of walking it. */
const WALK_SHARE = 1 / 32;

/**
 * Computes the scores (before runs) of chosen articles, once each per query:
 * few articles look up their entries in the words' lists, many walk the
 * lists once (term at a time). Either way an article's score adds its words'
 * parts in the same order (each word's title, body, then inside another
 * word; the words in match order), so its bits do not depend on the way.
 */
function createScorer(context: RankContext, matched: Matched): Scorer {
  const { set, tuning } = context;
  const walk = (parts: readonly ListPart[], field: 'title' | 'body', boost: number, text: string): FieldWalk => ({
    parts,
    ends: parts.map(({ base, list }) => base + (list.ids.length > 0 ? list.ids[list.ids.length - 1]! + 1 : 0)),
    weight: boost * context.idf(set.count(field, text)),
    lengths: set.lengths[field],
    average: set.averages[field],
    part: 0,
    at: 0,
  });
  const words = matched.words.map((word) => ({
    word,
    title: walk(word.title, 'title', tuning.titleBoost, word.text),
    body: walk(word.body, 'body', 1, word.text),
    /** A word found inside another adds this (times the title boost for a one-character word in the headline). */
    inside: tuning.substringWeight * word.weight,
  }));
  return new Scorer(words, context.scratch, tuning);
}

/** A query word as the scorer walks it: its lists in each field, and what it adds found inside another word. */
interface ScoredWord {
  readonly word: Matched['words'][number];
  readonly title: FieldWalk;
  readonly body: FieldWalk;
  readonly inside: number;
}

/**
 * A class, not an object of closures: a query makes a scorer, and methods on one
 * prototype keep their optimized code from query to query (closures made per
 * query were optimized again, again and again while other work ran).
 */
class Scorer {
  private readonly k: number;
  private readonly b: number;
  private readonly d: number;
  private readonly longest: number;

  constructor(
    readonly words: readonly ScoredWord[],
    private readonly scratch: Scratch,
    private readonly tuning: SearchTuning,
  ) {
    ({ k: this.k, b: this.b, d: this.d } = tuning.bm25);
    this.longest = Math.max(1, ...words.flatMap(({ title, body }) => [title, body].map((field) => field.parts.reduce((sum, part) => sum + part.list.ids.length, 0))));
  }

  /** The BM25+ part of a word in a field with frequency tf, for article n: weight first, as the index has always multiplied (boost × idf) × (…). */
  private bm25(field: FieldWalk, n: number, tf: number): number {
    const { k, b, d } = this;
    return field.weight * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * field.lengths[n]!) / field.average)));
  }

  /** A word's part inside another word, for article n holding it so. */
  private inside(word: ScoredWord, n: number): number {
    return word.inside * ((this.scratch.titleChar[n]! & word.word.bit) !== 0 ? this.tuning.titleBoost : 1);
  }

  /** The frequency of article n (which holds the word there) in the field's list, found from where the last one was. */
  private tfAt(field: FieldWalk, n: number): number {
    while (field.ends[field.part]! <= n) {
      field.part++;
      field.at = 0;
    }
    const { base, list } = field.parts[field.part]!;
    field.at = seek(list.ids, field.at, n - base);
    return list.tfs![field.at]!;
  }

  /** One article's score before runs, looking its entries up: articles asked in ascending order since `restart`. */
  lookUp(n: number): number {
    const { inTitle, inBody, bySubstring } = this.scratch;
    let score = 0;
    for (const word of this.words) {
      const bit = word.word.bit;
      if ((inTitle[n]! & bit) !== 0) score += this.bm25(word.title, n, this.tfAt(word.title, n));
      if ((inBody[n]! & bit) !== 0) score += this.bm25(word.body, n, this.tfAt(word.body, n));
      if ((bySubstring[n]! & bit) !== 0) score += this.inside(word, n);
    }
    return score;
  }

  /** Adds a word's part in one field to the stamped articles holding it there, walking its whole list. */
  private walkField(field: FieldWalk, holds: Uint32Array, bit: number, stamp: number): void {
    const { stamps, scores } = this.scratch;
    for (const { base, list } of field.parts) {
      const { ids, tfs } = list;
      for (let i = 0; i < ids.length; i++) {
        const n = base + ids[i]!;
        if (stamps[n] !== stamp || (holds[n]! & bit) === 0) continue;
        scores[n] = scores[n]! + this.bm25(field, n, tfs![i]!);
      }
    }
  }

  /** Starts the lists' walks over: lookUp is then asked articles in ascending order again. */
  restart(): void {
    for (const { title, body } of this.words) title.part = body.part = title.at = body.at = 0;
  }

  /**
   * Computes the scores of the ascending articles `ns` not computed yet: few
   * look their entries up, many walk the lists once (term at a time).
   */
  score(ns: ArrayLike<number>): void {
    const { scratch } = this;
    const { inTitle, inBody, bySubstring, scores, stamps } = scratch;
    if (ns.length < this.longest * WALK_SHARE) {
      this.restart();
      // eslint-disable-next-line @typescript-eslint/prefer-for-of -- an indexed loop: for…of's iterator costs most where the JIT has not optimized the code yet (a process's first queries)
      for (let i = 0; i < ns.length; i++) if (Number.isNaN(scores[ns[i]!]!)) scratch.setScore(ns[i]!, this.lookUp(ns[i]!));
      return;
    }
    const stamp = scratch.nextStamp();
    const fresh = new Uint32Array(ns.length);
    let count = 0;
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- an indexed loop: for…of's iterator costs most where the JIT has not optimized the code yet (a process's first queries)
    for (let i = 0; i < ns.length; i++) {
      const n = ns[i]!;
      if (!Number.isNaN(scores[n]!)) continue;
      stamps[n] = stamp;
      scratch.setScore(n, 0);
      fresh[count++] = n;
    }
    for (const word of this.words) {
      this.walkField(word.title, inTitle, word.word.bit, stamp);
      this.walkField(word.body, inBody, word.word.bit, stamp);
      const bit = word.word.bit;
      for (let i = 0; i < count; i++) {
        const n = fresh[i]!;
        if ((bySubstring[n]! & bit) !== 0) scores[n] = scores[n]! + this.inside(word, n);
      }
    }
  }
}


/** Articles whose runs are asked about together (rankBest): one walk of the bigrams' lists serves them all. */
const SETTLE_BATCH = 64;

/** Passing articles judged together by their blocks' bounds before any is looked at one by one. */
const STRETCH = 64;

/** What a stretch's bounds leave to look at among its complete or its partial articles. */
const enum Look {
  None,
  /** Only those with a word in their title. */
  Titled,
  All,
}

/**
 * Best first, document at a time, with block-max bounds. The passing
 * articles are taken in ascending order, a stretch of STRETCH at a time:
 * a stretch's bound is every word at its best block there, so once the
 * list of the best is full a whole stretch is passed over when that cannot
 * reach the score to beat (for its complete articles, and for its partial
 * ones, whose coverage factor is below one). An article left is bounded on
 * its own (the blocks holding it, in the fields it holds its words in,
 * times its coverage factor), and only if that reaches the score to beat is
 * it scored (its term frequencies looked up) and offered. One that got there
 * counting a run it may not hold has that run settled first (a batch at a
 * time), so the list only ever holds true scores and one pass is enough. The
 * best are the same as scoring every match (`tuning.prune` false does that).
 */
function rankBest(context: RankContext, matched: Matched, scorer: Scorer, top: number): TopList {
  const best = createTopList(top, context.tuning.tie);
  if (top <= 0) return best;
  const walk = new BestFirstWalk(context, matched, scorer, best);
  scorer.restart();
  const { passing, completeOnes } = matched;
  const stopped = walk.walk(passing, 0, false);
  if (stopped < passing.length) walk.walk(completeOnes, seek(completeOnes, 0, passing[stopped]!), true);
  walk.settle();
  return best;
}

/** A query word as rankBest bounds it: block cursors in each field, and what it adds found inside another word. */
interface BoundedWord {
  readonly bit: number;
  readonly title: BlockCursor;
  readonly body: BlockCursor;
  readonly inside: number;
  readonly insideInTitle: number;
}

/**
 * rankBest's walk, a class rather than closures made per query: methods on one
 * prototype keep their optimized code from query to query (closures made per
 * query were optimized again, again and again while other work ran).
 */
class BestFirstWalk {
  private readonly words: readonly BoundedWord[];
  private readonly runsBound: number;
  private readonly partialFactor: number;
  /**
   * Bounds are compared without a margin when they are sums of the scorer's
   * own terms or larger ones, added in the scorer's order (no runs, whose
   * bonus the scorer adds in another order; block maxima that are exact;
   * coverage factors from the plan itself): then no bound rounds below the
   * score it bounds, and an article whose bound only equals the worst kept
   * score is passed over too. Articles are offered in ascending order, so
   * one scoring exactly that loses the tie to every kept one (articles of a
   * synthetic archive sharing a headline score alike by the hundred thousand).
   */
  private readonly exact: boolean;
  private readonly completeFactor: number;
  /**
   * The most an article of the stretch being walked can score before its coverage factor
   * (every word at its best block there, every run), and the most one can holding no word in its
   * title: a common word's title blocks are sparse and high, so often only its articles with it in
   * the title can reach the list; and what those leave to look at among its complete and partial articles.
   */
  private readonly stretch = { any: 0, untitled: 0, complete: Look.All, partial: Look.All };
  /** Articles that reached the list counting runs they may not hold: settled and offered together. */
  private readonly unsettled: number[] = [];

  constructor(
    private readonly context: RankContext,
    private readonly matched: Matched,
    private readonly scorer: Scorer,
    private readonly best: TopList,
  ) {
    const { tuning } = context;
    const { runs, plan } = matched;
    const cursor = (field: FieldWalk) => blockCursor(field.parts, field.lengths, field.average, tuning.bm25, field.weight);
    this.words = scorer.words.map((word) => ({
      bit: word.word.bit,
      title: cursor(word.title),
      body: cursor(word.body),
      inside: word.inside,
      insideInTitle: word.inside * tuning.titleBoost,
    }));
    this.runsBound = runs.bound(runs.count >= 32 ? 0xffffffff : 2 ** runs.count - 1);
    this.partialFactor = highestPartialFactor(matched);
    this.exact = runs.count === 0 && matched.weights.length <= MAX_FACTOR_WORDS && this.words.every(({ title, body }) => title.exact && body.exact);
    this.completeFactor = this.exact ? plan.factor(2 ** matched.weights.length - 1) : 1;
  }

  /** Is an article (or a stretch) bounded by `bound` sure not to enter the list at `limit`? */
  private cannotEnter(bound: number, limit: number): boolean {
    return this.exact ? bound <= limit : bound * BOUND_MARGIN < limit;
  }

  /** Bounds the stretch from `first` to `last` (this.stretch.any, .untitled). */
  private boundStretch(first: number, last: number): void {
    let any = this.runsBound;
    let untitled = this.runsBound;
    // Each field's bound added as the scorer adds the field's part (not the word's parts summed first): see `exact`.
    for (const word of this.words) {
      const title = word.title.boundIn(first, last);
      const body = word.body.boundIn(first, last);
      any = Math.max(any + title + body, any + word.insideInTitle);
      untitled = Math.max(untitled + body, untitled + word.insideInTitle);
    }
    this.stretch.any = any;
    this.stretch.untitled = untitled;
  }

  private look(factor: number, limit: number): Look {
    const { stretch } = this;
    return this.cannotEnter(stretch.any * factor, limit) ? Look.None : this.cannotEnter(stretch.untitled * factor, limit) ? Look.Titled : Look.All;
  }

  /** Settles the runs of the articles held back, and offers those that still reach the list. */
  settle(): void {
    const { unsettled, best } = this;
    if (unsettled.length === 0) return;
    const { runs, plan } = this.matched;
    const { scores } = this.context.scratch;
    runs.resolve(unsettled);
    for (const n of unsettled) {
      const mask = runs.mask(n, false) >>> 0;
      const complete = this.matched.holdsAll(mask);
      const score = plan.factor(mask) * runs.score(n, scores[n]!, false);
      if (score >= (complete ? best.threshold.complete : best.threshold.partial)) best.offer(n, score, complete);
    }
    unsettled.length = 0;
  }

  /** Scores article n if its own bound can reach the list, and offers it (or holds it back to settle its runs). */
  private consider(n: number): void {
    const { matched, best, context } = this;
    const { runs, plan } = matched;
    const { masks, inTitle, inBody, bySubstring, titleChar, scores } = context.scratch;
    const runBits = runs.count === 0 ? 0 : runs.runBits(n) >>> 0;
    const mask = (runBits === 0 ? masks[n]! : runs.mask(n, true)) >>> 0;
    const complete = matched.holdsAll(mask);
    const limit = complete ? best.threshold.complete : best.threshold.partial;
    const factor = plan.factor(mask);
    if (context.tuning.prune && best.full) {
      const held = masks[n]!;
      let bound = runs.bound(runBits);
      for (const word of this.words) {
        const bit = word.bit;
        if ((mask & bit) === 0) continue;
        if ((held & bit) === 0) {
          // Held through a run only: counted as found inside the stretch (runs.ts).
          bound += word.inside;
          continue;
        }
        if ((inTitle[n]! & bit) !== 0) bound += word.title.boundAt(n);
        if ((inBody[n]! & bit) !== 0) bound += word.body.boundAt(n);
        if ((bySubstring[n]! & bit) !== 0) bound += (titleChar[n]! & bit) !== 0 ? word.insideInTitle : word.inside;
      }
      if (this.cannotEnter(factor * bound, limit)) return;
    }
    let before = scores[n]!;
    if (Number.isNaN(before)) {
      before = this.scorer.lookUp(n);
      context.scratch.setScore(n, before);
    }
    const score = runBits === 0 ? factor * before : factor * runs.score(n, before, true);
    // Equal to the worst kept score is not enough either: every kept article came before this one, so it
    // would lose the tie, and the worst kept only gets better. That holds for an article counted with a
    // run it may not hold too: its own score (settled) is below this one, or this one.
    if (score <= limit) return;
    if (runs.isPending(n)) {
      // It may not hold a run it was counted with: asked with others (positions read a batch at a time), then offered at its own score.
      this.unsettled.push(n);
      if (this.unsettled.length === SETTLE_BATCH) this.settle();
      return;
    }
    best.offer(n, score, complete);
  }

  /**
   * Once the worst kept article holds every word, no partial one can enter again (the worst only
   * gets better, and stays complete): the walk then goes on over the complete ones alone, a tenth
   * of the passing articles for 随后 能源产 at a million.
   */
  private onlyCompleteLeft(): boolean {
    return this.context.tuning.prune && this.best.full && this.best.threshold.partial === Infinity;
  }

  /**
   * Walks the ascending articles `ns` from `from`, a stretch of STRETCH at a time; returns where
   * it stopped. `completeOnly`: every article of `ns` is complete (completeOnes), and the walk
   * goes to the end; else the complete ones among them are told from completeOnes as it goes,
   * and it stops once only those can enter.
   */
  walk(ns: Uint32Array, from: number, completeOnly: boolean): number {
    const { best, stretch } = this;
    const { completeOnes } = this.matched;
    const { inTitle } = this.context.scratch;
    const prune = this.context.tuning.prune;
    // Complete articles of the stretch, and of the article looked at.
    let nextComplete = 0;
    let atComplete = 0;
    /** The articles before this index are judged by their stretch's bounds first. */
    let end = from;
    let i = from;
    for (; i < ns.length && (completeOnly || !this.onlyCompleteLeft()); i++) {
      if (prune && (i - from) % STRETCH === 0 && i + STRETCH <= ns.length && best.full) {
        const first = ns[i]!;
        const last = ns[i + STRETCH - 1]!;
        this.boundStretch(first, last);
        let holdsComplete = completeOnly;
        if (!completeOnly) {
          while (nextComplete < completeOnes.length && completeOnes[nextComplete]! < first) nextComplete++;
          holdsComplete = nextComplete < completeOnes.length && completeOnes[nextComplete]! <= last;
        }
        stretch.complete = holdsComplete ? this.look(this.completeFactor, best.threshold.complete) : Look.None;
        stretch.partial = completeOnly ? Look.None : this.look(this.partialFactor, best.threshold.partial);
        if (stretch.complete === Look.None && stretch.partial === Look.None) {
          i += STRETCH - 1;
          continue;
        }
        end = i + STRETCH;
      }
      const n = ns[i]!;
      if (i < end) {
        let kind = stretch.complete;
        if (!completeOnly) {
          // Listed as complete counting unsettled runs as held: judged by the lower limit, never wrongly passed over.
          while (atComplete < completeOnes.length && completeOnes[atComplete]! < n) atComplete++;
          if (completeOnes[atComplete] !== n) kind = stretch.partial;
        }
        if (kind === Look.None || (kind === Look.Titled && inTitle[n] === 0)) continue;
      }
      this.consider(n);
    }
    return i;
  }
}

/** Queries of at most this many words have each coverage factor tried (highestPartialFactor). */
const MAX_FACTOR_WORDS = 12;

/** The largest coverage factor of an article not holding every word (1 for a query too long to try each mask). */
function highestPartialFactor(matched: Matched): number {
  const words = matched.weights.length;
  if (words > MAX_FACTOR_WORDS) return 1;
  let highest = 0;
  for (let mask = 1; mask < 2 ** words - 1; mask++) {
    const factor = matched.plan.factor(mask);
    if (factor > highest) highest = factor;
  }
  return highest;
}

/**
 * Newest first: only the articles of the newest days can be shown (enough of
 * them to fill the list, the last day whole, since its articles compete by
 * score): those are scored, the rest are not.
 */
function rankNewest(context: RankContext, matched: Matched, scorer: Scorer, top: number): TopList {
  const days = context.days();
  const best = createTopList(top, context.tuning.tie, days);
  const { passing } = matched;
  const room = top + TOP_SLACK;
  let shown = passing;
  if (context.tuning.prune && passing.length > room) {
    const passingDays = new Int32Array(passing.length);
    for (let i = 0; i < passing.length; i++) passingDays[i] = days[passing[i]!]!;
    passingDays.sort();
    const cut = passingDays[passing.length - room]!;
    shown = passing.filter((n) => days[n]! >= cut);
  }
  scorer.score(shown);
  const { scores } = context.scratch;
  const { runs, plan } = matched;
  for (const n of shown) {
    const mask = runs.mask(n, true);
    best.offer(n, plan.factor(mask) * runs.score(n, scores[n]!, true), matched.holdsAll(mask));
  }
  return best;
}
