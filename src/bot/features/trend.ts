import { Composer, InputFile } from 'grammy';
import { numberOf } from '../clockWords.js';
import { daysBetween } from '../../calendar.js';
import { namedDay, namedSpan } from '../../search/index.js';
import { readerToday } from './search.js';
import {
  addDays,
  adviseSpans,
  ChartBusyError,
  DEFAULT_TREND_DAYS,
  MAX_TREND_DAYS,
  MIN_TREND_REPORTS,
  spanEnding,
  summariseTrend,
} from '../../trend/index.js';
import type { BotContext } from '../context.js';
import { keyboardOf, readerRows } from '../keyboards.js';
import { oneLine, truncate } from '../../render/index.js';
import { formatTooFewReports, formatTrendCaption, trendChartLabels } from '../../render/index.js';

/** Days in a unit of a span as readers name it (a month is 30 days, a year 365). */
const UNIT_DAYS: readonly [RegExp, number][] = [
  [/^(?:天|日|d|days?)?$/iu, 1],
  [/^(?:个?(?:周|星期|礼拜)|w|weeks?)$/iu, 7],
  // 个月, never 月 alone: 3月 is March (a span named whole, below), not three months.
  [/^(?:个月|months?)$/iu, 30],
  [/^(?:年|years?)$/iu, 365],
];

/**
 * A span as readers type it: `30`, `３０`, `30天`, `30 days`, `30d`, `两周`, `一个月`,
 * `3个月`, `半年`, `近一年`. The number of days, or null when it is not a whole
 * number of them from 1 to MAX_TREND_DAYS.
 */
export function parseTrendDays(text: string): number | null {
  const span = text.trim().normalize('NFKC').replace(/^(?:最近|近|过去|前)/u, '');
  // 半年 is six months, as the usual spans count it.
  const halved = span.replace(/^半个月$/u, '15天').replace(/^半年$/u, '6个月');
  const match = /^(\d{1,4}|[零〇一二两三四五六七八九十]{1,3})\s*(\D*)$/iu.exec(halved);
  const count = match ? (/^\d+$/u.test(match[1]!) ? Number(match[1]) : numberOf(match[1]!)) : null;
  const unit = match && UNIT_DAYS.find(([words]) => words.test(match[2]!));
  if (count === null || !unit) return null;
  const days = count * unit[1];
  return days >= 1 && days <= MAX_TREND_DAYS ? days : null;
}

/**
 * What `/trend 30 2025-10-15` asks for: the days (default 30) and the last day (null: the
 * newest report), in either order; a day as readers write it (`2025-10-15`, `2025年10月15日`,
 * `10月15日`, `昨天`: `today` and the days with a report, `known`, place it, as namedDay does);
 * or a span named whole (`上个月`, `10月`, `2025年`, `上周`), its days up to today at the latest.
 * Null when a word is neither, or a word is given twice.
 */
export function parseTrendRequest(text: string, today: string, known: ReadonlySet<string>): { days: number; until: string | null } | null {
  const span = parseTrendDays(text) === null ? namedSpan(text, today, known) : undefined;
  if (span) {
    const until = span.until < today ? span.until : today;
    return span.since <= until ? { days: Math.min(MAX_TREND_DAYS, daysBetween(span.since, until) + 1), until } : null;
  }
  let days: number | null = null;
  let until: string | null = null;
  // `30 days`, `30 天`: the unit stays with its number.
  const joined = text.normalize('NFKC').replace(/(\d)\s+(?=(?:天|日|d|days?|个?(?:周|星期|礼拜)|w|weeks?|个?月|months?|年|years?)(?:\s|$))/giu, '$1');
  for (const word of joined.split(/\s+/).filter(Boolean)) {
    const asDays = parseTrendDays(word);
    const asDay = asDays === null ? (namedDay(word, today, known) ?? null) : null;
    if (asDays !== null && days === null) days = asDays;
    else if (asDay !== null && until === null) until = asDay;
    else return null;
  }
  return { days: days ?? DEFAULT_TREND_DAYS, until };
}

/**
 * `/trend [days] [YYYY-MM-DD]`: the hotline over the last `days` days (default 30) up to the
 * newest report (or up to the day given), as one chart sent with sendPhoto, its caption saying
 * the same in words. Fewer than 2 reports in the span: a text answer, no picture, naming the
 * usual spans that hold enough and one span that does.
 */
export function createTrendFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command('trend', async (ctx) => {
    const input = oneLine(ctx.match);
    const store = ctx.deps.articles;
    const dates = await store.hotlineDates();
    const request = parseTrendRequest(input, readerToday(ctx), new Set(dates));
    if (request === null) {
      await ctx.reply(ctx.t('trend-bad-days', { input: truncate(input, 30), max: MAX_TREND_DAYS }));
      return;
    }
    const { days } = request;
    const newest = dates[0];
    if (!newest) {
      await ctx.reply(ctx.t('trend-none'));
      return;
    }
    const { from, to } = spanEnding(request.until ?? newest, days);
    // The span before, of the same length, is read too: the caption compares with it.
    const reports = await store.hotlineReportsBetween(addDays(from, -days), to);
    const summary = summariseTrend(reports, from, to, ctx.deps.hotTopics);
    if (summary.trend.days.length < MIN_TREND_REPORTS) {
      const found = summary.trend.days.length;
      await ctx.reply(formatTooFewReports({ from, to, reports: found }, adviseSpans(dates), ctx.t));
      return;
    }
    let png: Buffer;
    try {
      png = await ctx.deps.trendChart.render(summary.trend, trendChartLabels(summary, ctx.t), ctx.from?.id ?? ctx.chat.id);
    } catch (error) {
      if (!(error instanceof ChartBusyError)) throw error;
      ctx.logger.info({ from, to, limit: error.scope }, 'trend chart refused: over a limit');
      await ctx.reply(ctx.t(error.scope === 'reader' ? 'trend-busy-reader' : 'trend-busy'));
      return;
    }
    ctx.logger.info({ from, to, reports: summary.trend.days.length, bytes: png.length }, 'trend chart');
    const keyboard = keyboardOf(readerRows(ctx.deps.publicUrl, ctx.chat.type, ctx.t('reader-trend'), { view: 'hotline' }));
    await ctx.replyWithPhoto(new InputFile(png, `trend-${from}-${to}.png`), {
      caption: formatTrendCaption(summary, ctx.t),
      ...(keyboard ? { reply_markup: keyboard } : {}),
    });
  });

  return feature;
}
