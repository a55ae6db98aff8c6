import type { FieldName, GramPositions, Segment } from './segment.js';
import { bigramOffsets } from './tokenize.js';

/** BM25+ parameters (the same defaults as MiniSearch and Lucene's b). */
export interface Bm25Params {
  /** Term-frequency saturation. Default 1.2. */
  readonly k: number;
  /** Length normalization: 0 none, 1 full. Default 0.7. */
  readonly b: number;
  /** BM25+ lower bound for any occurrence. Default 0.5. */
  readonly d: number;
}

export const BM25_DEFAULTS: Bm25Params = { k: 1.2, b: 0.7, d: 0.5 };

/**
 * The segments of an index seen as one: article numbers run across them
 * (segment after segment, in store order), and BM25 statistics (document
 * frequency, average length) are those of the whole index. Scoring is a
 * loop over typed arrays into the caller's accumulator; the design against
 * MiniSearch (a Map entry per term and article) is measured by `npm run bench`
 * (figures in the README), not kept here where they would go stale.
 */
export interface SegmentSet {
  readonly segments: readonly Segment[];
  /** Articles in all segments. */
  readonly docs: number;
  /** The store position of the last article (0 when empty). */
  readonly lastSeq: number;
  /** The article id of article number `n`. */
  id(n: number): string;
  /** Articles holding `term` in `field`. */
  count(field: FieldName, term: string): number;
  /** Calls `visit(n, score)` for each article holding `word` in `field` (title or body), with its BM25+ score times `boost`. */
  score(field: 'title' | 'body', word: string, boost: number, visit: (n: number, score: number) => void): void;
  /**
   * Articles (ascending) holding every bigram of the Han text `word` (2+
   * characters) in `grams`; for a one-character word in `chars` or
   * `titleChars`, exactly the articles holding that character.
   */
  candidates(field: 'grams' | 'chars' | 'titleChars', word: string): Uint32Array;
  /** The folded text of article `n` (title, TITLE_END, body). */
  folded(n: number): string;
  /**
   * Those of the articles `candidates` (ascending) whose folded text holds
   * `text`: told by the bigram positions when `text` is Han, else by reading
   * the texts.
   */
  containing(candidates: ArrayLike<number>, text: string): number[];
}

/** Text made of Han characters only: its bigrams and their offsets say where it occurs. */
const HAN_ONLY = /^\p{Script=Han}{2,}$/u;

const EMPTY = new Uint32Array(0);

