import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createAnswerService, type AnswerService } from './answer/index.js';
import { calendarDay } from './calendarDay.js';
import type { Config } from './config.js';
import { datePage, decideEdition, PAGE_MAX_BYTES, pageTooLarge, parsePageOffThread, readCorpus, safePageFileName } from './corpus/index.js';
import { writeFileDurably, type DurableWriter } from './durableFile.js';
import { describeLostDatabase, openDataStore } from './openDataStore.js';
import type { Logger } from './logger.js';
import { SEEDS_DIR } from './paths.js';
import { DIR_MODE, prepareDataDir } from './process/fileModes.js';
import { openSearch, type NewsSearch } from './search/index.js';
import {
  allArticles,
  allReports,
  createArticleFeed,
  createArticleStore,
  createPageLookup,
  createQueryStore,
  hasPage,
  openDatabase,
  reportItems,
  savePage,
  setPageEdition,
  undatedPages,
  type Db,
} from './store/index.js';
import type {
  Article,
  ArticleStore,
  Clock,
  HotlineReport,
  ParsedPage,
  QueryStore,
  SafetyReport,
} from './types.js';

/** What ingesting one page file did. */
export interface IngestedFile {
  readonly source: string;
  /** False when the same bytes were ingested before (nothing changed). */
  readonly added: boolean;
  /** Items the page holds; 0 for a page already stored (its file is not parsed again). */
  readonly articles: number;
  readonly hotline: number;
  readonly safety: number;
  readonly warnings: readonly string[];
}

/** What an ingest run did, for the CLI, the admin upload and the alerts. */
export interface IngestSummary {
  readonly files: readonly IngestedFile[];
  /** Items stored by this run (not seen before): what keyword alerts look at. */
  readonly newArticles: readonly Article[];
  readonly newHotline: readonly HotlineReport[];
  readonly newSafety: readonly SafetyReport[];
  /** Files skipped (undecodable, empty, not a newspaper page), each naming the file. */
  readonly warnings: readonly string[];
  /** Paths that could not be read at all (missing). */
  readonly errors: readonly string[];
}

/** The store and the index over it: what the commands, the bot and push work with. */
export interface App {
  readonly db: Db;
  readonly articles: ArticleStore;
  readonly queries: QueryStore;
  readonly search: NewsSearch;
  /** Answers questions from the reports and the articles (the index opens on the first article question). */
  readonly answers: AnswerService;
  /** The same answers with another clock (tests and `newsbot eval` fix "today"). */
  answersAt(clock: Clock): AnswerService;
  /** Where dropped or uploaded page files are kept; null for a `--corpus` run. */
  readonly inboxDir: string | null;
  /** What reading the corpus at open did (skipped files are in its warnings). */
  readonly startup: IngestSummary;
  allArticles(): Article[];
  allReports(): { hotline: HotlineReport[]; safety: SafetyReport[] };
  /** Reads page files or directories into the store and the index (idempotent by content hash); new pages are also kept in the inbox. */
  ingestPaths(paths: readonly string[]): IngestSummary;
  /**
   * Ingests one uploaded file, parsed in a worker thread so that the caller's
   * event loop keeps answering; the name is made safe first (`safePageFileName`).
   * A new page is also kept in the inbox so it survives a rebuild.
   * A date in the admin's `caption` dates a page whose header and file name give none.
   */
  ingestUpload(bytes: Uint8Array, fileName: string, caption?: string): Promise<IngestSummary>;
  close(): void;
}

export interface OpenAppOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** Explicit page paths: read only these, into an in-memory store. */
  readonly corpus?: readonly string[];
  /** The time of ingestion, for editions estimated from a page's text (default: the system clock). */
  readonly clock?: Clock;
  /** Writes the inbox copy of a new page (default: temp file, fsync, rename); tests inject a full disk. */
  readonly writeInboxFile?: DurableWriter;
}

