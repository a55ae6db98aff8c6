/**
 * The composition root: the one place that builds the real store, search index,
 * ingest and bot dependencies, and hands each part down as a narrow interface.
 * Nothing below imports this file: cli.ts hands the commands `openApp`, and what
 * they see of it (`App`) is declared in services.ts.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';
import { createIngestService, type IngestOptions } from './ingest/index.js';
import type { Logger } from './logger.js';
import { SEEDS_DIR } from './paths.js';
import type { NewsSearch } from './search/index.js';
import type { App } from './services.js';
import { createReportCache, describeLostDatabase, openPostgresStore, openSqliteStore, type LostDatabase, type Store } from './store/index.js';
import { listPageFiles } from './corpus/index.js';
import { writeFileDurably, type DurableWriter } from './durableFile.js';
// Not the process barrel: it loads grammY, which `newsbot ingest` never needs.
import { DataDirLockedError, enterDataDir, type DataDirEntry } from './process/dataDirLock.js';
import { DIR_MODE, prepareDataDir } from './process/fileModes.js';
import type { Clock } from './types.js';

export interface OpenAppOptions {
  readonly config: Config;
  readonly logger: Logger;
  /** Explicit page paths: read only these, into an in-memory store. */
  readonly corpus?: readonly string[];
  /** Default: the real clock. */
  readonly clock?: Clock;
  /** Writes the inbox copy of a new page (default: temp file, fsync, rename); tests inject a full disk. */
  readonly writeInboxFile?: DurableWriter;
  /**
   * With DATABASE_URL: how often (ms) this instance copies the articles other instances
   * stored into its index (default 1000: a page ingested anywhere is searchable here
   * within about a second).
   */
  readonly replicaPollMs?: number;
  /** Parses a page in a worker thread (default: the real worker); tests pass a recording one. */
  readonly parseOffThread?: IngestOptions['parseOffThread'];
  /** A process that serves readers (the bot): the index merges its segments in a worker thread. Default false (a CLI run merges inline). */
  readonly serving?: boolean;
  /**
   * The command that opens DATA_DIR (cli.ts): it holds the DATA_DIR lock while the app is open,
   * or, when a running bot holds it, works beside it without rebuilding its search index
   * (process/dataDirLock.ts `enterDataDir`). Tests that open an app of their own leave it out.
   */
  readonly command?: string;
}

/** Default of `replicaPollMs`. */
export const REPLICA_POLL_MS = 1000;

/**
 * The store a run uses: memory for explicit `--corpus` paths; PostgreSQL when DATABASE_URL
 * is set (this instance's copy of the articles for its index in DATA_DIR); else SQLite in
 * DATA_DIR, rebuilt from the inbox when it is missing or damaged (`lost`).
 */
