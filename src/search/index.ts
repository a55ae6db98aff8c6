import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.js';
import type { Article, Hit, SearchOptions, SearchResult, SearchService } from '../types.js';
import { dayNumber, foldArticle } from './documents.js';
import { createEditionDays, type EditionDays } from './editionDays.js';
import { topRelated } from './relatedTop.js';
import { createEngine, type Engine, type RunOptions, type Scored } from './engine.js';
import { openShelf, workerUrl } from './indexDir.js';
import type { ParsedQuery, QueryWord } from './query.js';
import { highlightTerms } from './highlight.js';
import { createListCache } from './segment.js';
import type { IndexSource, StoredArticle } from './indexSource.js';
import { openSegmentList, type SegmentList } from './segmentList.js';
import { buildSnippet, findMatches } from './snippet.js';
import { readSynonyms, type Synonyms } from './synonyms.js';
import { isQuestionWord } from './stopWords.js';
import { frameQuery } from './framing.js';
import { namesYearlessMonth, splitTimeSpan } from './timeSpan.js';
import { type PaperCounts, readVocabulary, type Vocabulary } from './vocabulary.js';
import { createTokenizer, type TaggedWord, type Token, type Tokenizer } from './tokenize.js';
import { resolveTuning, type SearchTuning, type SearchTuningOptions } from './tuning.js';

export { buildSnippet } from './snippet.js';
export { createTokenizer, type TaggedWord, type Token, type Tokenizer } from './tokenize.js';
export { parseQuery } from './query.js';
export { findTime, namedDay, namedSpan, namesNewest, smallNumber, splitTimeSpan, type TimeWords } from './timeSpan.js';
export { frameQuery, namesNews } from './framing.js';
export { NO_SYNONYMS, parseSynonyms, readSynonyms, type Synonyms } from './synonyms.js';
export { NO_VOCABULARY, parseVocabulary, type Vocabulary } from './vocabulary.js';
export type { IndexSource } from './indexSource.js';
export { tailToMerge } from './segmentList.js';
export type { SearchTuningOptions } from './tuning.js';

/** The search the bot, push and the CLI use. */
export interface NewsSearch extends SearchService {
  /**
   * Indexes what the store holds beyond the index (a page ingested here or
   * by another process), at most `limit` articles (default all); resolves
   * with how many once they are searchable. Every search does this first,
   * for up to `tuning.searchCatchUp` articles; a serving index
   * (`backgroundBuild`) right after the search, and here in turns of the
   * event loop (no reply waits for it; a backlog goes to the background
   * build). `datesChanged`: stored articles were given editions (an ingest
   * dated older pages), so their edition days are read from the store again.
   */
  refresh(limit?: number, changes?: { readonly datesChanged?: boolean }): Promise<number>;
  /** Number of indexed articles. */
  readonly size: number;
  /**
   * Where `query`'s words occur in the article's title and body, as the snippets
   * highlight them: non-overlapping `[start, end)` ranges of string indices, in order.
   * The reader's own words; another name of theirs (synonyms.ts) only when the article
   * has none of them. The reader app marks a whole article with them.
   */
  marks(article: Article, query: string): ArticleMarks;
  /** Always present on the index (optional only on the bot's narrower SearchService). */
  related(articleId: string, limit: number): Hit[];
  /** The tokenizer's and the synonym list's text tools, for answering questions (answer/). */
  readonly textTools: TextTools;
  close(): void;
}

/** A stretch of a string, `[start, end)` in string indices. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** Where a query's words stand in an article. */
export interface ArticleMarks {
  readonly title: readonly TextRange[];
  readonly body: readonly TextRange[];
}

/** Text tools for answering (structurally the answer module's TextTools; search imports no other folder). */
export interface TextTools {
  words(text: string): string[];
  tag(text: string): TaggedWord[];
  fold(text: string): string;
  alternatives(term: string): string[];
  findTerms(text: string): string[];
}

