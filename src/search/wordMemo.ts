import type { SegmentSet } from './segmentSet.js';

/**
 * What matching learns about words and keeps between queries (match.ts
 * MatchContext.memo): how many articles hold each word, and which hold it
 * only inside other words. Each answer is for the articles numbered below
 * its `upTo`. An index that only grew (a page ingested appends its articles
 * after the others, and a merge keeps their order) keeps the answers: only
 * the articles after `upTo` are looked at to bring one up to date. An index
 * whose numbers moved starts afresh (`follow`).
 */
export interface WordMemo {
  count(text: string): Known<number> | undefined;
  setCount(text: string, count: number, upTo: number): void;
  inside(text: string): Known<Uint32Array> | undefined;
  setInside(text: string, ns: Uint32Array, upTo: number): void;
}

/** An answer about a word, for the articles numbered below `upTo`. */
export interface Known<T> {
  readonly value: T;
  readonly upTo: number;
}

/** Words whose holder counts are kept at most (a few hundred kB): past it, the longest unasked goes. */
const COUNTED_WORDS = 10_000;

/**
 * Article numbers kept at most for words found inside others: this many per
 * article of the index (a word's inside-only holders grow with it: a common
 * word has 300,000 at a million articles), and never fewer than the floor
 * (16 MB). Past it, the words asked longest ago go, one by one: clearing
 * them all at once, the bench's 300 queries at a million found again every
 * word of the 170 before, twice a pass.
 */
const INSIDE_ENTRIES_PER_ARTICLE = 8;
const INSIDE_ENTRIES_FLOOR = 4_000_000;

/** How much the memo keeps (tests make it small). */
export interface MemoLimits {
  readonly countedWords: number;
  /** Inside-only article numbers kept at most for an index of `docs` articles. */
  insideEntries(docs: number): number;
}

const DEFAULT_LIMITS: MemoLimits = {
  countedWords: COUNTED_WORDS,
  insideEntries: (docs) => Math.max(INSIDE_ENTRIES_FLOOR, INSIDE_ENTRIES_PER_ARTICLE * docs),
};

/** A Map's entry asked for moves to its end, so the first entries are those asked longest ago. */
function touched<T>(map: Map<string, T>, text: string): T | undefined {
  const value = map.get(text);
  if (value !== undefined) {
    map.delete(text);
    map.set(text, value);
  }
  return value;
}

export function createWordMemo(limits: MemoLimits = DEFAULT_LIMITS): WordMemo & { follow(set: SegmentSet): void } {
  const counts = new Map<string, Known<number>>();
  const insides = new Map<string, Known<Uint32Array>>();
  let insideEntries = 0;
  let of: SegmentSet | null = null;
  // Each lets the words asked longest ago go until what it keeps fits.
  const fitCounts = () => {
    for (const text of counts.keys()) {
      if (counts.size <= limits.countedWords) break;
      counts.delete(text);
    }
  };
  /** The newest stays, however large. */
  const fitInsides = () => {
    const most = limits.insideEntries(of?.docs ?? 0);
    for (const [text, known] of insides) {
      if (insideEntries <= most || insides.size === 1) break;
      insides.delete(text);
      insideEntries -= known.value.length;
    }
  };
  return {
    /** Takes the index as it is now: kept answers stay if its article numbers did not move. */
    follow(set) {
      if (of !== null && of !== set && !grewFrom(of, set)) {
        counts.clear();
        insides.clear();
        insideEntries = 0;
      }
      of = set;
    },
    count: (text) => touched(counts, text),
    setCount(text, count, upTo) {
      counts.delete(text);
      counts.set(text, { value: count, upTo });
      fitCounts();
    },
    inside: (text) => touched(insides, text),
    setInside(text, ns, upTo) {
      insideEntries += ns.length - (insides.get(text)?.value.length ?? 0);
      insides.delete(text);
      insides.set(text, { value: ns, upTo });
      fitInsides();
    },
  };
}

/**
 * Does `next` number the articles of `before` as it did? Store positions
 * ascend through the index, so when the first article and the last one of
 * `before` stand at the same numbers in `next`, every one between does too
 * (an article dropped or put in between would move the last).
 */
export function grewFrom(before: SegmentSet, next: SegmentSet): boolean {
  if (before.docs === 0) return true;
  if (next.docs < before.docs) return false;
  return next.seq(0) === before.seq(0) && next.seq(before.docs - 1) === before.seq(before.docs - 1);
}
