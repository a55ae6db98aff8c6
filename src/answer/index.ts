/**
 * Answers to readers' questions: hotline numbers from the parsed reports,
 * or the sentence of an article that holds the answer. Plain data in and out:
 * the app passes the reports, the search and the text tools in; nothing here
 * talks to SQL or to jieba directly.
 */
import type { Article, SearchResult } from '../types.js';
import { answerFromArticles, isQuestion, searchText, type TextTools } from './article.js';
import { calendarDay } from './dates.js';
import { answerHotline } from './hotline.js';
import type { Answer, ReportSet } from './types.js';

export { isQuestion, questionShape, type TextTools } from './article.js';
export { calendarDay, parseDateSpec } from './dates.js';
export { answerHotline } from './hotline.js';
export type { Answer, ReportSet } from './types.js';

/** What the answer service needs from the rest of the app (sync or async, so either store fits). */
export interface AnswerDeps {
  /** The stored hotline and safety reports, with their items. */
  reports(): ReportSet | Promise<ReportSet>;
  /** The best matching articles first (the same search readers get). */
  search(query: string, limit: number): SearchResult | Promise<SearchResult>;
  getArticle(id: string): Article | undefined | Promise<Article | undefined>;
  readonly tools: TextTools;
  readonly clock: { now(): Date };
  /** The readers' time zone, for 昨天 and 上周三 (default Asia/Shanghai). */
  readonly timeZone?: string;
}

/** Answers questions; one per app, shared by the bot, inline mode and `newsbot ask`. */
export interface AnswerService {
  /** The answer to `question`, or null when neither the reports nor an article hold one. */
  answer(question: string): Promise<Answer | null>;
}

/** Articles read for an answer (the best hits of the question's search). */
const ARTICLES_SEARCHED = 3;

/** Creates the answer service over the app's reports and search. */
export function createAnswerService(deps: AnswerDeps): AnswerService {
  return {
    async answer(question) {
      const text = question.trim();
      if (text === '') return null;
      const today = calendarDay(deps.clock.now(), deps.timeZone ?? 'Asia/Shanghai');
      const hotline = answerHotline(text, await deps.reports(), today);
      if (hotline) return hotline;
      if (!isQuestion(text)) return null;
      const found = await deps.search(searchText(text), ARTICLES_SEARCHED);
      const articles: Article[] = [];
      for (const hit of found.results) {
        const article = await deps.getArticle(hit.id);
        if (article) articles.push(article);
      }
      return answerFromArticles(text, articles, deps.tools);
    },
  };
}
