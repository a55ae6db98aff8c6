/**
 * What app.ts builds, as the commands see it: the opened app and the narrow services
 * the bot and push get from it. cli.ts hands the commands `openApp`; nothing below
 * cli.ts imports app.ts itself.
 */
import type { AnswerService } from './answer/index.js';
import type { BotDeps } from './bot/index.js';
import type { Config } from './config.js';
import type { IngestService } from './ingest/index.js';
import type { Logger } from './logger.js';
import type { PushServices } from './push/index.js';
import type { NewsSearch } from './search/index.js';
import type { Store } from './store/index.js';
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
    // The inbox poll runs inside the bot: a big page is parsed in a worker, as uploads are.
    ingestPaths: (paths) => app.ingest.ingestPaths(paths, { offThread: true }),
    ingestUpload: (bytes, fileName, caption) => app.ingest.ingestUpload(bytes, fileName, caption),
  };
}
