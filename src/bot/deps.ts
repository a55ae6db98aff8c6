import type { AnswerService } from '../answer/index.js';
import type { Logger } from '../logger.js';
import type { HotTopics, TrendCharts } from '../trend/index.js';
import type { ArticleStore, Clock, IngestSummary, QueryStore, SearchService, SubscriberStore } from '../types.js';

/**
 * Everything the bot's handlers need from the outside, passed to `createBot`.
 * Narrow interfaces only: the bot never sees SQL, the index or the network
 * beyond grammY's own `ctx.api`, which is what makes it testable offline.
 * Every field is required: the runtime builder (src/runtime.ts) fills them all,
 * so a service left out is a type error, never a feature that vanishes in silence.
 */
export interface BotDeps {
  readonly search: SearchService;
  /** Answers questions (hotline numbers, an article's sentence): the answer line above the results. */
  readonly answers: AnswerService;
  readonly articles: ArticleStore;
  /** Keeps search queries server-side so callback data only holds a short id. */
  readonly queries: QueryStore;
  readonly clock: Clock;
  /** Parent logger; each update gets a child with its `update_id`. */
  readonly logger: Logger;
  /** Telegram user ids allowed to use admin features (upload, `/stats`). */
  readonly adminIds: readonly number[];
  /** IANA time zone for readers' clock times (default `Asia/Shanghai`). */
  readonly timeZone: string;
  /**
   * The bytes of a file a user sent (a document). The real one calls getFile
   * and fetches `${apiRoot}/file/bot${token}/${file_path}`; the terminal chat
   * and the tests pass a fake.
   */
  downloadFile(fileId: string, maxBytes: number): Promise<Uint8Array>;
  /** Draws `/trend`'s chart (the root's one chart pool, shared with push's weekly summary). */
  readonly trendChart: TrendCharts;
  /** The hot-issue topic list `/trend` counts by (names the paper prints differently for one topic). */
  readonly hotTopics: HotTopics;
  /** Push: subscriptions and followed keywords. */
  readonly subscribers: SubscriberStore;
  /** Default `/subscribe` time, `HH:MM` (PUSH_TIME, default `08:00`). */
  readonly pushTime: string;
  /**
   * Stores an uploaded page file (the app's `ingestUpload`, parsing off the event loop).
   * `caption` is what the admin wrote with the file (a date there dates an undated page).
   */
  ingestUpload(bytes: Uint8Array, fileName: string, caption?: string): Promise<IngestSummary>;
  /** Tells push that an upload stored new items, so pushes and alerts go out now (`PushHandle.afterIngest`). */
  afterIngest(summary: IngestSummary): void;
  /** PUBLIC_URL, where readers open the reader Mini App (📰 buttons); null: no such buttons. */
  readonly publicUrl: string | null;
}
