/**
 * The reader app's data API: what each `/app/api/…` answer holds. Plain JSON,
 * shared by the server (src/webapp/api.ts) and the page (web/), which imports
 * these types only (nothing here runs in the browser).
 */
import type { Edition, HotlineReport, ItemKind, SafetyReport } from '../types.js';

/** A run of article text, marked when it matched the reader's search words. Text, never HTML. */
export interface TextPart {
  readonly text: string;
  readonly mark: boolean;
}

/** `GET /app/api/editions`: the days that have an edition, newest first. */
export interface EditionDates {
  readonly dates: readonly string[];
}

/** One item of an edition's page, as the page list shows it. */
export interface EditionItem {
  readonly id: string;
  readonly kind: ItemKind;
  readonly title: string;
  readonly kicker: string | null;
  readonly subtitle: string | null;
  /** The first line of the body, cut to about 60 characters. */
  readonly lead: string;
}

/** One page (版) of an edition. */
export interface EditionPage {
  /** As printed ("3", "A03"); null when the page number is unknown. */
  readonly page: string | null;
  readonly items: readonly EditionItem[];
}

/** `GET /app/api/edition?date=` (default the newest): one day's paper, page by page. */
export interface EditionView {
  readonly date: string;
  /** True when the day is an estimate from the pages' text. */
  readonly estimated: boolean;
  /** The edition before and after this one, or null at either end. */
  readonly previous: string | null;
  readonly next: string | null;
  readonly pages: readonly EditionPage[];
}

/** An article named in a list (related articles). */
export interface ArticleLink {
  readonly id: string;
  readonly title: string;
  readonly edition: Edition;
}

/** `GET /app/api/article?id=&q=`: the whole article, the query's words marked. */
export interface ArticleView {
  readonly id: string;
  readonly kind: ItemKind;
  readonly kicker: string | null;
  readonly title: readonly TextPart[];
  readonly subtitle: string | null;
  readonly reporters: readonly string[];
  readonly edition: Edition;
  /** Paragraphs in order, each as text parts. */
  readonly paragraphs: readonly (readonly TextPart[])[];
  readonly related: readonly ArticleLink[];
  /** A t.me link that opens this article in the reader, to share; null when the bot's username is unknown. */
  readonly shareUrl: string | null;
}

/** One search result. */
export interface SearchHit {
  readonly id: string;
  readonly title: string;
  readonly edition: Edition;
  readonly snippet: readonly TextPart[];
}

/** `GET /app/api/search?q=&offset=&sort=`: a page of results, as the chat's search gives them. */
export interface SearchView {
  readonly query: string;
  /** The query without a trailing time span: the words to mark in an opened article. */
  readonly words: string;
  readonly total: number;
  readonly offset: number;
  readonly span: { readonly since: string | null; readonly until: string | null } | null;
  readonly sort: 'relevance' | 'newest';
  readonly results: readonly SearchHit[];
}

/** One reported day of the hotline series. */
export interface HotlineDay {
  readonly date: string;
  readonly calls: number | null;
  readonly messages: number | null;
  readonly direct: number | null;
  readonly transferred: number | null;
}

/** One day's reports, whole. */
export interface ReportView {
  readonly hotline: HotlineReport;
  /** The report before it (for the change), or null. */
  readonly previous: HotlineReport | null;
  /** The safety-hazard report of the same day, or null. */
  readonly safety: SafetyReport | null;
}

/** `GET /app/api/hotline?days=`: the series up to the newest report, and that report. */
export interface HotlineView {
  readonly from: string;
  readonly to: string;
  readonly days: readonly HotlineDay[];
  readonly hot: readonly { readonly topic: string; readonly daysInTop3: number; readonly total: number }[];
  /** The newest report; null when there is none. */
  readonly report: ReportView | null;
}

/** `GET /app/api/settings`: the reader's summary and followed words, as `/settings` shows them. */
export interface SettingsView {
  /** The summary is on. */
  readonly subscribed: boolean;
  /** `HH:MM` of the summary when it is on. */
  readonly time: string | null;
  /** 1 (Monday) .. 7 (Sunday): weekly on that day; null: daily. */
  readonly weekday: number | null;
  readonly keywords: readonly string[];
  /** The time a new subscription starts with (PUSH_TIME). */
  readonly defaultTime: string;
  readonly maxKeywords: number;
  readonly keywordMaxLength: number;
}

/** `POST /app/api/settings`: one change at a time; the answer is the new SettingsView. */
export type SettingsChange =
  | { readonly action: 'subscribe'; readonly time: string; readonly weekday: number | null }
  | { readonly action: 'unsubscribe' }
  | { readonly action: 'follow'; readonly word: string }
  | { readonly action: 'unfollow'; readonly word: string };
