/**
 * The words around a trend chart: the labels drawn on it and the caption that
 * says the same for readers who cannot see the image. Shared by `/trend`, the
 * weekly summary and `newsbot trend --png`.
 */
import {
  daysBetween,
  type SeriesSummary,
  type SpanAdvice,
  type TrendChartLabels,
  type TrendSummary,
} from '../trend/index.js';
import { oneLine, truncate } from './format.js';
import type { Translate } from './i18n.js';

/** Hot issues named in a caption (the chart draws more). */
const CAPTION_TOPICS = 5;
/** Other printed names given for one hot issue (default 2): five issues must stay under the 1024-character caption limit. */
const CAPTION_OTHER_NAMES = 2;

/** The chart's labels in the translator's language. Plain text: the chart is not HTML. */
export function trendChartLabels(summary: TrendSummary, t: Translate): TrendChartLabels {
  const { trend } = summary;
  return {
    title: t('trend-chart-title'),
    subtitle: t('trend-chart-subtitle', {
      from: trend.from,
      to: trend.to,
      days: daysBetween(trend.from, trend.to).length,
      reports: trend.days.length,
    }),
    calls: t('trend-chart-calls'),
    messages: t('trend-chart-messages'),
    hotTitle: t('trend-chart-hot'),
    dayCount: t('trend-chart-day-count', { n: '{n}' }),
    noHot: t('trend-chart-no-hot'),
    footer: t('trend-chart-footer'),
  };
}

function seriesLine(key: string, series: SeriesSummary | undefined, t: Translate): string[] {
  if (!series) return [];
  return [
    t(key, {
      total: series.total,
      mean: series.mean,
      max: series.max.value,
      maxDate: series.max.date,
      min: series.min.value,
      minDate: series.min.date,
    }),
  ];
}

function changeText(pct: number | null, t: Translate): string {
  if (pct === null) return t('trend-change-none');
  if (pct > 0) return t('trend-change-up', { pct });
  if (pct < 0) return t('trend-change-down', { pct: -pct });
  return t('trend-change-same');
}

/**
 * The caption of a trend chart (Telegram HTML, well under the 1024-character
 * caption limit: at most 5 hot issues, each cut to 30 characters): the span, each series' total, mean, highest and lowest day,
 * the change of the daily means against the span before, and the hot issues
 * with the most days in the top 3. `weekly` words the head for the weekly summary.
 */
export function formatTrendCaption(summary: TrendSummary, t: Translate, weekly = false): string {
  const { trend, previous } = summary;
  const lines = [
    t(weekly ? 'trend-caption-weekly-head' : 'trend-caption-head', {
      from: trend.from,
      to: trend.to,
      reports: trend.days.length,
    }),
    ...seriesLine('trend-caption-calls', summary.calls, t),
    ...seriesLine('trend-caption-messages', summary.messages, t),
    t('trend-caption-change', {
      days: daysBetween(trend.from, trend.to).length,
      from: previous.from,
      to: previous.to,
      calls: changeText(summary.callsChange, t),
      messages: changeText(summary.messagesChange, t),
    }),
  ];
  const topics = trend.hot.slice(0, CAPTION_TOPICS);
  if (topics.length > 0) {
    // Cut like a report's names: five OCR-mangled "topics" must not push the caption past 1024 characters.
    const items = topics.map((topic) => {
      const name = (text: string) => truncate(oneLine(text), 30);
      // The paper printed it under other names too (or only under another): say which, so a
      // reader who saw 物业管理 in the paper finds it under 物业服务.
      const others = topic.names.filter((printed) => printed !== topic.topic).slice(0, CAPTION_OTHER_NAMES);
      return others.length === 0
        ? t('trend-caption-hot-item', { topic: name(topic.topic), days: topic.daysInTop3 })
        : t('trend-caption-hot-item-names', {
            topic: name(topic.topic),
            names: others.map(name).join(t('list-separator')),
            days: topic.daysInTop3,
          });
    });
    // Items come escaped from the translator: appended to the heading, not passed through it again.
    lines.push(t('trend-caption-hot') + items.join(t('list-separator')));
  }
  return lines.join('\n');
}


/**
 * The answer to a span with fewer reports than a chart needs: how many it holds, which of the
 * usual spans (up to the newest report) hold enough, and one span that does, as a command to
 * send; never a span that fails the same way.
 */
export function formatTooFewReports(
  asked: { readonly from: string; readonly to: string; readonly reports: number },
  advice: SpanAdvice,
  t: Translate,
): string {
  const lines = [t('trend-too-few', asked)];
  lines.push(
    advice.enough.length > 0
      ? // Items come escaped from the translator: appended to the heading, not passed through it again.
        t('trend-enough-spans') + advice.enough.map((days) => t('trend-span-item', { days })).join(t('list-separator'))
      : t('trend-enough-none'),
  );
  const suggestion = advice.suggestion;
  lines.push(
    suggestion === null
      ? t('trend-suggest-none')
      : t('trend-suggest', {
          command: suggestion.until === null ? `/trend ${suggestion.days}` : `/trend ${suggestion.days} ${suggestion.until}`,
          from: suggestion.from,
          to: suggestion.to,
          reports: suggestion.reports,
        }),
  );
  return lines.join('\n');
}
