import type { Article } from '../types.js';
import { createGramIndex, type SavedGrams } from './grams.js';
import { BM25_DEFAULTS, createField, type SavedField } from './bm25.js';
import { parseQuery, type ParsedQuery, type QueryWord } from './query.js';
import type { Token, Tokenizer } from './tokenize.js';

/**
 * The search engine over a set of articles: BM25 over jieba words in two
 * fields (title boosted over body; bm25.ts says why this is not MiniSearch),
 * and the bigram field (grams.ts) for words jieba cut another way and for
 * quoted phrases. In memory only; persistence is in index.ts.
 */

/** Title words weigh this much more than body words. */
const TITLE_BOOST = 2;

/**
 * A word found only in the bigram field (as a substring, not as a jieba
 * word) scores this share of its idf: below one real occurrence (BM25 gives
 * about 1.5 × idf), so the articles jieba agrees with come first. A
 * one-character word (雪 inside 冰雪) scores the same, TITLE_BOOST times
 * when the headline holds it, as in the jieba fields.
 */
const SUBSTRING_WEIGHT = 1;
/** A typed stretch (观影消费券) found whole adds this many times its words' idf. */
const RUN_WEIGHT = 2;
/** "Fewer allowed": the share (by idf) of one typed piece's words an article must hold; see createPlan. */
const MIN_COVERAGE = 0.5;
/**
 * Scores within 1% of the best of their group count as a tie, and a tie
 * keeps corpus order. Such gaps come from a few tokens of length between
 * near-identical items (the daily hotline reports all list 热点问题) and are
 * noise, not relevance; corpus order keeps the list stable from run to run.
 */
const TIE = 0.01;

/** Marks the end of the title part in an article's folded text (not whitespace, not a word). */
const TITLE_END = '\u0001';

/** One scored article. */
export interface Scored {
  readonly n: number;
  readonly score: number;
}

export interface SavedEngine {
  readonly ids: readonly string[];
  readonly title: SavedField;
  readonly body: SavedField;
  readonly grams: SavedGrams;
  /** The Han characters of each title (a SavedGrams of characters only). */
  readonly titleChars: SavedGrams;
  /** The Han characters of each article (a SavedGrams of characters only). */
  readonly chars: SavedGrams;
  /** Each article's folded text, for substring checks: folding them all again would cost the cold start ~1 s per 20,000. */
  readonly folded: readonly string[];
}

/**
 * Which editions a query looks at and in what order. Days are numbers
 * YYYYMMDD (20250220), so that a comparison is one integer test per article.
 */
export interface RunOptions {
  /** Only editions on or after this day (YYYYMMDD); default: no lower bound. */
  readonly since?: number;
  /** Only editions on or before this day (YYYYMMDD); default: no upper bound. */
  readonly until?: number;
  /** Newest edition first (then by score) instead of best score first (default false). */
  readonly newest?: boolean;
}

/** `YYYY-MM-DD` → YYYYMMDD; null (an undated edition) → 0. */
export function dayNumber(date: string | null): number {
  return date === null ? 0 : Number(date.slice(0, 4)) * 10000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}

export interface Engine {
  readonly articles: readonly Article[];
  /** Indexes the articles not indexed yet; returns how many were new. */
  add(articles: readonly Article[]): number;
  /** The `top` best articles (best first, or newest first) and how many match in all. */
  run(query: ParsedQuery, top: number, options?: RunOptions): { total: number; hits: Scored[] };
  /** Every article of editions in the span, newest first (a query of a time span alone); score 0. */
  list(top: number, options: RunOptions): { total: number; hits: Scored[] };
  /** Does this article satisfy the query the way `run` would let it through? */
  accepts(article: Article, query: ParsedQuery): boolean;
  parse(query: string): ParsedQuery;
  /** Other articles sharing article `n`'s distinctive words (see RELATED_*), best first. */
  related(n: number, limit: number): Scored[];
  /** The article's number in the engine, or undefined when it is not indexed. */
  numberOf(id: string): number | undefined;
  save(): SavedEngine;
}

/** Distinctive words of an article looked at for related ones: its highest-idf words held by other articles too. */
const RELATED_TERMS = 20;
/** A related article shares at least this many of those words. */
const RELATED_MIN_SHARED = 3;
/** Words in more than this share of the articles say nothing distinctive (西宁, 工作). */
const RELATED_MAX_DF_SHARE = 0.2;

