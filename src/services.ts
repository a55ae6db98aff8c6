/**
 * What the root builds, as the commands see it: the opened app (app.ts) and the
 * running product (runtime.ts). cli.ts hands the commands `openApp` and
 * `openRuntime`; nothing below cli.ts imports app.ts or runtime.ts itself.
 */
import type { I18n } from '@grammyjs/i18n';
import type { Bot } from 'grammy';
import type { AnswerService } from './answer/index.js';
import type { BotContext, BotDeps, CreateBotOptions } from './bot/index.js';
import type { IngestService } from './ingest/index.js';
import type { PushHandle, PushRun, RateLimiter } from './push/index.js';
import type { TelegramLink } from './process/index.js';
import type { NewsSearch } from './search/index.js';
import type { BotServer, Metrics } from './server/index.js';
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

/** What differs between the processes that run the bot (`start`, `chat`, `push`, a fleet instance); the rest comes from the config. */
export interface RuntimeRequest {
  /** Explicit page paths: read only these, into an in-memory store (`newsbot chat --corpus`). */
  readonly corpus?: readonly string[];
  /** A process that serves readers: the index merges its segments in a worker thread (default false). */
  readonly serving?: boolean;
  /** The bot's token: BOT_TOKEN, or the terminal chat's placeholder. */
  readonly token: string;
  /** The bot's options (a preset botInfo, no per-user rate limit in the terminal); the Api root is TELEGRAM_API_ROOT. */
  readonly bot?: Omit<CreateBotOptions, 'i18n'>;
  /** The bytes of a file a reader sent (default: getFile on TELEGRAM_API_ROOT; the terminal reads a local path). */
  readonly downloadFile?: BotDeps['downloadFile'];
  /** Telegram user ids allowed admin features besides ADMIN_IDS (the terminal's own user). */
  readonly extraAdminIds?: readonly number[];
  readonly push?: {
    /** Default: the budget shared in the store, 25 messages a second. */
    readonly limiter?: RateLimiter;
    /** Seconds between inbox polls (default 10). */
    readonly pollSeconds?: number;
    /** Only these chats are sent to (`newsbot chat`: the terminal's own). */
    readonly onlyChats?: ReadonlySet<number>;
    /** The claim owner (default this process, `host:pid:start`); two instances in one process need one each. */
    readonly owner?: string;
  };
}

/** A running process's parts, built and wired, nothing started: no update taken, no port open, nothing sent. */
export interface Runtime {
  /** The store, ingest, the inbox and what the startup sync did. */
  readonly app: App;
  /** The search index, loaded: related articles come from it too. */
  readonly search: NewsSearch;
  readonly answers: AnswerService;
  /** The bot, unstarted; its Api goes to TELEGRAM_API_ROOT. */
  readonly bot: Bot<BotContext>;
  /** The translations the bot and push write with (also the command menu's). */
  readonly i18n: I18n;
  /** Webhook (with WEBHOOK_URL), /healthz and /metrics; not listening yet. */
  readonly server: BotServer;
  readonly metrics: Metrics;
  /** WEBHOOK_URL, its path, the server's PORT and the secret Telegram sends; null in polling mode. */
  readonly webhook: { readonly url: string; readonly path: string; readonly port: number; readonly secretToken: string } | null;
  /** Whether Telegram answers: the long poll and every broadcast of this process report to it; /healthz reads it. */
  readonly link: TelegramLink;
  /** Starts push on the bot's Api: catch-up now, then the daily scheduler, alerts and the inbox poll. */
  startPush(): PushHandle;
  /**
   * `newsbot push`: sends what is owed at `now`, once, through an Api of its own (keep-alive
   * connections, 429 waited out), with the same stores, renderer and claims as the running bot.
   * `drain` stops it starting new sends (those in flight finish and are recorded); `signal` cancels them too.
   */
  pushNow(
    now: Date,
    options?: { readonly retryFailed?: boolean; readonly drain?: AbortSignal; readonly signal?: AbortSignal },
  ): Promise<PushRun>;
  /** Closes the app (index, store). */
  close(): Promise<void>;
}
