/**
 * Answers to readers' questions: hotline numbers from the parsed reports,
 * or the fact an article states. Plain data in and out: the app passes the
 * reports, the search and the text tools in; nothing here talks to SQL or to
 * jieba directly.
 */
import type { Article, SearchOptions, SearchResult } from '../types.js';
import { answerFromArticles, type TextTools } from './article.js';
import { calendarDay } from './dates.js';
import { answerHotline, reportDays } from './hotline.js';
import { readQuestion } from './question.js';
import { findTime } from '../search/index.js';
import type { Answer, ReportItem, Reports } from './types.js';

export { questionShape, type TextTools } from './article.js';
export { calendarDay, parseDateSpec } from './dates.js';
export { answerHotline } from './hotline.js';
export { readQuestion } from './question.js';
export type { Answer, ReportSet } from './types.js';

/** What the answer service needs from the rest of the app (sync or async, so either store fits). */
export interface AnswerDeps {
  /** The stored hotline and safety reports. */
  reports(): Reports | Promise<Reports>;
  /**
   * The reports' items (to name one as an answer's source). Asked only for a question the
   * reports answer: on a large archive it reads tens of thousands of rows.
   */
  reportItems(): readonly ReportItem[] | Promise<readonly ReportItem[]>;
  /** The best matching articles first (the same search readers get). */
  search(query: string, options: SearchOptions): SearchResult | Promise<SearchResult>;
  getArticle(id: string): Article | undefined | Promise<Article | undefined>;
  readonly tools: TextTools;
  readonly clock: { now(): Date };
  /** The readers' time zone, for 昨天 and 上周三 (default Asia/Shanghai). */
  readonly timeZone?: string;
}

/** What a reader's text lists: the words searched, whether the nearest match may stand in, and what comes first. */
export interface Listing {
  readonly query: string;
  readonly nearest: boolean;
  /**
   * Ids listed before the search's hits: the report a hotline question is
   * answered from (its numbers are in the report, whose words rarely match
   * the question's: 前天热线有数据吗, 排第二的热点是什么).
   */
  readonly first: readonly string[];
}

/** Answers questions; one per app, shared by the bot, inline mode and `newsbot ask`. */
export interface AnswerService {
  /**
   * The answer to `question`, or null when neither the reports nor an article
   * hold one. `listed`: the reply's own first page of `listing(question)`
   * searched (offset 0, at least 3 hits asked for); its best hits are read
   * instead of running the same search a second time for the answer.
   */
  answer(question: string, listed?: Pick<SearchResult, 'results'>): Promise<Answer | null>;
  /**
   * What to list under the answer: for a question, the words it is about (what
   * is asked and the scaffolding taken out: 最美驿站全国一共评了多少个 lists
   * 最美驿站全国评), the nearest match allowed; any other text as typed. A
   * question answered from a hotline or safety report lists that report first.
   */
  listing(text: string): Promise<Listing>;
}

/**
 * The question's time as a search reads it: a span (最近7天, 本月, 上周) moved to
 * the end, where it limits the editions searched; a day said relative to today
 * (昨天, 上周三) written as the paper writes a day (10月15日), to be found in the
 * text: what happened on a day is printed the day after, so the day is no edition.
 * `known`: the report days an answer placed a yearless month by (10月 → the
 * October with reports): the span is then written with its years, so that the
 * list under the answer is of the same month.
 */
function timeInWords(about: string, today: string, known?: ReadonlySet<string>): string {
  const found = findTime(about, known ? { today, known } : { today });
  if (!found) return about;
  const words = about.slice(found.start, found.end);
  const rest = `${about.slice(0, found.start)}${about.slice(found.end)}`.trim();
  if (found.time.kind === 'span') {
    const span = known ? `${paperDay(found.time.from, true)}到${paperDay(found.time.to, true)}` : words;
    return rest === '' ? span : `${rest} ${span}`;
  }
  if (/\d|[一二三四五六七八九十]月/u.test(words)) return about;
  return `${about.slice(0, found.start)}${paperDay(found.time.date, false)}${about.slice(found.end)}`;
}

/** 2025-10-15 as the paper writes it: 10月15日, or 2025年10月15日 with its year. */
function paperDay(date: string, withYear: boolean): string {
  const [year, month, day] = date.split('-');
  return `${withYear ? `${year}年` : ''}${Number(month)}月${Number(day)}日`;
}

/** Articles read for an answer (the best hits of the question's search). */
const ARTICLES_SEARCHED = 3;

/** Creates the answer service over the app's reports and search. */
export function createAnswerService(deps: AnswerDeps): AnswerService {
  const today = () => calendarDay(deps.clock.now(), deps.timeZone ?? 'Asia/Shanghai');
  /** The words a text lists (no report put first); `known`: the report days its answer placed its time by. */
  const words = (text: string, known?: ReadonlySet<string>): Omit<Listing, 'first'> => {
    // Read folded (熱線 is 热线, 嗎 is 吗); a text that asks nothing is searched as typed.
    const question = readQuestion(deps.tools.fold(text), deps.tools.tag);
    if (!question || question.about === '') return { query: text, nearest: false };
    return { query: timeInWords(question.about, today(), known), nearest: true };
  };
  /**
   * The last text's report answer: a reply asks listing() and then answer() the same text, and
   * reports kept by the app (store/reportCache.ts) stay the same object while they do not change.
   */
  let last: { readonly text: string; readonly day: string; readonly reports: Reports; readonly answer: Answer | null } | null = null;
  /** The hotline or safety report's answer to the text, if it is a question about report numbers. */
  const fromReports = async (typed: string): Promise<Answer | null> => {
    if (typed === '') return null;
    // 熱線昨天來電多少 is asked as 热线昨天来电多少.
    const text = deps.tools.fold(typed);
    const reports = await deps.reports();
    const day = today();
    if (last?.text === text && last.day === day && last.reports === reports) return last.answer;
    // Without items an answer names no source item, and is null exactly when it would be with them.
    const answer = answerHotline(text, { ...reports, items: [] }, day) === null ? null : answerHotline(text, { ...reports, items: await deps.reportItems() }, day);
    last = { text, day, reports, answer };
    return answer;
  };
  return {
    async listing(text) {
      const report = await fromReports(text.trim());
      if (!report) return { ...words(text), first: [] };
      return { ...words(text, reportDays(await deps.reports())), first: [report.source.id] };
    },
    async answer(question, listed) {
      const text = question.trim();
      if (text === '') return null;
      const hotline = await fromReports(text);
      if (hotline) return hotline;
      const about = words(text);
      if (!about.nearest) return null;
      // The list a reader gets (listing: nearest allowed, a time span limits the editions), or the same search run here.
      const found = listed ?? (await deps.search(about.query, { limit: ARTICLES_SEARCHED, today: today(), nearest: true }));
      const articles: Article[] = [];
      for (const hit of found.results.slice(0, ARTICLES_SEARCHED)) {
        const article = await deps.getArticle(hit.id);
        if (article) articles.push(article);
      }
      return answerFromArticles(deps.tools.fold(text), articles, deps.tools);
    },
  };
}