export interface OpenSearchOptions {
  readonly source: IndexSource;
  /** Directory of the index's segment files (DATA_DIR/search-index); null keeps the index in memory only. */
  readonly dir: string | null;
  readonly logger: Logger;
  /** Default: a tokenizer with the project's user dictionary. */
  readonly tokenizer?: Tokenizer;
  /** Ranking, building and caching values (tuning.ts); what is left out keeps its default. */
  readonly tuning?: SearchTuningOptions;
  /** Other names searched with a query's words. Default: src/search/synonyms.txt. */
  readonly synonyms?: Synonyms;
  /** Readers' words and the paper's, for a search word no article holds. Default: src/search/vocabulary.txt. */
  readonly vocabulary?: Vocabulary;
  /** Merge segments in a worker thread (a serving bot) instead of on this thread (a CLI run). Default false. */
  readonly mergeOffThread?: boolean;
  /**
   * Index a backlog larger than one search's catch-up (a first start on an
   * imported archive, a large import) in a worker thread while answering: a
   * serving bot. Searches meanwhile see the articles indexed so far, oldest
   * first. The worker tokenizes with the project's user dictionary. Default false.
   */
  readonly backgroundBuild?: boolean;
  /**
   * Told instead of rebuilding an index that does not match the store; what it throws ends the
   * open. A run beside the process that holds DATA_DIR (app.ts) must not replace the index that
   * process serves. Default: the index is rebuilt.
   */
  readonly onMismatch?: () => void;
}

/** The index file of earlier versions (one file, rewritten on each ingest): removed, replaced by segments. */
const LEGACY_FILE = 'search-index.bin';

/**
 * Opens the index in `dir` and brings it up to date with the store (see
 * segmentList.ts for what survives a crash or a damaged file), then answers
 * searches over it with the engine (engine.ts).
 */
export function openSearch(options: OpenSearchOptions): NewsSearch {
  const { source, logger } = options;
  const tuning = resolveTuning(options.tuning);
  const tokenizer = options.tokenizer ?? createTokenizer();
  const started = performance.now();
  if (options.dir) rmSync(path.join(path.dirname(options.dir), LEGACY_FILE), { force: true, recursive: true });
  const shelf = openShelf(options.dir, logger, createListCache(tuning.cacheBytes, tuning.cacheShare), { mergeOffThread: options.mergeOffThread ?? false });
  const days = createEditionDays(() => source.editionDays());
  const index = openSegmentList({
    source,
    shelf,
    tokenizer,
    tuning,
    logger,
    helperUrl: tuning.buildThreads > 1 ? workerUrl('prepareWorker') : undefined,
    onIndexed: days.append,
    onRebuilt: days.invalidate,
    onMismatch: options.onMismatch,
  });
  const background = options.backgroundBuild === true && startBackground(source, tuning, index);
  const added = background ? 0 : index.catchUp(Infinity);
  const how = background ? 'opened, building the rest in the background' : index.loaded === 0 ? 'built' : added > 0 ? 'loaded and updated' : 'loaded';
  logger.info({ articles: index.set.docs, added, ms: Math.round(performance.now() - started) }, `search index ${how}`);

  const engine = createEngine(
    tokenizer,
    {
      current: () => index.set,
      days: () => days.of(index.set),
      folded: (ns) => foldedTexts(source, tokenizer, ns.map((n) => index.set.id(n))),
    },
    tuning,
  );
  const synonyms = options.synonyms ?? readSynonyms();
  const vocabulary = options.vocabulary ?? readVocabulary();
  return createNewsSearch({ source, tokenizer, tuning, index, days, engine, synonyms, vocabulary, logger, background: options.backgroundBuild === true });
}

/** Starts a background build when the store holds more than one search's catch-up beyond the index; false when it does not. */
function startBackground(source: IndexSource, tuning: SearchTuning, index: SegmentList): boolean {
  if (source.lastSeq() - index.set.lastSeq <= tuning.searchCatchUp) return false;
  return index.buildInBackground(workerUrl('buildWorker'));
}

/** The folded texts of the stored articles `ids`, in that order ('' for one no longer stored). */
function foldedTexts(source: IndexSource, tokenizer: Tokenizer, ids: readonly string[]): string[] {
  const byId = new Map<string, Article>();
  // A few hundred at a time: one query of the store each, not one per article nor one of thousands.
  for (let at = 0; at < ids.length; at += 500) for (const article of source.articlesByIds(ids.slice(at, at + 500))) byId.set(article.id, article);
  return ids.map((id) => {
    const article = byId.get(id);
    return article ? foldArticle(tokenizer, article) : '';
  });
}

