/**
 * How close a page read from a PDF or an image is to the same page read from
 * its text: the measures of issue 22's targets.
 * - titles exact: reference articles whose title was read exactly;
 * - article boundaries: reference items matched one to one by an item read
 *   from the page whose body is at least 90% the same characters (its start
 *   and end where the reference has them);
 * - character accuracy: 1 − edit distance / reference length, summed over the
 *   reference items, each against its match (an unmatched item counts as all
 *   wrong);
 * - hotline numbers: every number of every hotline and safety report equal.
 */
import type { ParsedPage } from '../src/types.js';

/** Edit distance (insertions, deletions, substitutions) between two strings, by code point. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length === 0) return y.length;
  let previous = new Uint32Array(y.length + 1).map((_, j) => j);
  let current = new Uint32Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    current[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    [previous, current] = [current, previous];
  }
  return previous[y.length]!;
}

/**
 * Share of the reference's characters read right: 1 − distance / length (0 when worse than
 * nothing), both sides NFKC-folded: a full-width "，" and a half-width "," are the same
 * comma to a reader (the seed texts mix them; a photo shows no difference).
 */
export function characterAccuracy(reference: string, read: string): number {
  const a = reference.normalize('NFKC');
  const b = read.normalize('NFKC');
  if (a.length === 0) return b.length === 0 ? 1 : 0;
  return Math.max(0, 1 - editDistance(a, b) / [...a].length);
}

/** Body similarity an item read needs to count as the reference item's boundaries found (default 0.9). */
const BOUNDARY_SIMILARITY = 0.9;

/** The measures for one page. */
export interface PageFidelity {
  readonly items: number;
  readonly titlesExact: number;
  readonly boundariesRight: number;
  /** Characters read right and reference characters, over all items (the accuracy is their ratio). */
  readonly charsRight: number;
  readonly chars: number;
  readonly reportsExact: number;
  readonly reports: number;
  /** Each reference item with the title and accuracy it was read with (for the notes). */
  readonly details: readonly { readonly title: string; readonly readTitle: string | null; readonly accuracy: number }[];
}

/** Bigram sets, to pair items fast before the exact edit distance. */
function bigrams(text: string): Set<string> {
  const chars = [...text.replace(/\s/gu, '')];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return shared / Math.max(1, Math.max(a.size, b.size));
}

/** Compares a page read from a PDF or an image with the same page read from text. */
export function measurePage(reference: ParsedPage, read: ParsedPage): PageFidelity {
  const readGrams = read.items.map((item) => bigrams(item.body));
  const taken = new Set<number>();
  let titlesExact = 0;
  let boundariesRight = 0;
  let charsRight = 0;
  let chars = 0;
  const details: { title: string; readTitle: string | null; accuracy: number }[] = [];
  // longest first: a short item must not take the match of a long one it is part of
  const order = reference.items.map((_, i) => i).sort((a, b) => reference.items[b]!.body.length - reference.items[a]!.body.length);
  for (const r of order) {
    const item = reference.items[r]!;
    const grams = bigrams(item.body);
    let best = -1;
    let bestOverlap = 0;
    readGrams.forEach((g, k) => {
      const o = overlap(grams, g);
      if (!taken.has(k) && o > bestOverlap) {
        best = k;
        bestOverlap = o;
      }
    });
    const length = [...item.body].length;
    chars += length;
    if (best < 0 || bestOverlap < 0.3) {
      details.push({ title: item.title, readTitle: null, accuracy: 0 });
      continue;
    }
    taken.add(best);
    const match = read.items[best]!;
    const accuracy = characterAccuracy(item.body, match.body);
    charsRight += accuracy * length;
    if (match.title === item.title) titlesExact++;
    if (accuracy >= BOUNDARY_SIMILARITY) boundariesRight++;
    details.push({ title: item.title, readTitle: match.title, accuracy });
  }
  const numbers = (page: ParsedPage): string[] => [
    ...page.hotline.map(({ date, calls, messages, channels, direct, transferred, callbacks, hot }) =>
      JSON.stringify({ date, calls, messages, channels, direct, transferred, callbacks, hot }),
    ),
    ...page.safety.map(({ date, total, sources, topics }) => JSON.stringify({ date, total, sources, topics })),
  ];
  const readNumbers = new Set(numbers(read));
  const referenceNumbers = numbers(reference);
  return {
    items: reference.items.length,
    titlesExact,
    boundariesRight,
    charsRight,
    chars,
    reportsExact: referenceNumbers.filter((n) => readNumbers.has(n)).length,
    reports: referenceNumbers.length,
    details,
  };
}
