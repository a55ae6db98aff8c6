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

/** Scores articles one at a time, in ascending order between two `restart`s. */
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
  }));
  /** Word's BM25+ in a field for article n (which holds it there). */
  const bm25 = (field: FieldWalk, n: number): number => {
    while (field.ends[field.part]! <= n) {
      field.part++;
      field.at = 0;
    }
    const { base, list } = field.parts[field.part]!;
    field.at = seek(list.ids, field.at, n - base);
    const tf = list.tfs![field.at]!;
    const norm = k * (1 - b + (b * field.lengths[n]!) / field.average);
    // The weight first, as the index has always multiplied (boost × idf) × (…): the same bits.
    return field.weight * (d + (tf * (k + 1)) / (tf + norm));
  };
  const { inTitle, inBody, bySubstring, titleChar, scores } = scratch;
  return {
    words,
    restart() {
      for (const { title, body } of words) {
        title.part = body.part = 0;
        title.at = body.at = 0;
      }
    },
    /** Article n's score before runs (computed once per query). */
    base(n: number): number {
      const known = scores[n]!;
      if (!Number.isNaN(known)) return known;
      let score = 0;
      for (const { word, title, body } of words) {
        const bit = word.bit;
        if ((inTitle[n]! & bit) !== 0) score += bm25(title, n);
        if ((inBody[n]! & bit) !== 0) score += bm25(body, n);
        if ((bySubstring[n]! & bit) !== 0) score += tuning.substringWeight * word.weight * ((titleChar[n]! & bit) !== 0 ? tuning.titleBoost : 1);
      }
      scores[n] = score;
      return score;
    },
  };
}

type Scorer = ReturnType<typeof createScorer>;

/** Article n's final score (optimistic about pending runs). */
function finalScore(matched: Matched, scorer: Scorer, n: number): number {
  const { runs, plan } = matched;
  return plan.factor(runs.mask(n, true)) * runs.score(n, scorer.base(n), true);
}

/**
 * Best first. The matched articles are grouped by the words (and runs) they
 * hold, each group with its score bound; groups are scored best bound first
 * until no later one can reach the list.
 */
function rankBest(context: RankContext, matched: Matched, scorer: Scorer, top: number): TopList {
  const best = createTopList(top, context.tuning.tie);
  if (!context.tuning.prune) {
    scorer.restart();
    for (const n of matched.passing) best.offer(n, finalScore(matched, scorer, n));
    return best;
  }
  const { groups, order, starts } = groupByBound(context, matched, scorer.words);
  for (const group of groups) {
    const worst = best.worst();
    if (best.full && worst && group.bound * BOUND_MARGIN < worst.score) break;
    scorer.restart();
    for (let i = starts[group.id]!; i < starts[group.id + 1]!; i++) {
      const n = order[i]!;
      best.offer(n, finalScore(matched, scorer, n));
    }
  }
  return best;
}

/** Articles grouped by bound: the groups best bound first, and the articles of group g at order[starts[g]…starts[g + 1]) ascending. */
function groupByBound(context: RankContext, matched: Matched, words: Scorer['words']) {
  const { tuning } = context;
  const { k, b, d } = tuning.bm25;
  const fieldBound = (field: FieldWalk, bounds: { maxTf: number; minLength: number } | null) => {
    if (!bounds) return 0;
    const norm = k * (1 - b + (b * bounds.minLength) / field.average);
    return field.weight * (d + (bounds.maxTf * (k + 1)) / (bounds.maxTf + norm));
  };
  // The most each word adds to an article: in its title and body, or found inside another word.
  const wordBounds = new Map<number, number>();
  for (const { word, title, body } of words) {
    const lists = fieldBound(title, context.set.bounds('title', word.text)) + fieldBound(body, context.set.bounds('body', word.text));
    const inside = tuning.substringWeight * word.weight * (word.char ? tuning.titleBoost : 1);
    wordBounds.set(word.bit, Math.max(lists, inside));
  }
  const { passing, runs, plan } = matched;
  const keys = new Map<number, number>();
  const groups: { id: number; bound: number }[] = [];
  const groupOf = new Uint32Array(passing.length);
  const counts: number[] = [];
  // Neighbours mostly share a group: the last one is tried before the map.
  let lastKey = -1;
  let lastId = 0;
  for (let i = 0; i < passing.length; i++) {
    const n = passing[i]!;
    const mask = runs.mask(n, true) >>> 0;
    const bits = runs.runBits(n) >>> 0;
    const key = mask + bits * 0x100000000;
    let id = key === lastKey ? lastId : keys.get(key);
    if (id === undefined) {
      id = groups.length;
      keys.set(key, id);
      let sum = runs.bound(bits);
      for (const [bit, bound] of wordBounds) if ((mask & bit) !== 0) sum += bound;
      groups.push({ id, bound: plan.factor(mask) * sum });
      counts.push(0);
    }
    lastKey = key;
    lastId = id;
    groupOf[i] = id;
    counts[id]!++;
  }
  const starts = new Uint32Array(groups.length + 1);
  for (let g = 0; g < groups.length; g++) starts[g + 1] = starts[g]! + counts[g]!;
  const next = starts.slice(0, groups.length);
  const order = new Uint32Array(passing.length);
  for (let i = 0; i < passing.length; i++) order[next[groupOf[i]!]!++] = passing[i]!;
  groups.sort((x, y) => y.bound - x.bound);
  return { groups, order, starts };
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
  let cut = -Infinity;
  if (context.tuning.prune && passing.length > room) {
    const passingDays = new Int32Array(passing.length);
    for (let i = 0; i < passing.length; i++) passingDays[i] = days[passing[i]!]!;
    passingDays.sort();
    cut = passingDays[passing.length - room]!;
  }
  scorer.restart();
  for (const n of passing) if (days[n]! >= cut) best.offer(n, finalScore(matched, scorer, n));
  return best;
}
