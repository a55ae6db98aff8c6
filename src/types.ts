/**
 * Plain data passed between the modules. Nothing here has behaviour:
 * corpus/ produces these, store/ keeps them, search/ indexes them,
 * bot/ and push/ format them for readers.
 */

/** What a parsed item is: a news article or one of the two daily reports. */
export type ItemKind = 'article' | 'hotline' | 'safety';

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

/** Everything read from one page file. Parsers warn instead of throwing. */
export interface ParsedPage {
  /** Base name of the file. */
  readonly source: string;
  /** sha256 of the file's bytes: ingesting the same bytes twice changes nothing. */
  readonly contentHash: string;
  /** The page's own date (a dated header), or null. */
  readonly pageDate: string | null;
  readonly items: readonly Article[];
  readonly hotline: readonly HotlineReport[];
  readonly safety: readonly SafetyReport[];
  /** Human-readable problems found while parsing (bad arithmetic, odd layout). */
  readonly warnings: readonly string[];
}

/** One search result, as `newsbot search --json` prints it. */
export interface Hit {
  readonly id: string;
  readonly title: string;
  readonly date: string | null;
  readonly source: string;
  /** HTML-escaped text around the best match, matches wrapped in `<b>`. */
  readonly snippet: string;
  readonly score: number;
}

export interface SearchResult {
  readonly query: string;
  /** How many articles matched in all (not just this page). */
  readonly total: number;
  readonly results: readonly Hit[];
}

export interface SearchOptions {
  /** Results per page (default 10). */
  readonly limit?: number;
  /** Results to skip, for paging (default 0). */
  readonly offset?: number;
}

/** What the bot and push need from search. */
export interface SearchService {
  search(query: string, options?: SearchOptions): SearchResult;
  /** Does this article match the keyword the way a search would? (keyword alerts) */
  matches(article: Article, keyword: string): boolean;
  /** Snippet for one article and query (HTML, escaped, `<b>` highlights). */
  snippet(article: Article, query: string): string;
}

/** What the bot needs to read articles and reports. */
export interface ArticleStore {
  getArticle(id: string): Article | undefined;
  /** Newest first (by date, then by ingestion order). */
  latestArticles(limit: number): Article[];
  /** Dates that have a hotline report, newest first. */
  hotlineDates(): string[];
  /** The report of that day, or the newest when no date is given. */
  hotlineReport(date?: string): HotlineReport | undefined;
  /** The report before the given day's, for "change against the previous one". */
  previousHotlineReport(date: string): HotlineReport | undefined;
  /** The reports of the days `from`..`to` (`YYYY-MM-DD`, both included), oldest first, one per day. */
  hotlineReportsBetween(from: string, to: string): HotlineReport[];
  safetyReport(date: string): SafetyReport | undefined;
}

/** Server-side memory of search queries, so callback data only holds a short id. */
export interface QueryStore {
  /** Returns a short id for the query (the same id for the same query). */
  saveQuery(query: string): string;
  getQuery(id: string): string | undefined;
}

/** Injected time, so that tests control it. */
export interface Clock {
  now(): Date;
}
