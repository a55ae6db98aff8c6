import type { ListPart, Matched } from './match.js';
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
 * Pruning (MaxScore, by masks): every word has an upper bound, the most it
 * can add to any article (from the largest term frequency and the shortest
 * field among its articles, kept in the segments' dictionaries). Articles
 * holding the same words (and runs) share a bound: their words' bounds times
 * their coverage factor. Groups are scored in decreasing order of bound, and
 * once the list of the best is full and the next group's bound is below its
 * worst score, no later article can enter: they are not scored at all. The
 * best are the same as scoring every match (`tuning.prune` false does that).
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
  for (;;) {
    const best = newest ? rankNewest(context, matched, scorer, top) : rankBest(context, matched, scorer, top);
    // The best, counting unresolved runs as held; resolve those among them, until the best are all resolved.
    const unresolved = best.entries().map((entry) => entry.n).filter(matched.runs.isPending);
    if (unresolved.length === 0) return { hits: best.sorted(), leading: best.entries() };
    matched.runs.resolve(unresolved);
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
function createScorer(context: RankContext, matched: Matched) {
  const { set, scratch, tuning } = context;
  const { k, b, d } = tuning.bm25;
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
  const longest = Math.max(1, ...words.flatMap(({ title, body }) => [title, body].map((field) => field.parts.reduce((sum, part) => sum + part.list.ids.length, 0))));
  const { inTitle, inBody, bySubstring, titleChar, scores, stamps } = scratch;
  /** The BM25+ part of a word in a field with frequency tf, for article n: weight first, as the index has always multiplied (boost × idf) × (…). */
  const bm25 = (field: FieldWalk, n: number, tf: number) => field.weight * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * field.lengths[n]!) / field.average)));
  /** A word's part inside another word, for article n holding it so. */
  const inside = (word: (typeof words)[number], n: number) => word.inside * ((titleChar[n]! & word.word.bit) !== 0 ? tuning.titleBoost : 1);

  /** The frequency of article n (which holds the word there) in the field's list, found from where the last one was. */
  const tfAt = (field: FieldWalk, n: number): number => {
    while (field.ends[field.part]! <= n) {
      field.part++;
      field.at = 0;
    }
    const { base, list } = field.parts[field.part]!;
    field.at = seek(list.ids, field.at, n - base);
    return list.tfs![field.at]!;
  };
  /** One article's score, looking its entries up (articles asked in ascending order). */
  const lookUp = (n: number): number => {
    let score = 0;
    for (const word of words) {
      const bit = word.word.bit;
      if ((inTitle[n]! & bit) !== 0) score += bm25(word.title, n, tfAt(word.title, n));
      if ((inBody[n]! & bit) !== 0) score += bm25(word.body, n, tfAt(word.body, n));
      if ((bySubstring[n]! & bit) !== 0) score += inside(word, n);
    }
    return score;
  };
  /** Adds a word's part in one field to the stamped articles holding it there, walking its whole list. */
  const walkField = (field: FieldWalk, holds: Uint32Array, bit: number, stamp: number) => {
    for (const { base, list } of field.parts) {
      const { ids, tfs } = list;
      for (let i = 0; i < ids.length; i++) {
        const n = base + ids[i]!;
        if (stamps[n] !== stamp || (holds[n]! & bit) === 0) continue;
        scores[n] = scores[n]! + bm25(field, n, tfs![i]!);
      }
    }
  };
  return {
    words,
    /** Computes the scores of the articles in `runs` (each ascending) not computed yet. */
    score(runs: readonly ArrayLike<number>[]) {
      const total = runs.reduce((sum, ns) => sum + ns.length, 0);
      if (total < longest * WALK_SHARE) {
        for (const ns of runs) {
          for (const { title, body } of words) title.part = body.part = title.at = body.at = 0;
          // eslint-disable-next-line @typescript-eslint/prefer-for-of -- an indexed loop: for…of's iterator costs most where the JIT has not optimized the code yet (a process's first queries)
          for (let i = 0; i < ns.length; i++) if (Number.isNaN(scores[ns[i]!]!)) scores[ns[i]!] = lookUp(ns[i]!);
        }
        return;
      }
      const stamp = scratch.nextStamp();
      const fresh = new Uint32Array(total);
      let count = 0;
      // Indexed loops, not for…of: the first queries of a process run this before the JIT has optimized it.
      for (const ns of runs) {
        // eslint-disable-next-line @typescript-eslint/prefer-for-of -- an indexed loop: for…of's iterator costs most where the JIT has not optimized the code yet (a process's first queries)
        for (let i = 0; i < ns.length; i++) {
          const n = ns[i]!;
          if (!Number.isNaN(scores[n]!)) continue;
          stamps[n] = stamp;
          scores[n] = 0;
          fresh[count++] = n;
        }
      }
      for (const word of words) {
        walkField(word.title, inTitle, word.word.bit, stamp);
        walkField(word.body, inBody, word.word.bit, stamp);
        const bit = word.word.bit;
        for (let i = 0; i < count; i++) {
          const n = fresh[i]!;
          if ((bySubstring[n]! & bit) !== 0) scores[n] = scores[n]! + inside(word, n);
        }
      }
    },
  };
}

type Scorer = ReturnType<typeof createScorer>;

/** Articles that hold the same words and runs: one coverage factor, one score bound. */
interface Group {
  readonly mask: number;
  /** Its articles hold every word of the query (they rank first). */
  readonly complete: boolean;
  readonly runBits: number;
  readonly factor: number;
  readonly bound: number;
  /** Its articles are order[from…to), ascending. */
  from: number;
  to: number;
}

