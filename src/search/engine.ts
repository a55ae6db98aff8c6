import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import type { Article } from '../types.js';
import { createGramIndex, type GramIndex, type SavedGrams } from './grams.js';
import { parseQuery, type ParsedQuery } from './query.js';
import type { Token, Tokenizer } from './tokenize.js';

/**
 * The search engine over a set of articles: MiniSearch (BM25) over jieba
 * words for ranking, the bigram field (grams.ts) for words jieba cut another
 * way and for quoted phrases. Pure in-memory; persistence is in index.ts.
 */

/** What MiniSearch indexes: the article's number and its text, already tokenized and joined by spaces. */
interface IndexedDoc {
  readonly n: number;
  readonly title: string;
  readonly body: string;
}

/** Title words weigh this much more than body words. */
const TITLE_BOOST = 2;

/**
 * The MiniSearch options, for building and for loading alike. Fields arrive
 * already tokenized by our tokenizer (jieba words never contain spaces), so
 * MiniSearch only splits on spaces and keeps terms as they are.
 */
export const MINISEARCH_OPTIONS: Options<IndexedDoc> = {
  idField: 'n',
  fields: ['title', 'body'],
  storeFields: [],
  tokenize: (text) => (text === '' ? [] : text.split(' ')),
  processTerm: (term) => term,
  searchOptions: { boost: { title: TITLE_BOOST }, prefix: false, fuzzy: false, },
};

/**
 * A word found only in the bigram field (as a substring, not as a jieba
 * word) scores this share of its idf: below one real occurrence (BM25 gives
 * about 1.5 × idf), so the articles jieba agrees with come first.
 */
const SUBSTRING_WEIGHT = 1;
/** A typed stretch (观影消费券) found whole adds this many times its words' idf. */
const RUN_WEIGHT = 2;
/**
 * "All terms preferred, fewer allowed": an article must hold at least this
 * share of the query's words, weighted by idf. A word found nowhere has the
 * highest idf, so "西宁 股市" finds nothing rather than every article on 西宁.
 */
const MIN_COVERAGE = 0.5;
/**
 * Scores closer than half a percent are a tie, kept in corpus order. Such
 * gaps come from a few tokens of length between near-identical items (two
 * daily hotline reports that both list 热点问题), and are noise, not relevance.
 */
function scoreBand(score: number): number {
  return score > 0 ? Math.floor(Math.log(score) / Math.log(1.005)) : -Infinity;
}

/** Folded article texts kept for substring checks; beyond this the cache starts over. */
const FOLDED_CACHE_SIZE = 20_000;

/** Marks the end of the title part in an article's folded text (not whitespace, not a word). */
const TITLE_END = '\u0001';

/** One scored article, best first when sorted. */
export interface Scored {
  readonly n: number;
  readonly score: number;
}

export interface SavedEngine {
  readonly ids: readonly string[];
  readonly minisearch: AsPlainObject;
  readonly grams: SavedGrams;
}

export interface Engine {
  readonly articles: readonly Article[];
  add(articles: readonly Article[]): number;
  /** All matching articles, best first. */
  run(query: ParsedQuery): Scored[];
  /** Does this article satisfy the query the way `run` would let it through? */
  accepts(article: Article, query: ParsedQuery): boolean;
  parse(query: string): ParsedQuery;
  save(): SavedEngine;
}

/** The text an article is searched by: headline furniture, then body and bylines. */
export function titleText(article: Article): string {
  return [article.kicker, article.title, article.subtitle].filter(Boolean).join('\n');
}

function bodyText(article: Article): string {
  return article.reporters.length > 0 ? `${article.body}\n${article.reporters.join(' ')}` : article.body;
}

