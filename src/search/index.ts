import type { Logger } from '../logger.js';
import type { Article, Hit, SearchOptions, SearchResult, SearchService } from '../types.js';
import { createEngine, highlightTerms, type Engine, type SavedEngine } from './engine.js';
import { readIndexFile, stringBlob, writeIndexFile } from './indexFile.js';
import { buildSnippet } from './snippet.js';
import { createTokenizer, type Tokenizer } from './tokenize.js';

export { buildSnippet, escapeHtml, findMatches, type SnippetOptions } from './snippet.js';
export { createTokenizer, tokenize, type Token, type TokenKind, type Tokenizer } from './tokenize.js';
export { parseQuery, type ParsedQuery } from './query.js';

/** The search the bot, push and the CLI use. */
export interface NewsSearch extends SearchService {
  /** Adds newly ingested articles without a full rebuild (and re-saves when persisted). */
  add(articles: readonly Article[]): void;
  /** Number of indexed articles. */
  readonly size: number;
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
}

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

  return createNewsSearch(engine, tokenizer, (added) => {
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

/** Wraps an engine in the SearchService the bot uses. */
function createNewsSearch(engine: Engine, tokenizer: Tokenizer, afterAdd: (added: number) => void): NewsSearch {
  return {
    get size() {
      return engine.articles.length;
    },
    add(articles) {
      afterAdd(engine.add(articles));
    },
    search(query, options: SearchOptions = {}): SearchResult {
      const limit = Math.max(0, options.limit ?? 10);
      const offset = Math.max(0, options.offset ?? 0);
      const parsed = engine.parse(query);
      const { total, hits } = engine.run(parsed, offset + limit);
      const terms = highlightTerms(parsed);
      const results: Hit[] = hits.slice(offset).map(({ n, score }) => {
        const article = engine.articles[n]!;
        return {
          id: article.id,
          title: article.title,
          date: article.date,
          source: article.source,
          snippet: buildSnippet(article.body, terms, tokenizer.folder),
          score: Math.round(score * 1000) / 1000,
        };
      });
      return { query, total, results };
    },
    matches: (article, keyword) => engine.accepts(article, engine.parse(keyword)),
    snippet: (article, query) => buildSnippet(article.body, highlightTerms(engine.parse(query)), tokenizer.folder),
  };
}
