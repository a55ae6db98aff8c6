/**
 * The reader app's data API: plain requests in (already signed in by the
 * launch data), JSON out. Each answer reads the same stores and the same
 * search as the chat, so the app and the bot never disagree.
 */
import { calendarDay, isCalendarDay } from '../calendar.js';
import { parseClockTime } from '../config.js';
import { parseKeywords, KEYWORD_MAX } from '../bot/index.js';
import { localeFor } from '../render/index.js';
import { splitTimeSpan, type ArticleMarks } from '../search/index.js';
import { MAX_FOLLOWS } from '../store/index.js';
import { buildTrend, DEFAULT_TREND_DAYS, MAX_TREND_DAYS, spanEnding, type HotTopics } from '../trend/index.js';
import type { Article, ArticleStore, Clock, SearchOptions, SearchResult, SubscriberStore, Hit } from '../types.js';
import type {
  ArticleView,
  EditionDates,
  EditionItem,
  EditionPage,
  EditionView,
  HotlineView,
  ReportView,
  SearchView,
  SettingsChange,
  SettingsView,
} from './apiTypes.js';
import type { LaunchUser } from './initData.js';
import { markParagraphs, markText, snippetParts } from './textParts.js';

/** Results per page of the app's search (its list loads the next page as the reader scrolls). */
export const SEARCH_PAGE = 20;
/** Deepest result the app's search pages to: past it, a narrower query helps more than scrolling. */
export const SEARCH_OFFSET_MAX = 1000;
/** Related articles under an article. */
export const RELATED_SHOWN = 5;
/** Characters of an item's first line in the page list. */
const LEAD_MAX = 60;

/** What the API needs of search: the chat's search, related articles, and where a query's words stand in a text. */
export interface ReaderSearch {
  search(query: string, options?: SearchOptions): Promise<SearchResult>;
  related(articleId: string, limit: number): Hit[];
  marks(article: Article, query: string): ArticleMarks;
}

export interface ReaderApiDeps {
  readonly articles: ArticleStore;
  readonly search: ReaderSearch;
  readonly subscribers: SubscriberStore;
  readonly clock: Clock;
  readonly timeZone: string;
  /** PUSH_TIME: the time a new subscription starts with. */
  readonly pushTime: string;
  /** The hot-issue topic list the trend counts by (the runtime's one). */
  readonly hotTopics: HotTopics;
  /** The bot's username once Telegram told it (getMe), for share links; null before. */
  botUsername(): string | null;
}

/** One API call, signed in. `path` is what follows `/app/api/`. */
export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** The parsed JSON body of a POST (undefined for GET). */
  readonly body: unknown;
  readonly reader: LaunchUser;
}

/** JSON on success; a one-line text (`error`) otherwise. */
export type ApiAnswer = { readonly status: 200; readonly json: unknown } | { readonly status: 400 | 404 | 405; readonly error: string };

export interface ReaderApi {
  answer(request: ApiRequest): Promise<ApiAnswer>;
}

class ApiProblem extends Error {
  constructor(readonly status: 400 | 404 | 405, message: string) {
    super(message);
  }
}

function dayParam(query: URLSearchParams, name: string): string | null {
  const value = query.get(name);
  if (value === null || value === '') return null;
  if (!isCalendarDay(value)) throw new ApiProblem(400, `${name} must be a day as YYYY-MM-DD, got "${value.slice(0, 20)}"`);
  return value;
}

function wholeParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const value = query.get(name);
  if (value === null || value === '') return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new ApiProblem(400, `${name} must be a whole number from ${min} to ${max}, got "${value.slice(0, 20)}"`);
  return n;
}

/** The first line of a body, cut to LEAD_MAX characters with "…". */
function leadOf(body: string): string {
  const line = body.split('\n').find((text) => text.trim() !== '')?.trim() ?? '';
  const chars = Array.from(line);
  return chars.length > LEAD_MAX ? `${chars.slice(0, LEAD_MAX).join('')}…` : line;
}

function editionItem(article: Article): EditionItem {
  return { id: article.id, kind: article.kind, title: article.title, kicker: article.kicker, subtitle: article.subtitle, lead: leadOf(article.body) };
}

/** Items in page order (the store's) grouped by page. */
function groupPages(items: readonly Article[]): EditionPage[] {
  const pages: { page: string | null; items: EditionItem[] }[] = [];
  for (const item of items) {
    const last = pages.at(-1);
    if (last?.page === item.edition.page) last.items.push(editionItem(item));
    else pages.push({ page: item.edition.page, items: [editionItem(item)] });
  }
  return pages;
}

