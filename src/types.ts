/**
 * Plain data passed between the modules. Nothing here has behaviour:
 * corpus/ produces these, store/ keeps them, search/ indexes them,
 * bot/ and push/ format them for readers.
 */

/** What a parsed item is: a news article or one of the two daily reports. */
export type ItemKind = 'article' | 'hotline' | 'safety';

/**
 * The issue of the paper that printed a page: its day and page number (版).
 * A page without a dated header, file name or upload caption gets an
 * estimate from the days it mentions (`estimated`); `date` is null only when
 * nothing at all dates it.
 */
export interface Edition {
  /** `YYYY-MM-DD`, or null when nothing dates the page. */
  readonly date: string | null;
  /** The page number as printed: "3" (第3版, 03版) or "A03"; null when unknown. */
  readonly page: string | null;
  /** True when `date` is an estimate from the page's text, not printed on or with the page. */
  readonly estimated: boolean;
}

/** Where a page's edition date came from, in the order they are tried. */
export type EditionBasis = 'header' | 'file' | 'caption' | 'estimate' | 'none';

/** A day a page's text mentions ("2月20日", "2025年2月21日", "去年11月25日"). */
export interface DayMention {
  /** The year printed or implied by the page (its latest "YYYY年"); null when the page names none. */
  readonly year: number | null;
  /** True when the year is printed with the day ("2025年2月21日"). */
  readonly explicit: boolean;
  readonly month: number;
  readonly day: number;
}

/** What a page itself says about its edition; decided with the upload caption and the ingest day. */
export interface EditionClues {
  /** From the header lines (a dated masthead line, 第3版). */
  readonly header: { readonly date: string | null; readonly page: string | null };
  /** From the file name (`2025-11-04.txt`, `20251104_A03.txt`). */
  readonly file: { readonly date: string | null; readonly page: string | null };
  /** Every day the page's text mentions, for the estimate. */
  readonly mentions: readonly DayMention[];
}

/** One item of a newspaper page, as `newsbot articles --json` prints it. */
export interface Article {
  /** Stable id: derived from the item's source and content, the same in every run. */
  readonly id: string;
  readonly kind: ItemKind;
  readonly title: string;
  /** 引题: the line set above the headline ("每月一地:"), or null. */
  readonly kicker: string | null;
  /** 副题: the line under the headline ("——记…"), or null. */
  readonly subtitle: string | null;
  /** Bare reporter names, in byline order. */
  readonly reporters: readonly string[];
  /** `YYYY-MM-DD` or null when the page gives no way to tell. */
  readonly date: string | null;
  /** Base name of the page file. */
  readonly source: string;
  /** Clean running text: paragraphs separated by `\n`. */
  readonly body: string;
  /** The issue of the paper that printed the item's page. */
  readonly edition: Edition;
}

export interface HotIssue {
  /** Bare topic, e.g. "物业管理". */
  readonly topic: string;
  readonly count: number;
}

/** The city's daily 12345 hotline report ("有诉必应马上办"机制创新工作日报). */
export interface HotlineReport {
  /** The day the report covers (not the page's date). */
  readonly date: string | null;
  /** Calls answered (来电诉求 … 件次). */
  readonly calls: number | null;
  /** Web messages (网民留言 … 件), the sum of `channels` when the report is consistent. */
  readonly messages: number | null;
  /** Web messages by channel name. */
  readonly channels: Readonly<Record<string, number>>;
  /** Handled directly (直接办理). */
  readonly direct: number | null;
  /** Passed on to the responsible unit (转交责任单位办理). */
  readonly transferred: number | null;
  /** Callbacks to citizens (回访). */
  readonly callbacks: number | null;
  readonly hot: readonly HotIssue[];
  readonly source: string;
}

/** The city's daily safety-hazard report (安全隐患举报受理情况日报). */
export interface SafetyReport {
  readonly date: string | null;
  readonly total: number | null;
  /** Reports received, by receiving body. */
  readonly sources: Readonly<Record<string, number>>;
  /** What the reports were about ("小区物业", "消防安全", ...). */
  readonly topics: readonly string[];
  readonly source: string;
}

