import { averageLength, type FieldName, type PositionCursor, type PostingList, type Segment } from './segment.js';
import { bigramOffsets } from './tokenize.js';

/**
 * The segments of an index seen as one: article numbers run across them
 * (segment after segment, in store order), and statistics (document
 * frequency, average field length) are those of the whole index. The
 * engine walks the lists itself (rank.ts, match.ts): plain loops over typed
 * arrays. The design against MiniSearch (a Map entry per term and article)
 * is measured by `npm run bench` (figures in the README).
 */
export interface SegmentSet {
  readonly segments: readonly Segment[];
  /** Articles in all segments. */
  readonly docs: number;
  /** The store position of the last article (0 when empty). */
  readonly lastSeq: number;
  /** Words per article in the title and body fields (what BM25 normalizes by), and their averages. */
  readonly lengths: { readonly title: Uint32Array; readonly body: Uint32Array };
  readonly averages: { readonly title: number; readonly body: number };
  /** The article id of article number `n`. */
  id(n: number): string;
  /** The store position of article number `n`. */
  seq(n: number): number;
  /** The number of the article at store position `seq`; undefined when the index does not hold it. */
  numberOf(seq: number): number | undefined;
  /** Articles holding `term` in `field`. */
  count(field: FieldName, term: string): number;
  /** `term`'s posting list in each segment holding it, with the segment's first article number; `from`: only segments holding articles numbered from it on. */
  lists(field: FieldName, term: string, from?: number): { readonly base: number; readonly list: PostingList }[];
  /**
   * Articles (ascending) holding every bigram of the Han text `word` (2+
   * characters) in `grams`; for a one-character word in `chars` or
   * `titleChars`, exactly the articles holding that character. `from`:
   * only those numbered from it on (the segments before are not read).
   */
  candidates(field: 'grams' | 'chars' | 'titleChars', word: string, from?: number): Uint32Array;
  /**
   * Those of the articles `candidates` (ascending) whose folded text holds
   * the Han text `text` (2+ characters), told by the bigram positions;
   * the first `limit` of them (default all): "does any article hold it" stops at the first.
   */
  containing(candidates: ArrayLike<number>, text: string, limit?: number): Uint32Array;
}

const EMPTY = new Uint32Array(0);

export function createSegmentSet(segments: readonly Segment[]): SegmentSet {
  const bases: number[] = [];
  let docs = 0;
  for (const segment of segments) {
    bases.push(docs);
    docs += segment.docs;
  }
  const lengths = { title: new Uint32Array(docs), body: new Uint32Array(docs) };
  segments.forEach((segment, i) => {
    lengths.title.set(segment.titleLengths, bases[i]);
    lengths.body.set(segment.bodyLengths, bases[i]);
  });
  const totals = segments.map(lengthTotals);
  const averages = {
    title: averageLength(totals.reduce((sum, total) => sum + total.title, 0), docs),
    body: averageLength(totals.reduce((sum, total) => sum + total.body, 0), docs),
  };

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

  return {
    segments,
    docs,
    lastSeq: segments.length > 0 ? segments[segments.length - 1]!.lastSeq : 0,
    lengths,
    averages,
    id(n) {
      const s = locate(n);
      return segments[s]!.id(n - bases[s]!);
    },
    seq(n) {
      const s = locate(n);
      return segments[s]!.seqs[n - bases[s]!]!;
    },
    numberOf(seq) {
      // Store positions ascend through the segments and within each.
      const s = segments.findIndex((segment) => segment.lastSeq >= seq);
      if (s < 0) return undefined;
      const seqs = segments[s]!.seqs;
      const at = seek(seqs, 0, seq);
      return seqs[at] === seq ? bases[s]! + at : undefined;
    },
    count: (field, term) => segments.reduce((total, segment) => total + segment.count(field, term), 0),
    lists(field, term, from = 0) {
      const found: { base: number; list: PostingList }[] = [];
      segments.forEach((segment, s) => {
        const list = bases[s]! + segment.docs > from && segment.count(field, term) > 0 ? segment.list(field, term) : null;
        if (list) found.push({ base: bases[s]!, list });
      });
      return found;
    },
    candidates(field, word, from = 0) {
      if (segments.length === 0) return EMPTY;
      const parts = segments.map((segment, s) => {
        const local = from - bases[s]!;
        if (local >= segment.docs) return EMPTY;
        const part = candidatesIn(segment, field, word);
        return local > 0 ? part.subarray(seek(part, 0, local)) : part;
      });
      // An archive's first segment holds most of it: its part is copied whole (or is the answer when
      // the pages' segments after it hold none), and only the small parts after it are renumbered.
      // A loop over every number was 600 ms of the bench's 300 queries at a million, with four small segments beside.
      const total = parts.reduce((sum, part) => sum + part.length, 0);
      if (parts[0]!.length === total) return parts[0]!;
      const out = new Uint32Array(total);
      out.set(parts[0]!);
      let at = parts[0]!.length;
      for (let s = 1; s < parts.length; s++) {
        const part = parts[s]!;
        const base = bases[s]!;
        for (let i = 0; i < part.length; i++) out[at + i] = part[i]! + base;
        at += part.length;
      }
      return out;
    },
    containing(candidates, text, limit = Infinity) {
      // A typed array of its own, not one pushed to: a common run asks about a hundred thousand candidates.
      const found: Found = { ns: new Uint32Array(Math.min(candidates.length, limit)), count: 0 };
      for (let i = 0; i < candidates.length && found.count < found.ns.length; ) {
        const s = locate(candidates[i]!);
        const base = bases[s]!;
        const end = base + segments[s]!.docs;
        let last = i;
        while (last < candidates.length && candidates[last]! < end) last++;
        hanContaining(segments[s]!, { candidates, from: i, to: last, base }, text, found);
        i = last;
      }
      return found.ns.subarray(0, found.count);
    },
  };
}

