import type { Article } from '../types.js';
import { parseQuery, type ParsedQuery, type QueryWord } from './query.js';
import type { SegmentDoc } from './segment.js';
import type { SegmentSet } from './segmentSet.js';
import type { Token, Tokenizer } from './tokenize.js';

/**
 * The search engine over the index's segments: BM25 over jieba words in two
 * fields (title boosted over body; segmentSet.ts says why this is not
 * MiniSearch), and the bigram field for words jieba cut another way and for
 * quoted phrases. Building is in segment.ts, the files in indexDir.ts.
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
  /**
   * Does the article hold every word of the query? Such articles rank above
   * those holding only some ("all terms preferred, fewer allowed"), whatever
   * their scores.
   */
  readonly complete: boolean;
}

/** What a query found: its best articles, and all of them. */
export interface Ranked {
  readonly hits: Scored[];
  /**
   * The best `top` and a few more, in exact score order (`hits` puts near
   * ties in corpus order): what ranks a query's variants together.
   */
  readonly leading: readonly Scored[];
  /** Every matching article's number, in no particular order. */
  readonly matching: readonly number[];
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
}

/** `YYYY-MM-DD` → YYYYMMDD; null (an undated edition) → 0. */
export function dayNumber(date: string | null): number {
  return date === null ? 0 : Number(date.slice(0, 4)) * 10000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}