/**
 * A run of text as it stands on a printed page (a PDF's text layer, or a line
 * OCR found on a page image): top-left origin, y downwards, in the page's
 * own units (PDF points, image pixels).
 */
export interface PrintedLine {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  /** Type size: the font size from a PDF, the line's height from OCR. */
  readonly size: number;
  /** Set in a bold face (known from a PDF's font name; OCR cannot tell: false). */
  readonly bold: boolean;
}

/** One printed page as positioned text. */
export interface PrintedPage {
  readonly width: number;
  readonly height: number;
  readonly lines: readonly PrintedLine[];
}

/** How a page file's text was read: a text file, a PDF's text layer, or OCR of a page image. */
export type PageReading = 'text' | 'pdf' | 'ocr';

/** Everything read from one page file. Parsers warn instead of throwing. */
export interface ParsedPage {
  /** Base name of the file. */
  readonly source: string;
  /** sha256 of the file's bytes: ingesting the same bytes twice changes nothing. */
  readonly contentHash: string;
  /** The page's own date (a dated header), or null. */
  readonly pageDate: string | null;
  /** The page's edition (also on each item); see `datePage` for the caption and the estimate. */
  readonly edition: Edition;
  /** Where `edition.date` came from. */
  readonly editionBasis: EditionBasis;
  /** What the page says about its edition, kept so that the edition can be decided again at ingest. */
  readonly editionClues: EditionClues;
  readonly items: readonly Article[];
  readonly hotline: readonly HotlineReport[];
  readonly safety: readonly SafetyReport[];
  /** Human-readable problems found while parsing (bad arithmetic, odd layout). */
  readonly warnings: readonly string[];
  /**
   * How the text was read (default `text`), and for a PDF or an image a one-line note
   * for the ingest summary ("PDF text layer, 1 page", "OCR: page 1's text layer is unreadable").
   */
  readonly reading?: { readonly method: PageReading; readonly note: string };
}

/** What ingesting one page file did. */
export interface IngestedFile {
  readonly source: string;
  /** False when the same bytes were ingested before (nothing changed; the page was not parsed again). */
  readonly added: boolean;
  readonly articles: number;
  readonly hotline: number;
  readonly safety: number;
  readonly warnings: readonly string[];
  /** How a PDF or image page was read (the page's `reading`), absent for a text page. */
  readonly reading?: { readonly method: PageReading; readonly note: string };
}

/** What an ingest run did, for the CLI, the admin upload and the alerts. */
export interface IngestSummary {
  readonly files: readonly IngestedFile[];
  /** Items stored by this run (not seen before): what keyword alerts look at. */
  readonly newArticles: readonly Article[];
  readonly newHotline: readonly HotlineReport[];
  readonly newSafety: readonly SafetyReport[];
  /** Stored pages this run gave an edition (stored before editions existed): their articles' edition days changed. */
  readonly redatedPages: number;
  /** Files skipped (undecodable, empty, not a newspaper page), each naming the file. */
  readonly warnings: readonly string[];
  /** Paths that could not be read at all (missing). */
  readonly errors: readonly string[];
}

/** One search result, as `newsbot search --json` prints it. */
export interface Hit {
  readonly id: string;
  readonly title: string;
  readonly date: string | null;
  readonly source: string;
  /** The issue of the paper that printed the article. */
  readonly edition: Edition;
  /** HTML-escaped text around the best match, matches wrapped in `<b>`. */
  readonly snippet: string;
  readonly score: number;
}

/** A stretch of edition days, both ends included, `YYYY-MM-DD`. */
export interface DaySpan {
  readonly since: string;
  readonly until: string;
}

