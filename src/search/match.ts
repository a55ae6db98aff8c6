import { createPlan, type Plan } from './plan.js';
import type { ParsedQuery, QueryWord } from './query.js';
import { bigramOffsets } from './tokenize.js';
import { createRuns, type Runs } from './runs.js';
import { SLOTS, type Scratch } from './scratch.js';
import type { PostingList } from './segment.js';
import { MERGE_RATIO, seek, type SegmentSet } from './segmentSet.js';
import type { SearchTuning } from './tuning.js';
import type { WordMemo } from './wordMemo.js';

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
  /**
   * Those articles, ascending (an article may drop out of them once its runs
   * are settled). Often a view of the scratch's room, valid until the next
   * query is matched: what keeps it past the run copies it.
   */
  readonly completeOnes: Uint32Array;
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
  containing(candidates: ArrayLike<number>, text: string): Uint32Array;
  /** Is article n inside the query's edition span? Null: the query has no span (every article is). */
  readonly inSpan: ((n: number) => boolean) | null;
  /**
   * What is known of words from earlier queries (wordMemo.ts): how many
   * articles hold each word as matching counts them (a whole-only run takes
   * its words' counts from here instead of marking every holder: a readers'
   * variant shares most words with the query run before it), and the
   * articles holding each Han word of two or more characters only inside
   * other words (its bigram holders outside its title and body lists, those
   * holding the whole word): a query's variants and the next queries share
   * words, and finding them walks the word's bigram lists (and, for a longer
   * word, its positions) each time. Read through knownCount and knownInside,
   * which bring an answer up to articles added since.
   */
  readonly memo: WordMemo;
}

/** Notes word `bit` for the articles of `parts` in `field` (and in masks), those `filter` lets through; returns how many had not held it. */
function markList(scratch: Scratch, parts: readonly ListPart[], field: Uint32Array, bit: number, filter: CharFilter | null): number {
  if (filter) return markListFiltered(scratch, parts, field, bit, filter);
  const { masks, touched } = scratch;
  let added = 0;
  let touchedCount = scratch.touchedCount;
  for (const { base, list } of parts) {
    const ids = list.ids;
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- an indexed loop over the (long) typed array: less CPU than for…of's iterator here
    for (let i = 0; i < ids.length; i++) {
      const n = base + ids[i]!;
      const mask = masks[n]!;
      if ((mask & bit) === 0) {
        added++;
        if (mask === 0) touched[touchedCount++] = n;
        masks[n] = mask | bit;
      }
      field[n] = field[n]! | bit;
    }
  }
  scratch.touchedCount = touchedCount;
  return added;
}

/** markList for a one-character word: only the articles `filter` lets through (a loop of its own keeps the common case free of the test). */
function markListFiltered(scratch: Scratch, parts: readonly ListPart[], field: Uint32Array, bit: number, filter: CharFilter): number {
  const { masks } = scratch;
  let added = 0;
  for (const { base, list } of parts) {
    const ids = list.ids;
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- as in markList
    for (let i = 0; i < ids.length; i++) {
      const n = base + ids[i]!;
      if (!lets(scratch, filter, n)) continue;
      const mask = masks[n]!;
      if ((mask & bit) === 0) {
        added++;
        if (mask === 0) scratch.touch(n);
        masks[n] = mask | bit;
      }
      field[n] = field[n]! | bit;
    }
  }
  return added;
}

/**
 * Notes word `bit` for those of the run's articles (`within`) that `parts`
 * list in `field` (a whole-only or narrowed run). A list not much longer
 * than the articles is walked whole, each holder's stamp telling whether it
 * is one of them; a much longer one is searched for each article by
 * galloping (a few candidates against a common word's long lists).
 */
function markListAmong(scratch: Scratch, parts: readonly ListPart[], field: Uint32Array, bit: number, within: Within): void {
  const { masks, stamps } = scratch;
  const { ns, stamp } = within;
  const mark = (n: number) => {
    const mask = masks[n]!;
    if (mask === 0) scratch.touch(n);
    masks[n] = mask | bit;
    field[n] = field[n]! | bit;
  };
  for (const { base, list } of parts) {
    const ids = list.ids;
    if (ids.length < ns.length * MERGE_RATIO) {
      // eslint-disable-next-line @typescript-eslint/prefer-for-of -- as in markList
      for (let i = 0; i < ids.length; i++) if (stamps[base + ids[i]!] === stamp) mark(base + ids[i]!);
      continue;
    }
    let at = 0;
    for (let i = 0; i < ns.length && at < ids.length; i++) {
      const n = ns[i]!;
      if (n < base) continue;
      at = seek(ids, at, n - base);
      if (ids[at] === n - base) mark(n);
    }
  }
}

