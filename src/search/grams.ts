/**
 * The character-bigram field: for each pair of adjacent Han characters, the
 * sorted numbers of the articles that hold it. It finds a word however jieba
 * cut it in the article (网络主播 as 网络/主/播), and quoted phrases. Each
 * Han character has its own list too, for one-character query words (雪 is
 * rarely a jieba word: 冰雪, 雪花): one list to read, where the union of
 * every bigram holding the character (190,000 postings for 业 in the
 * 20,000-article bench) took the bench's p95 from ~6 to ~11 ms. It adds
 * about a quarter to the saved index (117 → 143 MB in the bench).
 *
 * It only says "contains" (the jieba fields rank), so a posting is just the
 * article number, 4 bytes: an 800-character article has ~600 distinct
 * bigrams, and a Map entry per (bigram, article) as in MiniSearch (~40
 * bytes) would need ~2.4 GB for 100,000 articles.
 */

/** The saved form: every gram's text concatenated (bigrams, 2 UTF-16 units each, then characters, 1 each), counts, then ids. */
export interface SavedGrams {
  readonly grams: string;
  /** How many of the grams (the last ones) are single characters. */
  readonly chars: number;
  /** Postings per gram, in `grams` order. */
  readonly counts: Uint32Array;
  /** All postings, gram after gram. */
  readonly ids: Uint32Array;
}

export interface GramIndex {
  /**
   * Records that article `doc` holds these bigrams and Han characters (one
   * UTF-16 unit each). Articles must be added in increasing `doc` order.
   */
  add(doc: number, grams: Iterable<string>): void;
  /**
   * Articles holding every bigram of the Han text `word` (2+ chars), ascending;
   * for a one-character `word`, exactly the articles holding that character.
   */
  candidates(word: string): Uint32Array;
  /** Number of distinct bigrams and characters. */
  readonly size: number;
  save(): SavedGrams;
}

interface Posting {
  ids: Uint32Array;
  length: number;
}

const EMPTY = new Uint32Array(0);

/** Creates an empty bigram index, or one loaded from its saved form. */
export function createGramIndex(saved?: SavedGrams): GramIndex {
  const postings = new Map<string, Posting>();
  if (saved) load(saved, postings);

  return {
    add(doc, grams) {
      for (const gram of grams) {
        const posting = postings.get(gram);
        if (!posting) {
          postings.set(gram, { ids: Uint32Array.of(doc, 0), length: 1 });
          continue;
        }
        if (posting.length === posting.ids.length) {
          // Grow by half: a posting list's slack stays under a third of it (doubling wasted up to half).
          const grown = new Uint32Array(Math.ceil(posting.ids.length * 1.5) + 1);
          grown.set(posting.ids);
          posting.ids = grown;
        }
        posting.ids[posting.length++] = doc;
      }
    },
    candidates(word) {
      if (word.length === 1) {
        const posting = postings.get(word);
        return posting ? posting.ids.subarray(0, posting.length) : EMPTY;
      }
      const lists: Uint32Array[] = [];
      for (let i = 0; i + 1 < word.length; i++) {
        const posting = postings.get(word.slice(i, i + 2));
        if (!posting) return EMPTY;
        lists.push(posting.ids.subarray(0, posting.length));
      }
      lists.sort((a, b) => a.length - b.length);
      let result = lists[0] ?? EMPTY;
      for (const list of lists.slice(1)) {
        if (result.length === 0) break;
        result = intersect(result, list);
      }
      return result;
    },
    get size() {
      return postings.size;
    },
    save() {
      const keys = [...postings.keys()];
      const chars = keys.filter((gram) => gram.length === 1);
      const grams = [...keys.filter((gram) => gram.length === 2), ...chars];
      const counts = Uint32Array.from(grams, (gram) => postings.get(gram)!.length);
      const ids = new Uint32Array(counts.reduce((sum, n) => sum + n, 0));
      let at = 0;
      for (const gram of grams) {
        const posting = postings.get(gram)!;
        const packed = ids.subarray(at, at + posting.length);
        packed.set(posting.ids.subarray(0, posting.length));
        // From now on the posting lives in the saved buffer: the grown lists (up to twice
        // their length) can be freed, so a bot that has just built its index does not keep both.
        posting.ids = packed;
        at += posting.length;
      }
      return { grams: grams.join(''), chars: chars.length, counts, ids };
    },
  };
}

function load(saved: SavedGrams, into: Map<string, Posting>): void {
  const { counts, ids, chars } = saved;
  const pairs = counts.length - chars;
  if (chars < 0 || pairs < 0 || saved.grams.length !== pairs * 2 + chars) throw new Error('saved bigram index is inconsistent');
  let at = 0;
  for (let i = 0; i < counts.length; i++) {
    const length = counts[i]!;
    const text = i < pairs ? saved.grams.slice(i * 2, i * 2 + 2) : saved.grams.charAt(pairs + i);
    // subarray shares the loaded buffer: no copy until a posting grows.
    into.set(text, { ids: ids.subarray(at, at + length), length });
    at += length;
  }
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
