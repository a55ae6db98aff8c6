/**
 * One BM25 field (title or body): for each word, the ascending numbers of
 * the articles that hold it and how often, in typed arrays.
 *
 * Why not MiniSearch (the first choice, measured on the synthetic
 * 20,000-article corpus, 16.6 M characters, see bench/): MiniSearch keeps a
 * Map entry per (word, field, article) and builds a result object per
 * matching article. addAll took 33 s, its JSON 50 MB took 3.9 s to load
 * (the cold-start target is 2 s, and jieba alone takes 1 s), and one common
 * word (8,000 articles) took ~30 ms to search (the p95 target is 10 ms).
 * Here a posting is 6 bytes, the saved form is a few binary blobs, and
 * scoring is a loop over two typed arrays into an accumulator.
 */

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

/** The saved form: words joined by NUL (no token holds one), then flat arrays. */
export interface SavedField {
  readonly words: string;
  readonly counts: Uint32Array;
  readonly ids: Uint32Array;
  readonly tfs: Uint16Array;
  readonly lengths: Uint32Array;
  readonly docCount: number;
}

export interface Field {
  /** Records article `doc`'s tokens. Articles must come in increasing `doc` order. */
  add(doc: number, tokens: readonly string[]): void;
  /** Number of articles holding `word` in this field. */
  count(word: string): number;
  /** Calls `visit(doc, score)` for each article holding `word`, with its BM25+ score times `boost`. */
  score(word: string, boost: number, visit: (doc: number, score: number) => void): void;
  save(): SavedField;
}

interface Posting {
  ids: Uint32Array;
  tfs: Uint16Array;
  length: number;
}

/** Creates an empty field index, or one loaded from its saved form. */
export function createField(params: Bm25Params = BM25_DEFAULTS, saved?: SavedField): Field {
  const postings = new Map<string, Posting>();
  let lengths: Uint32Array = new Uint32Array(1024);
  let docCount = 0;
  let totalLength = 0;

  if (saved) {
    const { counts, ids, tfs } = saved;
    const words = saved.words === '' ? [] : saved.words.split('\u0000');
    let at = 0;
    words.forEach((word, i) => {
      const length = counts[i]!;
      // Views into the loaded buffers: no copy until a posting grows.
      postings.set(word, { ids: ids.subarray(at, at + length), tfs: tfs.subarray(at, at + length), length });
      at += length;
    });
    lengths = saved.lengths;
    docCount = saved.docCount;
    for (let i = 0; i < docCount; i++) totalLength += lengths[i]!;
  }

  return {
    add(doc, tokens) {
      const tf = new Map<string, number>();
      for (const token of tokens) tf.set(token, (tf.get(token) ?? 0) + 1);
      for (const [word, n] of tf) {
        let posting = postings.get(word);
        if (!posting) {
          posting = { ids: new Uint32Array(2), tfs: new Uint16Array(2), length: 0 };
          postings.set(word, posting);
        } else if (posting.length === posting.ids.length) {
          posting.ids = grow(posting.ids, new Uint32Array(posting.length * 2));
          posting.tfs = grow(posting.tfs, new Uint16Array(posting.length * 2));
        }
        posting.ids[posting.length] = doc;
        posting.tfs[posting.length] = Math.min(n, 0xffff);
        posting.length++;
      }
      if (doc >= lengths.length) lengths = grow(lengths, new Uint32Array(Math.max(doc + 1, lengths.length * 2)));
      lengths[doc] = tokens.length;
      docCount = Math.max(docCount, doc + 1);
      totalLength += tokens.length;
    },
    count: (word) => postings.get(word)?.length ?? 0,
    score(word, boost, visit) {
      const posting = postings.get(word);
      if (!posting || docCount === 0) return;
      const { k, b, d } = params;
      const df = posting.length;
      const idf = Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
      const average = totalLength / docCount || 1;
      const { ids, tfs } = posting;
      for (let i = 0; i < df; i++) {
        const doc = ids[i]!;
        const tf = tfs[i]!;
        const norm = k * (1 - b + (b * lengths[doc]!) / average);
        visit(doc, boost * idf * (d + (tf * (k + 1)) / (tf + norm)));
      }
    },
    save() {
      const words = [...postings.keys()];
      const counts = Uint32Array.from(words, (word) => postings.get(word)!.length);
      const total = counts.reduce((sum, n) => sum + n, 0);
      const ids = new Uint32Array(total);
      const tfs = new Uint16Array(total);
      let at = 0;
      for (const word of words) {
        const posting = postings.get(word)!;
        ids.set(posting.ids.subarray(0, posting.length), at);
        tfs.set(posting.tfs.subarray(0, posting.length), at);
        at += posting.length;
      }
      return {
        words: words.join('\u0000'),
        counts,
        ids,
        tfs,
        lengths: lengths.slice(0, docCount),
        docCount,
      };
    },
  };
}

function grow<T extends Uint32Array | Uint16Array>(from: T, into: T): T {
  into.set(from);
  return into;
}