/** Each segment's summed field lengths, added up once: a new set is made for every page ingested, and summing a million lengths twice took 16 ms of that catch-up. */
const knownTotals = new WeakMap<Segment, { title: number; body: number }>();

function lengthTotals(segment: Segment): { title: number; body: number } {
  let totals = knownTotals.get(segment);
  if (!totals) {
    const sum = (array: Uint32Array) => array.reduce((total, length) => total + length, 0);
    totals = { title: sum(segment.titleLengths), body: sum(segment.bodyLengths) };
    knownTotals.set(segment, totals);
  }
  return totals;
}

function candidatesIn(segment: Segment, field: 'grams' | 'chars' | 'titleChars', word: string): Uint32Array {
  if (word.length === 1 || field !== 'grams') return segment.list(field, word)?.ids ?? EMPTY;
  const distinct = [...bigramOffsets(word).keys()];
  // Without reading a list when one is missing, then the rarest bigrams first.
  if (distinct.some((gram) => segment.count('grams', gram) === 0)) return EMPTY;
  const grams = distinct.sort((a, b) => segment.count('grams', a) - segment.count('grams', b));
  let result: Uint32Array = EMPTY;
  for (const [i, gram] of grams.entries()) {
    const list = segment.list('grams', gram)!.ids;
    // From the third bigram on, the result is an array of its own: intersected in place.
    result = i === 0 ? list : intersect(result, list, i >= 2 ? result : undefined);
    if (result.length === 0) break;
  }
  return result;
}

/** One bigram of a Han text: its posting list, and the offsets in the text where it stands. */
interface GramPart {
  readonly gram: string;
  readonly ids: Uint32Array;
  /** Offsets of this bigram among the pairs that tile the text (empty when other pairs cover its characters). */
  readonly offsets: readonly number[];
  /** This article's entry in `ids` (set per article). */
  entry: number;
}

/** A tiling pair at one offset of the text, and a cursor over its positions (read once an article holds every bigram). */
interface Placed {
  readonly part: GramPart;
  readonly offset: number;
  cursor: PositionCursor | null;
  /** The article the cursor is open on (-1: none yet). */
  opened: number;
}

/**
 * Offsets of the character pairs that tile a Han text: the 1st and 2nd
 * characters, the 3rd and 4th, …, and the last two when the count is odd.
 * Every character is in one of them, so finding each pair at its offset from
 * one start finds the text: half the positions to read of all its bigrams.
 */
function tilingOffsets(text: string): Map<string, number[]> {
  const chars = Array.from(text);
  const unitOffsets: number[] = [];
  let at = 0;
  for (const char of chars) {
    unitOffsets.push(at);
    at += char.length;
  }
  const tiling = new Map<string, number[]>();
  const add = (c: number) => {
    const gram = chars[c]! + chars[c + 1]!;
    const offsets = tiling.get(gram) ?? [];
    if (!offsets.includes(unitOffsets[c]!)) offsets.push(unitOffsets[c]!);
    tiling.set(gram, offsets);
  };
  for (let c = 0; c + 1 < chars.length; c += 2) add(c);
  if (chars.length % 2 === 1) add(chars.length - 2);
  return tiling;
}

