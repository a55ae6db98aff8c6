/**
 * What to tell a reader whose span holds too few reports to draw: which of the usual
 * spans hold enough, and one span that does, so the answer never suggests a command
 * that fails the same way.
 */
import { addDays } from '../calendar.js';

/** Reports a chart needs: one point is not a trend. */
export const MIN_TREND_REPORTS = 2;

/** The spans a reader is told about, in days. */
const USUAL_SPANS: readonly number[] = [30, 60, 90, 180, 365];

/** A span of `days` days ending on `to` (`until` null: on the newest report, as `/trend days` without a date). */
interface SuggestedSpan {
  readonly days: number;
  readonly until: string | null;
  readonly from: string;
  readonly to: string;
  /** Reports in it: at least MIN_TREND_REPORTS. */
  readonly reports: number;
}

/** The spans that hold enough reports. */
export interface SpanAdvice {
  /** Of USUAL_SPANS, those whose days up to the newest report hold at least MIN_TREND_REPORTS reports. */
  readonly enough: readonly number[];
  /**
   * The latest 30 days that hold at least MIN_TREND_REPORTS reports (ending on a reported day);
   * failing that the latest 365 days that do; null when no two reports lie within a year.
   */
  readonly suggestion: SuggestedSpan | null;
}

/** Advice over every reported day (`YYYY-MM-DD`, any order, repeats allowed). */
export function adviseSpans(reportDates: readonly string[]): SpanAdvice {
  const dates = [...new Set(reportDates)].sort().reverse();
  const newest = dates[0];
  if (newest === undefined) return { enough: [], suggestion: null };
  const countIn = (from: string, to: string) => dates.filter((date) => date >= from && date <= to).length;
  const enough = USUAL_SPANS.filter((days) => countIn(addDays(newest, -(days - 1)), newest) >= MIN_TREND_REPORTS);

  const latestWindow = (days: number): SuggestedSpan | null => {
    // Dates newest first: the window ending on dates[i] holds enough when the report
    // MIN_TREND_REPORTS - 1 places older still falls inside it.
    for (let i = 0; i + MIN_TREND_REPORTS - 1 < dates.length; i++) {
      const to = dates[i]!;
      const from = addDays(to, -(days - 1));
      if (dates[i + MIN_TREND_REPORTS - 1]! >= from) {
        return { days, until: to === newest ? null : to, from, to, reports: countIn(from, to) };
      }
    }
    return null;
  };
  return { enough, suggestion: latestWindow(30) ?? latestWindow(365) };
}
