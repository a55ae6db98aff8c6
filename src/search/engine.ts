import type { Article } from '../types.js';
import { foldArticle } from './documents.js';
import { HAN_ONLY, isChar, matchQuery, MAX_WORDS, type MatchContext, type Matched } from './match.js';
import { createPlan } from './plan.js';
import { parseQuery, type ParsedQuery, type QueryWord } from './query.js';
import { rankMatched } from './rank.js';
import { rarestTerms } from './relatedTerms.js';
import { createScratch } from './scratch.js';
import type { SegmentSet } from './segmentSet.js';
import { createTopList, type Scored } from './topList.js';
import type { Tokenizer } from './tokenize.js';
import type { SearchTuning } from './tuning.js';
import { createWordMemo } from './wordMemo.js';

/**
 * The search engine over the index's segments: BM25 over jieba words in two
 * fields (title boosted over body), and the bigram field for words jieba cut
 * another way and for quoted phrases. A query is matched from the lists'
 * article numbers (match.ts), then only the matches that can be shown are
 * scored (rank.ts). Building is in segmentBuild.ts, the files in indexDir.ts.
 */

export type { Scored } from './topList.js';

/** What a query found: its best articles, and all of them. */
export interface Ranked {
  readonly hits: Scored[];
  /**
   * The best `top` and a few more, in exact score order (`hits` puts near
   * ties in corpus order): what ranks a query's variants together.
   */
  readonly leading: readonly Scored[];
  /** Every matching article's number, ascending. */
  readonly matching: ArrayLike<number> & Iterable<number>;
  /** How many of `matching` hold every word: 0 means the list is only the nearest match. */
  readonly complete: number;
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
  /**
   * Let the nearest match through (default false): a word no article holds
   * weighs half as much as the rarest word found instead of its full idf, so
   * that the articles holding the rest of the query pass "fewer allowed"
   * (硼酸纯度: no article says 纯度, one says 硼酸; 玉拉村一年种菜: none says
   * 种菜). For questions, where the reader's words are often not the paper's.
   */
  readonly nearest?: boolean;
  /**
   * Only articles holding every word count (default false): best first, the
   * others are not ranked, and `matching` lists the articles holding every
   * word (runs not settled yet counted as held). The complete articles of
   * `leading`, `complete` and `total`'s complete part are those of a full
   * run: complete articles rank above the others whatever their scores.
   * Newest first is a full run (the day, not completeness, ranks first there).
   */
  readonly wholeOnly?: boolean;
}

export interface Engine {
  /** The `top` best articles (best first, or newest first), and every article that matches. */
  run(query: ParsedQuery, top: number, options?: RunOptions): Ranked;
  /** Every article of editions in the span, newest first (a query of a time span alone); score 0. */
  list(top: number, options: RunOptions): { total: number; hits: Scored[] };
  /** Does this article satisfy the query the way `run` would let it through? */
  accepts(article: Article, query: ParsedQuery): boolean;
  parse(query: string): ParsedQuery;
  /** Those of the ascending articles `candidates` whose folded text holds `text` (bigram positions, or the store's text). */
  containing(candidates: ArrayLike<number>, text: string): Uint32Array;
  /**
   * Other articles sharing the distinctive words of article `n` (whose
   * folded text is `folded`), with how many they share and their summed
   * idf, unsorted: the caller orders them (it reads their dates from the store).
   */
  related(n: number, folded: string): { n: number; count: number; score: number }[];
}

/** What the engine reads besides the segments. */
export interface EngineSources {
  /** The index as it is now (read when each query runs). */
  current(): SegmentSet;
  /** Each article's edition day (YYYYMMDD, 0 undated) by article number, from the store (an edition may be dated after it was indexed). */
  days(): Int32Array;
  /** The folded texts of articles `ns` (a phrase with digits or Latin letters is looked for in them): the store has them, the index does not. */
  folded(ns: readonly number[]): string[];
}