/** Those of the ascending `holders` that are among the run's articles (`within`): by their stamps, or galloping through a much longer list of holders. */
function among(scratch: Scratch, holders: Uint32Array, within: Within): Uint32Array {
  const { ns, stamp } = within;
  const out = new Uint32Array(Math.min(holders.length, ns.length));
  let kept = 0;
  if (holders.length < ns.length * MERGE_RATIO) {
    const { stamps } = scratch;
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- as in markList
    for (let i = 0; i < holders.length; i++) if (stamps[holders[i]!] === stamp) out[kept++] = holders[i]!;
    return out.subarray(0, kept);
  }
  let at = 0;
  for (let i = 0; i < ns.length && at < holders.length; i++) {
    at = seek(holders, at, ns[i]!);
    if (holders[at] === ns[i]) out[kept++] = ns[i]!;
  }
  return out.subarray(0, kept);
}

/** Notes word `bit` for articles that hold it only inside other words. */
function markSubstring(scratch: Scratch, ns: ArrayLike<number>, bit: number): void {
  const { masks, bySubstring } = scratch;
  scratch.wrote |= SLOTS.substring;
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- as in markList
  for (let i = 0; i < ns.length; i++) {
    const n = ns[i]!;
    if (masks[n] === 0) scratch.touch(n);
    masks[n] = masks[n]! | bit;
    bySubstring[n] = bySubstring[n]! | bit;
  }
}

/** A word of two or more characters, or a number or Latin word: its lists, and the articles holding it inside another word; `within`: only among those articles. */
function matchWord(context: MatchContext, word: QueryWord, bit: number, within: Within | null): { title: ListPart[]; body: ListPart[]; count: number } {
  const { set, scratch } = context;
  const title = set.lists('title', word.text);
  const body = set.lists('body', word.text);
  let count = 0;
  if (within) {
    markListAmong(scratch, title, scratch.inTitle, bit, within);
    markListAmong(scratch, body, scratch.inBody, bit, within);
  } else {
    count += markList(scratch, title, scratch.inTitle, bit, null);
    count += markList(scratch, body, scratch.inBody, bit, null);
  }
  if (word.kind === 'han' && word.text.length >= 2) {
    // The bigram field finds the word where jieba cut the article another way.
    let extra: Uint32Array;
    if (!within) extra = insideOnly(context, word, scratch.masks, bit, bit >>> 0);
    else {
      // A whole-only run marks the lists among its candidates only: the memo's answer among them, else found among them (not kept).
      const known = knownInside(context, word);
      extra = known ? among(scratch, known, within) : outsideLists(context, word, among(scratch, set.candidates('grams', word.text), within), scratch.masks, bit, bit >>> 0);
    }
    markSubstring(scratch, extra, bit);
    count += extra.length;
  }
  return { title, body, count };
}

/**
 * Those of the ascending bigram holders `holders` of a Han word (2+
 * characters) that its lists do not hold it in, `(marks[n] & mask) !== value`
 * (the word's bit in the masks, or a stamp), and that hold the whole word:
 * for three characters or more, told by the bigram positions.
 */
function outsideLists(context: MatchContext, word: QueryWord, holders: Uint32Array, marks: Uint32Array, mask: number, value: number): Uint32Array {
  // Filled in place: a common bigram pair has hundreds of thousands of holders at a million articles.
  const kept = context.scratch.spares[0];
  let count = 0;
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- as in markList
  for (let i = 0; i < holders.length; i++) if ((marks[holders[i]!]! & mask) >>> 0 !== value) kept[count++] = holders[i]!;
  const outside = kept.subarray(0, count);
  const whole = holdingWhole(context, word, outside);
  // A copy of its own, not a view of the scratch's room: the memo keeps it.
  return whole === outside ? outside.slice() : whole;
}

/** Those of the ascending bigram holders `holders` of a Han word (2+ characters) that hold the whole word: all of them for two characters, else told by the bigram positions. */
function holdingWhole(context: MatchContext, word: QueryWord, holders: Uint32Array): Uint32Array {
  return word.text.length === 2 || holders.length === 0 ? holders : context.containing(holders, word.text);
}

/**
 * The articles holding a Han word (2+ characters) only inside other words
 * (MatchContext.inside), every one of them: from the memo, else found with
 * `marks` telling every holder of its lists (as outsideLists) and kept.
 */
function insideOnly(context: MatchContext, word: QueryWord, marks: Uint32Array, mask: number, value: number): Uint32Array {
  const known = knownInside(context, word);
  if (known) return known;
  const found = outsideLists(context, word, context.set.candidates('grams', word.text), marks, mask, value);
  context.memo.setInside(word.text, found, context.set.docs);
  return found;
}

/** The word's holder count kept in the memo, brought up to the articles added since; undefined when none is kept. */
function knownCount(context: MatchContext, word: QueryWord): number | undefined {
  bringUpToDate(context, word);
  return context.memo.count(word.text)?.value;
}

