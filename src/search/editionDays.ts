import { dayNumber } from './documents.js';
import type { SegmentSet } from './segmentSet.js';

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
}

export function createEditionDays(read: () => ReadonlyMap<number, string | null>): EditionDays {
  let days = new Int32Array(0);
  let known = 0;
  let valid = false;
  return {
    of(set) {
      if (!valid || known !== set.docs) {
        const dates = read();
        days = new Int32Array(set.docs);
        let n = 0;
        for (const segment of set.segments) for (const seq of segment.seqs) days[n++] = dayNumber(dates.get(seq) ?? null);
        known = set.docs;
        valid = true;
      }
      return days;
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