interface SearchParts {
  readonly source: IndexSource;
  readonly tokenizer: Tokenizer;
  readonly tuning: SearchTuning;
  readonly index: SegmentList;
  readonly days: EditionDays;
  readonly engine: Engine;
  readonly synonyms: Synonyms;
  readonly vocabulary: Vocabulary;
  readonly logger: Logger;
  /** Large backlogs are indexed in the background (OpenSearchOptions.backgroundBuild). */
  readonly background: boolean;
}

/** Paper words looked at in place of one reader's word no article holds (each a search of its own). */
const STAND_INS = 2;
/** Variants with readers' words swapped, at most. */
const MAX_READERS_VARIANTS = 4;

/** What the index prints: cheap checks of a Han word against the segments. */
function paperOf(index: SegmentList) {
  const set = index.set;
  /** Articles holding `word` as a jieba word, or (two characters) as a bigram: a cheap "does the paper print it". */
  const printed = (word: string) => set.count('body', word) + set.count('title', word) || (word.length === 2 ? set.count('grams', word) : 0);
  /** Does any article hold the Han word as written (a jieba word, or the text where jieba cut it another way)? */
  const held = (word: string) => printed(word) > 0 || (word.length > 2 && set.containing(set.candidates('grams', word), word, 1).length > 0);
  return { set, printed, held };
}

/**
 * The query with each Han word that no article holds swapped for paper words
 * that stand in for it (vocabulary.ts: 打车司机 → 网约车司机): the readers'
 * words the paper does not print. None when the paper prints every word.
 * A question's own words (多少, 哪里), which the query drops, are not
 * swapped: their stand-ins (若干, 三分 for 多少) would be searched for as
 * words the reader asked about, and marked in the snippets. (The
 * tokenizer's words have no function words already.)
 */
function readersVariants(parts: SearchParts, query: string): string[] {
  const { index, tokenizer, vocabulary } = parts;
  const { set, printed, held } = paperOf(index);
  const paper: PaperCounts = { word: printed, holds: held, char: (text) => set.candidates('chars', text).length, docs: set.docs };
  // Piece by piece, as the reader typed them: folding joins Han pieces (日服务 小组 → 日服务小组), and jieba
  // would cut a word out of two of them (服务小组) that the reader never typed.
  const pieces = query.split(/\s+/u).filter(Boolean).map(tokenizer.fold);
  const typed = pieces.join(' ');
  let variants = [pieces];
  const seen = new Set<string>();
  pieces.forEach((piece, p) => {
    for (const word of tokenizer.words(piece)) {
      if (seen.has(word) || !/^\p{Script=Han}{2,}$/u.test(word) || isQuestionWord(word) || held(word)) continue;
      seen.add(word);
      const standIns = vocabulary.standIns(word, paper, STAND_INS);
      if (standIns.length === 0) continue;
      const swapped = (variant: string[], other: string) => variant.map((text, i) => (i === p ? text.replace(word, other) : text));
      variants = variants.flatMap((variant) => standIns.map((other) => swapped(variant, other))).slice(0, MAX_READERS_VARIANTS);
    }
  });
  const texts = variants.map((variant) => variant.join(' '));
  return texts[0] === typed ? texts.slice(1) : texts;
}

/**
 * Characters that end a compound naming the place or body of what comes
 * before them (戒毒所, 垃圾站, 服务点, 图书馆): such a compound is about its
 * leading part. Any other compound is about its end (Chinese compounds put
 * the head last: 世界杯 is a cup, not the world).
 */
const PLACE_SUFFIX = /[所站点处馆院厂场室局店库房]$/u;

/**
 * For a nearest match: each Han word of three or more characters that no
 * article holds, in place of itself, by the part of it articles do hold:
 * its longest trailing part (进校园 → 校园), or, when it ends in a place's
 * suffix, its leading part (戒毒所 → 戒毒). jieba keeps a compound it knows
 * whole, so without a part it matches nothing. Null when no word was replaced.
 * A two-character word is not split: its characters say too little (股市 is no 股份).
 */
