import { Composer, InputFile } from 'grammy';
import {
  addDays,
  ChartBusyError,
  DEFAULT_TREND_DAYS,
  MAX_TREND_DAYS,
  spanEnding,
  summariseTrend,
} from '../../trend/index.js';
import type { BotContext } from '../context.js';
import { keyboardOf, readerRows } from '../keyboards.js';
import { oneLine, truncate } from '../../render/index.js';
import { formatTrendCaption, trendChartLabels } from '../../render/index.js';

/**
 * A span as readers type it: `30`, `３０`, `30天`, `30 days`, `30d`. The number of
 * days, or null when it is not a whole number from 1 to MAX_TREND_DAYS.
 */
export function parseTrendDays(text: string): number | null {
  const match = /^(\d{1,4})\s*(?:天|日|d|days?)?$/i.exec(text.trim().normalize('NFKC'));
  if (!match) return null;
  const days = Number(match[1]);
  return days >= 1 && days <= MAX_TREND_DAYS ? days : null;
}

/**
 * `/trend [days]`: the hotline over the last `days` days (default 30) up to the
 * newest report, as one chart sent with sendPhoto, its caption saying the same in
 * words. Fewer than 2 reports in the span: a text answer, no picture.
 */
export function createTrendFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command('trend', async (ctx) => {
    const input = oneLine(ctx.match);
    const days = input ? parseTrendDays(input) : DEFAULT_TREND_DAYS;
    if (days === null) {
      await ctx.reply(ctx.t('trend-bad-days', { input: truncate(input, 30), max: MAX_TREND_DAYS }));
      return;
    }
    const store = ctx.deps.articles;
    const [newest] = await store.hotlineDates();
    if (!newest) {
      await ctx.reply(ctx.t('trend-none'));
      return;
    }
    const { from, to } = spanEnding(newest, days);
    // The span before, of the same length, is read too: the caption compares with it.
    const summary = summariseTrend(await store.hotlineReportsBetween(addDays(from, -days), to), from, to);
    if (summary.trend.days.length < 2) {
      await ctx.reply(ctx.t('trend-too-few', { from, to, reports: summary.trend.days.length }));
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
