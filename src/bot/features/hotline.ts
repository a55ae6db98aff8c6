import { Composer } from 'grammy';
import { namedDay, namedSpan, namesNewest } from '../../search/index.js';
import type { BotContext } from '../context.js';
import { daysBetween, spanEnding } from '../../trend/index.js';
import type { ArticleStore } from '../../types.js';
import { formatHotlineReport, oneLine, truncate, unpackCallback, type RecentCalls } from '../../render/index.js';
import { readerToday } from './search.js';

/** Most dates listed when the asked-for day has no report (newest first). */
const DATES_LISTED = 20;

/** Days the sparkline under the calls line covers, the report's day included. */
const SPARK_DAYS = 7;

/** Calls of the SPARK_DAYS days up to `date`, one per calendar day, null where no report covers the day. */
async function recentCalls(store: ArticleStore, date: string): Promise<RecentCalls> {
  const { from, to } = spanEnding(date, SPARK_DAYS);
  const calls = new Map((await store.hotlineReportsBetween(from, to)).map((report) => [report.date, report.calls]));
  return { from, to, values: daysBetween(from, to).map((day) => calls.get(day) ?? null) };
}

/**
 * The report of `date` (the newest without one), compared with the one before, with that day's
 * safety report and a sparkline of the week's calls; null when there is none. `/hotline` and the
 * 📋 button under a hotline answer both show it.
 */
async function renderReport(ctx: BotContext, date: string | undefined): Promise<string | null> {
  const store = ctx.deps.articles;
  const report = await store.hotlineReport(date);
  if (!report) return null;
  const previous = report.date ? await store.previousHotlineReport(report.date) : undefined;
  const safety = report.date ? await store.safetyReport(report.date) : undefined;
  const week = report.date ? await recentCalls(store, report.date) : undefined;
  return formatHotlineReport(report, previous, safety, ctx.t, week);
}

/**
 * `/hotline [YYYY-MM-DD]`: the newest (or that day's) 12345 report, compared with the one before,
 * with a sparkline of the week's calls.
 */
export function createHotlineFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command('hotline', async (ctx) => {
    const store = ctx.deps.articles;
    const dates = await store.hotlineDates();
    const listed = () => dates.slice(0, DATES_LISTED).join(ctx.t('list-separator'));
    const input = oneLine(ctx.match);
    if (dates.length === 0 && !(await store.hotlineReport())) {
      await ctx.reply(ctx.t('hotline-none'));
      return;
    }
    let date: string | undefined;
    // 最新, 最近一期: the newest, as with no day named.
    if (input && !namesNewest(input)) {
      // 10月15日, 昨天: the reader's words; a day without its year is the latest such day with a report.
      const today = readerToday(ctx);
      const known = new Set(dates);
      const parsed = namedDay(input, today, known);
      if (parsed === undefined) {
        // 上个月, 10月: a span, which /trend draws.
        const span = namedSpan(input, today, known) ? 'hotline-span' : 'hotline-bad-date';
        await ctx.reply(ctx.t(span, { input: truncate(input, 30), example: dates[0] ?? '2025-02-20' }));
        return;
      }
      date = parsed;
    }
    const text = await renderReport(ctx, date);
    await ctx.reply(text ?? ctx.t('hotline-unknown-date', { date: date ?? '', dates: listed() }));
  });

  // 📋 under a hotline answer: the whole report of the answer's day, as /hotline shows it.
  feature.callbackQuery(/^h:/, async (ctx) => {
    const action = unpackCallback(ctx.callbackQuery.data);
    const text = action?.kind === 'report' ? await renderReport(ctx, action.date) : null;
    if (!text) {
      await ctx.answerCallbackQuery({ text: ctx.t('article-missing') });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.reply(text);
  });

  return feature;
}
