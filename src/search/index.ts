import type { Logger } from '../logger.js';
import type { Article, Hit, SearchOptions, SearchResult, SearchService } from '../types.js';
import { createEngine, dayNumber, highlightTerms, type Engine, type RunOptions, type SavedEngine, type Scored } from './engine.js';
import { readIndexFile, stringBlob, writeIndexFile } from './indexFile.js';
import type { ParsedQuery } from './query.js';
import { buildSnippet } from './snippet.js';
import { readSynonyms, type Synonyms } from './synonyms.js';
import { splitTimeSpan } from './timeSpan.js';
import { createTokenizer, type TaggedWord, type Tokenizer } from './tokenize.js';

export { buildSnippet, escapeHtml, findMatches, type SnippetOptions } from './snippet.js';
export { createTokenizer, tokenize, type TaggedWord, type Token, type TokenKind, type Tokenizer } from './tokenize.js';
export { parseQuery, type ParsedQuery } from './query.js';
export { NO_SYNONYMS, parseSynonyms, readSynonyms, type Synonyms } from './synonyms.js';
export { splitTimeSpan, type SplitQuery } from './timeSpan.js';

/** The search the bot, push and the CLI use. */
export interface NewsSearch extends SearchService {
  /** Adds newly ingested articles without a full rebuild (and re-saves when persisted). */
  add(articles: readonly Article[]): void;
  /** Number of indexed articles. */
  readonly size: number;
  /** The tokenizer's and the synonym list's text tools, for answering questions (answer/). */
  readonly textTools: TextTools;
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
  readonly articles: readonly Article[];
  /** Content hash of the corpus: a saved index with another fingerprint is not trusted as is. */
  readonly fingerprint: string;
  /** Where the index is saved (indexFile.ts: a JSON header and binary arrays); null keeps it in memory only. */
  readonly indexFile: string | null;
  readonly logger: Logger;
  /** Default: a tokenizer with the project's user dictionary. */
  readonly tokenizer?: Tokenizer;
  /** Other names searched with a query's words. Default: src/search/synonyms.txt. */
  readonly synonyms?: Synonyms;
}

/** Matches ranked per variant when a query has synonyms, so the merged total counts each article once. */
const UNION_MAX = 2000;

/** Bumped whenever the tokenizer, the options or the file layout change: older files are rebuilt. */
const FORMAT_VERSION = 5;

interface SavedIndex extends SavedEngine {
  readonly version: number;
  readonly fingerprint: string;
}

/**
 * Loads the index saved at indexFile when its fingerprint matches, else
 * builds from articles (and saves when indexFile is given). A saved index
 * whose articles are all still in the corpus is loaded and topped up with
 * the new ones (what happens after `newsbot ingest`), not rebuilt.
 */
export function openSearch(options: OpenSearchOptions): NewsSearch {
  const { articles, fingerprint, indexFile, logger } = options;
  const tokenizer = options.tokenizer ?? createTokenizer();
  const started = performance.now();
  let fingerprintNow = fingerprint;

  const save = (engine: Engine) => {
    if (!indexFile) return;
    const { folded, ...rest } = engine.save();
    // Write then rename (in writeIndexFile): a crash mid-write leaves the old index, never half a file.
    writeIndexFile(indexFile, { version: FORMAT_VERSION, fingerprint: fingerprintNow, ...rest, folded: stringBlob(folded) });
  };

  const loaded = indexFile ? loadSaved(indexFile, articles, tokenizer, logger) : null;
  const engine = loaded?.engine ?? createEngine(tokenizer, articles);
  const how = loaded ? (loaded.fingerprint === fingerprint ? 'loaded' : 'loaded and updated') : 'built';
  if (indexFile && how !== 'loaded') save(engine);
  logger.info({ articles: engine.articles.length, ms: Math.round(performance.now() - started) }, `search index ${how}`);

  return createNewsSearch(engine, tokenizer, options.synonyms ?? readSynonyms(), (added) => {
    if (added === 0) return;
    // The store's fingerprint is not known here; the saved ids say what is in the file.
    fingerprintNow = `${fingerprint}+${engine.articles.length}`;
    save(engine);
  });
}