/** The word's inside-only holders kept in the memo, brought up to the articles added since; undefined when none are kept. */
function knownInside(context: MatchContext, word: QueryWord): Uint32Array | undefined {
  bringUpToDate(context, word);
  return context.memo.inside(word.text)?.value;
}

/**
 * Brings what the memo keeps of the word (its count, its inside-only
 * holders) up to the articles added since each was kept: one look at the
 * articles after a mark serves both when they were kept at the same mark,
 * as a query that counts a word also marks it.
 */
function bringUpToDate(context: MatchContext, word: QueryWord): void {
  const { memo, set } = context;
  const count = memo.count(word.text);
  const inside = memo.inside(word.text);
  for (const from of new Set([count?.upTo, inside?.upTo])) {
    if (from === undefined || from === set.docs) continue;
    const added = holdersAfter(context, word, from);
    if (count?.upTo === from) memo.setCount(word.text, count.value + added.count, set.docs);
    if (inside?.upTo === from) {
      const ns = new Uint32Array(inside.value.length + added.inside.length);
      ns.set(inside.value);
      ns.set(added.inside, inside.value.length);
      memo.setInside(word.text, ns, set.docs);
    }
  }
}

/**
 * The articles numbered from `from` on (those added since the memo's answer)
 * holding the word as matchWord finds them: how many, and those holding it
 * only inside other words. With marks of its own: the scratch's belong to
 * the query asking. Only the segments holding those articles are read.
 */
function holdersAfter(context: MatchContext, word: QueryWord, from: number): { count: number; inside: Uint32Array } {
  const { set } = context;
  const listed = new Uint8Array(set.docs - from);
  let count = 0;
  for (const field of ['title', 'body'] as const) {
    for (const { base, list } of set.lists(field, word.text, from)) {
      const ids = list.ids;
      for (let i = from > base ? seek(ids, 0, from - base) : 0; i < ids.length; i++) {
        const at = base + ids[i]! - from;
        if (listed[at] === 1) continue;
        listed[at] = 1;
        count++;
      }
    }
  }
  if (word.kind !== 'han' || word.text.length < 2) return { count, inside: new Uint32Array(0) };
  const inside = holdingWhole(context, word, set.candidates('grams', word.text, from).filter((n) => listed[n - from] === 0));
  return { count: count + inside.length, inside };
}

/** The articles a whole-only run looks at: ascending, and those whose scratch stamp is `stamp`. */
interface Within {
  readonly ns: Uint32Array;
  readonly stamp: number;
}

/**
 * Where a one-character word is marked: every holder when an article holding
 * only such words can be listed (`alone`), else only articles holding another
 * word (a bit of `others`); in a whole-only run, only its candidates.
 * Plain values, not a closure: it is asked for every holder of a common
 * character, often before the JIT has optimized the caller.
 */
interface CharFilter {
  readonly alone: boolean;
  readonly others: number;
  readonly within: Within | null;
}

function lets(scratch: Scratch, filter: CharFilter, n: number): boolean {
  return (filter.alone || (scratch.masks[n]! & filter.others) !== 0) && (!filter.within || scratch.stamps[n] === filter.within.stamp);
}

/**
 * Stamps the articles holding `word` as matchWord finds them (its lists, and
 * inside other words) with `stamp`, marking nothing; returns how many it
 * stamped that did not have the stamp yet (with a new stamp: matchWord's count).
 */
function stampHolders(context: MatchContext, word: QueryWord, stamp: number, into: Uint32Array | null): number {
  const { set, scratch } = context;
  const { stamps } = scratch;
  let count = 0;
  for (const field of ['title', 'body'] as const) {
    for (const { base, list } of set.lists(field, word.text)) {
      const ids = list.ids;
      // eslint-disable-next-line @typescript-eslint/prefer-for-of -- as in markList
      for (let i = 0; i < ids.length; i++) {
        const n = base + ids[i]!;
        if (stamps[n] === stamp) continue;
        stamps[n] = stamp;
        if (into) setBit(into, n);
        count++;
      }
    }
  }
  if (word.kind === 'han' && word.text.length >= 2) {
    const extra = insideOnly(context, word, stamps, 0xffffffff, stamp);
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- as in markList
    for (let i = 0; i < extra.length; i++) {
      const n = extra[i]!;
      if (stamps[n] === stamp) continue;
      stamps[n] = stamp;
      if (into) setBit(into, n);
      count++;
    }
  }
  return count;
}

/** How many articles hold the word (not one-character: see isChar), as matchWord counts them: known without a walk, else counted. */
function countOf(context: MatchContext, word: QueryWord): number {
  return countKnown(context, word) ?? countHolders(context, word, null);
}