/** Candidates of one segment: `candidates[from]` up to (not including) `candidates[to]`, the segment's articles from `base`. */
interface SegmentRange {
  readonly candidates: ArrayLike<number>;
  readonly from: number;
  readonly to: number;
  readonly base: number;
}

/** Articles found, in `ns` up to `count`; `ns` is as long as the most that are wanted. */
interface Found {
  readonly ns: Uint32Array;
  count: number;
}

/**
 * Adds to `found` (until it is full) the candidates of `segment`
 * (`range`, ascending) holding the Han text `text` (2+ characters): those
 * holding every bigram of the text, with the pairs that tile it each at its
 * offset from one start. The rarest tiling bigram's positions give the
 * starts to try. Index numbers in and out: no local copy of a hundred
 * thousand candidates.
 */
function hanContaining(segment: Segment, range: SegmentRange, text: string, found: Found): void {
  // A two-character text is one bigram: being in its list is the answer, no positions needed.
  const needPositions = [...text].length > 2;
  const tiling = tilingOffsets(text);
  const parts: GramPart[] = [];
  for (const gram of bigramOffsets(text).keys()) {
    const list = segment.count('grams', gram) > 0 ? segment.list('grams', gram) : null;
    if (!list) return;
    parts.push({ gram, ids: list.ids, offsets: tiling.get(gram) ?? [], entry: 0 });
  }
  parts.sort((a, b) => a.ids.length - b.ids.length);
  // Rarest first: its positions are the starts to try.
  const placed = parts.flatMap((part) => part.offsets.map((offset): Placed => ({ part, offset, cursor: null, opened: -1 })));
  const cursors = new Uint32Array(parts.length);
  const { candidates, base } = range;
  const { ns } = found;
  for (let i = range.from; i < range.to && found.count < ns.length; i++) {
    const doc = candidates[i]! - base;
    let inAll = true;
    for (let p = 0; p < parts.length && inAll; p++) {
      const part = parts[p]!;
      const k = seek(part.ids, cursors[p]!, doc);
      cursors[p] = k;
      part.entry = k;
      inAll = part.ids[k] === doc;
    }
    if (inAll && (!needPositions || startsAt(segment, placed, doc))) ns[found.count++] = doc + base;
  }
}

/** The first position at or after `target` of the pair `placed` in article `doc` (its part's entry set), or -1. */
function positionFrom(segment: Segment, placed: Placed, doc: number, target: number): number {
  const cursor = (placed.cursor ??= segment.positions(placed.part.gram)!.cursor());
  if (placed.opened !== doc) {
    cursor.open(placed.part.entry);
    placed.opened = doc;
  }
  return cursor.seekTo(target);
}

/**
 * Does some start put every tiling pair at its offset in article `doc`
 * (`placed`: the pairs, rarest first)? Each pair's positions are read in
 * ascending order from the smallest start that could still work: a pair
 * found beyond where it was wanted moves the start on to fit it.
 */
function startsAt(segment: Segment, placed: readonly Placed[], doc: number): boolean {
  const anchor = placed[0]!;
  let start = 0;
  for (;;) {
    const at = positionFrom(segment, anchor, doc, start + anchor.offset);
    if (at < 0) return false;
    start = at - anchor.offset;
    let agreed = true;
    for (let p = 1; p < placed.length && agreed; p++) {
      const pair = placed[p]!;
      const found = positionFrom(segment, pair, doc, start + pair.offset);
      if (found < 0) return false;
      if (found !== start + pair.offset) {
        start = found - pair.offset;
        agreed = false;
      }
    }
    if (agreed) return true;
  }
}

/** The first index at or after `from` where the ascending `list` is at least `value` (galloping, then binary search). */
export function seek(list: Uint32Array, from: number, value: number): number {
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

/** Below this ratio of their lengths, two lists are intersected by a plain merge: galloping pays only through a much longer list (at a million articles, 412,330 against 665,025 bigram holders: 8.5 ms merged, 10.2 galloping; 35,000 against 789,000: 2.5 merged, 1.7 galloping). */
export const MERGE_RATIO = 8;

/**
 * Intersection of two ascending lists; walks the longer one by galloping when sizes differ a lot.
 * Written into `out`, which may be `small` itself (each number is written no later than it is read).
 */
function intersect(small: Uint32Array, large: Uint32Array, out: Uint32Array = new Uint32Array(Math.min(small.length, large.length))): Uint32Array {
  if (large.length < small.length * MERGE_RATIO) return merge(small, large, out);
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

/** intersect's walk of two lists of like sizes, both at once. */
function merge(a: Uint32Array, b: Uint32Array, out: Uint32Array): Uint32Array {
  let n = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, n);
}
