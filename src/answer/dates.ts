/**
 * The time a hotline question is about, read from its words with the one
 * date grammar (search/timeSpan.ts): a day (`10月15日`, `2025-10-15`, `昨天`,
 * `上周三`), a span (`最近7天`, `本月`, `10月`, `10月1日到10月15日`) or none
 * (`最新`, or no time at all: the newest report). "Today" comes from an
 * injected clock read in the reader's zone (Asia/Shanghai).
 */
import { calendarDay, daysBetween } from '../calendar.js';
import { findTime, type TimeWords } from '../search/index.js';

export { calendarDay, daysBetween };

/** What a question asks about in time. */
export type DateSpec = TimeWords | { readonly kind: 'latest' };

/** A question's time, and the question with the date words taken out. */
export interface ParsedDate {
  readonly spec: DateSpec;
  readonly rest: string;
}

/** Words asking for the newest report, when no day or span is named. */
const LATEST = /最新一期|最近一期|最近一天|最新|最近/u;

/**
 * Reads the time of a question. `today` is the reader's calendar day
 * (`calendarDay(clock.now())`); `known` the days that have a report, used
 * only to place a month-day or a month without a year.
 */
export function parseDateSpec(question: string, today: string, known: ReadonlySet<string> = new Set()): ParsedDate {
  // A space between two numbers stays: it ends a day written with digits.
  const spaced = question.normalize('NFKC').replace(/(?<=\d)\s+(?=\d)/gu, ' ').replace(/(?<!\d)\s+|\s+(?!\d)/gu, '');
  const found = findTime(spaced, { today, known });
  if (found) return { spec: found.time, rest: (spaced.slice(0, found.start) + spaced.slice(found.end)).replace(/\s+/gu, '') };
  const text = spaced.replace(/\s+/gu, '');
  const latest = LATEST.exec(text);
  if (latest) return { spec: { kind: 'latest' }, rest: text.slice(0, latest.index) + text.slice(latest.index + latest[0].length) };
  return { spec: { kind: 'latest' }, rest: text };
}