function loadSaved(
  indexFile: string,
  articles: readonly Article[],
  tokenizer: Tokenizer,
  logger: Logger,
): { engine: Engine; fingerprint: string } | null {
  let saved: SavedIndex;
  try {
    saved = readIndexFile(indexFile) as SavedIndex;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') logger.warn({ indexFile }, `search index unreadable (${String(error)}), rebuilding`);
    return null;
  }
  if (saved.version !== FORMAT_VERSION) {
    logger.info({ indexFile }, 'search index from another version, rebuilding');
    return null;
  }
  const current = new Set(articles.map((article) => article.id));
  if (!saved.ids.every((id) => current.has(id))) {
    logger.info({ indexFile }, 'corpus lost articles since the index was saved, rebuilding');
    return null;
  }
  return { engine: createEngine(tokenizer, articles, saved), fingerprint: saved.fingerprint };
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

/** Wraps an engine in the SearchService the bot uses. */
function createNewsSearch(
  engine: Engine,
  tokenizer: Tokenizer,
  synonyms: Synonyms,
  afterAdd: (added: number) => void,
): NewsSearch {
  /** The query and its variants with other names (synonyms.ts), parsed. */
  const parseAll = (query: string) => synonyms.variants(query).map((variant) => engine.parse(variant));
  const termsOf = (parsed: readonly ParsedQuery[]) => parsed.flatMap(highlightTerms);

  /**
   * Runs the query and its variants; an article's score is its best over them.
   * With variants, every match is ranked (up to UNION_MAX per variant) so that
   * `total` counts each article once.
   */
  const runAll = (
    parsed: readonly ParsedQuery[],
    top: number,
    run: RunOptions,
  ): { total: number; hits: Scored[]; matched: ParsedQuery[] } => {
    if (parsed.length === 1) return { ...engine.run(parsed[0]!, top, run), matched: [...parsed] };
    const best = new Map<number, number>();
    const matched: ParsedQuery[] = [];
    let largest = 0;
    for (const query of parsed) {
      const { total } = engine.run(query, 0, run);
      if (total === 0) continue;
      matched.push(query);
      largest = Math.max(largest, total);
      for (const hit of engine.run(query, Math.min(total, Math.max(top, UNION_MAX)), run).hits) {
        best.set(hit.n, Math.max(best.get(hit.n) ?? 0, hit.score));
      }
    }
    const day = (n: number) => dayNumber(engine.articles[n]!.edition.date);
    const hits = [...best]
      .map(([n, score]) => ({ n, score }))
      .sort((a, b) => (run.newest ? day(b.n) - day(a.n) : 0) || b.score - a.score || a.n - b.n);
    return { total: Math.max(largest, best.size), hits: hits.slice(0, top), matched };
  };

  return {
    get size() {
      return engine.articles.length;
    },
    textTools: {
      words: tokenizer.words,
      tag: tokenizer.tag,
      fold: tokenizer.fold,
      alternatives: synonyms.alternatives,
      findTerms: synonyms.find,
    },
    add(articles) {
      afterAdd(engine.add(articles));
    },
    search(query, options: SearchOptions = {}): SearchResult {
      const limit = Math.max(0, options.limit ?? 10);
      const offset = Math.max(0, options.offset ?? 0);
      const split = options.today ? splitTimeSpan(query, options.today) : { text: query, span: null };
      const span = intersect(options.since, options.until, split.span);
      const timeOnly = split.text === '' && span !== null;
      const sort = options.sort ?? (timeOnly ? 'newest' : 'relevance');
      const run: RunOptions = {
        ...(span?.since ? { since: dayNumber(span.since) } : {}),
        ...(span?.until ? { until: dayNumber(span.until) } : {}),
        newest: sort === 'newest',
      };
      const { total, hits, matched } = timeOnly
        ? { ...engine.list(offset + limit, run), matched: [] }
        : runAll(parseAll(split.text), offset + limit, run);
      const terms = termsOf(matched);
      const results: Hit[] = hits.slice(offset).map(({ n, score }) => {
        const article = engine.articles[n]!;
        return {
          id: article.id,
          title: article.title,
          date: article.date,
          source: article.source,
          edition: article.edition,
          // A time alone highlights nothing: the list shows each article's opening.
          snippet: buildSnippet(article.body, terms, tokenizer.folder),
          score: Math.round(score * 1000) / 1000,
        };
      });
      return { query, total, results, span, sort };
    },
    related(articleId, limit) {
      const n = engine.numberOf(articleId);
      if (n === undefined) return [];
      return engine.related(n, limit).map(({ n: other, score }) => {
        const article = engine.articles[other]!;
        return { id: article.id, title: article.title, date: article.date, source: article.source, edition: article.edition, snippet: '', score };
      });
    },
    matches: (article, keyword) => parseAll(keyword).some((query) => engine.accepts(article, query)),
    snippet: (article, query) => buildSnippet(article.body, termsOf(parseAll(query)), tokenizer.folder),
  };
}