export interface SearchResult {
  readonly query: string;
  /** The query's words to search for: the query less its trailing time span ('' for a time alone). */
  readonly words: string;
  /** How many articles matched in all (not just this page). */
  readonly total: number;
  readonly results: readonly Hit[];
  /** The editions searched (a trailing time in the query, --since/--until), or null for all. */
  readonly span: { readonly since: string | null; readonly until: string | null } | null;
  /** The order of `results`. */
  readonly sort: SearchSort;
  /**
   * No article holds every word of the query (as typed or with another name):
   * the results are the nearest match, those holding the largest share of the
   * query's words weighed by how rare each is.
   */
  readonly nearest: boolean;
}

export interface SearchOptions {
  /** Results per page (default 10). */
  readonly limit?: number;
  /** Results to skip, for paging (default 0). */
  readonly offset?: number;
  /** Only articles of editions on or after this day, `YYYY-MM-DD` (default: no lower bound). */
  readonly since?: string;
  /** Only articles of editions on or before this day, `YYYY-MM-DD` (default: no upper bound). */
  readonly until?: string;
  /**
   * `relevance` or `newest` edition first (ties by relevance). Default:
   * relevance, and newest first for a query that is a time span alone.
   */
  readonly sort?: SearchSort;
  /**
   * List the nearest match when no article holds enough of the words: a word
   * found nowhere weighs half as much as the rarest word found (default false: a
   * keyword search lists only articles holding most of its words). Questions
   * set it: readers' words are often not the paper's.
   */
  readonly nearest?: boolean;
  /**
   * The reader's calendar day (`YYYY-MM-DD`, Asia/Shanghai). When given, a
   * time span ending the query (`护学岗 2025年2月`, `近7天`) limits the
   * editions searched; without it the query is taken as words only.
   */
  readonly today?: string;
  /**
   * Ids of articles to list first, in this order, whatever the query (the
   * report an answer was read from); counted in `total` once. An id not
   * indexed is left out.
   */
  readonly first?: readonly string[];
}

/** How search results are ordered. */
export type SearchSort = 'relevance' | 'newest';

/** What the bot and push need from search. */
export interface SearchService {
  search(query: string, options?: SearchOptions): Promise<SearchResult>;
  /** Does this article match the keyword the way a search would? (keyword alerts) */
  matches(article: Article, keyword: string): boolean;
  /** Snippet for one article and query (HTML, escaped, `<b>` highlights). */
  snippet(article: Article, query: string): string;
  /**
   * Up to `limit` other articles sharing the article's distinctive words, best
   * first (most recent first among equals); empty when none or the id is unknown.
   */
  related(articleId: string, limit: number): Hit[];
}

/** What the bot needs to read articles and reports. */
export interface ArticleStore {
  getArticle(id: string): Promise<Article | undefined>;
  /** Newest first (by edition date, then by ingestion order); news only, no reports. */
  latestArticles(limit: number): Promise<Article[]>;
  /** Days that have an edition (estimated ones included), newest first. */
  editionDates(): Promise<string[]>;
  /** Every item of the edition of that day, by page then ingestion order. */
  editionArticles(date: string): Promise<Article[]>;
  /** Dates that have a hotline report, newest first. */
  hotlineDates(): Promise<string[]>;
  /** The report of that day, or the newest when no date is given. */
  hotlineReport(date?: string): Promise<HotlineReport | undefined>;
  /** The report before the given day's, for "change against the previous one". */
  previousHotlineReport(date: string): Promise<HotlineReport | undefined>;
  /** The reports of the days `from`..`to` (`YYYY-MM-DD`, both included), oldest first, one per day. */
  hotlineReportsBetween(from: string, to: string): Promise<HotlineReport[]>;
  safetyReport(date: string): Promise<SafetyReport | undefined>;
}

/**
 * The bot's messages that answered one search message (a reader's text, caption or
 * `/search`): what an edit of that message edits instead of answering anew.
 */
export interface SearchReply {
  /** The answer line's message (💡 …), or null when the search had none. */
  readonly answerMessageId: number | null;
  /** The results page, or the message saying why there are none; null when nothing followed the answer line. */
  readonly resultsMessageId: number | null;
  /** The page of results that message shows; absent when it shows none (nothing found). */
  readonly shown?: ShownPage;
}

