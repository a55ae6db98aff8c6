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

/** Words whose holder counts are kept at most (a few hundred kB); then that part starts afresh. */
const COUNTED_WORDS = 10_000;

/** Article numbers kept at most for words found inside others (16 MB); then that part starts afresh. */
const INSIDE_ENTRIES = 4_000_000;

export function createWordMemo(): WordMemo & { follow(set: SegmentSet): void } {
  const counts = new Map<string, Known<number>>();
  const insides = new Map<string, Known<Uint32Array>>();
  let insideEntries = 0;
  let of: SegmentSet | null = null;
  return {
    /** Takes the index as it is now: kept answers stay if its article numbers did not move. */
    follow(set) {
      if (of !== null && of !== set && !grewFrom(of, set)) {
        counts.clear();
        insides.clear();
        insideEntries = 0;
      }
      of = set;
      if (counts.size >= COUNTED_WORDS) counts.clear();
      if (insideEntries >= INSIDE_ENTRIES) {
        insides.clear();
        insideEntries = 0;
      }
    },
    count: (text) => counts.get(text),
    setCount: (text, count, upTo) => counts.set(text, { value: count, upTo }),
    inside: (text) => insides.get(text),
    setInside(text, ns, upTo) {
      insideEntries += ns.length - (insides.get(text)?.value.length ?? 0);
      insides.set(text, { value: ns, upTo });
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