/** Creates an engine over `articles`, or restores a saved one (whose ids must all be in `articles`). */
export function createEngine(tokenizer: Tokenizer, articles: readonly Article[], saved?: SavedEngine): Engine {
  const docs: Article[] = [];
  const numbers = new Map<string, number>();
  let minisearch: MiniSearch<IndexedDoc>;
  let grams: GramIndex;
  const foldedCache = new Map<number, string>();

  const foldArticle = (article: Article) =>
    tokenizer.fold(`${titleText(article)}${TITLE_END}${bodyText(article)}`);
  const folded = (n: number): string => {
    let text = foldedCache.get(n);
    if (text === undefined) {
      if (foldedCache.size >= FOLDED_CACHE_SIZE) foldedCache.clear();
      text = foldArticle(docs[n]!);
      foldedCache.set(n, text);
    }
    return text;
  };

  const add = (batch: readonly Article[]): number => {
    let added = 0;
    const indexed: IndexedDoc[] = [];
    for (const article of batch) {
      if (numbers.has(article.id)) continue;
      const n = docs.length;
      docs.push(article);
      numbers.set(article.id, n);
      const text = foldArticle(article);
      const split = text.indexOf(TITLE_END);
      const join = (part: string) => tokenizer.foldedTokens(part).map((token) => token.text).join(' ');
      indexed.push({ n, title: join(text.slice(0, split)), body: join(text.slice(split + 1)) });
      grams.add(n, tokenizer.grams(text));
      added++;
    }
    minisearch.addAll(indexed);
    return added;
  };

  if (saved) {
    const byId = new Map(articles.map((article) => [article.id, article]));
    for (const id of saved.ids) {
      const article = byId.get(id);
      if (!article) throw new Error(`saved index has article ${id}, which is no longer in the corpus`);
      numbers.set(id, docs.length);
      docs.push(article);
    }
    minisearch = MiniSearch.loadJS(saved.minisearch, MINISEARCH_OPTIONS);
    grams = createGramIndex(saved.grams);
    add(articles);
  } else {
    minisearch = new MiniSearch(MINISEARCH_OPTIONS);
    grams = createGramIndex();
    add(articles);
  }

  /** Articles holding the Han text `text` (2+ chars) as written; `within` narrows the check. */
  const holding = (text: string, within?: ReadonlySet<number>): Set<number> => {
    const found = new Set<number>();
    const exact = text.length === 2;
    for (const n of grams.candidates(text)) {
      if (within && !within.has(n)) continue;
      if (exact || folded(n).includes(text)) found.add(n);
    }
    return found;
  };

  const idf = (df: number) => Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));

  /** Score of each article for one word: BM25 where jieba found it, a flat share of idf where only the bigrams did. */
  const scoreWord = (word: Token): Map<number, number> => {
    const scores = new Map<number, number>();
    for (const hit of minisearch.search(word.text)) scores.set(hit.id as number, hit.score);
    if (word.kind === 'han' && word.text.length >= 2) {
      const extra = [...holding(word.text)].filter((n) => !scores.has(n));
      const weight = SUBSTRING_WEIGHT * idf(scores.size + extra.length);
      for (const n of extra) scores.set(n, weight);
    }
    return scores;
  };

  const run = (query: ParsedQuery): Scored[] => {
    if (query.words.length === 0) return [];
    const perWord = query.words.map(scoreWord);
    const judge = createJudge(query, perWord.map((scores) => scores.size), idf);
    if (!judge) return [];

    const candidates = new Set<number>();
    for (const scores of perWord) for (const n of scores.keys()) candidates.add(n);
    let pool: ReadonlySet<number> = candidates;
    for (const phrase of query.phrases) pool = holdingPhrase(phrase, pool);
    const runHolders = query.runs.map((text) => holding(text, pool));

    const results: Scored[] = [];
    for (const n of pool) {
      const score = judge(
        (i) => perWord[i]!.get(n),
        (r) => runHolders[r]!.has(n),
      );
      if (score !== null) results.push({ n, score });
    }
    return results.sort((a, b) => scoreBand(b.score) - scoreBand(a.score) || a.n - b.n);
  };

  /** Articles of `pool` whose folded text holds `phrase` as written. */
  const holdingPhrase = (phrase: string, pool: ReadonlySet<number>): Set<number> => {
    const found = new Set<number>();
    for (const n of pool) if (folded(n).includes(phrase)) found.add(n);
    return found;
  };

  return {
    articles: docs,
    add,
    run,
    parse: (query) => parseQuery(query, tokenizer),
    accepts(article, query) {
      if (query.words.length === 0) return false;
      // Weights come from the whole index, as in `run`.
      const judge = createJudge(query, query.words.map((word) => scoreWord(word).size), idf);
      if (!judge) return false;
      const text = foldArticle(article);
      if (!query.phrases.every((phrase) => text.includes(phrase))) return false;
      const tokens = new Set(tokenizer.foldedTokens(text).map((token) => token.text));
      const found = (i: number) => {
        const word = query.words[i]!;
        const inText = tokens.has(word.text) || (word.kind === 'han' && word.text.length >= 2 && text.includes(word.text));
        return inText ? 1 : undefined;
      };
      return judge(found, (r) => text.includes(query.runs[r]!)) !== null;
    },
    save: () => ({ ids: docs.map((article) => article.id), minisearch: minisearch.toJSON(), grams: grams.save() }),
  };
}