/** Creates an engine over the index's segments with these tuning values. */
export function createEngine(tokenizer: Tokenizer, sources: EngineSources, tuning: SearchTuning): Engine {
  const scratch = createScratch();
  let set = sources.current();
  /** Takes the index as it is now, and grows the scratch to it. */
  const refresh = () => {
    set = sources.current();
    scratch.fit(set.docs);
  };
  const idf = (df: number) => Math.log(1 + (set.docs - df + 0.5) / (df + 0.5));
  /** Words' holder counts and inside-only holders (match.ts MatchContext.memo), kept while the index only grows. */
  const memo = createWordMemo();

  /** Those of the ascending `candidates` whose folded text holds `text`. */
  const containing = (candidates: ArrayLike<number>, text: string): Uint32Array => {
    if (HAN_ONLY.test(text)) return set.containing(candidates, text);
    const ns = Array.from(candidates);
    const texts = sources.folded(ns);
    return Uint32Array.from(ns.filter((_n, i) => texts[i]!.includes(text)));
  };

  /** Is article n's edition inside the span? Any bound leaves undated editions out. Null: no span, every article is. */
  const inSpan = (options: RunOptions): ((n: number) => boolean) | null => {
    const { since, until } = options;
    if (since === undefined && until === undefined) return null;
    const low = Math.max(since ?? 1, 1);
    const high = until ?? Number.MAX_SAFE_INTEGER;
    const day = sources.days();
    return (n) => day[n]! >= low && day[n]! <= high;
  };

  const run = (query: ParsedQuery, top: number, options: RunOptions = {}): Ranked => {
    refresh();
    // A word's weight: its idf; for a word no article holds, in a nearest match, half the rarest word's.
    const weight = options.nearest ? (count: number) => (count === 0 ? idf(1) / 2 : idf(count)) : idf;
    memo.follow(set);
    const context: MatchContext = { set, scratch, tuning, idf, weight, containing, inSpan: inSpan(options), memo };
    const wholeOnly = options.wholeOnly === true && !options.newest;
    try {
      const found = matchQuery(context, query, wholeOnly);
      if (!found) return { hits: [], leading: [], matching: [], complete: 0 };
      const matched = wholeOnly ? onlyComplete(found) : found;
      const { hits, leading } = rankMatched({ set, scratch, tuning, idf, days: sources.days }, matched, top, options.newest ?? false);
      return { hits, leading, matching: matched.passing, complete: matched.complete };
    } finally {
      scratch.clear();
    }
  };

  /** How many articles hold `word`, as `run` counts them (jieba word or, for Han, substring). */
  const documentFrequency = (word: QueryWord): number => {
    if (isChar(word)) return set.count('chars', word.text);
    const holders = new Set<number>();
    for (const field of ['title', 'body'] as const) for (const { base, list } of set.lists(field, word.text)) for (const id of list.ids) holders.add(base + id);
    if (word.kind === 'han' && word.text.length >= 2) {
      const kept = Array.from(set.candidates('grams', word.text)).filter((n) => !holders.has(n));
      for (const n of word.text.length === 2 ? kept : containing(kept, word.text)) holders.add(n);
    }
    return holders.size;
  };

  return {
    run,
    containing: (candidates, text) => {
      refresh();
      return containing(candidates, text);
    },
    list(top, options) {
      refresh();
      const keep = inSpan(options);
      const best = createTopList(top, tuning.tie, sources.days());
      let total = 0;
      for (let n = 0; n < set.docs; n++) {
        if (keep && !keep(n)) continue;
        total++;
        best.offer(n, 0, true);
      }
      return { total, hits: best.sorted() };
    },
    related(n, folded) {
      refresh();
      return relatedArticles(set, tokenizer, tuning, idf, n, folded);
    },
    parse: (query) => parseQuery(query, tokenizer),
    accepts(article, query) {
      refresh();
      const words = query.words.slice(0, MAX_WORDS);
      if (words.length === 0) return false;
      // Weights come from the whole index, as in `run`.
      const counts = words.map(documentFrequency);
      const plan = createPlan(words, counts, counts.map(idf), tuning.minCoverage);
      if (!plan) return false;
      const text = foldArticle(tokenizer, article);
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
  };
}

/** The matched articles holding every word (counting runs not settled yet as held): a full run ranks them first. A copy: the run's result keeps them. */
function onlyComplete(matched: Matched): Matched {
  return { ...matched, passing: matched.completeOnes.slice() };
}

/**
 * Related articles: article n's `related.terms` rarest words (by idf, held by
 * at least one other article and by at most `related.maxDfShare` of all),
 * then the articles holding `related.minShared` of them or more, with how
 * many they share and their summed idf.
 */
function relatedArticles(
  set: SegmentSet,
  tokenizer: Tokenizer,
  tuning: SearchTuning,
  idf: (df: number) => number,
  n: number,
  folded: string,
): { n: number; count: number; score: number }[] {
  const maxDf = Math.max(2, Math.floor(set.docs * tuning.related.maxDfShare));
  const holdersOf = (word: string): Set<number> => {
    const holders = new Set<number>();
    for (const field of ['title', 'body'] as const) for (const { base, list } of set.lists(field, word)) for (const id of list.ids) holders.add(base + id);
    return holders;
  };
  const words = [...new Set(tokenizer.foldedTokens(folded).filter((t) => t.kind !== 'number' && [...t.text].length >= 2).map((t) => t.text))];
  const lists = { counts: (word: string) => [set.count('title', word), set.count('body', word)] as const, holders: holdersOf };
  const terms = rarestTerms(words, lists, tuning.related.terms, maxDf);
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
  return [...shared].filter(([, entry]) => entry.count >= tuning.related.minShared).map(([doc, entry]) => ({ n: doc, ...entry }));
}
