/**
 * A time span at the end of a query: "护学岗 2025年2月" searches 护学岗 in
 * the editions of February 2025. Relative spans (近7天, 本月, 今年) count
 * from `today`, the caller's calendar day in Asia/Shanghai.
 */
import { addDays, isCalendarDay, lastDayOfMonth } from '../calendar.js';
import type { DaySpan } from '../types.js';

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 7, 七, 十五, 三十 → the number; NaN for anything else. */
function count(text: string): number {
  if (/^\d{1,3}$/u.test(text)) return Number(text);
  if (!/^[一两二三四五六七八九十]{1,3}$/u.test(text)) return NaN;
  if (!text.includes('十')) return text.length === 1 ? (CHINESE_DIGITS[text] ?? NaN) : NaN;
  const [tens, ones] = text.split('十');
  return (tens ? (CHINESE_DIGITS[tens] ?? NaN) : 1) * 10 + (ones ? (CHINESE_DIGITS[ones] ?? NaN) : 0);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A whole day, or null when it is not a real day. */
function day(year: number, month: number, date: number): DaySpan | null {
  const text = `${year}-${pad(month)}-${pad(date)}`;
  return isCalendarDay(text) ? { since: text, until: text } : null;
}

function month(year: number, m: number): DaySpan | null {
  if (m < 1 || m > 12) return null;
  return { since: `${year}-${pad(m)}-01`, until: lastDayOfMonth(year, m) };
}

const year = (y: number): DaySpan => ({ since: `${y}-01-01`, until: `${y}-12-31` });

/** The latest M月D日 not after today (a reader asking for 2月20日 means the last one). */
function latestDay(m: number, d: number, today: string): DaySpan | null {
  const thisYear = Number(today.slice(0, 4));
  for (let y = thisYear; y >= thisYear - 8; y--) {
    const span = day(y, m, d);
    if (span && span.since <= today) return span;
  }
  return null;
}

/** The last `n` units up to today, today included: 近7天 is today and the 6 days before. */
function recent(n: number, unit: string, today: string): DaySpan | null {
  if (!Number.isFinite(n) || n < 1 || n > 3660) return null;
  const days = unit === '周' || unit === '星期' ? n * 7 : unit === '个月' || unit === '月' ? n * 30 : unit === '年' ? n * 365 : n;
  return { since: addDays(today, -(days - 1)), until: today };
}

/** One way of writing a span: its pattern (the end of the query) and what it means. */
interface SpanForm {
  readonly pattern: RegExp;
  span(m: RegExpExecArray, today: string): DaySpan | null;
}

const Y = '((?:19|20)\\d{2})';
const FORMS: readonly SpanForm[] = [
  { pattern: new RegExp(`${Y}-(\\d{1,2})-(\\d{1,2})$`, 'u'), span: (m) => day(Number(m[1]), Number(m[2]), Number(m[3])) },
  { pattern: new RegExp(`${Y}年(\\d{1,2})月(\\d{1,2})[日号]$`, 'u'), span: (m) => day(Number(m[1]), Number(m[2]), Number(m[3])) },
  { pattern: new RegExp(`${Y}-(\\d{1,2})$`, 'u'), span: (m) => month(Number(m[1]), Number(m[2])) },
  { pattern: new RegExp(`${Y}年(\\d{1,2})月(?:份)?$`, 'u'), span: (m) => month(Number(m[1]), Number(m[2])) },
  { pattern: new RegExp(`${Y}年(?:全年)?$`, 'u'), span: (m) => year(Number(m[1])) },
  { pattern: /(?<![\d年])(\d{1,2})月(\d{1,2})[日号]$/u, span: (m, today) => latestDay(Number(m[1]), Number(m[2]), today) },
  {
    pattern: /(?:最近|近|过去)([\d一两二三四五六七八九十]{1,3})(天|日|周|星期|个月|年)$/u,
    span: (m, today) => recent(count(m[1]!), m[2]!, today),
  },
  { pattern: /(?:今天|今日)$/u, span: (_m, today) => ({ since: today, until: today }) },
  { pattern: /(?:昨天|昨日)$/u, span: (_m, today) => ({ since: addDays(today, -1), until: addDays(today, -1) }) },
  { pattern: /(?:本月|这个月|本月份)$/u, span: (_m, today) => month(Number(today.slice(0, 4)), Number(today.slice(5, 7))) },
  {
    pattern: /(?:上月|上个月)$/u,
    span: (_m, today) => {
      const first = `${today.slice(0, 7)}-01`;
      const previous = addDays(first, -1);
      return month(Number(previous.slice(0, 4)), Number(previous.slice(5, 7)));
    },
  },
  { pattern: /(?:今年|本年)$/u, span: (_m, today) => year(Number(today.slice(0, 4))) },
  { pattern: /去年$/u, span: (_m, today) => year(Number(today.slice(0, 4)) - 1) },
];

/** A query with its trailing time span taken off. */
export interface SplitQuery {
  /** What is left to search for ('' when the query was a time alone). */
  readonly text: string;
  /** The span, or null when the query does not end with one. */
  readonly span: DaySpan | null;
}

/**
 * Takes a time span off the end of a query: `护学岗 2025-02`, `护学岗 2025年2月`,
 * `护学岗 2月20日`, `护学岗 近7天`, `护学岗 本月`, `护学岗 今年` (also
 * 2025-02-20, 2025年, 昨天, 上个月, 去年, 近2周). Full-width digits count.
 * A day that does not exist (2025年2月30日) is not a span: the query stays whole.
 */
export function splitTimeSpan(query: string, today: string): SplitQuery {
  const text = query.normalize('NFKC').trim();
  for (const form of FORMS) {
    const m = form.pattern.exec(text);
    if (!m) continue;
    const span = form.span(m, today);
    if (span === null) return { text: query.trim(), span: null };
    return { text: text.slice(0, m.index).trim(), span };
  }
  return { text: query.trim(), span: null };
}