/** The score an article of `group` must reach to enter `best`. */
const threshold = (best: TopList, group: Group): number => (group.complete ? best.threshold.complete : best.threshold.partial);

/** Offers the articles of `group` (their scores computed) to `best`: most lose to its worst entry, told without a call. */
function offerGroup(context: RankContext, matched: Matched, group: Group, order: Uint32Array, best: TopList): void {
  const { scores } = context.scratch;
  const { runs } = matched;
  for (let i = group.from; i < group.to; i++) {
    const n = order[i]!;
    const score = group.runBits === 0 ? group.factor * scores[n]! : matched.plan.factor(runs.mask(n, true)) * runs.score(n, scores[n]!, true);
    if (score < threshold(best, group)) continue;
    best.offer(n, score, group.complete);
  }
}

/**
 * Best first. The matched articles are grouped by the words (and runs) they
 * hold, each group with its score bound. The best-bound groups that fill the
 * list are scored first; then every group whose bound reaches the list's
 * worst score; the others cannot enter it and are never scored.
 */
function rankBest(context: RankContext, matched: Matched, scorer: Scorer, top: number): TopList {
  const best = createTopList(top, context.tuning.tie);
  const { groups, order } = groupByBound(context, matched, scorer);
  const room = top + TOP_SLACK;
  const prune = context.tuning.prune;
  let next = 0;
  while (next < groups.length) {
    if (prune && groups[next]!.bound * BOUND_MARGIN < threshold(best, groups[next]!)) break;
    // The next groups to score together: enough to fill the list, or all that can still enter it.
    const first = next;
    let size = 0;
    while (next < groups.length && (!prune || (best.full ? groups[next]!.bound * BOUND_MARGIN >= threshold(best, groups[next]!) : size < room))) {
      size += groups[next]!.to - groups[next]!.from;
      next++;
    }
    scorer.score(groups.slice(first, next).map((group) => order.subarray(group.from, group.to)));
    for (let g = first; g < next; g++) offerGroup(context, matched, groups[g]!, order, best);
  }
  return best;
}

/** The passing articles grouped by the words and runs they hold, groups best bound first, each one's articles together in `order`. */
function groupByBound(context: RankContext, matched: Matched, scorer: Scorer): { groups: Group[]; order: Uint32Array } {
  const { scratch } = context;
  const { passing, runs, plan } = matched;
  const boundOf = createWordBounds(context, scorer);
  const keys = new Map<number, number>();
  // A group's key: its mask and run bits side by side; a small integer (a cheap Map key) when both fit in 30 bits.
  const shift = matched.weights.length;
  const runsAbove = shift + runs.count <= 30 ? 2 ** shift : 0x100000000;
  const found: Group[] = [];
  const groupOf = new Uint32Array(passing.length);
  // Neighbours mostly share a group: the last one is tried before the map.
  let lastKey = -1;
  let lastId = 0;
  for (let i = 0; i < passing.length; i++) {
    const n = passing[i]!;
    const runBits = runs.runBits(n) >>> 0;
    const mask = (runBits === 0 ? scratch.masks[n]! : runs.mask(n, true)) >>> 0;
    const key = mask + runBits * runsAbove;
    let id = key === lastKey ? lastId : keys.get(key);
    if (id === undefined) {
      id = found.length;
      keys.set(key, id);
      const factor = plan.factor(mask);
      found.push({ mask, complete: matched.holdsAll(mask), runBits, factor, bound: factor * (boundOf(mask) + runs.bound(runBits)), from: 0, to: 0 });
    }
    lastKey = key;
    lastId = id;
    groupOf[i] = id;
    found[id]!.to++;
  }
  // Articles holding every word rank first: their groups come first, whatever their bounds.
  const groups = [...found].sort((x, y) => Number(y.complete) - Number(x.complete) || y.bound - x.bound);
  let at = 0;
  for (const group of groups) {
    const size = group.to;
    group.from = group.to = at;
    at += size;
  }
  const order = new Uint32Array(passing.length);
  for (let i = 0; i < passing.length; i++) order[found[groupOf[i]!]!.to++] = passing[i]!;
  return { groups, order };
}

/** The most the words of a mask add to an article's score: each word's most in its title and body, or found inside another word. */
function createWordBounds(context: RankContext, scorer: Scorer): (mask: number) => number {
  const { tuning, set } = context;
  const { k, b, d } = tuning.bm25;
  const fieldBound = (weight: number, average: number, bounds: { maxTf: number; minLength: number } | null) => {
    if (!bounds) return 0;
    const norm = k * (1 - b + (b * bounds.minLength) / average);
    return weight * (d + (bounds.maxTf * (k + 1)) / (bounds.maxTf + norm));
  };
  const bounds = scorer.words.map(({ word, title, body, inside }) => {
    const lists = fieldBound(title.weight, title.average, set.bounds('title', word.text)) + fieldBound(body.weight, body.average, set.bounds('body', word.text));
    return { bit: word.bit, bound: Math.max(lists, inside * (word.char ? tuning.titleBoost : 1)) };
  });
  return (mask) => bounds.reduce((sum, { bit, bound }) => ((mask & bit) !== 0 ? sum + bound : sum), 0);
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
  scorer.score([shown]);
  const { scores } = context.scratch;
  const { runs, plan } = matched;
  for (const n of shown) {
    const mask = runs.mask(n, true);
    best.offer(n, plan.factor(mask) * runs.score(n, scores[n]!, true), matched.holdsAll(mask));
  }
  return best;
}