/** A page of a search's results as a message shows it: what a typed 下一页 goes on from. */
export interface ShownPage {
  /** The saved query (QueryStore.saveQuery). */
  readonly queryId: string;
  readonly page: number;
  readonly sort: SearchSort;
}

/** Server-side memory of search queries, so callback data only holds a short id. */
export interface QueryStore {
  /** Returns a short id for the query (the same id for the same query). */
  saveQuery(query: string): Promise<string>;
  getQuery(id: string): Promise<string | undefined>;
  /**
   * Remembers which messages answered message `messageId` of chat `chatId` (replacing
   * what was remembered for it). Entries older than `SEARCH_REPLY_RETENTION_MS` are
   * dropped meanwhile, so the memory stays bounded by two days of searches.
   */
  rememberSearchReply(chatId: number, messageId: number, reply: SearchReply, now: Date): Promise<void>;
  /** The messages that answered message `messageId` of chat `chatId`; undefined when unknown or forgotten. */
  searchReply(chatId: number, messageId: number): Promise<SearchReply | undefined>;
  /** Notes that the results message `resultsMessageId` of chat `chatId` shows `shown` now (a ◀ ▶ button edited it). */
  showPage(chatId: number, resultsMessageId: number, shown: ShownPage): Promise<void>;
  /** The page the chat's latest remembered search shows; undefined when none is remembered (or it showed nothing). */
  latestPage(chatId: number): Promise<ShownPage | undefined>;
}

/** What saving one page did. */
export interface SavedPage {
  /** False when a page with the same bytes was already stored (nothing changed). */
  readonly added: boolean;
  /** The items stored now: empty when `added` is false. */
  readonly articles: readonly Article[];
}

/** Every stored report, oldest first. */
export interface StoredReports {
  readonly hotline: HotlineReport[];
  readonly safety: SafetyReport[];
}

/** The pages side of the store: what ingest writes and the search index is built from. */
export interface PageStore {
  /** True when a page with these bytes is stored: ingest then skips parsing it. */
  hasPage(contentHash: string): Promise<boolean>;
  /** Saves a parsed page and its items at once; idempotent by content hash. */
  savePage(page: ParsedPage, now: Date): Promise<SavedPage>;
  /** Every stored item, in ingestion order. */
  allArticles(): Promise<Article[]>;
  allReports(): Promise<StoredReports>;
  /** The items (kind `hotline` or `safety`) dated as a stored report (answers name them as the report's source), in ingestion order. */
  reportItems(): Promise<Article[]>;
  /**
   * Changes whenever allReports or reportItems may answer otherwise (a report
   * or an article stored, here or by another process); one cheap read, so
   * that a reply can keep what it read last (store/reportCache.ts).
   */
  reportsVersion(): Promise<string>;
  /** Stored pages whose edition was never decided (stored before editions existed): hash → ingested_at (ISO). */
  undatedPages(): Promise<Map<string, string>>;
  /** Records a stored page's edition on the page and its items. */
  setPageEdition(hash: string, edition: Edition, basis: EditionBasis): Promise<void>;
}

/** Update ids already taken by some instance: a webhook delivery Telegram repeats is handled once. */
export interface UpdateLog {
  /**
   * Records `updateId` as taken by `taker` (default: nobody named); true when this caller is the
   * first to take it, or when the record is `taker`'s own (written by an earlier call whose answer
   * was lost), false for a repeat. Ids older than the retention are forgotten now and then (at
   * most once a minute).
   */
  firstDelivery(updateId: number, now: Date, taker?: string): Promise<boolean>;
}

/** Injected time, so that tests control it. */
export interface Clock {
  now(): Date;
}

/**
 * How a follower's alerts come: `instant`, what one ingest (one push pass) found as one
 * message at once; `hourly`, one digest at the top of each hour; `daily`, one digest a day
 * at `Subscriber.alertTime`.
 */
export type AlertMode = 'instant' | 'hourly' | 'daily';