/**
 * How many articles hold the word as matchWord counts them, when that is
 * known without walking its lists: a Han word of two characters is held by
 * exactly the articles holding its bigram (an article whose lists hold the
 * word prints it, so it holds the bigram too: lists and inside-only holders
 * together are the bigram's holders), which the dictionaries count; another,
 * from the memo. Counting 服务's holders walked over a million postings at a million articles.
 */
function countKnown(context: MatchContext, word: QueryWord): number | undefined {
  if (countedByBigram(word)) return context.set.count('grams', word.text);
  return knownCount(context, word);
}

const countedByBigram = (word: QueryWord) => word.kind === 'han' && word.text.length === 2;

/** Keeps a word's count in the memo, unless the dictionaries tell it (countKnown): room for those they do not. */
function keepCount(context: MatchContext, word: QueryWord, count: number): void {
  if (!countedByBigram(word)) context.memo.setCount(word.text, count, context.set.docs);
}

/**
 * Counts the articles holding the word (stamping them with a stamp of their
 * own, which tells its inside-only holders from its lists' ones), adds them
 * to `into`, and keeps the count in the context's memo.
 */
function countHolders(context: MatchContext, word: QueryWord, into: Uint32Array | null): number {
  const count = stampHolders(context, word, context.scratch.nextStamp(), into);
  keepCount(context, word, count);
  return count;
}

/** How many articles hold the runs containing the word (their bigram holders): they hold the word through the run. */
function runHolders(word: QueryWord, runs: readonly string[], gramsOf: (text: string) => Uint32Array): number {
  return runs.reduce((sum, run) => (run.includes(word.text) ? sum + gramsOf(run).length : sum), 0);
}

/**
 * For a whole-only run: the word whose holders (and the holders of the runs
 * containing it) are fewest; every article holding every word is among
 * them. Null when the query has no word to narrow by (one-character words only).
 */
function fewestHeld(words: readonly QueryWord[], counts: readonly number[], runs: readonly string[], gramsOf: (text: string) => Uint32Array): number | null {
  let seed: number | null = null;
  let fewest = Infinity;
  words.forEach((word, i) => {
    if (isChar(word)) return;
    const size = counts[i]! + runHolders(word, runs, gramsOf);
    if (size < fewest) {
      fewest = size;
      seed = i;
    }
  });
  return seed;
}

/** Adds article n to a set of articles kept as a bit per article (Scratch.articleBits). */
function setBit(bits: Uint32Array, n: number): void {
  bits[n >>> 5] = bits[n >>> 5]! | (1 << (n & 31));
}

/** How many bits of a 32-bit number are set. */
function bitCount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** The articles below `docs` in the set `bits`, ascending; clears them (the bits are all 0 between uses). */
function takeBits(bits: Uint32Array, docs: number): Uint32Array {
  const words = Math.ceil(docs / 32);
  let count = 0;
  for (let w = 0; w < words; w++) count += bitCount(bits[w]!);
  const out = new Uint32Array(count);
  let kept = 0;
  for (let w = 0; w < words; w++) {
    let word = bits[w]!;
    if (word === 0) continue;
    bits[w] = 0;
    do {
      const lowest = word & -word;
      word ^= lowest;
      out[kept++] = (w << 5) + 31 - Math.clz32(lowest);
    } while (word !== 0);
  }
  return out;
}

/**
 * The articles holding any of the words `seeds` (not one-character),
 * ascending: an article holds a word on its own, or through a run
 * containing it (the run's bigram holders). Set as bits and read back in
 * order: gathered into a list, sorted and made unique, they cost a sixth of
 * the slowest queries at a million articles (hundreds of thousands of holders).
 */
function holdersOf(context: MatchContext, words: readonly QueryWord[], seeds: readonly number[], runs: readonly string[], gramsOf: (text: string) => Uint32Array): Uint32Array {
  const bits = context.scratch.articleBits;
  for (const seed of seeds) {
    // Counted as it is walked: the counting after finds it in the memo.
    countHolders(context, words[seed]!, bits);
    for (const text of runs.filter((run) => run.includes(words[seed]!.text))) {
      const holders = gramsOf(text);
      // eslint-disable-next-line @typescript-eslint/prefer-for-of -- as in markList
      for (let i = 0; i < holders.length; i++) setBit(bits, holders[i]!);
    }
  }
  return takeBits(bits, context.set.docs);
}

/** The ascending articles `ns` as the articles a run looks at (stamped). */
function withinOf(context: MatchContext, ns: Uint32Array): Within {
  const { stamps } = context.scratch;
  const stamp = context.scratch.nextStamp();
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- as in markList
  for (let i = 0; i < ns.length; i++) stamps[ns[i]!] = stamp;
  return { ns, stamp };
}

