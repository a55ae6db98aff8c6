import { createPlan, type Plan } from './plan.js';
import type { ParsedQuery, QueryWord } from './query.js';
import { createRuns, type Runs } from './runs.js';
import type { Scratch } from './scratch.js';
import type { PostingList } from './segment.js';
import type { SegmentSet } from './segmentSet.js';
import type { SearchTuning } from './tuning.js';

/**
 * The first half of answering a query: which articles match it, found from
 * the posting lists' article numbers alone (no score is computed here). Each
 * article holding a query word gets the word's bit, noted by where it holds
 * it (title, body, inside another word); then the query's plan says which
 * pass, the edition span and quoted phrases filter them, and their number is
 * the result's total. Scores come after, for the few that can be shown (rank.ts).
 */

/** A one-character Han word (雪, 岗): found in any article holding the character. */
export const isChar = (word: QueryWord): boolean => word.kind === 'han' && word.text.length === 1 && word.whole;

/** Words of a query looked at (a bit each in a 32-bit mask); a longer query keeps its first 32. */
export const MAX_WORDS = 32;

/** A posting list's part in one segment: numbers are local, `base` makes them the index's. */
export interface ListPart {
  readonly base: number;
  readonly list: PostingList;
}

/** One query word as scored: its lists and statistics. */
export interface MatchedWord {
  readonly text: string;
  readonly bit: number;
  readonly char: boolean;
  readonly title: readonly ListPart[];
  readonly body: readonly ListPart[];
  /** Articles holding it, however found (the idf of `weight`). */
  readonly count: number;
  readonly weight: number;
}

/** What matched a query. */
export interface Matched {
  /** The words in the order their scores add up: longer words first, then one-character words, each in query order. */
  readonly words: readonly MatchedWord[];
  /** The query's words' weights, in query order. */
  readonly weights: readonly number[];
  readonly plan: Plan;
  readonly runs: Runs;
  /** Articles that pass, in the span, holding the phrases: ascending. */
  readonly passing: Uint32Array;
  /** Does a mask hold every word of the query? */
  holdsAll(mask: number): boolean;
  /** How many passing articles hold every word (counting runs not settled yet as held): 0 means the list is only the nearest match. */
  readonly complete: number;
}

/** What a query's matching needs from the engine. */
export interface MatchContext {
  readonly set: SegmentSet;
  readonly scratch: Scratch;
  readonly tuning: SearchTuning;
  idf(df: number): number;
  /** A word's weight from how many articles hold it (its idf; for a word found nowhere in a nearest search, half the rarest's). */
  weight(count: number): number;
  /** Those of the ascending `candidates` holding `text`. */
  containing(candidates: ArrayLike<number>, text: string): number[];
  /** Is article n inside the query's edition span? */
  inSpan: (n: number) => boolean;
}

/** Notes word `bit` for the articles of `parts` in `field` (and in masks); returns how many had not held it. */
function markList(scratch: Scratch, parts: readonly ListPart[], field: Uint32Array, bit: number, wanted: ((n: number) => boolean) | null): number {
  const { masks, touched } = scratch;
  let added = 0;
  for (const { base, list } of parts) {
    const ids = list.ids;
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- an indexed loop over the (long) typed array: less CPU than for…of's iterator here
    for (let i = 0; i < ids.length; i++) {
      const n = base + ids[i]!;
      if (wanted && !wanted(n)) continue;
      const mask = masks[n]!;
      if ((mask & bit) === 0) {
        added++;
        if (mask === 0) touched.push(n);
        masks[n] = mask | bit;
      }
      field[n] = field[n]! | bit;
    }
  }
  return added;
}

/** Notes word `bit` for articles that hold it only inside other words. */
function markSubstring(scratch: Scratch, ns: Iterable<number>, bit: number): void {
  const { masks, bySubstring, touched } = scratch;
  for (const n of ns) {
    if (masks[n] === 0) touched.push(n);
    masks[n] = masks[n]! | bit;
    bySubstring[n] = bySubstring[n]! | bit;
  }
}

/** A word of two or more characters, or a number or Latin word: its lists, and the articles holding it inside another word. */
function matchWord(context: MatchContext, word: QueryWord, bit: number): { title: ListPart[]; body: ListPart[]; count: number } {
  const { set, scratch } = context;
  const title = set.lists('title', word.text);
  const body = set.lists('body', word.text);
  let count = markList(scratch, title, scratch.inTitle, bit, null);
  count += markList(scratch, body, scratch.inBody, bit, null);
  if (word.kind === 'han' && word.text.length >= 2) {
    // The bigram field finds the word where jieba cut the article another way.
    const kept: number[] = [];
    const { masks } = scratch;
    const holders = set.candidates('grams', word.text);
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- as in markList
    for (let i = 0; i < holders.length; i++) if ((masks[holders[i]!]! & bit) === 0) kept.push(holders[i]!);
    const extra = word.text.length === 2 || kept.length === 0 ? kept : context.containing(kept, word.text);
    markSubstring(scratch, extra, bit);
    count += extra.length;
  }
  return { title, body, count };
}

/**
 * A one-character word: any article with the character holds it (as a jieba
 * word of its own, or inside another), those `wanted` only.
 */
