import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { daysBetween, spanEnding } from '../../trend/index.js';
import type { ArticleStore } from '../../types.js';
import { formatHotlineReport, HTML, oneLine, truncate, unpackCallback, type RecentCalls } from '../../render/index.js';

/** Most dates listed when the asked-for day has no report (newest first). */
const DATES_LISTED = 20;

/**
 * A date as readers type it: `2025-02-20`, `2025-2-20`, `2025/02/20`,
 * `2025.2.20`, `20250220`, full-width digits too. `YYYY-MM-DD`, or null when
 * it is not a real calendar day.
 */
export function parseDateArgument(text: string): string | null {
  const ascii = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(ascii) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(ascii);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** Days the sparkline under the calls line covers, the report's day included. */
const SPARK_DAYS = 7;

/** Calls of the SPARK_DAYS days up to `date`, one per calendar day, null where no report covers the day. */
function recentCalls(store: ArticleStore, date: string): RecentCalls {
  const { from, to } = spanEnding(date, SPARK_DAYS);
  const calls = new Map(store.hotlineReportsBetween(from, to).map((report) => [report.date, report.calls]));
  return { from, to, values: daysBetween(from, to).map((day) => calls.get(day) ?? null) };
}

/**
 * The report of `date` (the newest without one), compared with the one before, with that day's
 * safety report and a sparkline of the week's calls; null when there is none. `/hotline` and the
 * 📋 button under a hotline answer both show it.
 */
function renderReport(ctx: BotContext, date: string | undefined): string | null {
  const store = ctx.deps.articles;
  const report = store.hotlineReport(date);
  if (!report) return null;
  const previous = report.date ? store.previousHotlineReport(report.date) : undefined;
  const safety = report.date ? store.safetyReport(report.date) : undefined;
  const week = report.date ? recentCalls(store, report.date) : undefined;
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
    const dates = store.hotlineDates();
    const listed = () => dates.slice(0, DATES_LISTED).join(ctx.t('list-separator'));
    const input = oneLine(ctx.match);
    if (dates.length === 0 && !store.hotlineReport()) {
      await ctx.reply(ctx.t('hotline-none'), HTML);
      return;
    }
    let date: string | undefined;
    if (input) {
      const parsed = parseDateArgument(input);
      if (!parsed) {
        await ctx.reply(ctx.t('hotline-bad-date', { input: truncate(input, 30), example: dates[0] ?? '2025-02-20' }), HTML);
        return;
      }
      date = parsed;
    }
    const text = renderReport(ctx, date);
    await ctx.reply(text ?? ctx.t('hotline-unknown-date', { date: date ?? '', dates: listed() }), HTML);
  });

  // 📋 under a hotline answer: the whole report of the answer's day, as /hotline shows it.
  feature.callbackQuery(/^h:/, async (ctx) => {
    const action = unpackCallback(ctx.callbackQuery.data);
    const text = action?.kind === 'report' ? renderReport(ctx, action.date) : null;
    if (!text) {
      await ctx.answerCallbackQuery({ text: ctx.t('article-missing') });
      return;
    }
    await ctx.answerCallbackQuery();
    await ctx.reply(text, HTML);
  });

  return feature;
}