export function createSegmentSet(segments: readonly Segment[], params: Bm25Params = BM25_DEFAULTS): SegmentSet {
  const bases: number[] = [];
  let docs = 0;
  for (const segment of segments) {
    bases.push(docs);
    docs += segment.docs;
  }
  const lengths = {
    title: new Uint32Array(docs),
    body: new Uint32Array(docs),
  };
  const totals = { title: 0, body: 0 };
  segments.forEach((segment, i) => {
    lengths.title.set(segment.titleLengths, bases[i]);
    lengths.body.set(segment.bodyLengths, bases[i]);
  });
  for (let n = 0; n < docs; n++) {
    totals.title += lengths.title[n]!;
    totals.body += lengths.body[n]!;
  }

  /** The segment holding article `n` (binary search over the bases). */
  const locate = (n: number): number => {
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (bases[mid]! <= n) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  const count = (field: FieldName, term: string) => segments.reduce((sum, segment) => sum + segment.count(field, term), 0);

  const candidatesIn = (segment: Segment, field: 'grams' | 'chars' | 'titleChars', word: string): Uint32Array => {
    if (word.length === 1 || field !== 'grams') return segment.list(field, word)?.ids ?? EMPTY;
    const distinct = [...bigramOffsets(word).keys()];
    // Without reading a list when one is missing, then the rarest bigrams first.
    if (distinct.some((gram) => segment.count('grams', gram) === 0)) return EMPTY;
    const grams = distinct.sort((a, b) => segment.count('grams', a) - segment.count('grams', b));
    let result: Uint32Array = EMPTY;
    for (const [i, gram] of grams.entries()) {
      const list = segment.list('grams', gram)!.ids;
      result = i === 0 ? list : intersect(result, list);
      if (result.length === 0) break;
    }
    return result;
  };

  return {
    segments,
    docs,
    lastSeq: segments.length > 0 ? segments[segments.length - 1]!.lastSeq : 0,
    id(n) {
      const s = locate(n);
      return segments[s]!.ids[n - bases[s]!]!;
    },
    count,
    score(field, word, boost, visit) {
      if (docs === 0) return;
      const df = count(field, word);
      if (df === 0) return;
      const { k, b, d } = params;
      const idf = Math.log(1 + (docs - df + 0.5) / (df + 0.5));
      const average = totals[field] / docs || 1;
      const fieldLengths = lengths[field];
      segments.forEach((segment, s) => {
        const list = segment.list(field, word);
        if (!list) return;
        const base = bases[s]!;
        const { ids, tfs } = list;
        for (let i = 0; i < ids.length; i++) {
          const n = base + ids[i]!;
          const tf = tfs![i]!;
          const norm = k * (1 - b + (b * fieldLengths[n]!) / average);
          visit(n, boost * idf * (d + (tf * (k + 1)) / (tf + norm)));
        }
      });
    },
    candidates(field, word) {
      if (segments.length === 1) return candidatesIn(segments[0]!, field, word);
      const parts = segments.map((segment) => candidatesIn(segment, field, word));
      const out = new Uint32Array(parts.reduce((sum, part) => sum + part.length, 0));
      let at = 0;
      parts.forEach((part, s) => {
        const base = bases[s]!;
        for (let i = 0; i < part.length; i++) out[at + i] = part[i]! + base;
        at += part.length;
      });
      return out;
    },
    folded(n) {
      const s = locate(n);
      return segments[s]!.folded(n - bases[s]!);
    },
    containing(candidates, text) {
      const han = HAN_ONLY.test(text);
      const needle = han ? null : Buffer.from(text, 'utf8');
      const found: number[] = [];
      for (let i = 0; i < candidates.length; ) {
        const s = locate(candidates[i]!);
        const base = bases[s]!;
        const end = base + segments[s]!.docs;
        const local: number[] = [];
        while (i < candidates.length && candidates[i]! < end) local.push(candidates[i++]! - base);
        const held = needle ? segments[s]!.holding(local, needle) : hanContaining(segments[s]!, local, text);
        for (const doc of held) found.push(doc + base);
      }
      return found;
    },
  };
}

/** One bigram of a Han text: its posting list and positions, and the offsets in the text where it stands. */
interface GramPart {
  readonly gram: string;
  readonly ids: Uint32Array;
  /** Read once an article holds every bigram (most texts asked about hold none of the rarer ones). */
  positions: GramPositions | null;
  readonly offsets: readonly number[];
  /** This article's entry in `ids` (set per article). */
  entry: number;
}

/**
 * The local articles `docs` (ascending) of `segment` holding the Han text
 * `text` (2+ characters): those where every bigram of the text stands at its
 * offset from one start. The rarest bigram's positions give the starts to try.
 */
function hanContaining(segment: Segment, docs: readonly number[], text: string): number[] {
  const offsetsOf = bigramOffsets(text);
  // A two-character text is one bigram: being in its list is the answer, no positions needed.
  const needPositions = [...text].length > 2;
  const parts: GramPart[] = [];
  for (const [gram, offsets] of offsetsOf) {
    const list = segment.list('grams', gram);
    if (!list) return [];
    parts.push({ gram, ids: list.ids, positions: null, offsets, entry: 0 });
  }
  parts.sort((a, b) => a.ids.length - b.ids.length);
  const found: number[] = [];
  const cursors = new Uint32Array(parts.length);
  for (const doc of docs) {
    let inAll = true;
    for (let p = 0; p < parts.length && inAll; p++) {
      const part = parts[p]!;
      const k = seek(part.ids, cursors[p]!, doc);
      cursors[p] = k;
      part.entry = k;
      inAll = part.ids[k] === doc;
    }
    if (!inAll) continue;
    if (!needPositions) {
      found.push(doc);
      continue;
    }
    for (const part of parts) part.positions ??= segment.positions(part.gram);
    if (startsAt(parts)) found.push(doc);
  }
  return found;
}

/** Does some start put every part's bigram at each of its offsets (in the article whose entries the parts hold)? */
function startsAt(parts: readonly GramPart[]): boolean {
  const anchor = parts[0]!;
  const { ends, at } = anchor.positions!;
  const from = anchor.entry === 0 ? 0 : ends[anchor.entry - 1]!;
  const to = ends[anchor.entry]!;
  for (let q = from; q < to; q++) {
    for (const offset of anchor.offsets) {
      const start = at[q]! - offset;
      if (start < 0) continue;
      if (parts.every((part) => part.offsets.every((o) => hasPosition(part, start + o)))) return true;
    }
  }
  return false;
}

/** Does the part's bigram start at `position` in its current article? */
function hasPosition(part: GramPart, position: number): boolean {
  const { ends, at } = part.positions!;
  let lo = part.entry === 0 ? 0 : ends[part.entry - 1]!;
  let hi = ends[part.entry]!;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at[mid]! < position) lo = mid + 1;
    else hi = mid;
  }
  return lo < ends[part.entry]! && at[lo] === position;
}

/** The first index at or after `from` where the ascending `list` is at least `value` (galloping, then binary search). */
function seek(list: Uint32Array, from: number, value: number): number {
  if (from >= list.length || list[from]! >= value) return from;
  let step = 1;
  let lo = from;
  while (lo + step < list.length && list[lo + step]! < value) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(lo + step, list.length);
  lo++;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Intersection of two ascending lists; walks the longer one by galloping when sizes differ a lot. */
function intersect(small: Uint32Array, large: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.min(small.length, large.length));
  let n = 0;
  let j = 0;
  for (let i = 0; i < small.length && j < large.length; i++) {
    const value = small[i]!;
    let step = 1;
    while (j + step < large.length && large[j + step]! < value) step *= 2;
    let lo = j;
    let hi = Math.min(j + step, large.length - 1);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (large[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    j = lo;
    if (large[j] === value) out[n++] = value;
  }
  return out.subarray(0, n);
}
