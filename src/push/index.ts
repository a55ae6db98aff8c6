import path from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { TelegramLink } from '../process/index.js';
import type { HotTopics } from '../trend/index.js';
import type { ArticleStore, Clock, IngestSummary, SearchService, SubscriberStore } from '../types.js';
import type { MessageSender, RateLimiter } from './broadcast.js';
import { createPush, type Push } from './digest.js';
import { createInboxPoller } from './inbox.js';
import type { PushRenderer } from './render.js';
import { startSchedule } from './schedule.js';
import type { UnrecordedSends } from './unrecorded.js';

export { createPushApi } from './api.js';
export {
  broadcast,
  createTokenBucket,
  NO_LIMIT,
  type FailedDelivery,
  type MessageSender,
  type RateLimiter,
} from './broadcast.js';
export { createPush, type Push, type PushRun } from './digest.js';
export { createUnrecordedSends, type UnrecordedSends } from './unrecorded.js';
export { createInboxPoller } from './inbox.js';
export { createPushRenderer, type PushRenderer } from './render.js';
export { lastSlot, nextSlot } from './schedule.js';
export { sortTelegramError } from './telegramErrors.js';

/** What push works with, built by app.ts. */
export interface PushServices {
  readonly subscribers: SubscriberStore;
  readonly articles: ArticleStore;
  readonly search: Pick<SearchService, 'matches' | 'snippet'>;
  /** DATA_DIR/inbox, polled for dropped page files; null when there is none (`--corpus`). */
  readonly inboxDir: string | null;
  /** Ingests page files (idempotent by content hash), parsing new ones off the event loop: the inbox poll's. */
  ingestPaths(paths: readonly string[]): Promise<IngestSummary>;
  /** Ingests an uploaded page file (a date in the caption dates an undated page): the bot's admin upload. */
  ingestUpload(bytes: Uint8Array, fileName: string, caption?: string): Promise<IngestSummary>;
}

export interface StartPushOptions {
  readonly services: PushServices;
  /** The bot's Api (`bot.api`), with auto-retry installed; in `newsbot chat`, the terminal's. */
  readonly api: MessageSender;
  /** Writes the summaries, the weekly chart and the alerts (the root's one renderer, with the bot's translations). */
  readonly render: PushRenderer;
  /** The hot-issue topic list the weekly chart counts by (the root's one). */
  readonly hotTopics: HotTopics;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: Pick<Config, 'timeZone'>;
  /** Defaults to 25 messages/s, burst 5. */
  readonly limiter?: RateLimiter;
  /** Seconds between inbox polls (default 10). */
  readonly pollSeconds?: number;
  /** Only these chats are sent to (`newsbot chat`: the terminal's own chat). */
  readonly onlyChats?: ReadonlySet<number>;
  /** Claim owner (default this process, `host:pid:start`); two instances in one process need one each. */
  readonly owner?: string;
  /** Whether Telegram answers: the process's one link (the long poll reports to it too). */
  readonly link: TelegramLink;
  /** Sends the database has not taken yet: the process's one memory of them. */
  readonly unrecorded: UnrecordedSends;
}

