import { rmSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger.js';
import type { Article, Hit, SearchOptions, SearchResult, SearchService } from '../types.js';
import { createEngine, dayNumber, highlightTerms, prepareDoc, type RunOptions, type Scored } from './engine.js';
import { openShelf } from './indexDir.js';
import { createListCache, createSegmentBuilder, mergeSegments, SegmentDamagedError, type Segment } from './segment.js';
import { createSegmentSet, type SegmentSet } from './segmentSet.js';
import type { ParsedQuery } from './query.js';
import { buildSnippet, findMatches } from './snippet.js';
import { readSynonyms, type Synonyms } from './synonyms.js';
import { splitTimeSpan } from './timeSpan.js';
import { createTokenizer, type TaggedWord, type Token, type Tokenizer } from './tokenize.js';

export { buildSnippet } from './snippet.js';
export { createTokenizer, type TaggedWord, type Token, type Tokenizer } from './tokenize.js';
export { parseQuery } from './query.js';
export { findTime, splitTimeSpan, type TimeWords } from './timeSpan.js';
export { NO_SYNONYMS, parseSynonyms, readSynonyms, type Synonyms } from './synonyms.js';
;

/** A stored article and its position in the store (ascending in ingestion order). */
export interface StoredArticle {
  readonly seq: number;
  readonly article: Article;
}

/**
 * What the index is built from and kept in step with: the article store
 * (store/articles.ts gives one over SQLite), or a list of articles.
 */
export interface IndexSource {
  /** Stored articles after position `seq`, in store order, at most `limit`. */
  articlesAfter(seq: number, limit: number): readonly StoredArticle[];
  /** The position of the newest stored article (0 when there is none). */
  lastSeq(): number;
  /** How many stored articles are at or before position `seq`. */
  countThrough(seq: number): number;
  /** The stored articles with these ids, in any order (for the hits shown). */
  articlesByIds(ids: readonly string[]): readonly Article[];
  /** Each stored article's edition date (null: undated), by position: for date-limited and newest-first searches. */
  editionDates(): ReadonlyMap<number, string | null>;
}

/** The search the bot, push and the CLI use. */
export interface NewsSearch extends SearchService {
  /**
   * Indexes what the store holds beyond the index (a page ingested here or
   * by another process), at most `limit` articles (default all); returns how
   * many. Every search does this first, for up to SEARCH_CATCH_UP articles.
   * `datesChanged`: stored articles were given editions (an ingest dated older
   * pages), so their edition days are read from the store again.
   */
  refresh(limit?: number, changes?: { readonly datesChanged?: boolean }): number;
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
  /** Articles indexed in memory before they are written out as a segment. Default 5000. */
  readonly chunk?: number;
  /** Bytes of posting lists kept in memory once read (the rest is read from the files when needed). Default 192 MB. */
  readonly cacheBytes?: number;
  /** Other names searched with a query's words. Default: src/search/synonyms.txt. */
  readonly synonyms?: Synonyms;
  /** Merge segments in a worker thread (a serving bot) instead of on this thread (a CLI run). Default false. */
  readonly mergeOffThread?: boolean;
  /**
   * Told instead of rebuilding an index that does not match the store; what it throws ends the
   * open. A run beside the process that holds DATA_DIR (app.ts) must not replace the index that
   * process serves. Default: the index is rebuilt.
   */
  readonly onMismatch?: () => void;
}

/** Articles a search indexes before it answers, when the store has new ones: one ingest batch, not a backlog of years. */
const SEARCH_CATCH_UP = 500;
/** A segment is merged into the one before it once it holds at least this share of it: few segments, each article rewritten O(log n) times. */
const MERGE_RATIO = 4;

/**
 * How many of the newest segments (sizes in store order) to merge into one:
 * the last with the one before it while it holds at least 1/MERGE_RATIO of
 * it, and on while the merged run does the same with the next; 0 for none.
 * Done at once, the cascade rewrites each article once, not once per step.
 */
export function tailToMerge(sizes: readonly number[]): number {
  let count = 1;
  let run = sizes.at(-1) ?? 0;
  while (count < sizes.length && run * MERGE_RATIO >= sizes[sizes.length - 1 - count]!) {
    run += sizes[sizes.length - 1 - count]!;
    count++;
  }
  return count >= 2 ? count : 0;
}

/** The index file of earlier versions (one file, rewritten on each ingest): removed, replaced by segments. */
const LEGACY_FILE = 'search-index.bin';

/**
 * Opens the index in `dir` and brings it up to date with the store: a
 * segment that is damaged, or a crash between a store commit and the index
 * write, costs re-indexing only the articles concerned; an index that does
 * not match the store at all (a store rebuilt from the inbox) is rebuilt.
 */
export function openSearch(options: OpenSearchOptions): NewsSearch {
  const { source, logger } = options;
  const chunk = options.chunk ?? 5000;
  const tokenizer = options.tokenizer ?? createTokenizer();
  const started = performance.now();
  if (options.dir) rmSync(path.join(path.dirname(options.dir), LEGACY_FILE), { force: true, recursive: true });
  const shelf = openShelf(options.dir, logger, createListCache(options.cacheBytes ?? 192 * 1024 * 1024), {
    mergeOffThread: options.mergeOffThread ?? false,
  });

  let segments: Segment[] = shelf.load();
  let set: SegmentSet = createSegmentSet(segments);
  const loaded = set.docs;
  const matchesStore = () =>
    source.countThrough(set.lastSeq) === set.docs && source.articlesAfter(set.lastSeq - 1, 1)[0]?.article.id === set.id(set.docs - 1);
  if (set.docs > 0 && !matchesStore()) {
    try {
      options.onMismatch?.();
    } catch (error) {
      for (const segment of segments) segment.close();
      shelf.close();
      throw error;
    }
    logger.warn({ dir: shelf.dir }, 'search index does not match the stored articles: rebuilding it');
    shelf.drop(segments);
    segments = [];
    set = createSegmentSet(segments);
  }
  const replace = (next: Segment[]) => {
    segments = next;
    set = createSegmentSet(segments);
  };

  /** A merge running in a worker thread (at most one at a time). */
  let merging: Promise<void> | null = null;
  let closed = false;
  /** Merges the newest segments as the merge policy asks: off the event loop when the shelf can, else here. */
  const compact = () => {
    for (;;) {
      if (merging) return;
      const count = tailToMerge(segments.map((segment) => segment.docs));
      if (count < 2) return;
      const inputs = segments.slice(-count);
      const offThread = shelf.mergeOffThread(inputs);
      if (!offThread) {
        mergeTail(count);
        continue;
      }
      merging = offThread.then(
        (merged) => {
          merging = null;
          if (closed) return merged.close();
          swapIn(inputs, merged);
          compact();
        },
        (error: unknown) => {
          merging = null;
          if (closed) return;
          // The inputs still serve; the next catch-up tries again.
          logger.warn({ dir: shelf.dir }, `search index merge failed (${error instanceof Error ? error.message : String(error)})`);
        },
      );
      return;
    }
  };
  const mergeTail = (count: number) => {
    const inputs = segments.slice(-count);
    swapIn(inputs, shelf.put(inputs[0]!.firstSeq, inputs[inputs.length - 1]!.lastSeq, (sink) => mergeSegments(inputs, sink)));
  };
  /** Puts a merged segment in place of its inputs, if they are all still there (during an off-thread merge a damaged one may have been dropped). */
  const swapIn = (inputs: readonly Segment[], merged: Segment) => {
    const at = segments.indexOf(inputs[0]!);
    if (at < 0 || inputs.some((input, i) => segments[at + i] !== input)) {
      shelf.drop([merged]);
      return;
    }
    replace([...segments.slice(0, at), merged, ...segments.slice(at + inputs.length)]);
    shelf.drop(inputs);
  };

  /** Indexes up to `limit` stored articles beyond the index, a segment per chunk, then merges. */
  const catchUp = (limit: number): number => {
    let added = 0;
    let written = 0;
    while (added < limit) {
      const batch = source.articlesAfter(set.lastSeq, Math.min(chunk, limit - added));
      if (batch.length === 0) break;
      const builder = createSegmentBuilder();
      for (const { seq, article } of batch) builder.add(prepareDoc(tokenizer, article, seq));
      const segment = shelf.put(batch[0]!.seq, batch[batch.length - 1]!.seq, (sink) => builder.write(sink));
      replace([...segments, segment]);
      appendDays(batch.map(({ article }) => dayNumber(article.edition.date)));
      added += batch.length;
      written++;
    }
    // One merge of the chunks a long catch-up wrote (a build: before anyone is served), then the usual policy.
    if (written > 1 && !merging) mergeTail(written);
    if (written > 0) compact();
    return added;
  };

  /**
   * Edition days by article number. Read from the store in full when first asked and
   * after a `refresh` that says stored articles were dated; a catch-up appends the
   * days of the articles it indexed (reading 100,000 days again per page cost the
   * replies during an ingest), and merges keep article numbers, so the days stay valid.
   */
  let days = new Int32Array(0);
  let daysKnown = 0;
  let daysValid = false;
  const appendDays = (added: readonly number[]) => {
    if (!daysValid) return;
    if (daysKnown + added.length > days.length) {
      const grown = new Int32Array(Math.max(1024, 2 * (daysKnown + added.length)));
      grown.set(days.subarray(0, daysKnown));
      days = grown;
    }
    days.set(added, daysKnown);
    daysKnown += added.length;
  };
  const editionDays = (): Int32Array => {
    if (!daysValid || daysKnown !== set.docs) {
      const dates = source.editionDates();
      days = new Int32Array(set.docs);
      let n = 0;
      for (const segment of set.segments) for (const seq of segment.seqs) days[n++] = dayNumber(dates.get(seq) ?? null);
      daysKnown = set.docs;
      daysValid = true;
    }
    return days;
  };

  /** Runs `work`; a damaged segment found meanwhile is dropped (with what follows it), re-indexed from the store, and `work` runs again. */
  const guarded = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      if (!(error instanceof SegmentDamagedError)) throw error;
      const at = segments.findIndex((segment) => segment.name === error.segment);
      logger.warn({ dir: shelf.dir }, `${error.message}: its articles are indexed again from the store`);
      shelf.drop(segments.slice(Math.max(0, at)));
      replace(segments.slice(0, Math.max(0, at)));
      daysValid = false;
      catchUp(Infinity);
      return work();
    }
  };

  const added = catchUp(Infinity);
  const how = loaded === 0 ? 'built' : added > 0 ? 'loaded and updated' : 'loaded';
  logger.info({ articles: set.docs, added, ms: Math.round(performance.now() - started) }, `search index ${how}`);

  const engine = createEngine(tokenizer, () => set, editionDays);
  /** Article id → number, built when first asked (related articles) and again after the index changed. */
  let numbers: Map<string, number> | null = null;
  let numbersOf: SegmentSet | null = null;
  const numberOf = (id: string): number | undefined => {
    if (numbersOf !== set || !numbers) {
      numbers = new Map();
      let n = 0;
      for (const segment of set.segments) for (const segmentId of segment.ids) numbers.set(segmentId, n++);
      numbersOf = set;
    }
    return numbers.get(id);
  };
  const synonyms = options.synonyms ?? readSynonyms();
  /** The query and its variants with other names (synonyms.ts), parsed. */
  const parseAll = (query: string) => synonyms.variants(query).map((variant) => engine.parse(variant));
  /** Each variant's listed names (市民热线): an article holds such a name only whole, not as 市民 here and 热线 there. */
  const namesOf = (query: string) => synonyms.variants(query).map((variant) => synonyms.find(tokenizer.fold(variant)));
  const termsOf = (parsed: readonly ParsedQuery[]) => parsed.flatMap(highlightTerms);

  /**
   * Runs the query and its variants. Articles holding every word as typed come
   * first, then those holding every word of a variant with another name (a
   * synonym must never move an exact match down), then those holding only some
   * (best score over the variants). Each variant's own best `top` are enough:
   * an article among the best `top` overall is among the best `top` of the
   * variant giving its best rank (whatever outranks it there outranks it
   * overall too), in exact order (`leading`). `total` counts each matching
   * article once; `complete` says whether any holds every word of a variant.
   */
  const runAll = (
    parsed: readonly ParsedQuery[],
    names: readonly (readonly string[])[],
    top: number,
    run: RunOptions,
  ): { total: number; hits: Scored[]; matched: ParsedQuery[]; complete: boolean } => {
    if (parsed.length === 1) {
      const { hits, matching, complete } = engine.run(parsed[0]!, top, run);
      return { total: matching.length, hits, matched: [...parsed], complete: complete > 0 };
    }
    /** Does article n hold every listed name of the variant whole? */
    const holdsNames = (n: number, variant: number) => names[variant]!.every((name) => set.containing([n], name).length === 1);
    /** Per article: its tier (0 exact, 1 synonym, 2 some words) and its best score in that tier. */
    const best = new Map<number, { tier: number; score: number }>();
    const matching = new Set<number>();
    const matched: ParsedQuery[] = [];
    let complete = false;
    parsed.forEach((query, variant) => {
      const ranked = engine.run(query, top, run);
      if (ranked.matching.length === 0) return;
      matched.push(query);
      if (ranked.complete > 0) complete = true;
      for (const n of ranked.matching) matching.add(n);
      for (const hit of ranked.leading) {
        const tier = hit.complete && holdsNames(hit.n, variant) ? (variant === 0 ? 0 : 1) : 2;
        const known = best.get(hit.n);
        if (!known || tier < known.tier || (tier === known.tier && hit.score > known.score)) best.set(hit.n, { tier, score: hit.score });
      }
    });
    const day = editionDays();
    const hits = [...best]
      .map(([n, { tier, score }]) => ({ n, tier, score }))
      .sort((a, b) => (run.newest ? day[b.n]! - day[a.n]! : 0) || a.tier - b.tier || b.score - a.score || a.n - b.n)
      .map(({ n, tier, score }): Scored => ({ n, score, complete: tier < 2 }));
    return { total: matching.size, hits: hits.slice(0, top), matched, complete };
  };

  return {
    get size() {
      return set.docs;
    },
    textTools: {
      words: tokenizer.words,
      tag: tokenizer.tag,
      fold: tokenizer.fold,
      alternatives: synonyms.alternatives,
      findTerms: synonyms.find,
    },
    refresh(limit = Infinity, { datesChanged = false } = {}) {
      if (datesChanged) daysValid = false;
      return guarded(() => catchUp(limit));
    },
    search(query, options: SearchOptions = {}): Promise<SearchResult> {
      const limit = Math.max(0, options.limit ?? 10);
      const offset = Math.max(0, options.offset ?? 0);
      if (source.lastSeq() > set.lastSeq) guarded(() => catchUp(SEARCH_CATCH_UP));
      const split = options.today ? splitTimeSpan(query, options.today) : { text: query, span: null };
      const span = intersect(options.since, options.until, split.span);
      const timeOnly = split.text === '' && span !== null;
      const sort = options.sort ?? (timeOnly ? 'newest' : 'relevance');
      const run: RunOptions = {
        ...(span?.since ? { since: dayNumber(span.since) } : {}),
        ...(span?.until ? { until: dayNumber(span.until) } : {}),
        newest: sort === 'newest',
        nearest: options.nearest ?? false,
      };
      const { total, hits, matched, complete } = guarded(() =>
        timeOnly ? { ...engine.list(offset + limit, run), matched: [], complete: true } : runAll(parseAll(split.text), namesOf(split.text), offset + limit, run),
      );
      const terms = termsOf(matched);
      const shown = hits.slice(offset).map(({ n, score }) => ({ id: set.id(n), score }));
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
      return Promise.resolve({ query, words: split.text.trim(), total, results, span, sort, nearest: total > 0 && !complete });
    },
    related(articleId, limit) {
      return guarded(() => {
        const n = numberOf(articleId);
        if (n === undefined) return [];
        // Most shared words first, the most recent first among equals, then by summed idf.
        const found = engine.related(n);
        const byId = new Map(source.articlesByIds(found.map((entry) => set.id(entry.n))).map((article) => [article.id, article]));
        const date = (doc: number) => byId.get(set.id(doc))?.date ?? '';
        return found
          .filter((entry) => byId.has(set.id(entry.n)))
          .sort((x, y) => y.count - x.count || (date(x.n) < date(y.n) ? 1 : date(x.n) > date(y.n) ? -1 : 0) || y.score - x.score || x.n - y.n)
          .slice(0, limit)
          .map((entry) => {
            const article = byId.get(set.id(entry.n))!;
            const score = Math.round(entry.score * 1000) / 1000;
            return { id: article.id, title: article.title, date: article.date, source: article.source, edition: article.edition, snippet: '', score };
          });
      });
    },
    matches: (article, keyword) => guarded(() => parseAll(keyword).some((query) => engine.accepts(article, query))),
    snippet: (article, query) => buildSnippet(article.body, termsOf(parseAll(query)), tokenizer.folder),
    marks: (article, query) =>
      guarded(() => {
        const [own, ...others] = parseAll(query);
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
      closed = true;
      shelf.close();
      for (const segment of segments) segment.close();
    },
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
  const byId = new Map<string, Article>();
  const push = (articles: readonly Article[]) => {
    for (const article of articles) {
      if (byId.has(article.id)) continue;
      byId.set(article.id, article);
      stored.push({ seq: stored.length + 1, article });
    }
  };
  push(initial);
  return {
    push,
    // Positions are 1..n, so position p is at index p - 1.
    articlesAfter: (seq, limit) => stored.slice(seq, seq + limit),
    lastSeq: () => stored.length,
    countThrough: (seq) => Math.min(seq, stored.length),
    articlesByIds: (ids) => ids.flatMap((id) => byId.get(id) ?? []),
    editionDates: () => new Map(stored.map(({ seq, article }) => [seq, article.edition.date])),
  };
}
