/**
 * The hotline series over a span of days: plain numbers in, plain numbers out.
 * What `/trend`, `newsbot trend --json` and the weekly summary all show.
 */
import { addDays } from '../calendar.js';
import type { HotlineReport } from '../types.js';
import { foldTopicName, type HotTopics } from './hotTopics.js';

/** One reported day of the series. A number the report lacks is null. */
export interface TrendDay {
  /** `YYYY-MM-DD`: the day the report covers. */
  readonly date: string;
  readonly calls: number | null;
  readonly messages: number | null;
  readonly direct: number | null;
  readonly transferred: number | null;
}

/** A hot issue and how often it was among a day's three biggest. */
export interface TrendTopic {
  /** The name it is shown under (the topic list's first name for it). */
  readonly topic: string;
  /** The names the reports of the span printed it under, in the order they first appear. */
  readonly names: readonly string[];
  /** Reported days on which the topic was among the three largest hot issues. */
  readonly daysInTop3: number;
  /** Its count summed over every report of the span that lists it (any rank). */
  readonly total: number;
}

/** `newsbot trend --json`: the span, its reported days (oldest first) and its hot issues. */
export interface Trend {
  /** First day of the span, `YYYY-MM-DD`. */
  readonly from: string;
  /** Last day of the span, `YYYY-MM-DD`. */
  readonly to: string;
  /** Days that have a report, oldest first; days without one are left out. */
  readonly days: readonly TrendDay[];
  /** Topics that were in a day's top 3 at least once: most days first, then the larger total, then by name. */
  readonly hot: readonly TrendTopic[];
}

/** Longest span `/trend` and `newsbot trend` accept (one year). */
export const MAX_TREND_DAYS = 365;
/** Span when none is given. */
export const DEFAULT_TREND_DAYS = 30;

export { addDays };

/** Every calendar day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) out.push(day);
  return out;
}

/** The `days`-day span that ends on `until`: `{from, to}`. */
export function spanEnding(until: string, days: number): { from: string; to: string } {
  return { from: addDays(until, -(days - 1)), to: until };
}

/**
 * A day's hot issues under their shown names, largest first: two printed names of one
 * topic on the same day are one issue with their counts added.
 */
function rankedIssues(report: HotlineReport, topics: HotTopics): { topic: string; printed: string[]; count: number }[] {
  const byTopic = new Map<string, { topic: string; printed: string[]; count: number }>();
  for (const issue of report.hot) {
    const topic = topics.shownName(issue.topic);
    const entry = byTopic.get(topic) ?? { topic, printed: [], count: 0 };
    entry.count += issue.count;
    entry.printed.push(foldTopicName(issue.topic));
    byTopic.set(topic, entry);
  }
  // The paper lists hot issues by rank; order by count (stable) in case a page does not.
  return [...byTopic.values()].sort((a, b) => b.count - a.count);
}

/**
 * The trend over `from`..`to` from the reports of those days. Reports outside
 * the span or without a date are ignored; when two reports cover the same day
 * (a reprint), the later one in the list wins, as `/hotline` shows the newest.
 * Hot issues are counted under the names `topics` shows them by.
 */
export function buildTrend(reports: readonly HotlineReport[], from: string, to: string, topics: HotTopics): Trend {
  const byDate = new Map<string, HotlineReport>();
  for (const report of reports) {
    if (report.date !== null && report.date >= from && report.date <= to) byDate.set(report.date, report);
  }
  const ordered = [...byDate.values()].sort((a, b) => (a.date! < b.date! ? -1 : 1));

  const counted = new Map<string, { names: string[]; daysInTop3: number; total: number }>();
  for (const report of ordered) {
    rankedIssues(report, topics).forEach((issue, rank) => {
      const entry = counted.get(issue.topic) ?? { names: [], daysInTop3: 0, total: 0 };
      entry.total += issue.count;
      if (rank < 3) entry.daysInTop3 += 1;
      for (const name of issue.printed) if (!entry.names.includes(name)) entry.names.push(name);
      counted.set(issue.topic, entry);
    });
  }
  const hot = [...counted]
    .filter(([, entry]) => entry.daysInTop3 > 0)
    .map(([topic, entry]) => ({ topic, names: entry.names, daysInTop3: entry.daysInTop3, total: entry.total }))
    .sort((a, b) => b.daysInTop3 - a.daysInTop3 || b.total - a.total || a.topic.localeCompare(b.topic, 'zh'));

  return {
    from,
    to,
    days: ordered.map((report) => ({
      date: report.date!,
      calls: report.calls,
      messages: report.messages,
      direct: report.direct,
      transferred: report.transferred,
    })),
    hot,
  };
}

/** The highest and lowest day of one series, its daily mean, and the days it was reported. */
export interface SeriesSummary {
  readonly reportedDays: number;
  readonly total: number;
  /** Mean per reported day, rounded to a whole number. */
  readonly mean: number;
  readonly max: { readonly date: string; readonly value: number };
  readonly min: { readonly date: string; readonly value: number };
}

/** Summarises one series (`calls` or `messages`); undefined when no day reports it. Ties go to the earlier day. */
export function summariseSeries(days: readonly TrendDay[], field: 'calls' | 'messages'): SeriesSummary | undefined {
  const values = days.flatMap((day) => (day[field] === null ? [] : [{ date: day.date, value: day[field] }]));
  const first = values[0];
  if (!first) return undefined;
  let max = first;
  let min = first;
  let total = 0;
  for (const entry of values) {
    total += entry.value;
    if (entry.value > max.value) max = entry;
    if (entry.value < min.value) min = entry;
  }
  return { reportedDays: values.length, total, mean: Math.round(total / values.length), max, min };
}

/**
 * Change of the daily mean against the span before, in percent with one decimal
 * (`12.5`, `-3.1`); null when either span has no day to compare. Means, not sums:
 * a span with a missing report is not "down" for that alone.
 */
export function percentChange(now: SeriesSummary | undefined, before: SeriesSummary | undefined): number | null {
  if (!now || !before || before.total === 0) return null;
  const meanNow = now.total / now.reportedDays;
  const meanBefore = before.total / before.reportedDays;
  return Math.round(((meanNow - meanBefore) / meanBefore) * 1000) / 10;
}

/** The numbers the caption of a trend chart puts in words. */
export interface TrendSummary {
  readonly trend: Trend;
  /** The span of the same length just before. */
  readonly previous: { readonly from: string; readonly to: string };
  readonly calls: SeriesSummary | undefined;
  readonly messages: SeriesSummary | undefined;
  readonly callsChange: number | null;
  readonly messagesChange: number | null;
}

/** The trend over `from`..`to` with the change of its daily means against the span of equal length before it. */
export function summariseTrend(reports: readonly HotlineReport[], from: string, to: string, topics: HotTopics): TrendSummary {
  const trend = buildTrend(reports, from, to, topics);
  const length = daysBetween(from, to).length;
  const previous = { from: addDays(from, -length), to: addDays(from, -1) };
  const before = buildTrend(reports, previous.from, previous.to, topics);
  const calls = summariseSeries(trend.days, 'calls');
  const messages = summariseSeries(trend.days, 'messages');
  return {
    trend,
    previous,
    calls,
    messages,
    callsChange: percentChange(calls, summariseSeries(before.days, 'calls')),
    messagesChange: percentChange(messages, summariseSeries(before.days, 'messages')),
  };
}