/** Scores one article from the words (`wordScore(i)`, undefined when absent) and runs it holds; null when it fails. */
type Judge = (wordScore: (i: number) => number | undefined, holdsRun: (r: number) => boolean) => number | null;

/**
 * How one article fares against a query, given which words it holds
 * (`wordScore(i)`, undefined when absent) and which runs it holds whole:
 * its score, or null when it is let through by no piece of the query.
 *
 * "All terms preferred, fewer allowed", per piece the reader typed (words
 * split by spaces or quotes): an article passes when it holds, for some
 * piece, at least MIN_COVERAGE of that piece's words weighted by idf, and
 * its score is multiplied by the square of its coverage of the whole query.
 * So "消费券 电影" lists articles with both first, then with either; but
 * 网络主播 does not list articles on 网络安全 (网络 alone is less than half
 * the weight). Returns null (no judge) when a piece matches no article at all:
 * "西宁 股市" says plainly that nothing mentions 股市.
 */
function createJudge(
  query: ParsedQuery,
  counts: readonly number[],
  idf: (count: number) => number,
): Judge | null {
  const weights = counts.map(idf);
  const pieces = new Map<number, number>();
  const found = new Set<number>();
  query.words.forEach((word, i) => {
    pieces.set(word.piece, (pieces.get(word.piece) ?? 0) + weights[i]!);
    if (counts[i]! > 0) found.add(word.piece);
  });
  if (found.size < pieces.size) return null;
  const total = weights.reduce((sum, w) => sum + w, 0);
  return (wordScore, holdsRun) => {
    let score = 0;
    let covered = 0;
    const coveredByPiece = new Map<number, number>();
    query.words.forEach((word, i) => {
      let value = wordScore(i);
      const inHeldRun = query.runs.filter((text, r) => text.includes(word.text) && holdsRun(r)).length;
      // 券 alone is not a jieba word in 消费券, but the stretch 消费券 was found whole.
      if (value === undefined && inHeldRun > 0) value = SUBSTRING_WEIGHT * weights[i]!;
      if (value === undefined) return;
      score += value + RUN_WEIGHT * weights[i]! * inHeldRun;
      covered += weights[i]!;
      coveredByPiece.set(word.piece, (coveredByPiece.get(word.piece) ?? 0) + weights[i]!);
    });
    const passes = [...coveredByPiece].some(([piece, weight]) => weight >= MIN_COVERAGE * pieces.get(piece)!);
    if (!passes) return null;
    const coverage = covered / total;
    return score * coverage * coverage;
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
    terms.push(word);
  }
  return terms;
}