/** The text an article is searched by: headline furniture, then body and bylines. */
export function titleText(article: Article): string {
  return [article.kicker, article.title, article.subtitle].filter(Boolean).join('\n');
}

function bodyText(article: Article): string {
  return article.reporters.length > 0 ? `${article.body}\n${article.reporters.join(' ')}` : article.body;
}

/** A one-character Han word (雪, 岗): found in any article holding the character, see SUBSTRING_WEIGHT. */
const isChar = (word: QueryWord): boolean => word.kind === 'han' && word.text.length === 1 && word.whole;

/** Words of a query looked at (a bit each in a 32-bit mask); a longer query keeps its first 32. */
const MAX_WORDS = 32;

/** Creates an engine over `articles`, or restores a saved one (whose ids must all be in `articles`). */
export function createEngine(tokenizer: Tokenizer, articles: readonly Article[], saved?: SavedEngine): Engine {
  const docs: Article[] = [];
  const numbers = new Map<string, number>();
  const title = createField(BM25_DEFAULTS, saved?.title);
  const body = createField(BM25_DEFAULTS, saved?.body);
  const grams = createGramIndex(saved?.grams);
  /**
   * The Han characters of each title, for one-character words found in the
   * headline. A list to merge with: a string test per article (`includes`
   * on the title) was most of a common character's query time.
   */
  const titleChars = createGramIndex(saved?.titleChars);
  /**
   * Each article's Han characters, for one-character words typed alone. Kept
   * apart from the bigrams so that the bigram lists every other word reads
   * stay as small as before (mixed in, the 100,000-article p95 rose ~30%).
   */
  const chars = createGramIndex(saved?.chars);
  /** Folded texts (title, TITLE_END, body) for substring checks, by article number. */
  const foldedTexts: string[] = saved ? [...saved.folded] : [];
  // Per-query scratch, one slot per article, reset after each query for the articles it touched.
  let scores = new Float64Array(0);
  let masks = new Uint32Array(0);
  /**
   * Each article's edition day (YYYYMMDD, 0 undated), checked while the
   * matches are scored: a date-limited query never sorts or cuts the articles
   * outside its span. Not saved: it comes from the store's articles at load.
   */
  let days: Int32Array = new Int32Array(0);

  const foldArticle = (article: Article) => tokenizer.fold(`${titleText(article)}${TITLE_END}${bodyText(article)}`);
  const folded = (n: number): string => foldedTexts[n]!;

  const add = (batch: readonly Article[]): number => {
    let added = 0;
    for (const article of batch) {
      if (numbers.has(article.id)) continue;
      const n = docs.length;
      docs.push(article);
      numbers.set(article.id, n);
      if (days.length <= n) days = grow(days, docs.length * 2);
      days[n] = dayNumber(article.edition.date);
      const text = foldArticle(article);
      foldedTexts[n] = text;
      const split = text.indexOf(TITLE_END);

      title.add(n, tokenizer.foldedTokens(text.slice(0, split)).map((token) => token.text));
      body.add(n, tokenizer.foldedTokens(text.slice(split + 1)).map((token) => token.text));
      grams.add(n, tokenizer.grams(text));
      chars.add(n, tokenizer.chars(text));
      titleChars.add(n, tokenizer.chars(text.slice(0, split)));
      added++;
    }
    if (scores.length < docs.length) {
      scores = new Float64Array(docs.length * 2);
      masks = new Uint32Array(docs.length * 2);
    }
    return added;
  };

  if (saved) {
    const byId = new Map(articles.map((article) => [article.id, article]));
    for (const id of saved.ids) {
      const article = byId.get(id);
      if (!article) throw new Error(`saved index has article ${id}, which is no longer in the corpus`);
      if (saved.folded.length !== saved.ids.length) throw new Error('saved index is inconsistent (folded texts)');
      numbers.set(id, docs.length);
      docs.push(article);
    }
    days = new Int32Array(docs.length * 2);
    docs.forEach((article, n) => (days[n] = dayNumber(article.edition.date)));
  }
  add(articles);

  const idf = (df: number) => Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));

  /** Articles among `candidates` holding the Han text `text` as written. */
  const verify = (text: string, candidates: Iterable<number>, keep: (n: number) => boolean): number[] => {
    const found: number[] = [];
    for (const n of candidates) {
      if (keep(n) && (text.length === 2 || folded(n).includes(text))) found.push(n);
    }
    return found;
  };

  /** Is article n's edition inside the span? Any bound leaves undated editions out. */
  const inSpan = (options: RunOptions): ((n: number) => boolean) => {
    const { since, until } = options;
    if (since === undefined && until === undefined) return () => true;
    const low = Math.max(since ?? 1, 1);
    const high = until ?? Number.MAX_SAFE_INTEGER;
    return (n) => days[n]! >= low && days[n]! <= high;
  };

  const run = (query: ParsedQuery, top: number, options: RunOptions = {}): { total: number; hits: Scored[] } => {
    const words = query.words.slice(0, MAX_WORDS);
    if (words.length === 0) return { total: 0, hits: [] };
    const touched: number[] = [];
    const counts: number[] = [];
    const weights: number[] = [];
    try {
      const visit = (n: number, bit: number, score: number) => {
        if (masks[n] === 0) touched.push(n);
        masks[n] = masks[n]! | bit;
        scores[n] = scores[n]! + score;
      };
      words.forEach((word, i) => {
        if (isChar(word)) {
          // 雪 is rarely a jieba word of its own (冰雪, 雪花): the character's list holds every article with it.
          counts[i] = chars.candidates(word.text).length;
          weights[i] = idf(counts[i]!);
          return;
        }
        const bit = 1 << i;
        let df = 0;
        const note = (n: number, score: number) => {
          if ((masks[n]! & bit) === 0) df++;
          visit(n, bit, score);
        };
        title.score(word.text, TITLE_BOOST, note);
        body.score(word.text, 1, note);
        // The bigram field finds the word where jieba cut the article another way.
        const extra =
          word.kind === 'han' && word.text.length >= 2
            ? verify(word.text, grams.candidates(word.text), (n) => (masks[n]! & bit) === 0)
            : [];
        counts[i] = df + extra.length;
        weights[i] = idf(counts[i]!);
        for (const n of extra) visit(n, bit, SUBSTRING_WEIGHT * weights[i]!);
      });
      const plan = createPlan(words, counts, weights);
      if (!plan) return { total: 0, hits: [] };

      // One-character words come once the weights are known. A common character is in most of the
      // index, so when an article holding only such words cannot be listed, they are scored only where
      // another word already is: it cannot pass (主 beside 更加 in 更加主), or a quoted phrase holds a
      // longer word, which every article with the phrase then holds too (持续 in “领的持续赋”).
      const charMask = words.reduce((mask, word, i) => (isChar(word) ? mask | (1 << i) : mask), 0);
      const alone =
        plan.finalScore(charMask, 1) !== null &&
        !query.phrases.some((phrase) => words.some((word) => word.kind === 'han' && word.text.length >= 2 && phrase.includes(word.text)));
      const wanted = (n: number) => alone || (masks[n]! & ~charMask) !== 0;
      words.forEach((word, i) => {
        if (!isChar(word)) return;
        const bit = 1 << i;
        const note = (n: number, score: number) => {
          if (wanted(n)) visit(n, bit, score);
        };
        title.score(word.text, TITLE_BOOST, note);
        body.score(word.text, 1, note);
        const holders = chars.candidates(word.text);
        // Both lists ascend: one walk tells which holders have the character in the headline.
        const inTitle = titleChars.candidates(word.text);
        let t = 0;
        for (const n of holders) {
          while (t < inTitle.length && inTitle[t]! < n) t++;
          if ((masks[n]! & bit) !== 0 || !wanted(n)) continue;
          visit(n, bit, SUBSTRING_WEIGHT * weights[i]! * (inTitle[t] === n ? TITLE_BOOST : 1));
        }
      });

      query.runs.forEach((text) => {
        const inRun = words.map((word, i) => (text.includes(word.text) ? i : -1)).filter((i) => i >= 0);
        for (const n of verify(text, grams.candidates(text), (n) => masks[n] !== 0)) {
          for (const i of inRun) {
            // 券 alone is not a jieba word in 消费券, but the stretch 消费券 was found whole.
            let add = RUN_WEIGHT * weights[i]!;
            if ((masks[n]! & (1 << i)) === 0) add += SUBSTRING_WEIGHT * weights[i]!;
            masks[n] = masks[n]! | (1 << i);
            scores[n] = scores[n]! + add;
          }
        }
      });

      const best = createTopList(top, options.newest ? days : null);
      const keep = inSpan(options);
      let total = 0;
      for (const n of touched) {
        if (!keep(n)) continue;
        const score = plan.finalScore(masks[n]!, scores[n]!);
        if (score === null) continue;
        if (query.phrases.length > 0 && !query.phrases.every((phrase) => folded(n).includes(phrase))) continue;
        total++;
        best.offer(n, score);
      }
      return { total, hits: best.sorted() };
    } finally {
      for (const n of touched) {
        scores[n] = 0;
        masks[n] = 0;
      }
    }
  };

  /** How many articles hold `word`, as `run` counts them (jieba word or, for Han, substring). */
  const documentFrequency = (word: QueryWord): number => {
    const holders = new Set<number>();
    const note = (n: number) => holders.add(n);
    title.score(word.text, 1, note);
    body.score(word.text, 1, note);
    if (isChar(word)) return chars.candidates(word.text).length;
    if (word.kind === 'han' && word.text.length >= 2) {
      for (const n of verify(word.text, grams.candidates(word.text), (n) => !holders.has(n))) holders.add(n);
    }
    return holders.size;
  };

  const list = (top: number, options: RunOptions): { total: number; hits: Scored[] } => {
    const keep = inSpan(options);
    const best = createTopList(top, days);
    let total = 0;
    for (let n = 0; n < docs.length; n++) {
      if (!keep(n)) continue;
      total++;
      best.offer(n, 0);
    }
    return { total, hits: best.sorted() };
  };

  /**
   * Related articles: the article's RELATED_TERMS rarest words (by idf, held by
   * at least one other article and by at most RELATED_MAX_DF_SHARE of all),
   * then the articles holding RELATED_MIN_SHARED of them or more: most shared
   * first, the most recent first among equals, then by summed idf.
   */
  const related = (n: number, limit: number): Scored[] => {
    const text = folded(n);
    const maxDf = Math.max(2, Math.floor(docs.length * RELATED_MAX_DF_SHARE));
    const holdersOf = (word: string): Set<number> => {
      const holders = new Set<number>();
      const note = (doc: number) => holders.add(doc);
      title.score(word, 1, note);
      body.score(word, 1, note);
      return holders;
    };
    const terms = [...new Set(tokenizer.foldedTokens(text).filter((t) => t.kind !== 'number' && [...t.text].length >= 2).map((t) => t.text))]
      .map((word) => ({ word, holders: holdersOf(word) }))
      .filter(({ holders }) => holders.size >= 2 && holders.size <= maxDf)
      .sort((a, b) => a.holders.size - b.holders.size || (a.word < b.word ? -1 : 1))
      .slice(0, RELATED_TERMS);
    const shared = new Map<number, { count: number; score: number }>();
    for (const { holders } of terms) {
      const weight = idf(holders.size);
      for (const doc of holders) {
        if (doc === n) continue;
        const entry = shared.get(doc) ?? { count: 0, score: 0 };
        entry.count++;
        entry.score += weight;
        shared.set(doc, entry);
      }
    }
    const date = (doc: number) => docs[doc]!.date ?? '';
    return [...shared]
      .filter(([, entry]) => entry.count >= RELATED_MIN_SHARED)
      .sort(([a, x], [b, y]) => y.count - x.count || (date(a) < date(b) ? 1 : date(a) > date(b) ? -1 : 0) || y.score - x.score || a - b)
      .slice(0, limit)
      .map(([doc, entry]) => ({ n: doc, score: Math.round(entry.score * 1000) / 1000 }));
  };

  return {
    articles: docs,
    add,
    run,
    list,
    related,
    numberOf: (id) => numbers.get(id),
    parse: (query) => parseQuery(query, tokenizer),
    accepts(article, query) {
      const words = query.words.slice(0, MAX_WORDS);
      if (words.length === 0) return false;
      // Weights come from the whole index, as in `run`.
      const counts = words.map(documentFrequency);
      const plan = createPlan(words, counts, counts.map(idf));
      if (!plan) return false;
      const text = foldArticle(article);
      if (!query.phrases.every((phrase) => text.includes(phrase))) return false;
      const tokens = new Set(tokenizer.foldedTokens(text).map((token) => token.text));
      let mask = 0;
      words.forEach((word, i) => {
        const found = tokens.has(word.text) || (word.kind === 'han' && text.includes(word.text));
        if (found) mask |= 1 << i;
      });
      for (const stretch of query.runs) {
        if (!text.includes(stretch)) continue;
        words.forEach((word, i) => {
          if (stretch.includes(word.text)) mask |= 1 << i;
        });
      }
      return plan.finalScore(mask, 1) !== null;
    },
    save: () => ({
      ids: docs.map((article) => article.id),
      title: title.save(),
      body: body.save(),
      grams: grams.save(),
      titleChars: titleChars.save(),
      chars: chars.save(),
      folded: foldedTexts,
    }),
  };
}

