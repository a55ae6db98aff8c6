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
  /** How many articles matched in all (not just this page). */
  readonly total: number;
  readonly results: readonly Hit[];
  /** The editions searched (a trailing time in the query, --since/--until), or null for all. */
  readonly span: { readonly since: string | null; readonly until: string | null } | null;
  /** The order of `results`. */
  readonly sort: SearchSort;
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
   * The reader's calendar day (`YYYY-MM-DD`, Asia/Shanghai). When given, a
   * time span ending the query (`护学岗 2025年2月`, `近7天`) limits the
   * editions searched; without it the query is taken as words only.
   */
  readonly today?: string;
}

/** How search results are ordered. */
export type SearchSort = 'relevance' | 'newest';

/** What the bot and push need from search. */
export interface SearchService {
  search(query: string, options?: SearchOptions): SearchResult;
  /** Does this article match the keyword the way a search would? (keyword alerts) */
  matches(article: Article, keyword: string): boolean;
  /** Snippet for one article and query (HTML, escaped, `<b>` highlights). */
  snippet(article: Article, query: string): string;
  /**
   * Up to `limit` other articles sharing the article's distinctive words, best
   * first (most recent first among equals); empty when none or the id is unknown.
   * Optional: a search without it shows no related button.
   */
  related?(articleId: string, limit: number): Hit[];
}

/** What the bot needs to read articles and reports. */
export interface ArticleStore {
  getArticle(id: string): Article | undefined;
  /** Newest first (by edition date, then by ingestion order); news only, no reports. */
  latestArticles(limit: number): Article[];
  /** Days that have an edition (estimated ones included), newest first. */
  editionDates(): string[];
  /** Every item of the edition of that day, by page then ingestion order. */
  editionArticles(date: string): Article[];
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
