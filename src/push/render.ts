import { InlineKeyboard } from 'grammy';
import {
  packCallback,
  digestKeyboard,
  escapeHtml,
  formatDigest,
  formatEdition,
  formatHotlineReport,
  formatTrendCaption,
  oneLine,
  trendChartLabels,
  truncate,
  localeFor,
  translatorFor,
  subscriptionKeyboard,
} from '../render/index.js';
import type { I18n } from '@grammyjs/i18n';
import type { TrendChartRenderer, TrendSummary } from '../trend/index.js';
import type { Article, HotlineReport, SafetyReport } from '../types.js';
import type { OutgoingMessage } from './broadcast.js';

/** The newest report and what goes with it in one summary message. */
export interface Summary {
  readonly report: HotlineReport;
  /** The report before it, for the ▲/▼ changes. */
  readonly previous: HotlineReport | undefined;
  /** The safety-hazard report of the same day. */
  readonly safety: SafetyReport | undefined;
}

/** A digest of a chat's alerts as push sends it. */
export interface DigestMessage {
  readonly key: string;
  /** The followed words its articles matched, in the order first matched. */
  readonly keywords: readonly string[];
  /** How many articles it holds. */
  readonly total: number;
  /** The first DIGEST_PAGE_SIZE of them. */
  readonly articles: readonly Article[];
}

/** Writes push's messages in a reader's language (`zh` or `en`). */
export interface PushRenderer {
  summary(summary: Summary, language: string): OutgoingMessage;
  /** One article that matched a followed word: its title, edition line, the matching sentence and a read button. */
  alert(article: Article, keyword: string, snippet: string, language: string): OutgoingMessage;
  /** Several: the words, the first articles with their edition lines, a read button each and one for the rest. */
  digest(digest: DigestMessage, language: string): OutgoingMessage;
  /** The weekly summary: the week's chart with its caption, or the caption alone when fewer than 2 days are reported. */
  weekly(week: TrendSummary, language: string): Promise<OutgoingMessage>;
}

/** Longest title in an alert; the button opens the whole article. */
const ALERT_TITLE_MAX = 80;

/**
 * The renderer over the bot's own formatter and locale files, so that the daily
 * summary reads exactly as `/hotline` (under a heading that says it is the daily
 * summary, with buttons to change its time or stop it) and the alert's button is
 * the bot's read button.
 */
export function createPushRenderer(i18n: I18n, chart: TrendChartRenderer): PushRenderer {
  const t = (language: string) => translatorFor(i18n, localeFor(language));
  return {
    async weekly(week, language) {
      const tr = t(language);
      const text = formatTrendCaption(week, tr, true);
      if (week.trend.days.length < 2) return { text };
      const png = await chart.render(week.trend, trendChartLabels(week, tr));
      return { text, photo: { png, filename: `week-${week.trend.from}-${week.trend.to}.png` } };
    },
    summary({ report, previous, safety }, language) {
      const tr = t(language);
      return {
        text: `${tr('summary-heading')}\n\n${formatHotlineReport(report, previous, safety, tr)}`,
        options: { reply_markup: subscriptionKeyboard(tr) },
      };
    },
    digest({ key, keywords, total, articles }, language) {
      const tr = t(language);
      return {
        text: formatDigest({ keywords, total, from: 0, articles }, tr),
        options: { reply_markup: digestKeyboard(key, articles, 0, total, tr) },
      };
    },
    alert(article, keyword, snippet, language) {
      const tr = t(language);
      const lines = [
        tr('alert-head', { keyword }),
        `<b>${escapeHtml(truncate(oneLine(article.title), ALERT_TITLE_MAX))}</b>`,
        // Where it was printed, as under every search result: never the page file's name.
        formatEdition(article.edition, tr),
      ];
      // The snippet is search's HTML: already escaped, with <b> highlights.
      if (snippet) lines.push(snippet);
      const keyboard = new InlineKeyboard().text(
        tr('alert-read'),
        packCallback({ kind: 'read', articleId: article.id, part: 0 }),
      );
      return {
        text: lines.join('\n'),
        options: { reply_markup: keyboard },
      };
    },
  };
}
