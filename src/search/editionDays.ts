import { isoDate } from '../calendar.js';
import { dayNumber } from './documents.js';
import type { EditionDay } from './indexSource.js';
import { seek, type SegmentSet } from './segmentSet.js';

/**
 * Each indexed article's edition day (YYYYMMDD, 0 undated) by article
 * number, for date-limited and newest-first searches. Read from the store in
 * full when first asked and after the store said articles were dated (an
 * ingest dated older pages); a catch-up appends the days of the articles it
 * indexed (reading 100,000 days again per page cost the replies during an
 * ingest), and merges keep article numbers, so the days stay valid.
 */
export interface EditionDays {
  /** The days of every article of `set`. */
  of(set: SegmentSet): Int32Array;
  /** The articles just indexed, in order, had these edition dates. */
  append(dates: readonly (string | null)[]): void;
  /** Read them all from the store again when next asked. */
  invalidate(): void;
  /** The distinct edition days of `set` (YYYY-MM-DD): what places a day or month typed without its year. */
  known(set: SegmentSet): ReadonlySet<string>;
}

export function createEditionDays(read: () => Iterable<EditionDay>): EditionDays {
  let days: Int32Array = new Int32Array(0);
  let known = 0;
  let valid = false;
  /** The distinct days, kept until the days change. */
  let distinct: { readonly of: Int32Array; readonly count: number; readonly days: ReadonlySet<string> } | null = null;
  const of = (set: SegmentSet): Int32Array => {
    if (!valid || known !== set.docs) {
      days = daysOf(set, read());
      known = set.docs;
      valid = true;
    }
    return days;
  };
  return {
    of,
    known(set) {
      const current = of(set);
      if (distinct?.of !== current || distinct.count !== known) {
        const numbers = new Set(current.subarray(0, known));
        // YYYYMMDD back to YYYY-MM-DD; 0 (undated) is no day.
        const iso = Array.from(numbers, (n) => isoDate(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100));
        distinct = { of: current, count: known, days: new Set(iso.filter((day): day is string => day !== null)) };
      }
      return distinct.days;
    },
    append(dates) {
      if (!valid) return;
      if (known + dates.length > days.length) {
        const grown = new Int32Array(Math.max(1024, 2 * (known + dates.length)));
        grown.set(days.subarray(0, known));
        days = grown;
      }
      days.set(dates.map(dayNumber), known);
      known += dates.length;
    },
    invalidate() {
      valid = false;
    },
  };
}

/**
 * The days of `set`'s articles by number, from the stored days: an article
 * is found by its position among the index's, which ascend with the
 * numbers (segments are built and merged in store order). A stored article
 * not indexed yet is skipped; an indexed one in no day stays 0 (undated).
 */
function daysOf(set: SegmentSet, stored: Iterable<EditionDay>): Int32Array {
  const seqs = new Uint32Array(set.docs);
  let n = 0;
  for (const segment of set.segments) {
    seqs.set(segment.seqs, n);
    n += segment.seqs.length;
  }
  const days = new Int32Array(set.docs);
  for (const { day, seqs: ofDay } of stored) {
    for (const seq of ofDay) {
      const at = seek(seqs, 0, seq);
      if (seqs[at] === seq) days[at] = day;
    }
  }
  return days;
}