function withParts(index: SegmentList, parsed: ParsedQuery): ParsedQuery | null {
  const { held } = paperOf(index);
  const words = parsed.words.map((word): QueryWord => {
    if (word.kind !== 'han' || word.text.length < 3 || held(word.text)) return word;
    const chars = [...word.text];
    const trailing = chars.map((_c, i) => chars.slice(i).join('')).filter((part, i) => i > 0 && part.length >= 2);
    const leading = PLACE_SUFFIX.test(word.text) ? [chars.slice(0, -1).join('')] : [];
    const part = [...trailing, ...leading].find((candidate) => held(candidate));
    if (part === undefined || parsed.words.some((other) => other.text === part)) return word;
    return { text: part, kind: 'han', piece: word.piece, whole: false };
  });
  return words.some((word, i) => word !== parsed.words[i]) ? { ...parsed, words } : null;
}

/**
 * A reader's one-character word (卖 in 网上卖特产, 摘 in 摘草莓) that jieba cut
 * beside a word of two or more characters, and that no article prints as a
 * word of its own: the paper writes it only inside longer words (售卖, 采摘),
 * so as a word it matches nothing and the whole query lists nothing. Then
 * (byCharacters) it is looked for as a character, as a character typed
 * alone is (雪). Null when the query has no such character. A cut-out
 * character beside other lone characters stays a word: that is a fragment
 * jieba could not cut (设 in 设的宏), whose characters would match anything.
 */
function withCharacters(index: SegmentList, parsed: ParsedQuery, typed: ParsedQuery = parsed): ParsedQuery | null {
  const { printed } = paperOf(index);
  const lone = (word: QueryWord, query: ParsedQuery) =>
    word.kind === 'han' &&
    word.text.length === 1 &&
    !word.whole &&
    query.words.some((other) => other.piece === word.piece && other.kind === 'han' && other.text.length >= 2) &&
    printed(word.text) === 0;
  // Only characters the reader typed: a variant's stand-in may bring its own (的士司机: 士 would be found in 护士).
  const chars = new Set(typed.words.filter((word) => lone(word, typed)).map((word) => word.text));
  const wanted = (word: QueryWord) => chars.has(word.text) && lone(word, parsed);
  if (!parsed.words.some(wanted)) return null;
  return { ...parsed, words: parsed.words.map((word) => (wanted(word) ? { ...word, whole: true } : word)) };
}

/** A query variant parsed, with its listed names; `whole`: a readers' variant, counted only where it matches whole. */
interface Variant {
  readonly parsed: ParsedQuery;
  readonly names: readonly string[];
  readonly whole: boolean;
}

/**
 * Article id → the index's number for it, through its store position: a map
 * of every id, built again after each page ingested, took 682 ms and 62 MB
 * of heap at a million articles.
 */
function createNumbering(source: IndexSource, index: SegmentList): (id: string) => number | undefined {
  return (id) => {
    const seq = source.seqOf(id);
    return seq === undefined ? undefined : index.set.numberOf(seq);
  };
}