/**
 * A reader's quiet hours, `HH:MM` in TZ_NAME, over midnight when `end` is before `start`
 * (22:00–07:00): nothing is sent from `start` up to `end`; what falls due waits for `end`,
 * or, `silent`, goes out at once without a sound (`disable_notification`).
 */
export interface QuietHours {
  readonly start: string;
  readonly end: string;
  readonly silent: boolean;
}

/** A reader's chat as push sees it. Plain data: the store hands out copies. */
export interface Subscriber {
  readonly chatId: number;
  /** `zh` or `en`: the language push messages are written in. */
  readonly language: string;
  /** Daily summary time, `HH:MM` in TZ_NAME; null when the chat never subscribed. */
  readonly pushTime: string | null;
  /** 1 (Monday) to 7 (Sunday): the weekly summary on that day at `pushTime` instead of the daily one; null: daily. */
  readonly pushWeekday: number | null;
  /** The daily summary is on. */
  readonly active: boolean;
  /** ISO time `/subscribe` last set the time: the first summary comes at the first slot after it. */
  readonly timeSetAt: string | null;
  /** ISO time Telegram last accepted a summary for this chat. */
  readonly lastSummaryAt: string | null;
  /** ISO time the chat blocked the bot (403, kicked, its topic deleted); nothing is sent until the reader writes again. */
  readonly blockedAt: string | null;
  readonly blockedReason: string | null;
  /** The forum topic (message_thread_id) the summaries go to: where `/subscribe` was sent; null: the chat itself. */
  readonly threadId: number | null;
  /** The forum topic the alerts go to: where `/follow` was sent; null: the chat itself. */
  readonly alertThreadId: number | null;
  /** How alerts come (default `instant`). */
  readonly alertMode: AlertMode;
  /** The daily digest's time, `HH:MM` in TZ_NAME, when `alertMode` is `daily`. */
  readonly alertTime: string | null;
  /** Quiet hours; null: none (the default). */
  readonly quiet: QuietHours | null;
}

/**
 * What a delivery row is for: the daily summary of a report, the weekly one, a keyword alert
 * for an article (queued, then sent as part of a digest), or a digest (one message listing
 * a chat's alerts).
 */
export type DeliveryKind = 'hotline' | 'weekly' | 'alert' | 'digest';

/** One message owed to one chat: unique, so it is sent at most once. */
export interface DeliveryKey {
  readonly chatId: number;
  readonly kind: DeliveryKind;
  /** The report's key (its date), the week's key (`week:` and its last day), the article's id, or the digest's key. */
  readonly itemKey: string;
}

/** A chat that is owed a message, with what is needed to write it. */
export interface DueDelivery extends DeliveryKey {
  readonly language: string;
  /** Alerts: the keyword that matched. */
  readonly detail: string | null;
  /** The forum topic it goes to (message_thread_id); null: the chat itself. */
  readonly threadId: number | null;
  /** The chat's quiet hours; null: none. */
  readonly quiet: QuietHours | null;
}

/** A chat's alerts waiting to be put into a digest, and how the chat wants them. */
export interface WaitingAlerts {
  readonly chatId: number;
  readonly mode: AlertMode;
  /** The daily digest's time (mode `daily`). */
  readonly time: string | null;
  readonly quiet: QuietHours | null;
  /** ISO time the oldest of them was queued. */
  readonly oldest: string;
}

/** One article of a digest and the followed word it matched. */
export interface DigestItem {
  readonly articleId: string;
  readonly keyword: string;
}

/** Counts for `/stats`. */
export interface PushStats {
  /** Chats with the daily summary on. */
  readonly activeSubscribers: number;
  /** Chats turned off because they blocked the bot. */
  readonly blockedChats: number;
  /** Chats that follow at least one keyword. */
  readonly followers: number;
  /** Messages Telegram accepted since `since`, by kind. */
  readonly sentSummaries: number;
  readonly sentAlerts: number;
  /** Deliveries that failed since `since` and wait for a later tick. */
  readonly failedRetrying: number;
  /** Deliveries that used up their attempts (never retried) since `since`. */
  readonly failedGivenUp: number;
  /** Deliveries stopped since `since` because the chat blocked the bot. */
  readonly blocked: number;
  /** Deliveries claimed right now (being sent, or left by a process that died). */
  readonly claimsHeld: number;
}