export function createReaderApi(deps: ReaderApiDeps): ReaderApi {
  const today = () => calendarDay(deps.clock.now(), deps.timeZone);

  const editionDates = async (): Promise<EditionDates> => ({ dates: await deps.articles.editionDates() });

  const edition = async (query: URLSearchParams): Promise<EditionView> => {
    const asked = dayParam(query, 'date');
    const dates = await deps.articles.editionDates();
    const date = asked ?? dates[0];
    if (date === undefined) throw new ApiProblem(404, 'no edition stored yet');
    const at = dates.indexOf(date);
    if (at < 0) throw new ApiProblem(404, `no edition on ${date}`);
    const items = await deps.articles.editionArticles(date);
    return {
      date,
      estimated: items.length > 0 && items.every((item) => item.edition.estimated),
      previous: dates[at + 1] ?? null,
      next: at > 0 ? dates[at - 1]! : null,
      pages: groupPages(items),
    };
  };

  const article = async (query: URLSearchParams): Promise<ArticleView> => {
    const id = query.get('id') ?? '';
    if (!/^[0-9a-f]{1,64}$/.test(id)) throw new ApiProblem(400, `id must be an article id (hex), got "${id.slice(0, 20)}"`);
    const found = await deps.articles.getArticle(id);
    if (!found) throw new ApiProblem(404, `no article ${id}`);
    // A trailing time span (护学岗 2025年2月) limited the search; only the words are marked.
    const words = splitTimeSpan(query.get('q') ?? '', today()).text;
    const marks = words === '' ? { title: [], body: [] } : deps.search.marks(found, words);
    const bot = deps.botUsername();
    return {
      id: found.id,
      kind: found.kind,
      kicker: found.kicker,
      title: markText(found.title, marks.title),
      subtitle: found.subtitle,
      reporters: found.reporters,
      edition: found.edition,
      paragraphs: markParagraphs(found.body, marks.body),
      related: deps.search.related(found.id, RELATED_SHOWN).map((hit) => ({ id: hit.id, title: hit.title, edition: hit.edition })),
      shareUrl: bot ? `https://t.me/${bot}?startapp=a_${found.id}` : null,
    };
  };

  const search = async (query: URLSearchParams): Promise<SearchView> => {
    const text = (query.get('q') ?? '').trim().slice(0, 200);
    const offset = wholeParam(query, 'offset', 0, 0, SEARCH_OFFSET_MAX);
    const sortParam = query.get('sort');
    if (sortParam !== null && sortParam !== 'relevance' && sortParam !== 'newest') {
      throw new ApiProblem(400, `sort must be relevance or newest, got "${sortParam.slice(0, 20)}"`);
    }
    if (text === '') return { query: text, words: '', total: 0, offset, span: null, sort: 'relevance', results: [] };
    const result = await deps.search.search(text, { limit: SEARCH_PAGE, offset, today: today(), ...(sortParam ? { sort: sortParam } : {}) });
    return {
      query: text,
      words: result.words,
      total: result.total,
      offset,
      span: result.span,
      sort: result.sort,
      results: result.results.map((hit) => ({ id: hit.id, title: hit.title, edition: hit.edition, snippet: snippetParts(hit.snippet) })),
    };
  };

  const report = async (date: string): Promise<ReportView | null> => {
    const hotline = await deps.articles.hotlineReport(date);
    if (!hotline) return null;
    const [previous, safety] = await Promise.all([deps.articles.previousHotlineReport(date), deps.articles.safetyReport(date)]);
    return { hotline, previous: previous ?? null, safety: safety ?? null };
  };

  const hotline = async (query: URLSearchParams): Promise<HotlineView> => {
    const days = wholeParam(query, 'days', DEFAULT_TREND_DAYS, 1, MAX_TREND_DAYS);
    const [newest] = await deps.articles.hotlineDates();
    if (newest === undefined) return { from: today(), to: today(), days: [], hot: [], report: null };
    const { from, to } = spanEnding(newest, days);
    const trend = buildTrend(await deps.articles.hotlineReportsBetween(from, to), from, to, deps.hotTopics);
    return { from, to, days: trend.days, hot: trend.hot, report: await report(newest) };
  };

  const reportOn = async (query: URLSearchParams): Promise<ReportView> => {
    const date = dayParam(query, 'date');
    if (date === null) throw new ApiProblem(400, 'date must be a day as YYYY-MM-DD');
    const found = await report(date);
    if (!found) throw new ApiProblem(404, `no hotline report for ${date}`);
    return found;
  };

  const settings = async (chatId: number): Promise<SettingsView> => {
    const [subscriber, keywords] = await Promise.all([deps.subscribers.getSubscriber(chatId), deps.subscribers.follows(chatId)]);
    const on = subscriber?.active === true && subscriber.pushTime !== null;
    return {
      subscribed: on,
      time: on ? subscriber.pushTime : null,
      weekday: on ? subscriber.pushWeekday : null,
      keywords,
      defaultTime: deps.pushTime,
      maxKeywords: MAX_FOLLOWS,
      keywordMaxLength: KEYWORD_MAX,
    };
  };

  const change = async (reader: LaunchUser, body: unknown): Promise<SettingsView> => {
    const request = readChange(body);
    const chatId = reader.id;
    const language = localeFor(reader.languageCode ?? undefined);
    const now = deps.clock.now();
    switch (request.action) {
      case 'subscribe':
        await deps.subscribers.subscribe(chatId, request.time, language, now, request.weekday);
        break;
      case 'unsubscribe':
        await deps.subscribers.unsubscribe(chatId);
        break;
      case 'follow': {
        const result = await deps.subscribers.follow(chatId, [request.word], language, now);
        if (result.overLimit.length > 0) throw new ApiProblem(400, `at most ${MAX_FOLLOWS} followed words: unfollow one first`);
        break;
      }
      case 'unfollow':
        await deps.subscribers.unfollow(chatId, [request.word]);
        break;
    }
    return settings(chatId);
  };

  return {
    async answer(request) {
      try {
        const route = `${request.method} ${request.path}`;
        switch (route) {
          case 'GET editions':
            return { status: 200, json: await editionDates() };
          case 'GET edition':
            return { status: 200, json: await edition(request.query) };
          case 'GET article':
            return { status: 200, json: await article(request.query) };
          case 'GET search':
            return { status: 200, json: await search(request.query) };
          case 'GET hotline':
            return { status: 200, json: await hotline(request.query) };
          case 'GET report':
            return { status: 200, json: await reportOn(request.query) };
          case 'GET settings':
            return { status: 200, json: await settings(request.reader.id) };
          case 'POST settings':
            return { status: 200, json: await change(request.reader, request.body) };
        }
        if (['editions', 'edition', 'article', 'search', 'hotline', 'report', 'settings'].includes(request.path)) {
          throw new ApiProblem(405, `${request.method} is not allowed on ${request.path}`);
        }
        throw new ApiProblem(404, `no such API: ${request.path.slice(0, 40)}`);
      } catch (error) {
        if (error instanceof ApiProblem) return { status: error.status, error: error.message };
        throw error;
      }
    },
  };
}