async function openStore(
  config: Config,
  logger: Logger,
  explicit: boolean,
  clock: Clock,
): Promise<{ store: Store; lost: LostDatabase | null; dbFile: string }> {
  const now = () => clock.now();
  const dbFile = path.join(config.dataDir, 'newsbot.db');
  if (explicit) return { store: openSqliteStore(':memory:', { now }), lost: null, dbFile };
  if (config.databaseUrl) {
    const store = await openPostgresStore(config.databaseUrl, {
      replicaFile: path.join(config.dataDir, 'replica.db'),
      now,
      onConnectionError: (error) => logger.warn({ reason: error.message }, 'DATABASE_URL: a connection failed; reconnecting when needed'),
    });
    return { store, lost: null, dbFile };
  }
  const store = openSqliteStore(dbFile, { recover: true, now });
  return { store, lost: store.lost, dbFile };
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
  replicaPollMs = REPLICA_POLL_MS,
  parseOffThread,
  serving = false,
  command,
}: OpenAppOptions): Promise<App> {
  const explicit = corpus !== undefined && corpus.length > 0;
  const inboxDir = explicit ? null : path.join(config.dataDir, 'inbox');
  if (inboxDir) {
    prepareDataDir(config.dataDir);
    mkdirSync(inboxDir, { recursive: true, mode: DIR_MODE });
  }
  const entry = enterDataDirFor(config.dataDir, explicit ? undefined : command, logger);
  // A missing, empty or damaged database beside an inbox is rebuilt from the inbox below.
  const { store, lost, dbFile } = await openStore(config, logger, explicit, clock).catch((error: unknown) => {
    entry.release();
    throw error;
  });

  let index: Promise<NewsSearch> | undefined;
  const ingest = createIngestService({
    pages: store.pages,
    inboxDir,
    logger,
    clock,
    timeZone: config.timeZone,
    writeInboxFile,
    ...(parseOffThread ? { parseOffThread } : {}),
    // An index not opened yet will be built from the store, new articles included.
    onStored: async (summary) => {
      if (!index || summary.newArticles.length + summary.redatedPages === 0) return;
      await store.syncFeed();
      await (await index).refresh(Infinity, { datesChanged: summary.redatedPages > 0 });
    },
  });

  const startup = await ingest.ingestPaths(explicit ? corpus : [SEEDS_DIR, inboxDir!], { keep: false });
  if (lost && inboxDir) {
    const fromInbox = listPageFiles([inboxDir]).files.length;
    // A first start (no database, nothing in the inbox) has lost nothing.
    if (fromInbox > 0 || lost.reason === 'damaged') {
      logger.error({ file: dbFile }, describeLostDatabase(dbFile, lost, fromInbox, inboxDir));
    }
  }
  if (startup.errors.length > 0 && explicit) {
    await store.close();
    throw new Error(startup.errors[0]);
  }
  const onMismatch = entry.guestOf === null ? undefined : refuseRebuild(config.dataDir, entry.guestOf);

  let follower: { stop(): Promise<void> } | undefined;
  const search = () =>
    (index ??= (async () => {
      // Loaded when first asked for (as answers below): `newsbot ingest` beside a serving bot needs
      // neither, and their modules (opencc's tables, jieba) were a fifth of its start.
      const { openSearch } = await import('./search/index.js');
      await store.syncFeed();
      const opened = openSearch({
        source: store.feed,
        dir: explicit ? null : path.join(config.dataDir, 'search-index'),
        logger,
        mergeOffThread: serving,
        backgroundBuild: serving,
        ...(onMismatch ? { onMismatch } : {}),
      });
      if (store.kind === 'postgres') follower = followSharedStore(store, opened, replicaPollMs, logger);
      return opened;
    })());

  // Kept while the store's reports stay as they are: every reply asks them.
  const reports = createReportCache(store.pages);
  return {
    store,
    ingest,
    search,
    async answers(answerClock = clock) {
      const index = await search();
      const { createAnswerService } = await import('./answer/index.js');
      return createAnswerService({
        reports: reports.reports,
        reportItems: reports.reportItems,
        search: (query, options) => index.search(query, options),
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
      await follower?.stop();
      try {
        if (index) (await index.catch(() => null))?.close();
        await store.close();
      } finally {
        entry.release();
      }
    },
  };
}

/** The DATA_DIR lock for `command` (none for a `--corpus` run or an app a test opens). */
function enterDataDirFor(dataDir: string, command: string | undefined, logger: Logger): DataDirEntry {
  if (command === undefined) return { guestOf: null, release: () => undefined };
  return enterDataDir(dataDir, command, logger);
}

/**
 * A run beside the process that holds DATA_DIR (a running bot) whose store does not match
 * the index there (other settings: DATABASE_URL, DATA_DIR) must not rebuild that process's
 * index under it: it ends with one line naming the holder.
 */
function refuseRebuild(dataDir: string, holder: string): () => never {
  return () => {
    throw new DataDirLockedError(
      `DATA_DIR ${dataDir} is in use by ${holder}, and its search index does not match the articles this run sees ` +
        '(other DATABASE_URL or DATA_DIR?): not rebuilding it under that process; run with its settings, or stop it first',
      holder,
    );
  };
}

/**
 * Keeps this instance's index current with a store shared by a fleet: every `pollMs` the
 * articles other instances stored are copied into the replica and indexed in turns (a small
 * segment, no rebuild). A failing database is logged when it starts and when it ends.
 */
function followSharedStore(store: Store, index: NewsSearch, pollMs: number, logger: Logger): { stop(): Promise<void> } {
  let failing = false;
  let running: Promise<void> | null = null;
  let stopped = false;
  const timer = setInterval(() => {
    if (running) return;
    running = store
      .syncFeed()
      .then(async (copied) => {
        if (copied > 0 && !stopped) await index.refresh();
        if (failing) logger.info('DATABASE_URL answers again: the search index follows it');
        failing = false;
      })
      .catch((error: unknown) => {
        if (!failing) logger.warn({ reason: error instanceof Error ? error.message : String(error) }, 'cannot read new articles from DATABASE_URL: search answers from what it has');
        failing = true;
      })
      .finally(() => {
        running = null;
      });
  }, pollMs);
  // The poll alone must not keep a finished command running.
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