/** The NewsSearch over an opened index. */
function createNewsSearch(parts: SearchParts): NewsSearch {
  const { source, tokenizer, tuning, index, days, engine, synonyms } = parts;
  /** The query and its variants, parsed; with `readers` (searches, marks), then with readers' words swapped. Alerts keep to the reader's words. */
  const parseAll = (query: string, readers = false) => variantsOf(query, readers).map(({ parsed }) => parsed);
  /** Each variant parsed, with its listed names (市民热线). */
  const variantsOf = (query: string, readers = true): Variant[] => [
    ...synonyms.variants(query, tuning.synonymVariants).map((variant) => ({ parsed: engine.parse(variant), names: synonyms.find(tokenizer.fold(variant)), whole: false })),
    ...(readers ? readersVariants(parts, query).map((variant) => ({ parsed: engine.parse(variant), names: synonyms.find(variant), whole: true })) : []),
  ];
  const termsOf = (parsed: readonly ParsedQuery[]) => parsed.flatMap(highlightTerms);
  const numberOf = createNumbering(source, index);
  const related = createRelated(parts, numberOf);
  /** Indexes up to `limit` stored articles beyond the index; a serving index hands more than one search's catch-up to the background build. */
  const takeIn = (limit: number): number => (parts.background && startBackground(source, tuning, index) ? 0 : index.guarded(() => index.catchUp(limit)));
  /** A serving index's catch-up: in turns, again while articles stored meanwhile are left (a catch-up under way may have started before them). */
  const takeInTurns = async (limit: number): Promise<number> => {
    let taken = 0;
    while (source.lastSeq() > index.set.lastSeq && !startBackground(source, tuning, index)) {
      const added = await index.catchUpInTurns(limit);
      // None: closed, a build under way, or taken in by another catch-up.
      if (added === 0) break;
      taken += added;
    }
    return taken;
  };
  /**
   * A serving index takes in what another process stored (`newsbot ingest`
   * beside the bot) after the search that noticed it, without holding the
   * replies meanwhile: indexing a page on this thread in one go (jieba, a
   * segment file synced, the set of segments) held a reply 100-150 ms at a
   * million articles. That search answers from the index as it was; a
   * search a moment later has the page. More than one search's catch-up (an
   * archive imported beside the bot) goes to the background build.
   */
  const catchUpAfter = () => {
    takeInTurns(tuning.searchCatchUp).catch((error: unknown) => {
      parts.logger.warn({ err: error }, 'search index: cannot take in the new articles now; the next search tries again');
    });
  };
  return {
    get size() {
      return index.set.docs;
    },
    textTools: {
      words: tokenizer.words,
      tag: tokenizer.tag,
      fold: tokenizer.fold,
      alternatives: synonyms.alternatives,
      findTerms: synonyms.find,
    },
    async refresh(limit = Infinity, { datesChanged = false } = {}) {
      if (datesChanged) days.invalidate();
      return parts.background ? takeInTurns(limit) : takeIn(limit);
    },
    search(query, options: SearchOptions = {}): Promise<SearchResult> {
      if (source.lastSeq() > index.set.lastSeq) {
        if (parts.background) catchUpAfter();
        else takeIn(tuning.searchCatchUp);
      }
      return Promise.resolve(searchOnce(parts, variantsOf, termsOf, numberOf, query, options));
    },
    related: (articleId, limit) => index.guarded(() => related(articleId, limit)),
    matches: (article, keyword) => index.guarded(() => parseAll(keyword).some((query) => engine.accepts(article, query))),
    snippet: (article, query) => buildSnippet(article.body, termsOf(parseAll(query, true)), tokenizer.folder),
    marks: (article, query) =>
      index.guarded(() => {
        // Framing words (最近, 新闻) were not searched for: not marked either.
        const words = frameQuery(query, tokenizer.fold, tokenizer.tag).text;
        if (words === '') return { title: [], body: [] };
        const [own, ...others] = parseAll(words, true);
        const marksOf = (terms: readonly Token[]) => {
          const ranges = (text: string) => findMatches(text, terms, tokenizer.folder).map(({ start, end }) => ({ start, end }));
          return { title: ranges(article.title), body: ranges(article.body) };
        };
        const mine = marksOf(own ? termsOf([own]) : []);
        if (mine.title.length + mine.body.length > 0 || others.length === 0) return mine;
        // Found only under another name (市民热线 for 12345政务服务便民热线): that name is marked.
        return marksOf(termsOf(others.filter((variant) => engine.accepts(article, variant))));
      }),
    close() {
      index.close();
    },
  };
}

/** One search: the query's time span split off, its variants run, the page of hits read from the store. */
function searchOnce(
  parts: SearchParts,
  variantsOf: (query: string) => Variant[],
  termsOf: (parsed: readonly ParsedQuery[]) => ReturnType<typeof highlightTerms>,
  numberOf: (id: string) => number | undefined,
  query: string,
  options: SearchOptions,
): SearchResult {
  const { index } = parts;
  const limit = Math.max(0, options.limit ?? 10);
  const offset = Math.max(0, options.offset ?? 0);
  // 最近, 新闻 and the like say how to list, not what to find (framing.ts).
  const framed = frameQuery(query, parts.tokenizer.fold, parts.tokenizer.tag);
  // A day or month typed without its year (10月16日) is the latest such one the paper has editions of:
  // the days are read only for such words (三个月 and 2025年10月 name none).
  const known = options.today && namesYearlessMonth(framed.text) ? parts.days.known(index.set) : undefined;
  const split = options.today ? splitTimeSpan(framed.text, options.today, known) : { text: framed.text, span: null };
  const span = intersect(options.since, options.until, split.span);
  // No words: a time alone, words asking for the latest, or an empty query asked newest first (inline mode's @bot alone).
  const timeOnly = split.text === '' && (span !== null || framed.newest || options.sort === 'newest');
  const sort = options.sort ?? (timeOnly || framed.newest ? 'newest' : 'relevance');
  const run: RunOptions = {
    ...(span?.since ? { since: dayNumber(span.since) } : {}),
    ...(span?.until ? { until: dayNumber(span.until) } : {}),
    newest: sort === 'newest',
    nearest: options.nearest ?? false,
  };
  const found = index.guarded(() => {
    // Articles put first (the report an answer was read from): asked for beyond the page, as they may be among the hits.
    const first = [...new Set((options.first ?? []).map(numberOf).filter((n): n is number => n !== undefined))];
    const top = offset + limit + first.length;
    const listed = timeOnly ? listSpan(parts, top, run) : nearestWhenNone(parts, variantsOf(split.text), top, run);
    return { ...listed, ...putFirst(listed, first) };
  });
  const { total, hits, matched, complete } = found;
  const results = readHits(parts, hits.slice(offset, offset + limit), termsOf(matched));
  return { query, words: split.text.trim(), total, results, span, sort, nearest: found.matchedTotal > 0 && !complete };
}