/** Running push: stop it on shutdown; tell it about ingests done elsewhere in the process. */
export interface PushHandle {
  readonly push: Push;
  readonly subscribers: SubscriberStore;
  /** Call after an upload was ingested: new reports and articles go out now, not at the next tick. */
  afterIngest(summary: IngestSummary): void;
  /** Resolves when the passes running now (a tick, an upload's, the start's catch-up) have finished. */
  whenIdle(): Promise<void>;
  /**
   * Stops the timers and starts no new send; lets the sends in flight finish and records them
   * for up to `graceMs` (default 3000), then cancels what is left.
   */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts push in a running bot: catches up at once (slots missed while the bot was
 * down), then every minute sends what is due (croner, in the configured time zone),
 * and every few seconds reads new page files from DATA_DIR/inbox.
 */
export function startPush(options: StartPushOptions): PushHandle {
  const { services, clock, logger } = options;
  const log = logger.child({ module: 'push' });
  const subscribers = services.subscribers;
  const shutdown = new AbortController();
  const draining = new AbortController();
  const push = createPush({
    store: subscribers,
    articles: services.articles,
    search: services.search,
    api: options.api,
    render: options.render,
    hotTopics: options.hotTopics,
    clock,
    logger: log,
    timeZone: options.config.timeZone,
    limiter: options.limiter,
    signal: shutdown.signal,
    drain: draining.signal,
    onlyChats: options.onlyChats,
    owner: options.owner,
    link: options.link,
    unrecorded: options.unrecorded,
  });

  const running = new Set<Promise<unknown>>();
  let stopped = false;
  const deliver = (why: string): Promise<unknown> => {
    if (stopped) return Promise.resolve();
    const run = push.deliverDue(clock.now()).catch((error: unknown) => log.error({ err: error, why }, 'push failed'));
    running.add(run);
    void run.finally(() => running.delete(run));
    return run;
  };

  const inboxDir = services.inboxDir;
  const inbox = inboxDir
    ? createInboxPoller({ dir: inboxDir, ingest: (paths) => services.ingestPaths(paths), logger: log })
    : null;
  const schedule = startSchedule({
    timeZone: options.config.timeZone,
    logger: log,
    onMinute: () => deliver('tick'),
    onPoll: inbox
      ? async () => {
          const summary = await inbox.poll();
          if (summary && hasNews(summary)) await deliver('inbox');
        }
      : undefined,
    pollSeconds: options.pollSeconds,
  });
  // The catch-up runs on the next turn of the event loop, after the caller's own set-up
  // (the terminal chat installs its Api transformer right after starting push).
  setImmediate(() => void deliver('start'));
  log.info({ inbox: inboxDir && path.relative(process.cwd(), inboxDir) }, 'push started');

  return {
    push,
    subscribers,
    afterIngest(summary) {
      if (hasNews(summary)) void deliver('upload');
    },
    async whenIdle() {
      await Promise.allSettled([...running]);
    },
    async stop(graceMs = 3000) {
      stopped = true;
      schedule.stop();
      draining.abort();
      // The sends in flight finish and are recorded; then what the database did not take is tried once more.
      const settled = Promise.allSettled([...running]).then(async () => {
        if (options.unrecorded.size > 0) await push.flushUnrecorded();
      });
      let timer: NodeJS.Timeout | undefined;
      const late = await Promise.race([
        settled.then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
      ]);
      clearTimeout(timer);
      if (late) {
        shutdown.abort();
        await settled;
      }
      if (options.unrecorded.size > 0) {
        log.error(
          { unrecorded: options.unrecorded.size },
          'stopping with sent messages the database never took: these chats may get the message again',
        );
      }
    },
  };
}

/** Push's fields of the bot's dependencies (`BotDeps`). */
export interface PushBotDeps {
  readonly subscribers: SubscriberStore;
  readonly pushTime: string;
  ingestUpload(bytes: Uint8Array, fileName: string, caption?: string): Promise<IngestSummary>;
  afterIngest(summary: IngestSummary): void;
}

/**
 * For `newsbot start` and `newsbot chat`, which need push's bot fields before the bot
 * (and so its Api) exists: `deps` go into `createBot`, `start(api)` starts push after.
 * An upload before `start` is caught up by the start itself.
 */
export function preparePush(
  options: Omit<StartPushOptions, 'api' | 'config'> & { readonly config: Pick<Config, 'timeZone' | 'pushTime'> },
): { deps: PushBotDeps; start(api: MessageSender): PushHandle } {
  let handle: PushHandle | undefined;
  return {
    deps: {
      subscribers: options.services.subscribers,
      pushTime: options.config.pushTime,
      ingestUpload: (bytes, fileName, caption) => options.services.ingestUpload(bytes, fileName, caption),
      afterIngest: (summary) => handle?.afterIngest(summary),
    },
    start(api) {
      handle = startPush({ ...options, api });
      return handle;
    },
  };
}

function hasNews(summary: IngestSummary): boolean {
  return summary.newArticles.length > 0 || summary.newHotline.length > 0 || summary.newSafety.length > 0;
}