/** Claims one process holds: what `newsbot push` and `/stats` report, and what a restart releases. */
export interface HeldClaims {
  /** The claimer, `host:pid:startedAt`. */
  readonly owner: string;
  readonly count: number;
  /** ISO time of its oldest claim. */
  readonly oldest: string;
}

/** What `/follow` did with each word. */
export interface FollowResult {
  readonly added: readonly string[];
  /** Already followed. */
  readonly known: readonly string[];
  /** Not added because the chat follows `maxFollows` words already. */
  readonly overLimit: readonly string[];
}

/** Claim bookkeeping limits. */
export interface DeliveryLimits {
  /** Claims one delivery may get before it is given up (default 5). */
  readonly maxAttempts: number;
  /**
   * A claim older than this (ms) is taken to be left by a crashed process and may be
   * claimed again (default 15 minutes: longer than one send with auto-retry's waits).
   */
  readonly claimLeaseMs: number;
}

/**
 * The push side of the store: subscriptions, follows, and deliveries claimed
 * in the store before they are sent so that two processes on one DATA_DIR never
 * both send the same message. Times are ISO strings (UTC), compared as text.
 */
export interface SubscriberStore {
  getSubscriber(chatId: number): Promise<Subscriber | undefined>;
  /**
   * Turns the summary on at `pushTime` (or moves it); clears a block. With `weekday` (1 Monday .. 7 Sunday)
   * it is the weekly summary on that day; without, the daily one (switching a weekly subscriber back).
   */
  subscribe(chatId: number, pushTime: string, language: string, now: Date, weekday?: number | null): Promise<Subscriber>;
  /** Turns the daily summary off; false when it was not on. */
  unsubscribe(chatId: number): Promise<boolean>;
  /** The chat blocked the bot (403, kicked): summary off, alerts paused, until the reader writes again. */
  deactivate(chatId: number, reason: string, now: Date): Promise<void>;
  follow(chatId: number, keywords: readonly string[], language: string, now: Date): Promise<FollowResult>;
  /** Returns the words that were followed and are not any more. */
  unfollow(chatId: number, keywords: readonly string[]): Promise<string[]>;
  /** The chat's followed words, in the order they were added. */
  follows(chatId: number): Promise<string[]>;
  /** Every (chat, word) whose alerts are on: the chat has not blocked the bot. */
  activeFollows(): Promise<{ chatId: number; keyword: string }[]>;
  /**
   * Where the chat's summaries or alerts go in a forum supergroup: the topic (message_thread_id)
   * `/subscribe` or `/follow` was sent in, or null for the chat itself.
   */
  setTopic(chatId: number, what: 'summaries' | 'alerts', threadId: number | null): Promise<void>;
  /** How the chat's alerts come (`time`: the daily digest's `HH:MM`); makes the chat's row if needed. */
  setAlertMode(chatId: number, mode: AlertMode, time: string | null, language: string, now: Date): Promise<Subscriber>;
  /** Sets the chat's quiet hours, or with null ends them; makes the chat's row if needed. */
  setQuietHours(chatId: number, quiet: QuietHours | null, language: string, now: Date): Promise<Subscriber>;