/** A settings change as the page sends it; a one-line 400 for anything else. */
function readChange(body: unknown): SettingsChange {
  const value = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  switch (value.action) {
    case 'subscribe': {
      const time = typeof value.time === 'string' ? value.time : '';
      const minutes = parseClockTime(time);
      if (minutes === null) throw new ApiProblem(400, `time must be HH:MM, got "${time.slice(0, 20)}"`);
      const weekday = value.weekday ?? null;
      if (weekday !== null && !(Number.isInteger(weekday) && (weekday as number) >= 1 && (weekday as number) <= 7)) {
        throw new ApiProblem(400, 'weekday must be 1 (Monday) to 7 (Sunday), or null for daily');
      }
      const hhmm = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
      return { action: 'subscribe', time: hhmm, weekday: weekday as number | null };
    }
    case 'unsubscribe':
      return { action: 'unsubscribe' };
    case 'follow':
    case 'unfollow': {
      const words = parseKeywords(typeof value.word === 'string' ? value.word : '');
      if (words.length !== 1) throw new ApiProblem(400, 'word must be one word or short phrase without spaces or commas');
      const word = words[0]!;
      if (value.action === 'follow' && Array.from(word).length > KEYWORD_MAX) {
        throw new ApiProblem(400, `a followed word has at most ${KEYWORD_MAX} characters`);
      }
      return { action: value.action, word };
    }
    default:
      throw new ApiProblem(400, 'action must be subscribe, unsubscribe, follow or unfollow');
  }
}