function matchChar(context: MatchContext, word: QueryWord, bit: number, wanted: (n: number) => boolean): { title: ListPart[]; body: ListPart[] } {
  const { set, scratch } = context;
  const title = set.lists('title', word.text);
  const body = set.lists('body', word.text);
  markList(scratch, title, scratch.inTitle, bit, wanted);
  markList(scratch, body, scratch.inBody, bit, wanted);
  const holders = set.candidates('chars', word.text);
  const inTitle = set.candidates('titleChars', word.text);
  const { masks, titleChar } = scratch;
  const inside: number[] = [];
  // Both lists ascend: one walk tells which holders have the character in the headline.
  let t = 0;
  for (const n of holders) {
    while (t < inTitle.length && inTitle[t]! < n) t++;
    if ((masks[n]! & bit) !== 0 || !wanted(n)) continue;
    inside.push(n);
    if (inTitle[t] === n) titleChar[n] = titleChar[n]! | bit;
  }
  markSubstring(scratch, inside, bit);
  return { title, body };
}

/** Finds the articles matching `query` (its first MAX_WORDS words); null when a piece of it matches nothing. */
export function matchQuery(context: MatchContext, query: ParsedQuery): Matched | null {
  const { scratch, set, tuning } = context;
  const words = query.words.slice(0, MAX_WORDS);
  if (words.length === 0) return null;
  const counts: number[] = [];
  const weights: number[] = [];
  const found = new Map<number, { title: ListPart[]; body: ListPart[] }>();
  words.forEach((word, i) => {
    if (isChar(word)) {
      // 雪 is rarely a jieba word of its own (冰雪, 雪花): the character's list holds every article with it.
      counts[i] = set.count('chars', word.text);
      weights[i] = context.weight(counts[i]);
      return;
    }
    const matched = matchWord(context, word, 1 << i);
    found.set(i, matched);
    counts[i] = matched.count;
    weights[i] = context.weight(counts[i]);
  });
  const plan = createPlan(words, counts, weights, tuning.minCoverage);
  if (!plan) return null;

  // One-character words come once the weights are known. A common character is in most of the
  // index, so when an article holding only such words cannot be listed, they are marked only where
  // another word already is: it cannot pass (主 beside 更加 in 更加主), or a quoted phrase holds a
  // longer word, which every article with the phrase then holds too (持续 in “领的持续赋”).
  const charMask = words.reduce((mask, word, i) => (isChar(word) ? mask | (1 << i) : mask), 0);
  const alone =
    plan.finalScore(charMask, 1) !== null &&
    !query.phrases.some((phrase) => words.some((word) => word.kind === 'han' && word.text.length >= 2 && phrase.includes(word.text)));
  const wanted = (n: number) => alone || (scratch.masks[n]! & ~charMask) !== 0;
  words.forEach((word, i) => {
    if (isChar(word)) found.set(i, matchChar(context, word, 1 << i, wanted));
  });

  const runs = createRuns(query.runs, words, weights, scratch, tuning, (text) => set.candidates('grams', text), (ns, text) => set.containing(ns, text));
  // Whether an article passes at all must not depend on a run it may not hold: those are told now.
  runs.resolve(runs.pending().filter((n) => Number.isNaN(plan.factor(runs.mask(n, false))) && !Number.isNaN(plan.factor(runs.mask(n, true)))));
  const ordered = [...words.keys()].filter((i) => !isChar(words[i]!)).concat([...words.keys()].filter((i) => isChar(words[i]!)));
  const allWords = (words.length >= 32 ? 0xffffffff : (1 << words.length) - 1) >>> 0;
  const holdsAll = (mask: number) => (mask & allWords) >>> 0 === allWords;
  const passing = passingArticles(context, query, plan, runs);
  let complete = 0;
  for (const n of passing) if (holdsAll(runs.mask(n, true))) complete++;
  return {
    words: ordered.map((i) => ({ text: words[i]!.text, bit: 1 << i, char: isChar(words[i]!), ...found.get(i)!, count: counts[i]!, weight: weights[i]! })),
    weights,
    plan,
    runs,
    passing,
    holdsAll,
    complete,
  };
}

/** The articles of `touched`, ascending: a scan of the masks when they are a large share of the index, else a sort. */
function ascending(touched: readonly number[], masks: Uint32Array, docs: number): Uint32Array {
  if (touched.length < docs / 16) return Uint32Array.from(touched).sort();
  const out = new Uint32Array(touched.length);
  let at = 0;
  for (let n = 0; n < docs; n++) if (masks[n] !== 0) out[at++] = n;
  return out;
}

/** The articles that pass the plan, inside the span, holding every quoted phrase: ascending. */
function passingArticles(context: MatchContext, query: ParsedQuery, plan: Plan, runs: Runs): Uint32Array {
  const { touched, masks, runsHeld } = context.scratch;
  const candidates = ascending(touched, masks, context.set.docs);
  let kept = 0;
  // Neighbours mostly hold the same words: the last mask's answer is tried before the plan's memo.
  let lastMask = -1;
  let lastPasses = false;
  for (const n of candidates) {
    if (!context.inSpan(n)) continue;
    const mask = runsHeld[n] === 0 ? masks[n]! : runs.mask(n, false);
    if (mask !== lastMask) {
      lastMask = mask;
      lastPasses = !Number.isNaN(plan.factor(mask));
    }
    if (lastPasses) candidates[kept++] = n;
  }
  let passing = candidates.subarray(0, kept);
  for (const phrase of query.phrases) passing = Uint32Array.from(context.containing(passing, phrase));
  return passing;
}