  /** Distinct summary times of active subscribers. */
  pushTimes(): Promise<string[]>;
  /** Active subscribers at `pushTime` (to name the chats of a bad stored time). */
  chatsAt(pushTime: string): Promise<number[]>;
  /**
   * Active subscribers at `pushTime` whose daily slot `slot` has come since they set the time
   * and since their last summary, and who can still be sent report `reportKey`.
   */
  dueSummaries(pushTime: string, slot: Date, reportKey: string, now: Date): Promise<DueDelivery[]>;
  /** Distinct (time, weekday) of active weekly subscribers. */
  weeklyTimes(): Promise<{ pushTime: string; weekday: number }[]>;
  /**
   * Active weekly subscribers at `pushTime` on `weekday` whose slot `slot` has come since they set the time
   * and since their last summary, and who can still be sent the week `weekKey`.
   */
  dueWeekly(pushTime: string, weekday: number, slot: Date, weekKey: string, now: Date): Promise<DueDelivery[]>;
  /** Every active subscriber that can still be sent report `reportKey` (`newsbot push`). */
  unsentSummaries(reportKey: string, now: Date): Promise<DueDelivery[]>;
  /** Chats (that have not blocked the bot) with queued alerts not yet in a digest. */
  waitingAlerts(now: Date): Promise<WaitingAlerts[]>;
  /**
   * Puts the chat's queued alerts queued at or before `upTo` into a new digest `digestKey`, in one
   * step: of two processes forming digests at once, each alert goes into one. Returns how many
   * (0: none, and no digest is made).
   */
  formDigest(chatId: number, digestKey: string, upTo: Date, now: Date): Promise<number>;
  /** Digests that can be sent now. */
  dueDigests(now: Date): Promise<DueDelivery[]>;
  /** The articles of a chat's digest, in the order they were stored, each with the word it matched. */
  digestItems(chatId: number, digestKey: string): Promise<DigestItem[]>;

  /**
   * Claims a delivery for `owner`: true when this caller may send it now. False when it was
   * sent, is claimed by someone else (and the claim is fresh), or used up its attempts.
   */
  claim(key: DeliveryKey, owner: string, now: Date): Promise<boolean>;
  /** Telegram accepted the message (a digest: its alerts too). */
  markSent(key: DeliveryKey, owner: string, messageId: number, now: Date): Promise<void>;
  /** It failed; it is claimed again on a later tick while attempts remain. Returns true when given up. */
  markFailed(key: DeliveryKey, owner: string, error: string, now: Date): Promise<boolean>;
  /** The chat blocked the bot: the delivery stops and the chat is deactivated. */
  markBlocked(key: DeliveryKey, owner: string, reason: string, now: Date): Promise<void>;
  /**
   * Lets go of a claim without using up a try: Telegram never answered about this delivery
   * (unreachable, timed out, 5xx, or this process stopped), so it is claimable again as if
   * never claimed. `reason` is kept as its last error.
   */
  unclaim(key: DeliveryKey, owner: string, reason: string, now: Date): Promise<void>;
  /**
   * Gives the deliveries of `kind`/`itemKey` that failed for good (every try used) their tries
   * back, so they are sent again (`newsbot push --retry-failed`). Returns how many.
   */
  retryFailed(kind: DeliveryKey['kind'], itemKey: string, now: Date): Promise<number>;
  /**
   * Reserves the next send slot of the budget all processes on this database share
   * (a token bucket kept as GCRA: one "next free moment"). Returns how many ms to wait
   * before sending; 0 or less: send now.
   */
  reserveSendSlot(nowMs: number, intervalMs: number, burst: number): Promise<number>;
  /** Claims held right now, per owner, fresh or not. */
  heldClaims(): Promise<HeldClaims[]>;
  /**
   * Gives up `owner`'s claims (it died): they are claimable again at once, each having used
   * one attempt. Returns how many were released.
   */
  releaseClaims(owner: string, reason: string, now: Date): Promise<number>;

  /** Ids of articles (kind `article`) stored after the alert watermark, oldest first. */
  articlesAfterWatermark(): Promise<{ seq: number; id: string }[]>;
  /** The position of the newest stored article (0: none): where the watermark moves when nobody follows a word. */
  lastArticleSeq(): Promise<number>;
  /** Queues alerts and moves the watermark to `seq`, in one transaction. */
  queueAlerts(alerts: readonly { chatId: number; articleId: string; keyword: string }[], seq: number, now: Date): Promise<number>;

  stats(since: Date): Promise<PushStats>;
}