/** Text made of Han characters only: its bigrams and their offsets say where it occurs (an article holding it holds them all). */
export const HAN_ONLY = /^\p{Script=Han}{2,}$/u;

/** Narrowing is worth it when the articles it leaves are fewer than this share of the postings marking would walk. */
const NARROW_SHARE = 1 / 4;

/**
 * The articles a query's passing articles are all among, when that is sure
 * before any list is walked and leaves far fewer than marking every holder
 * would touch (rarest leads): those holding a quoted phrase's bigrams; or,
 * when in every piece a few rare words outweigh the others together by more
 * than coverage lets pass without them (盐湖 beside 力 and 推动), those
 * holding one of them (or a run containing it). Told from bounds of the words'
 * counts, read from the dictionaries: a word's holders are at least its
 * longest list and at most its lists and its rarest bigram's together.
 * Null: every holder is marked.
 */
function narrowed(context: MatchContext, words: readonly QueryWord[], bounds: readonly CountBounds[], query: ParsedQuery, gramsOf: (text: string) => Uint32Array): Uint32Array | null {
  if (!context.tuning.prune) return null;
  const postings = bounds.reduce((sum, { least }) => sum + least, 0);
  const phrases = query.phrases.filter((phrase) => HAN_ONLY.test(phrase)).map(gramsOf);
  if (phrases.length > 0) {
    const rarest = phrases.reduce((fewest, holders) => (holders.length < fewest.length ? holders : fewest));
    return rarest.length < postings * NARROW_SHARE ? rarest : null;
  }
  const seeds = requiredWords(context, words, bounds);
  if (!seeds) return null;
  const most = seeds.reduce((sum, i) => sum + bounds[i]!.most + runHolders(words[i]!, query.runs, gramsOf), 0);
  return most < postings * NARROW_SHARE ? holdersOf(context, words, seeds, query.runs, gramsOf) : null;
}

/** The fewest and the most articles that can hold a word, or the least and the most it can weigh. */
interface CountBounds {
  readonly least: number;
  readonly most: number;
}

/** The fewest and the most articles that can hold a word as matching counts them, from the dictionaries (or the memo). */
function countBounds(context: MatchContext, word: QueryWord): CountBounds {
  const { set } = context;
  if (isChar(word)) {
    const count = set.count('chars', word.text);
    return { least: count, most: count };
  }
  const known = countKnown(context, word);
  if (known !== undefined) return { least: known, most: known };
  const title = set.count('title', word.text);
  const body = set.count('body', word.text);
  const inside = word.kind === 'han' && word.text.length >= 2 ? Math.min(...[...bigramOffsets(word.text).keys()].map((gram) => set.count('grams', gram))) : 0;
  return { least: Math.max(title, body), most: title + body + inside };
}

/** The least and the most each word can weigh, from the bounds of its count. */
function weightRanges(context: MatchContext, bounds: readonly CountBounds[]): CountBounds[] {
  const { weight } = context;
  // Weights fall as counts grow, but a nearest match weighs a word found nowhere less than a rare one.
  return bounds.map(({ least, most }) => {
    const at = [weight(most), weight(Math.max(least, 1))];
    if (least === 0) at.push(weight(0));
    return { least: Math.min(...at), most: Math.max(...at) };
  });
}

/** Weights compared with this margin: the plan adds them in another order. */
const WEIGHT_MARGIN = 1e-9;

/**
 * In each piece, words an article must hold one of to pass by that piece:
 * the heaviest (by their least weights), taken until the piece's other
 * words together, at their most, weigh less than coverage lets pass
 * without them (one word, 盐湖 beside 力 and 推动; or two rare words beside
 * common ones). One-character words are not taken (any article with the
 * character holds one). Null when some piece has no such words.
 */
function requiredWords(context: MatchContext, words: readonly QueryWord[], bounds: readonly CountBounds[]): number[] | null {
  const { minCoverage } = context.tuning;
  const weights = weightRanges(context, bounds);
  const seeds: number[] = [];
  for (const piece of new Set(words.map((word) => word.piece))) {
    const members = [...words.keys()].filter((i) => words[i]!.piece === piece).sort((a, b) => weights[b]!.least - weights[a]!.least);
    let taken = 0;
    let rest = members.reduce((sum, i) => sum + weights[i]!.most, 0);
    let held = false;
    for (const i of members) {
      if (isChar(words[i]!)) continue;
      seeds.push(i);
      taken += weights[i]!.least;
      rest -= weights[i]!.most;
      if ((1 - minCoverage) * Math.max(0, rest) * (1 + WEIGHT_MARGIN) < minCoverage * taken) {
        held = true;
        break;
      }
    }
    if (!held) return null;
  }
  return seeds;
}

/**
 * A one-character word: any article with the character holds it (as a jieba
 * word of its own, or inside another), those `filter` lets through only.
 */