/**
 * Runs the variants, looking for the held parts of compounds no article holds
 * (withParts) where that helps: a question (`nearest` asked for) at once, as
 * its nearest match; a plain search only when it finds nothing, and then with
 * its usual rules (then, failing that, with its lone characters looked for
 * inside words: byCharacters), so that a query no article matches still lists nothing
 * (DESIGN: never "results" that do not hold the words). A list found through
 * a part says it is the nearest match (`complete` false): no article holds
 * the word asked for.
 */
function nearestWhenNone(parts: SearchParts, variants: readonly Variant[], top: number, run: RunOptions): Listed {
  const byParts = (): Listed | null => {
    const split = variants.map((variant) => withParts(parts.index, variant.parsed));
    if (split.every((parsed) => parsed === null)) return null;
    const listed = runVariants(parts, variants.map((variant, i) => ({ ...variant, parsed: split[i] ?? variant.parsed })), top, run);
    return { ...listed, complete: false };
  };
  if (run.nearest) return byParts() ?? runVariants(parts, variants, top, run);
  const listed = runVariants(parts, variants, top, run);
  if (listed.total > 0) return listed;
  for (const found of [byParts(), byCharacters(parts, variants, top, run)]) if (found && found.total > 0) return found;
  return listed;
}

/**
 * The query and its variants (网上 → 线上) with the reader's lone characters
 * looked for inside words (withCharacters), for a plain search that found
 * nothing: what the reader typed is held, only jieba cut it otherwise. Not
 * for a question: its nearest match lists the articles holding the rest,
 * and 排 of 排第二 is no 排查.
 */
function byCharacters(parts: SearchParts, variants: readonly Variant[], top: number, run: RunOptions): Listed | null {
  const typed = variants[0]?.parsed;
  const split = variants.flatMap((variant) => {
    const parsed = typed && withCharacters(parts.index, variant.parsed, typed);
    return parsed ? [{ ...variant, parsed }] : [];
  });
  return split.length > 0 ? runVariants(parts, split, top, run) : null;
}

/** What a query lists: its best hits, how many match, which variants matched, whether one holds every word, and which articles match. */
interface Listed {
  readonly total: number;
  readonly hits: readonly Scored[];
  readonly matched: ParsedQuery[];
  readonly complete: boolean;
  holds(n: number): boolean;
}

/** Every article of the span's editions (a query of a time alone), newest first. */
function listSpan(parts: SearchParts, top: number, run: RunOptions): Listed {
  const { total, hits } = parts.engine.list(top, run);
  const day = parts.days.of(parts.index.set);
  const holds = (n: number) => day[n]! >= Math.max(run.since ?? 1, 1) && day[n]! <= (run.until ?? Number.MAX_SAFE_INTEGER);
  return { total, hits, matched: [], complete: true, holds };
}

/**
 * The hits with the articles `first` ahead of them, in that order (each once), and
 * the total counting those the query does not match too; `matchedTotal` is the query's own.
 */
function putFirst(listed: Listed, first: readonly number[]): { total: number; hits: Scored[]; matchedTotal: number } {
  if (first.length === 0) return { total: listed.total, hits: [...listed.hits], matchedTotal: listed.total };
  const pinned = new Set(first);
  const hits = [...first.map((n): Scored => ({ n, score: 0, complete: true })), ...listed.hits.filter((hit) => !pinned.has(hit.n))];
  return { total: listed.total + first.filter((n) => !listed.holds(n)).length, hits, matchedTotal: listed.total };
}

