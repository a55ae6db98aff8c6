/**
 * Which week a weekly summary covers. Plain data in and out; sending is digest's job.
 */
import { addDays, summariseTrend, type HotTopics, type TrendSummary } from '../trend/index.js';
import type { ArticleStore } from '../types.js';

/** Days in a weekly summary. */
const WEEK_DAYS = 7;

/** One week's summary and its delivery key. */
export interface Week {
  /** `week:` and the week's last day: the same week is never sent twice to one chat. */
  readonly key: string;
  readonly summary: TrendSummary;
}

/**
 * The week a slot on `slotDay` (`YYYY-MM-DD`, local) sends: the 7 days ending on the newest
 * reported day before `slotDay`. The paper prints a day's report the day after, so
 * "the newest report" rather than "yesterday" keeps a Monday-morning summary from missing
 * Sunday's numbers and from being a week of gaps when the paper paused. Undefined when no
 * report comes before `slotDay`.
 */
export async function weekBefore(
  articles: Pick<ArticleStore, 'hotlineDates' | 'hotlineReportsBetween'>,
  slotDay: string,
  topics: HotTopics,
): Promise<Week | undefined> {
  const to = (await articles.hotlineDates()).find((date) => date < slotDay);
  if (!to) return undefined;
  const from = addDays(to, -(WEEK_DAYS - 1));
  // The week before is read too: the caption compares with it.
  const reports = await articles.hotlineReportsBetween(addDays(from, -WEEK_DAYS), to);
  return { key: `week:${to}`, summary: summariseTrend(reports, from, to, topics) };
}