export interface Engine {
  /** The `top` best articles (best first, or newest first), and every article that matches (unordered). */
  run(query: ParsedQuery, top: number, options?: RunOptions): Ranked;
  /** Every article of editions in the span, newest first (a query of a time span alone); score 0. */
  list(top: number, options: RunOptions): { total: number; hits: Scored[] };
  /** Does this article satisfy the query the way `run` would let it through? */
  accepts(article: Article, query: ParsedQuery): boolean;
  parse(query: string): ParsedQuery;
  /**
   * Other articles sharing article `n`'s distinctive words (see RELATED_*),
   * with how many they share and their summed idf, unsorted: the caller
   * orders them (it reads their dates from the store).
   */
  related(n: number): { n: number; count: number; score: number }[];
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

/** An article tokenized for the index: what a segment builder takes. */
export function prepareDoc(tokenizer: Tokenizer, article: Article, seq: number): SegmentDoc {
  const folded = foldArticle(tokenizer, article);
  const split = folded.indexOf(TITLE_END);
  const title = folded.slice(0, split);
  return {
    seq,
    id: article.id,
    folded,
    title: tokenizer.foldedTokens(title).map((token) => token.text),
    body: tokenizer.foldedTokens(folded.slice(split + 1)).map((token) => token.text),
    grams: tokenizer.grams(folded),
    chars: tokenizer.chars(folded),
    titleChars: tokenizer.chars(title),
  };
}

function foldArticle(tokenizer: Tokenizer, article: Article): string {
  return tokenizer.fold(`${titleText(article)}${TITLE_END}${bodyText(article)}`);
}

/**
 * Creates an engine over the index's segments (`current()`, read as they are
 * when each query runs). `days()` gives each article's edition day (YYYYMMDD,
 * 0 undated) by article number: checked while the matches are scored, so a
 * date-limited query never sorts or cuts the articles outside its span. It
 * comes from the store (an edition may be dated after it was indexed).
 */
export function createEngine(tokenizer: Tokenizer, current: () => SegmentSet, days: () => Int32Array): Engine {
  // Per-query scratch, one slot per article, reset after each query for the articles it touched.
  let scores = new Float64Array(0);
  let masks = new Uint32Array(0);
  let pendingRuns = new Uint32Array(0);
  let set = current();
  const title = { score: (word: string, boost: number, visit: (n: number, score: number) => void) => set.score('title', word, boost, visit) };
  const body = { score: (word: string, boost: number, visit: (n: number, score: number) => void) => set.score('body', word, boost, visit) };
  const grams = { candidates: (word: string) => set.candidates('grams', word) };
  const chars = { candidates: (word: string) => set.candidates('chars', word) };
  const titleChars = { candidates: (word: string) => set.candidates('titleChars', word) };
  /** Takes the index as it is now, and grows the scratch arrays to it. */
  const refresh = () => {
    set = current();
    if (scores.length < set.docs) {
      scores = new Float64Array(set.docs * 2);
      masks = new Uint32Array(set.docs * 2);
      pendingRuns = new Uint32Array(set.docs * 2);
    }
  };

  const idf = (df: number) => Math.log(1 + (set.docs - df + 0.5) / (df + 0.5));
  /** A query word's weight: its idf; for a word no article holds, in a nearest match, half the rarest word's (RunOptions.nearest). */
  const weightOf = (df: number, nearest = false) => (nearest && df === 0 ? idf(1) / 2 : idf(df));

  /** Articles among `candidates` (ascending) holding the Han text `text` as written. */
  const verify = (text: string, candidates: Uint32Array, keep: (n: number) => boolean): number[] => {
    const kept: number[] = [];
    for (const n of candidates) if (keep(n)) kept.push(n);
    return text.length === 2 || kept.length === 0 ? kept : set.containing(kept, text);
  };

  /** Is article n's edition inside the span? Any bound leaves undated editions out. */
  const inSpan = (options: RunOptions): ((n: number) => boolean) => {
    const { since, until } = options;
    if (since === undefined && until === undefined) return () => true;
    const low = Math.max(since ?? 1, 1);
    const high = until ?? Number.MAX_SAFE_INTEGER;
    const day = days();
    return (n) => day[n]! >= low && day[n]! <= high;
  };

  const run = (query: ParsedQuery, top: number, options: RunOptions = {}): Ranked => {
    refresh();
    const words = query.words.slice(0, MAX_WORDS);
    if (words.length === 0) return { hits: [], leading: [], matching: [], complete: 0 };
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
          weights[i] = weightOf(counts[i], options.nearest);
          return;
        }
        const bit = 1 << i;
        let df = 0;
        // Called for every posting of the word: visit() inlined.
        const note = (n: number, score: number) => {
          const mask = masks[n]!;
          if ((mask & bit) === 0) {
            df++;
            if (mask === 0) touched.push(n);
            masks[n] = mask | bit;
          }
          scores[n] = scores[n]! + score;
        };
        title.score(word.text, TITLE_BOOST, note);
        body.score(word.text, 1, note);
        // The bigram field finds the word where jieba cut the article another way.
        const extra =
          word.kind === 'han' && word.text.length >= 2
            ? verify(word.text, grams.candidates(word.text), (n) => (masks[n]! & bit) === 0)
            : [];
        counts[i] = df + extra.length;
        weights[i] = weightOf(counts[i], options.nearest);
        for (const n of extra) visit(n, bit, SUBSTRING_WEIGHT * weights[i]);
      });
      const plan = createPlan(words, counts, weights);
      if (!plan) return { hits: [], leading: [], matching: [], complete: 0 };

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

      // Runs: an article holding the whole stretch gets a bonus. Whether it does is told by the
      // bigram positions, for the articles whose answer can change what is shown (see
      // createRunBonus); the others count as holding it, which can only raise them.
      const runs = createRunBonus(query.runs, words, weights, masks, scores, pendingRuns, grams.candidates, (ns, text) => set.containing(ns, text));

      // Whether an article passes at all must not depend on a run it may not hold: those are told now.
      runs.resolve(runs.pending().filter((n) => plan.finalScore(masks[n]!, scores[n]!) === null && plan.finalScore(...runs.optimistic(n)) !== null));
      const keep = inSpan(options);
      let passing: number[] = [];
      for (const n of touched) {
        if (!keep(n)) continue;
        if (plan.finalScore(masks[n]!, scores[n]!) === null) continue;
        passing.push(n);
      }
      if (query.phrases.length > 0) {
        passing.sort((a, b) => a - b);
        for (const phrase of query.phrases) passing = set.containing(passing, phrase);
      }
      const allWords = words.length >= 32 ? 0xffffffff : (1 << words.length) - 1;
      const holdsAll = (mask: number) => (mask & allWords) >>> 0 === allWords >>> 0;
      let complete = 0;
      for (const n of passing) if (holdsAll(runs.isPending(n) ? runs.optimistic(n)[0] : masks[n]!)) complete++;
      // The best, counting unresolved runs as held; resolve those among them, until the best are all resolved.
      const offer = (list: ReturnType<typeof createTopList>, n: number) => {
        const [mask, score] = runs.isPending(n) ? runs.optimistic(n) : [masks[n]!, scores[n]!];
        list.offer(n, plan.finalScore(mask, score)!, holdsAll(mask));
      };
      for (;;) {
        const best = createTopList(top, options.newest ? days() : null);
        for (const n of passing) offer(best, n);
        const unresolved = best.entries().map((entry) => entry.n).filter(runs.isPending);
        if (unresolved.length === 0) return { hits: best.sorted(), leading: best.entries(), matching: passing, complete };
        runs.resolve(unresolved);
      }
    } finally {
      for (const n of touched) {
        scores[n] = 0;
        masks[n] = 0;
        pendingRuns[n] = 0;
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
    refresh();
    const keep = inSpan(options);
    const best = createTopList(top, days());
    let total = 0;
    for (let n = 0; n < set.docs; n++) {
      if (!keep(n)) continue;
      total++;
      best.offer(n, 0, true);
    }
    return { total, hits: best.sorted() };
  };

  /**
   * Related articles: the article's RELATED_TERMS rarest words (by idf, held by
   * at least one other article and by at most RELATED_MAX_DF_SHARE of all),
   * then the articles holding RELATED_MIN_SHARED of them or more: most shared
   * first, the most recent first among equals, then by summed idf.
   */
  const related = (n: number): { n: number; count: number; score: number }[] => {
    refresh();
    const text = set.folded(n);
    const maxDf = Math.max(2, Math.floor(set.docs * RELATED_MAX_DF_SHARE));
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
    return [...shared].filter(([, entry]) => entry.count >= RELATED_MIN_SHARED).map(([doc, entry]) => ({ n: doc, ...entry }));
  };

  return {
    run,
    list,
    related,
    parse: (query) => parseQuery(query, tokenizer),
    accepts(article, query) {
      refresh();
      const words = query.words.slice(0, MAX_WORDS);
      if (words.length === 0) return false;
      // Weights come from the whole index, as in `run`.
      const counts = words.map(documentFrequency);
      const plan = createPlan(words, counts, counts.map((count) => weightOf(count)));
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
  /** The factor an article's score is multiplied by, or null when it does not pass. */
  const factor = (mask: number): number | null => {
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
    return !passes || total <= 0 ? null : (covered / total) ** 2;
  };
  // It depends on the mask alone, and tens of thousands of articles share a few masks: a
  // direct-mapped memo (a slot per low 12 bits; a longer query's masks may share one and recompute).
  const slots = 4096;
  const keys = new Uint32Array(slots);
  const known = new Uint8Array(slots);
  /** NaN: the mask does not pass. */
  const values = new Float64Array(slots);
  return {
    finalScore(mask, score) {
      const slot = mask & (slots - 1);
      if (known[slot] === 0 || keys[slot] !== mask >>> 0) {
        keys[slot] = mask >>> 0;
        known[slot] = 1;
        values[slot] = factor(mask) ?? NaN;
      }
      const value = values[slot]!;
      return Number.isNaN(value) ? null : score * value;
    },
  };
}

/**
 * Keeps the `size` best of many offers, without sorting them all: articles
 * holding every word first, then by score, then in corpus order. With `days`,
 * newest edition first, then the same (and then the near-ties of score are
 * not regrouped: the day decides first).
 */
function createTopList(size: number, days: Int32Array | null = null) {
  // A few more than asked, so that a tie across the cut is settled with all its members.
  const room = size > 0 ? size + 8 : 0;
  const byScore = (a: Scored, b: Scored) =>
    (a.complete && !b.complete) || (a.complete === b.complete && (a.score > b.score || (a.score === b.score && a.n < b.n)));
  const better = days
    ? (a: Scored, b: Scored) => days[a.n]! > days[b.n]! || (days[a.n] === days[b.n] && byScore(a, b))
    : byScore;
  // A heap with the worst kept entry on top: O(log room) per offer. (Insertion into a sorted
  // list was quadratic when a query with synonyms keeps 2,000: 60% of its time at 100,000 articles.)
  const heap: Scored[] = [];
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j]!, heap[i]!]);
  const down = (i: number) => {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < heap.length && better(heap[worst]!, heap[left]!)) worst = left;
      if (right < heap.length && better(heap[worst]!, heap[right]!)) worst = right;
      if (worst === i) return;
      swap(i, worst);
      i = worst;
    }
  };
  let kept: Scored[] | null = null;
  /** Everything kept (a few more than `size`), best first. */
  const entries = (): readonly Scored[] => (kept ??= [...heap].sort((a, b) => (better(a, b) ? -1 : 1)));
  return {
    offer(n: number, score: number, complete: boolean) {
      if (room === 0) return;
      if (heap.length === room) {
        const worst = heap[0]!;
        // Most offers of a long list lose to the worst kept: told without making an entry.
        const loses = (worst.complete && !complete) || (worst.complete === complete && (score < worst.score || (score === worst.score && n > worst.n)));
        if (!days && loses) return;
        const entry = { n, score, complete };
        if (!better(entry, worst)) return;
        heap[0] = entry;
        down(0);
      } else {
        const entry = { n, score, complete };
        heap.push(entry);
        for (let i = heap.length - 1; i > 0 && better(heap[(i - 1) >> 1]!, heap[i]!); i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
      }
      kept = null;
    },
    entries,
    sorted(): Scored[] {
      const best = entries();
      if (days) return best.slice(0, size);
      const settled: Scored[] = [];
      for (let i = 0; i < best.length; ) {
        let j = i + 1;
        while (j < best.length && best[j]!.complete === best[i]!.complete && best[j]!.score >= best[i]!.score * (1 - TIE)) j++;
        settled.push(...best.slice(i, j).sort((a, b) => a.n - b.n));
        i = j;
      }
      return settled.slice(0, size);
    },
  };
}