function matchChar(context: MatchContext, word: QueryWord, bit: number, filter: CharFilter): { title: ListPart[]; body: ListPart[] } {
  const { set, scratch } = context;
  const title = set.lists('title', word.text);
  const body = set.lists('body', word.text);
  markList(scratch, title, scratch.inTitle, bit, filter);
  markList(scratch, body, scratch.inBody, bit, filter);
  const holders = set.candidates('chars', word.text);
  const inTitle = set.candidates('titleChars', word.text);
  const { masks, titleChar, bySubstring, touched } = scratch;
  scratch.wrote |= SLOTS.substring | SLOTS.titleChar;
  let touchedCount = scratch.touchedCount;
  // Both lists ascend: one walk tells which holders have the character in the headline. Each holder
  // is marked as it is found (as markSubstring would), not gathered first: a common character is in
  // most of a million articles. Marking one leaves the others' tests as they were (its own bit only).
  let t = 0;
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- an indexed loop: for…of's iterator costs most where the JIT has not optimized the code yet (a process's first queries)
  for (let i = 0; i < holders.length; i++) {
    const n = holders[i]!;
    while (t < inTitle.length && inTitle[t]! < n) t++;
    const mask = masks[n]!;
    if ((mask & bit) !== 0 || !lets(scratch, filter, n)) continue;
    if (mask === 0) touched[touchedCount++] = n;
    masks[n] = mask | bit;
    bySubstring[n] = bySubstring[n]! | bit;
    if (inTitle[t] === n) titleChar[n] = titleChar[n]! | bit;
  }
  scratch.touchedCount = touchedCount;
  return { title, body };
}

/**
 * Is it sure before any list is walked that no article passes? So when a
 * word no article holds (no list of its own, no bigram holders, in no run
 * with holders) weighs its piece below its coverage even with every other
 * word at the most it can weigh: 范 cut out of 了解范中心城 by a question's
 * variant weighs more than 了解 and 中心 together, and their lists
 * (hundreds of thousands of articles at a million) were walked to list
 * nothing. Coverage only grows with the held words' weights, so what does
 * not pass at these weights does not pass at the true ones.
 */
function nothingCanPass(context: MatchContext, words: readonly QueryWord[], bounds: readonly CountBounds[], runs: readonly string[], gramsOf: (text: string) => Uint32Array): boolean {
  const absent = (i: number) => {
    if (bounds[i]!.least > 0) return false;
    const word = words[i]!;
    // Held only inside other words, perhaps: found by its bigrams (a count kept in the memo has told already).
    const inside = !isChar(word) && word.kind === 'han' && word.text.length >= 2 && context.memo.count(word.text) === undefined;
    if (inside && gramsOf(word.text).length > 0) return false;
    return runHolders(word, runs, gramsOf) === 0;
  };
  const held = words.map((_word, i) => !absent(i));
  if (held.every(Boolean)) return false;
  const weights = weightRanges(context, bounds).map(({ most }, i) => (held[i] ? most : context.weight(0)));
  const plan = createPlan(
    words,
    held.map((may) => (may ? 1 : 0)),
    weights,
    context.tuning.minCoverage,
  );
  const mask = held.reduce((bits, may, i) => (may ? bits | (1 << i) : bits), 0);
  return plan === null || Number.isNaN(plan.factor(mask));
}

/**
 * Finds the articles matching `query` (its first MAX_WORDS words); null when
 * a piece of it matches nothing. `wholeOnly`: only the articles that can hold
 * every word need be found (engine RunOptions.wholeOnly); the words' counts
 * are still every holder's (from the context's memo, or counted), so weights
 * and scores are those of a full match, and the articles holding every word
 * are found the same.
 */
