/**
 * Content overlap between short and long Chinese texts, by character
 * bigrams: used to match a headline printed away from its body and to find
 * where one article ends and the next begins when nothing marks it.
 */

/** Code points: a bigram's key is first × this + second. */
const CODE_SPACE = 0x110000;

/**
 * Bigrams of consecutive Han characters (punctuation, digits and spaces
 * break a run), each as one number (first × 0x110000 + second): a set of
 * numbers costs a fraction of a set of two-character strings on long pages.
 */
export function hanBigrams(text: string): Set<number> {
  const out = new Set<number>();
  for (const [run] of text.matchAll(/\p{Script=Han}+/gu)) {
    let previous = -1;
    for (let i = 0; i < run.length; i++) {
      const code = run.codePointAt(i)!;
      if (code > 0xffff) i++;
      if (previous >= 0) out.add(previous * CODE_SPACE + code);
      previous = code;
    }
  }
  return out;
}

/** Share of the headline's bigrams (`hanBigrams` of it) that occur in the body's, 0..1 (0 for a headline with none). */
export function bigramOverlap(head: ReadonlySet<number>, body: ReadonlySet<number>): number {
  if (head.size === 0) return 0;
  let hits = 0;
  for (const g of head) if (body.has(g)) hits++;
  return hits / head.size;
}

function dice(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const g of a) if (b.has(g)) common++;
  return (2 * common) / (a.size + b.size);
}

/** Paragraphs on each side of a candidate break compared for cohesion (default 2). */
const WINDOW = 2;

/**
 * The index where a run of paragraphs most likely changes subject: the
 * break whose paragraphs before and after share the fewest bigrams
 * (TextTiling, simplified). Only breaks before a paragraph allowed by
 * `canStart` count; returns 0 when there is no candidate.
 */
export function cohesionSplit(paragraphs: readonly string[], canStart: readonly boolean[]): number {
  let best = 0;
  let bestScore = Infinity;
  for (let k = 1; k < paragraphs.length; k++) {
    if (!canStart[k]) continue;
    const before = hanBigrams(paragraphs.slice(Math.max(0, k - WINDOW), k).join(''));
    const after = hanBigrams(paragraphs.slice(k, k + WINDOW).join(''));
    const score = dice(before, after);
    if (score < bestScore) {
      bestScore = score;
      best = k;
    }
  }
  return best;
}