/**
 * The run bonus of one query, settled lazily. For each run (a stretch typed
 * in one piece), the articles already found that hold all its bigrams may
 * hold it; `optimistic(n)` is article n's mask and score if it holds every
 * run not settled yet, `resolve` asks which runs some articles really hold
 * (the bigram positions tell) and applies those, in query order, as if they
 * had been applied first. A common stretch has tens of thousands of such
 * articles in a large archive: only those that may be shown are asked about.
 */
function createRunBonus(
  queryRuns: readonly string[],
  words: readonly QueryWord[],
  weights: readonly number[],
  masks: Uint32Array,
  scores: Float64Array,
  pendingRuns: Uint32Array,
  candidates: (text: string) => Uint32Array,
  holding: (ns: number[], text: string) => number[],
) {
  // A bit per run in pendingRuns: a query with more than 32 (a pasted paragraph) loses the bonus of the rest.
  const runs = queryRuns.slice(0, 32);
  const inRun = runs.map((text) => words.map((word, i) => (text.includes(word.text) ? i : -1)).filter((i) => i >= 0));
  /** Articles with runs pending (pendingRuns[n]: the runs it may hold and was not asked about, a bit each). */
  const pending: number[] = [];
  const apply = (n: number, mask: number, score: number, run: number): [number, number] => {
    for (const i of inRun[run]!) {
      // 券 alone is not a jieba word in 消费券, but the stretch 消费券 was found whole.
      let add = RUN_WEIGHT * weights[i]!;
      if ((mask & (1 << i)) === 0) add += SUBSTRING_WEIGHT * weights[i]!;
      mask |= 1 << i;
      score += add;
    }
    return [mask, score];
  };
  runs.forEach((text, run) => {
    for (const n of candidates(text)) {
      if (masks[n] === 0) continue;
      // Two characters are one bigram: its list is the answer, nothing to ask.
      if (text.length === 2) [masks[n], scores[n]] = apply(n, masks[n]!, scores[n]!, run);
      else {
        if (pendingRuns[n] === 0) pending.push(n);
        pendingRuns[n] = pendingRuns[n]! | (1 << run);
      }
    }
  });
  const isPending = (n: number) => pendingRuns[n] !== 0;
  return {
    pending: () => pending.filter(isPending),
    isPending,
    optimistic(n: number): [number, number] {
      let state: [number, number] = [masks[n]!, scores[n]!];
      runs.forEach((_text, run) => {
        if ((pendingRuns[n]! & (1 << run)) !== 0) state = apply(n, state[0], state[1], run);
      });
      return state;
    },
    resolve(ns: readonly number[]) {
      const sorted = ns.filter(isPending).sort((a, b) => a - b);
      const held = runs.map((text, run) => {
        const asked = sorted.filter((n) => (pendingRuns[n]! & (1 << run)) !== 0);
        return new Set(asked.length === 0 ? [] : holding(asked, text));
      });
      for (const n of sorted) {
        runs.forEach((_text, run) => {
          if ((pendingRuns[n]! & (1 << run)) !== 0 && held[run]!.has(n)) [masks[n], scores[n]] = apply(n, masks[n]!, scores[n]!, run);
        });
        pendingRuns[n] = 0;
      }
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