/** The query's weights, set once per query; judges each article from the mask of words it holds. */
interface Plan {
  /** The article's final score, or null when no piece of the query is covered enough. */
  finalScore(mask: number, score: number): number | null;
}

/**
 * "All terms preferred, fewer allowed", per piece the reader typed (words
 * split by spaces or quotes): an article passes when it holds, for some
 * piece, at least MIN_COVERAGE of that piece's words weighted by idf, and
 * its score is multiplied by the square of its coverage of the whole query.
 * So "消费券 电影" lists articles with both first, then with either; but
 * 网络主播 does not list articles on 网络安全 (网络 alone is less than half
 * the weight). Returns null (nothing matches) when a piece matches no article
 * at all: "西宁 股市" says plainly that nothing mentions 股市.
 */
function createPlan(words: readonly QueryWord[], counts: readonly number[], weights: readonly number[]): Plan | null {
  const pieceTotals = new Map<number, number>();
  const found = new Set<number>();
  words.forEach((word, i) => {
    pieceTotals.set(word.piece, (pieceTotals.get(word.piece) ?? 0) + weights[i]!);
    if (counts[i]! > 0) found.add(word.piece);
  });
  if (found.size < pieceTotals.size) return null;
  const total = weights.reduce((sum, w) => sum + w, 0);
  const pieces = [...pieceTotals.keys()];
  return {
    finalScore(mask, score) {
      let covered = 0;
      let passes = false;
      for (const piece of pieces) {
        let inPiece = 0;
        words.forEach((word, i) => {
          if (word.piece === piece && (mask & (1 << i)) !== 0) inPiece += weights[i]!;
        });
        covered += inPiece;
        if (inPiece > 0 && inPiece >= MIN_COVERAGE * pieceTotals.get(piece)!) passes = true;
      }
      if (!passes || total <= 0) return null;
      return score * (covered / total) ** 2;
    },
  };
}