export function matchQuery(context: MatchContext, query: ParsedQuery, wholeOnly = false): Matched | null {
  const { scratch, set, tuning } = context;
  const words = query.words.slice(0, MAX_WORDS);
  if (words.length === 0) return null;
  // A run's bigram holders, asked once per query (a whole-only run narrows by them, then applies the runs).
  const grams = new Map<string, Uint32Array>();
  const gramsOf = (text: string) => grams.get(text) ?? grams.set(text, set.candidates('grams', text)).get(text)!;
  const bounds = words.map((word) => countBounds(context, word));
  if (nothingCanPass(context, words, bounds, query.runs, gramsOf)) return null;
  const counts: number[] = [];
  const weights: number[] = [];
  const found = new Map<number, { title: ListPart[]; body: ListPart[] }>();
  // Only the articles the passing ones are all among are marked, when those are known to be few.
  const narrow = wholeOnly ? null : narrowed(context, words, bounds, query, gramsOf);
  const among = wholeOnly || narrow !== null;
  words.forEach((word, i) => {
    if (isChar(word)) {
      // 雪 is rarely a jieba word of its own (冰雪, 雪花): the character's list holds every article with it.
      counts[i] = set.count('chars', word.text);
    } else if (among) {
      counts[i] = countOf(context, word);
    } else {
      const matched = matchWord(context, word, 1 << i, null);
      found.set(i, matched);
      counts[i] = matched.count;
      keepCount(context, word, matched.count);
    }
    weights[i] = context.weight(counts[i]);
  });
  const plan = createPlan(words, counts, weights, tuning.minCoverage);
  if (!plan) return null;
  // Stamped after counting, which stamps each word's holders.
  const seed = wholeOnly ? fewestHeld(words, counts, query.runs, gramsOf) : null;
  const holders = seed === null ? narrow : holdersOf(context, words, [seed], query.runs, gramsOf);
  const within = holders && withinOf(context, holders);
  if (among) {
    words.forEach((word, i) => {
      if (!isChar(word)) found.set(i, matchWord(context, word, 1 << i, within));
    });
  }

  // One-character words come once the weights are known. A common character is in most of the
  // index, so when an article holding only such words cannot be listed, they are marked only where
  // another word already is: it cannot pass (主 beside 更加 in 更加主), or a quoted phrase holds a
  // longer word, which every article with the phrase then holds too (持续 in “领的持续赋”).
  const charMask = words.reduce((mask, word, i) => (isChar(word) ? mask | (1 << i) : mask), 0);
  const alone =
    plan.finalScore(charMask, 1) !== null &&
    !query.phrases.some((phrase) => words.some((word) => word.kind === 'han' && word.text.length >= 2 && phrase.includes(word.text)));
  const filter: CharFilter = { alone, others: ~charMask, within };
  words.forEach((word, i) => {
    if (isChar(word)) found.set(i, matchChar(context, word, 1 << i, filter));
  });

  const runs = createRuns(query.runs, words, weights, scratch, tuning, gramsOf, (ns, text) => set.containing(ns, text), query.phrases);
  // Whether an article passes at all must not depend on a run it may not hold: those are told now.
  runs.resolveWhere((n) => Number.isNaN(plan.factor(runs.mask(n, false))) && !Number.isNaN(plan.factor(runs.mask(n, true))));
  const ordered = [...words.keys()].filter((i) => !isChar(words[i]!)).concat([...words.keys()].filter((i) => isChar(words[i]!)));
  const allWords = (words.length >= 32 ? 0xffffffff : (1 << words.length) - 1) >>> 0;
  const holdsAll = (mask: number) => (mask & allWords) >>> 0 === allWords;
  const { passing, completeOnes } = passingArticles(context, query, plan, runs, allWords);
  return {
    words: ordered.map((i) => ({ text: words[i]!.text, bit: 1 << i, char: isChar(words[i]!), ...found.get(i)!, count: counts[i]!, weight: weights[i]! })),
    weights,
    plan,
    runs,
    passing,
    holdsAll,
    complete: completeOnes.length,
    completeOnes,
  };
}

/**
 * Those of `passing` holding every word of `allWords` (counting runs not
 * settled yet as held). A plain indexed loop, no call per article where the
 * article holds no run: it walks every passing article (tens of thousands
 * for a common word), often before the JIT has optimized it.
 */
function holdingAll(passing: Uint32Array, scratch: Scratch, runs: Runs, allWords: number): Uint32Array {
  const { masks, runsHeld, runsPending } = scratch;
  const out = new Uint32Array(passing.length);
  let complete = 0;
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- an indexed loop: for…of's iterator costs most where the JIT has not optimized the code yet (a process's first queries)
  for (let i = 0; i < passing.length; i++) {
    const n = passing[i]!;
    const mask = (runsHeld[n]! | runsPending[n]!) === 0 ? masks[n]! : runs.mask(n, true);
    if ((mask & allWords) >>> 0 === allWords) out[complete++] = n;
  }
  return out.subarray(0, complete);
}

/** A query of at most this many words walks the touched articles with a table of the masks that pass (2^10 entries at most). */
const TABLE_WORDS = 10;

/** Which of the masks below `size` pass the plan (1) or not (0; mask 0 never does). */
function passTable(plan: Plan, size: number): Uint8Array {
  const table = new Uint8Array(size);
  for (let mask = 1; mask < size; mask++) table[mask] = Number.isNaN(plan.factor(mask)) ? 0 : 1;
  return table;
}

/**
 * passingArticles' walk over every touched article when no span limits
 * them (a broad query touches a large share of a million): a bit per
 * article is set from the touched list, and the bits are walked in
 * ascending order, each cleared as it is passed (a bit left over by a walk
 * cut short is harmless: its article's mask is 0 again, which never
 * passes). Each article is written to the lists and kept or not by adding
 * its table entry to their counts, with no branch on passing (no order a
 * branch predictor can follow). Every mask holds only the query's words'
 * bits, so the table covers them all. Walking every article instead read
 * three 4 MB arrays at a million, for twice the time.
 */