/**
 * Runs the query and its variants. Articles holding every word as typed come
 * first, then those holding every word of a variant with another name (a
 * synonym must never move an exact match down), then those holding only some
 * (best score over the variants). Each variant's own best `top` are enough:
 * an article among the best `top` overall is among the best `top` of the
 * variant giving its best rank (whatever outranks it there outranks it
 * overall too), in exact order (`leading`). `total` counts each matching
 * article once; `complete` says whether any holds every word of a variant.
 * A `whole` variant (readers' words swapped for the paper's) adds only
 * articles holding all its words: a stand-in is too far from what was asked
 * for its partial matches to stand for it.
 */
function runVariants(
  parts: SearchParts,
  variants: readonly Variant[],
  top: number,
  run: RunOptions,
): Listed {
  const { engine, days, index } = parts;
  if (variants.length === 1) {
    const { hits, matching, complete } = engine.run(variants[0]!.parsed, top, run);
    return { total: matching.length, hits, matched: [variants[0]!.parsed], complete: complete > 0, holds: (n) => holdsNumber(matching, n) };
  }
  /** Per article: its tier (0 exact, 1 synonym, 2 some words) and its best score in that tier. */
  const best = new Map<number, { tier: number; score: number }>();
  // The matching articles, a byte each: a variant can add tens of thousands (a Set of them cost more than the match).
  const matching = new Uint8Array(index.set.docs);
  let matchingCount = 0;
  const matched: ParsedQuery[] = [];
  let complete = false;
  /** Articles a whole-only variant holds beyond those counted: the complete ones past its leading hits are not told apart. */
  let beyond = 0;
  variants.forEach(({ parsed, names, whole }, variant) => {
    // A readers' variant counts only its articles holding every word: those alone are ranked.
    const ranked = engine.run(parsed, top, whole ? { ...run, wholeOnly: true } : run);
    if (ranked.matching.length === 0 || (whole && ranked.complete === 0)) return;
    matched.push(parsed);
    if (ranked.complete > 0) complete = true;
    if (whole) beyond += Math.max(0, ranked.complete - ranked.leading.filter((hit) => hit.complete).length);
    else matchingCount += markAll(matching, ranked.matching);
    for (const hit of ranked.leading) {
      // A listed name (市民热线) is held only whole, not as 市民 here and 热线 there.
      const holdsNames = names.every((name) => engine.containing([hit.n], name).length === 1);
      if (whole && !(hit.complete && holdsNames)) continue;
      if (whole) matchingCount += markAll(matching, [hit.n]);
      const tier = hit.complete && holdsNames ? (variant === 0 ? 0 : 1) : 2;
      const known = best.get(hit.n);
      if (!known || tier < known.tier || (tier === known.tier && hit.score > known.score)) best.set(hit.n, { tier, score: hit.score });
    }
  });
  // Edition days only order a newest-first list: a search by relevance never reads them from the store.
  const day = run.newest ? days.of(index.set) : null;
  const hits = [...best]
    .map(([n, { tier, score }]) => ({ n, tier, score }))
    .sort((a, b) => (day ? day[b.n]! - day[a.n]! : 0) || a.tier - b.tier || b.score - a.score || a.n - b.n)
    .map(({ n, tier, score }): Scored => ({ n, score, complete: tier < 2 }));
  return { total: matchingCount + beyond, hits: hits.slice(0, top), matched, complete, holds: (n) => matching[n] === 1 };
}

/**
 * Marks the articles `ns` in `marks` (a byte per article); returns how many were not marked yet.
 * A small function of its own: a process's first queries run it on tens of thousands of
 * articles, and a small function is optimized sooner than the loop inside runVariants was.
 */
function markAll(marks: Uint8Array, ns: ArrayLike<number>): number {
  let added = 0;
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- an indexed loop: for…of's iterator costs most before the JIT optimizes the code
  for (let i = 0; i < ns.length; i++) {
    const n = ns[i]!;
    if (marks[n] === 0) {
      marks[n] = 1;
      added++;
    }
  }
  return added;
}