/** A copy of `array` with room for `length` entries. */
function grow(array: Int32Array, length: number): Int32Array {
  const grown = new Int32Array(length);
  grown.set(array);
  return grown;
}

/**
 * Keeps the `size` best (score, then corpus order) of many offers, without
 * sorting them all. With `days`, newest edition first, then by score (and
 * then the near-ties of score are not regrouped: the day decides first).
 */
function createTopList(size: number, days: Int32Array | null = null) {
  // A few more than asked, so that a tie across the cut is settled with all its members.
  const room = size > 0 ? size + 8 : 0;
  const kept: Scored[] = [];
  const byScore = (a: Scored, b: Scored) => a.score > b.score || (a.score === b.score && a.n < b.n);
  const better = days
    ? (a: Scored, b: Scored) => days[a.n]! > days[b.n]! || (days[a.n] === days[b.n] && byScore(a, b))
    : byScore;
  return {
    offer(n: number, score: number) {
      if (room === 0) return;
      const entry = { n, score };
      if (kept.length === room && !better(entry, kept[kept.length - 1]!)) return;
      // Insertion into a short sorted list: `size` is a page or two of results.
      let at = kept.length;
      while (at > 0 && better(entry, kept[at - 1]!)) at--;
      kept.splice(at, 0, entry);
      if (kept.length > room) kept.pop();
    },
    sorted(): Scored[] {
      if (days) return kept.slice(0, size);
      const settled: Scored[] = [];
      for (let i = 0; i < kept.length; ) {
        let j = i + 1;
        while (j < kept.length && kept[j]!.score >= kept[i]!.score * (1 - TIE)) j++;
        settled.push(...kept.slice(i, j).sort((a, b) => a.n - b.n));
        i = j;
      }
      return settled.slice(0, size);
    },
  };
}

/** The words and phrases to highlight for a query. */
export function highlightTerms(query: ParsedQuery): Token[] {
  const terms: Token[] = [
    ...query.phrases.map((text): Token => ({ text, kind: 'han' })),
    ...query.runs.map((text): Token => ({ text, kind: 'han' })),
  ];
  const single = query.words.length === 1;
  for (const word of query.words) {
    // A lone character (券, 站) would light up every occurrence; it is highlighted only as the whole query.
    if (word.kind === 'han' && word.text.length < 2 && !single) continue;
    terms.push({ text: word.text, kind: word.kind });
  }
  return terms;
}