function walkTouched(scratch: Scratch, runs: Runs, table: Uint8Array, allWords: number, passing: Uint32Array, whole: Uint32Array | null): { kept: number; complete: number } {
  const { masks, runsHeld, runsPending, touched, touchedCount, articleBits } = scratch;
  for (let i = 0; i < touchedCount; i++) {
    setBit(articleBits, touched[i]!);
  }
  const withRuns = runs.count > 0;
  let kept = 0;
  let complete = 0;
  for (let w = 0; w < articleBits.length; w++) {
    let bits = articleBits[w]!;
    if (bits === 0) continue;
    articleBits[w] = 0;
    do {
      const lowest = bits & -bits;
      bits ^= lowest;
      const n = (w << 5) + 31 - Math.clz32(lowest);
      const held = masks[n]!;
      const passes = table[!withRuns || runsHeld[n] === 0 ? held : runs.mask(n, false)]!;
      passing[kept] = n;
      kept += passes;
      if (whole) {
        const all = !withRuns || (runsHeld[n]! | runsPending[n]!) === 0 ? held : runs.mask(n, true);
        whole[complete] = n;
        complete += passes & ((all & allWords) === allWords ? 1 : 0);
      }
    } while (bits !== 0);
  }
  return { kept, complete };
}

/** passingArticles' walk over the ascending `articles` (or every one below that number) that pass and are in the span. */
function walkArticles(
  scratch: Scratch,
  runs: Runs,
  plan: Plan,
  allWords: number,
  articles: Uint32Array | number,
  inSpan: ((n: number) => boolean) | null,
  passing: Uint32Array,
  whole: Uint32Array | null,
): { kept: number; complete: number } {
  const { masks, runsHeld, runsPending } = scratch;
  const candidates = typeof articles === 'number' ? null : articles;
  const count = candidates ? candidates.length : (articles as number);
  let kept = 0;
  let complete = 0;
  // Neighbours mostly hold the same words: the last mask's answer is tried before the plan's memo.
  let lastMask = -1;
  let lastPasses = false;
  for (let i = 0; i < count; i++) {
    const n = candidates ? candidates[i]! : i;
    const held = masks[n]!;
    if (held === 0) continue;
    if (inSpan && !inSpan(n)) continue;
    const mask = runsHeld[n] === 0 ? held : runs.mask(n, false);
    if (mask !== lastMask) {
      lastMask = mask;
      lastPasses = !Number.isNaN(plan.factor(mask));
    }
    if (!lastPasses) continue;
    passing[kept++] = n;
    if (whole) {
      const all = (runsHeld[n]! | runsPending[n]!) === 0 ? held : runs.mask(n, true);
      if ((all & allWords) >>> 0 === allWords) whole[complete++] = n;
    }
  }
  return { kept, complete };
}

/**
 * The articles that pass the plan, inside the span, holding every quoted
 * phrase, ascending; and those of them holding every word of `allWords`
 * (holdingAll). One walk does both when the query has no phrase: over the
 * touched articles' bits when they are a large share of the index, else over
 * the touched ones sorted (a broad query touches most of a million articles,
 * and each extra pass over them costs milliseconds).
 */
function passingArticles(context: MatchContext, query: ParsedQuery, plan: Plan, runs: Runs, allWords: number): { passing: Uint32Array; completeOnes: Uint32Array } {
  const { scratch } = context;
  const { touchedCount } = scratch;
  const docs = context.set.docs;
  // Sorted where they are (clear() takes them in any order): a copy was 100 MB a bench pass at a million for the collector.
  const candidates = touchedCount < docs / 16 ? scratch.touched.subarray(0, touchedCount).sort() : null;
  // Filled in the scratch's room, then copied out at their size.
  const [passing, whole] = query.phrases.length === 0 ? scratch.spares : [scratch.spares[0], null];
  const { inSpan } = context;
  const { kept, complete } =
    !candidates && !inSpan && allWords < 2 ** TABLE_WORDS
      ? walkTouched(scratch, runs, passTable(plan, allWords + 1), allWords, passing, whole)
      : walkArticles(scratch, runs, plan, allWords, candidates ?? docs, inSpan, passing, whole);
  // The complete ones serve the run alone (Matched.completeOnes): not copied, they may be most of a million.
  if (whole) return { passing: passing.slice(0, kept), completeOnes: whole.subarray(0, complete) };
  // A view is enough: the first phrase's holders are a list of their own.
  let found = passing.subarray(0, kept);
  for (const phrase of query.phrases) found = context.containing(found, phrase);
  return { passing: found, completeOnes: holdingAll(found, scratch, runs, allWords) };
}