/**
 * Opens the database and the search index. Without `corpus`, the store lives
 * in DATA_DIR and is first synced with seeds/ and DATA_DIR/inbox/; the index
 * is loaded from DATA_DIR when the stored pages have not changed.
 */
export function openApp({
  config,
  logger,
  corpus,
  clock = { now: () => new Date() },
  writeInboxFile = writeFileDurably,
}: OpenAppOptions): App {
  const explicit = corpus !== undefined && corpus.length > 0;
  const inboxDir = explicit ? null : path.join(config.dataDir, 'inbox');
  if (inboxDir) {
    prepareDataDir(config.dataDir);
    mkdirSync(inboxDir, { recursive: true, mode: DIR_MODE });
  }
  const dbFile = path.join(config.dataDir, 'newsbot.db');
  const opened = explicit ? { db: openDatabase(':memory:'), lost: null } : openDataStore(dbFile);
  const db = opened.db;

  // A file whose bytes are stored is not parsed again, at start or by the inbox poll.
  const isStored = createPageLookup(db);

  /**
   * Stores parsed pages. With `bytesOf`, a page not stored yet is first kept in the inbox
   * (written and fsynced): the store never holds a page the inbox could not rebuild it
   * from. A page whose copy cannot be written (full disk) is not stored: it is an error
   * naming the file, and ingesting it again later works.
   */
  const store = (
    pages: readonly ParsedPage[],
    warnings: readonly string[],
    errors: readonly string[],
    stored: readonly { source: string }[] = [],
    caption?: string,
    bytesOf?: (index: number) => Uint8Array,
  ) => {
    const files: IngestedFile[] = [];
    const newArticles: Article[] = [];
    const newHotline: HotlineReport[] = [];
    const newSafety: SafetyReport[] = [];
    const allWarnings = [...warnings];
    const allErrors = [...errors];
    const undated = undatedPages(db);
    const now = clock.now();
    const ingestDay = calendarDay(now, config.timeZone);
    for (const [index, parsed] of pages.entries()) {
      if (bytesOf && !hasPage(db, parsed.contentHash)) {
        try {
          keepInInbox(parsed, () => bytesOf(index));
        } catch (error) {
          const reason = error instanceof Error ? error.message : String(error);
          const problem = `${parsed.source}: not ingested: its copy could not be written to ${inboxDir} (${reason})`;
          logger.error({ source: parsed.source }, problem);
          allWarnings.push(problem);
          allErrors.push(problem);
          continue;
        }
      }
      // A page stored before editions existed is dated once, from the day it was ingested then.
      const storedAt = undated.get(parsed.contentHash);
      if (storedAt !== undefined) {
        const { edition, basis } = decideEdition(parsed.editionClues, {
          ingestDay: calendarDay(new Date(storedAt), config.timeZone),
        });
        setPageEdition(db, parsed.contentHash, edition, basis);
      }
      const page = datePage(parsed, { ingestDay, ...(caption === undefined ? {} : { caption }) });
      const saved = savePage(db, page, now);
      files.push({
        source: page.source,
        added: saved.added,
        articles: page.items.filter((item) => item.kind === 'article').length,
        hotline: page.hotline.length,
        safety: page.safety.length,
        warnings: page.warnings,
      });
      if (!saved.added) continue;
      for (const warning of page.warnings) logger.warn({ source: page.source }, warning);
      newArticles.push(...saved.articles);
      newHotline.push(...page.hotline);
      newSafety.push(...page.safety);
    }
    // After the parsed pages, so that files[i] is pages[i] for those (ingestPaths relies on it).
    for (const { source } of stored) files.push({ source, added: false, articles: 0, hotline: 0, safety: 0, warnings: [] });
    // When nothing at all could be read, the caller turns the first warning into its error line.
    if (files.length > 0) for (const warning of warnings) logger.warn(warning);
    return { files, newArticles, newHotline, newSafety, warnings: allWarnings, errors: allErrors };
  };

  const initial = readCorpus(explicit ? [...corpus] : [SEEDS_DIR, inboxDir!], { isStored });
  const synced = store(initial.pages, initial.warnings, initial.errors, initial.stored);
  if (opened.lost && inboxDir) {
    const fromInbox = initial.files.filter((file) => path.dirname(file) === inboxDir).length;
    // A first start (no database, nothing in the inbox) has lost nothing.
    if (fromInbox > 0 || opened.lost.reason === 'damaged') {
      logger.error({ file: dbFile }, describeLostDatabase(dbFile, opened.lost, fromInbox, inboxDir));
    }
  }
  if (synced.errors.length > 0 && explicit) {
    db.close();
    throw new Error(synced.errors[0]);
  }

  // Opened on first use: `articles` and `hotline` never pay for the index.
  let search: NewsSearch | undefined;
  const openIndex = (): NewsSearch =>
    (search ??= openSearch({
      source: createArticleFeed(db),
      dir: explicit ? null : path.join(config.dataDir, 'search-index'),
      logger,
    }));

  /**
   * Keeps a newly stored page's bytes in the inbox, so the store can always be rebuilt from
   * files. Another page already there under the same name (each day's export called
   * page.txt) is not overwritten: this one gets its content hash in its name instead.
   */
  function keepInInbox(page: ParsedPage, bytes: () => Uint8Array): void {
    if (!inboxDir) return;
    const target = path.join(inboxDir, page.source);
    if (!existsSync(target)) return writeInboxFile(target, bytes());
    if (createHash('sha256').update(readFileSync(target)).digest('hex') === page.contentHash) return;
    const { name, ext } = path.parse(page.source);
    const renamed = path.join(inboxDir, `${name}.${page.contentHash.slice(0, 8)}${ext}`);
    if (!existsSync(renamed)) writeInboxFile(renamed, bytes());
  }

  const afterIngest = (summary: IngestSummary): IngestSummary => {
    // An index not opened yet will be built from the store, new articles included.
    if (search && summary.newArticles.length > 0) search.refresh();
    return summary;
  };

  const articleStore = createArticleStore(db);
  const answersAt = (clock: Clock): AnswerService => createAnswerService({
    reports: () => ({ ...allReports(db), items: reportItems(db) }),
    search: (query, limit) => openIndex().search(query, { limit }),
    getArticle: (id) => articleStore.getArticle(id),
    get tools() {
      return openIndex().textTools;
    },
    clock,
    timeZone: config.timeZone,
  });

  return {
    db,
    articles: articleStore,
    answers: answersAt({ now: () => new Date() }),
    answersAt,
    queries: createQueryStore(db),
    get search() {
      return openIndex();
    },
    inboxDir,
    startup: synced,
    allArticles: () => allArticles(db),
    allReports: () => allReports(db),
    ingestPaths(paths) {
      const read = readCorpus([...paths], { isStored });
      return afterIngest(
        store(read.pages, read.warnings, read.errors, read.stored, undefined, (i) => readFileSync(read.files[i]!)),
      );
    },
    async ingestUpload(bytes, fileName, caption) {
      const fallback = `upload-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}.txt`;
      const source = safePageFileName(fileName, fallback);
      if (bytes.length > PAGE_MAX_BYTES) {
        const warning = `${source}: ${pageTooLarge(bytes.length)}, skipped`;
        logger.warn(warning);
        return { files: [], newArticles: [], newHotline: [], newSafety: [], warnings: [warning], errors: [] };
      }
      // The same bytes again change nothing: not parsed again (the store knows them by content hash).
      if (isStored(createHash('sha256').update(bytes).digest('hex'))) return store([], [], [], [{ source }]);
      const parsed = await parsePageOffThread(bytes, source);
      if ('error' in parsed) {
        const warning = `${source}: ${parsed.error}, skipped`;
        logger.warn(warning);
        return { files: [], newArticles: [], newHotline: [], newSafety: [], warnings: [warning], errors: [] };
      }
      return afterIngest(store([parsed], [], [], [], caption, () => bytes));
    },
    close: () => {
      search?.close();
      db.close();
    },
  };
}
