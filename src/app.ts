/**
 * The composition root: the one place that builds the real store, search index,
 * ingest and bot dependencies, and hands each part down as a narrow interface.
 * Nothing below imports this file.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createAnswerService, type AnswerService } from './answer/index.js';
import type { BotDeps } from './bot/index.js';
import type { Config } from './config.js';
import { createIngestService, type IngestService } from './ingest/index.js';
import type { Logger } from './logger.js';
import { SEEDS_DIR } from './paths.js';
import type { PushServices } from './push/index.js';
import { openSearch, type NewsSearch } from './search/index.js';
import { describeLostDatabase, openSqliteStore, type Store } from './store/index.js';
import { listPageFiles } from './corpus/index.js';
import { writeFileDurably, type DurableWriter } from './durableFile.js';
import { DIR_MODE, prepareDataDir } from './process/fileModes.js';
import type { Clock, IngestSummary } from './types.js';

/** The store, the index over it and ingest: what the commands, the bot and push work with. */
export interface App {
  readonly store: Store;
  readonly ingest: IngestService;
  /** The search index, opened on first use: `articles` and `hotline` never pay for it. */
  search(): Promise<NewsSearch>;
  /** Answers questions from the reports and the articles (default clock: the app's; tests and `newsbot eval` fix "today"). */
  answers(clock?: Clock): Promise<AnswerService>;
  /** Where dropped or uploaded page files are kept; null for a `--corpus` run. */
  readonly inboxDir: string | null;
  /** What reading the corpus at open did (skipped files are in its warnings). */
  readonly startup: IngestSummary;
  readonly clock: Clock;
  close(): Promise<void>;
}

export interface OpenAppOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** Explicit page paths: read only these, into an in-memory store. */
  readonly corpus?: readonly string[];
  /** Default: the real clock. */
  readonly clock?: Clock;
  /** Writes the inbox copy of a new page (default: temp file, fsync, rename); tests inject a full disk. */
  readonly writeInboxFile?: DurableWriter;
}

/**
 * Opens the store and syncs it with the corpus. Without `corpus`, the store lives
 * in DATA_DIR and new files of seeds/ and DATA_DIR/inbox/ are ingested (stored pages
 * are recognised by their hash and not parsed again); the index is loaded from
 * DATA_DIR when the stored pages have not changed.
 */
export async function openApp({
  config,
  logger,
  corpus,
  clock = { now: () => new Date() },
  writeInboxFile = writeFileDurably,
}: OpenAppOptions): Promise<App> {
  const explicit = corpus !== undefined && corpus.length > 0;
  const inboxDir = explicit ? null : path.join(config.dataDir, 'inbox');
  if (inboxDir) {
    prepareDataDir(config.dataDir);
    mkdirSync(inboxDir, { recursive: true, mode: DIR_MODE });
  }
  const dbFile = path.join(config.dataDir, 'newsbot.db');
  // A missing, empty or damaged database beside an inbox is rebuilt from the inbox below.
  const store = openSqliteStore(explicit ? ':memory:' : dbFile, { recover: true });

  let index: Promise<NewsSearch> | undefined;
  const ingest = createIngestService({
    pages: store.pages,
    inboxDir,
    logger,
    clock,
    timeZone: config.timeZone,
    writeInboxFile,
    // An index not opened yet will be built from the store, new articles included.
    onStored: async (summary) => {
      if (index && summary.newArticles.length > 0) (await index).refresh();
    },
  });

  const startup = await ingest.ingestPaths(explicit ? corpus : [SEEDS_DIR, inboxDir!], { keep: false });
  if (store.lost && inboxDir) {
    const fromInbox = listPageFiles([inboxDir]).files.length;
    // A first start (no database, nothing in the inbox) has lost nothing.
    if (fromInbox > 0 || store.lost.reason === 'damaged') {
      logger.error({ file: dbFile }, describeLostDatabase(dbFile, store.lost, fromInbox, inboxDir));
    }
  }
  if (startup.errors.length > 0 && explicit) {
    await store.close();
    throw new Error(startup.errors[0]);
  }

  const search = () =>
    (index ??= (async () =>
      openSearch({
        source: store.feed,
        dir: explicit ? null : path.join(config.dataDir, 'search-index'),
        logger,
      }))());

  return {
    store,
    ingest,
    search,
    async answers(answerClock = clock) {
      const index = await search();
      return createAnswerService({
        reports: async () => ({ ...(await store.pages.allReports()), items: await store.pages.reportItems() }),
        search: (query, limit) => index.search(query, { limit }),
        getArticle: (id) => store.articles.getArticle(id),
        tools: index.textTools,
        clock: answerClock,
        timeZone: config.timeZone,
      });
    },
    inboxDir,
    startup,
    clock,
    async close() {
      if (index) (await index).close();
      await store.close();
    },
  };
}

/** The bot's dependencies over an opened app: what `start` and `chat` share. */
export async function botDepsFrom(
  app: App,
  config: Config,
  logger: Logger,
  downloadFile: BotDeps['downloadFile'],
): Promise<BotDeps> {
  return {
    search: await app.search(),
    articles: app.store.articles,
    queries: app.store.queries,
    clock: app.clock,
    logger,
    adminIds: config.adminIds,
    timeZone: config.timeZone,
    downloadFile,
  };
}

/** Push's services over an opened app: the same stores, index and ingest as the bot's. */
export async function pushServicesFrom(app: App): Promise<PushServices> {
  return {
    subscribers: app.store.subscribers,
    articles: app.store.articles,
    search: await app.search(),
    inboxDir: app.inboxDir,
    ingestPaths: (paths) => app.ingest.ingestPaths(paths),
    ingestUpload: (bytes, fileName, caption) => app.ingest.ingestUpload(bytes, fileName, caption),
  };
}