/** Is `n` among the ascending numbers `ns`? (binary search) */
function holdsNumber(ns: ArrayLike<number>, n: number): boolean {
  let low = 0;
  let high = ns.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const value = ns[mid]!;
    if (value === n) return true;
    if (value < n) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

/** The shown hits with their articles from the store (one no longer stored is left out). */
function readHits(parts: SearchParts, hits: readonly Scored[], terms: ReturnType<typeof highlightTerms>): Hit[] {
  const { source, index, tokenizer } = parts;
  const shown = hits.map(({ n, score }) => ({ id: index.set.id(n), score }));
  const byId = new Map(source.articlesByIds(shown.map((hit) => hit.id)).map((article) => [article.id, article]));
  const results: Hit[] = [];
  for (const { id, score } of shown) {
    const article = byId.get(id);
    if (!article) continue;
    results.push({
      id,
      title: article.title,
      date: article.date,
      source: article.source,
      edition: article.edition,
      // A time alone highlights nothing: the list shows each article's opening.
      snippet: buildSnippet(article.body, terms, tokenizer.folder),
      score: Math.round(score * 1000) / 1000,
    });
  }
  return results;
}

/**
 * Related articles of a stored one: most shared words first, the most recent
 * first among equals, then by summed idf (engine.related finds them from the
 * index; topRelated reads from the store only those that can be shown).
 */
function createRelated(parts: SearchParts, numberOf: (id: string) => number | undefined) {
  const { source, tokenizer, index, engine } = parts;
  return (articleId: string, limit: number): Hit[] => {
    const n = numberOf(articleId);
    const article = n === undefined ? undefined : source.articlesByIds([articleId])[0];
    if (n === undefined || !article) return [];
    /** The stored articles of these numbers, by number (one no longer stored is absent). */
    const read = (ns: readonly number[]) => {
      const byId = new Map(source.articlesByIds(ns.map((doc) => index.set.id(doc))).map((stored) => [stored.id, stored]));
      return new Map(ns.flatMap((doc) => (byId.has(index.set.id(doc)) ? [[doc, byId.get(index.set.id(doc))!] as const] : [])));
    };
    return topRelated(engine.related(n, foldArticle(tokenizer, article)), limit, read).map(({ candidate, article: stored }) => {
      const score = Math.round(candidate.score * 1000) / 1000;
      return { id: stored.id, title: stored.title, date: stored.date, source: stored.source, edition: stored.edition, snippet: '', score };
    });
  };
}

/** The span both --since/--until and the query's trailing time allow, or null when none is set. */
function intersect(
  since: string | undefined,
  until: string | undefined,
  span: { since: string; until: string } | null,
): { since: string | null; until: string | null } | null {
  const low = [since, span?.since].filter((d): d is string => d !== undefined).sort().at(-1) ?? null;
  const high = [until, span?.until].filter((d): d is string => d !== undefined).sort().at(0) ?? null;
  return low === null && high === null ? null : { since: low, until: high };
}

/** An index source over a list of articles (a `--corpus` run, tests, the bench); `push` adds more later. */
export function sourceFromArticles(initial: readonly Article[]): IndexSource & { push(articles: readonly Article[]): void } {
  const stored: StoredArticle[] = [];
  const byId = new Map<string, StoredArticle>();
  const push = (articles: readonly Article[]) => {
    for (const article of articles) {
      if (byId.has(article.id)) continue;
      const entry = { seq: stored.length + 1, article };
      byId.set(article.id, entry);
      stored.push(entry);
    }
  };
  push(initial);
  return {
    push,
    // Positions are 1..n, so position p is at index p - 1.
    articlesAfter: (seq, limit) => stored.slice(seq, seq + limit),
    lastSeq: () => stored.length,
    countThrough: (seq) => Math.min(seq, stored.length),
    articlesByIds: (ids) => ids.flatMap((id) => byId.get(id)?.article ?? []),
    seqOf: (id) => byId.get(id)?.seq,
    editionDays() {
      const byDay = new Map<number, number[]>();
      for (const { seq, article } of stored) {
        const day = dayNumber(article.edition.date);
        if (day === 0) continue;
        const seqs = byDay.get(day);
        if (seqs) seqs.push(seq);
        else byDay.set(day, [seq]);
      }
      return [...byDay].map(([day, seqs]) => ({ day, seqs }));
    },
  };
}
