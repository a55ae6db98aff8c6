/**
 * The one Chinese date grammar of readers' words, for search spans (`护学岗
 * 2025年2月`, `近7天`) and for questions (`10月15日热线来电多少`, `上周三`,
 * `本月哪天最多`). A day, a range of days or a calendar unit; relative words
 * count from `today`, the reader's calendar day (Asia/Shanghai). Calendar
 * units are whole: 本月 is the whole month, 本周 Monday to Sunday, 今年 the
 * whole year (a reader asking about "this month" means the month, and there is
 * nothing after today to find); 近N天 ends today. All arithmetic is on
 * `YYYY-MM-DD` strings (src/calendar.ts), so the host's zone never shifts a day.
 */
import { addDays, isoDate, lastDayOfMonth, parseDay } from '../calendar.js';
import type { DaySpan } from '../types.js';

/** A time named in readers' words: one day, or a span from `from` to `to` with how to name it. */
export type TimeWords =
  | { readonly kind: 'day'; readonly date: string }
  | { readonly kind: 'span'; readonly from: string; readonly to: string; readonly label: string };

/** A time found in a text, and where its words stand. */
export interface FoundTime {
  readonly time: TimeWords;
  readonly start: number;
  readonly end: number;
}

/** What relative words and years left out are read against. */
export interface TimeContext {
  /** The reader's calendar day, `YYYY-MM-DD`. */
  readonly today: string;
  /**
   * Days that have something to ask about (the hotline reports): a month-day
   * without a year goes to the latest year that has one that day (default:
   * none, the latest year that puts it on or before today).
   */
  readonly known?: ReadonlySet<string>;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "7", "七", "十", "十五", "三十": small numbers as readers write them; NaN otherwise. */
export function smallNumber(text: string): number {
  if (/^\d{1,3}$/.test(text)) return Number(text);
  const match = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!match || text === '') return Number.NaN;
  const [, tens, ten, ones] = match;
  if (!ten) return tens && !ones ? CN_DIGITS[tens]! : Number.NaN;
  return (tens ? CN_DIGITS[tens]! : 1) * 10 + (ones ? CN_DIGITS[ones]! : 0);
}

const NUM = '(\\d{1,3}|[一二两三四五六七八九十]{1,3})';
const YEAR = '((?:19|20)\\d{2})';
const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };

/** Monday = 1 … Sunday = 7, as Chinese weeks count. */
function weekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

const day = (date: string | null): TimeWords | null => (date ? { kind: 'day', date } : null);
const span = (from: string, to: string, label: string): TimeWords => ({ kind: 'span', from, to, label });

function monthSpan(year: number, month: number, label = `${year}年${month}月`): TimeWords | null {
  const first = isoDate(year, month, 1);
  return first ? span(first, lastDayOfMonth(year, month), label) : null;
}

const yearSpan = (year: number, label = `${year}年`): TimeWords => span(`${year}-01-01`, `${year}-12-31`, label);

/** A year named from today's: 今年, 本年, 去年, 前年. */
const RELATIVE_YEAR = '(今年|本年|去年|前年)';
const yearNamed = (words: string, today: string) => Number(today.slice(0, 4)) - ({ 去年: 1, 前年: 2 }[words] ?? 0);

/** A day or month this recent is the one meant, whatever is known: today's paper or report may not be in yet. */
const RECENT_DAYS = 31;

/**
 * Where a month-day without a year falls: within the last RECENT_DAYS, that
 * day; else the latest year that puts it on or before today and has something
 * that day (`known`); else the year that puts it nearest to a known day
 * (10月14日 between reports of 2025 is in 2025, not in a later year without
 * any); with nothing known, the latest year.
 */
function resolveYear(month: number, dayOfMonth: number, { today, known = new Set() }: TimeContext): string | null {
  const thisYear = Number(today.slice(0, 4));
  const years: string[] = [];
  for (let year = thisYear; year >= thisYear - 10; year--) {
    const date = isoDate(year, month, dayOfMonth);
    if (date && date <= today) years.push(date);
  }
  if (years[0] !== undefined && years[0] > addDays(today, -RECENT_DAYS)) return years[0];
  const exact = years.find((date) => known.has(date));
  if (exact || known.size === 0) return exact ?? years[0] ?? null;
  const gap = (date: string) => Math.min(...[...known].map((k) => Math.abs(Date.parse(date) - Date.parse(k))));
  return years.reduce<string | null>((best, date) => (best === null || gap(date) < gap(best) ? date : best), null);
}

/** The same for a month without a year: this month or the last, else the latest on or before today holding a known day, else the latest. */
function resolveMonth(month: number, { today, known = new Set() }: TimeContext): number | null {
  const thisYear = Number(today.slice(0, 4));
  const prefix = (year: number) => `${year}-${String(month).padStart(2, '0')}-`;
  let fallback: number | null = null;
  for (let year = thisYear; year >= thisYear - 10; year--) {
    if (`${prefix(year)}01` > today) continue;
    // Its last day within the last RECENT_DAYS: this month or the last.
    if (fallback === null && lastDayOfMonth(year, month) > addDays(today, -RECENT_DAYS)) return year;
    fallback ??= year;
    for (const date of known) if (date.startsWith(prefix(year))) return year;
  }
  return fallback;
}

/** One way of writing a time: its pattern (without anchors) and what a match means; null: not a real time. */
interface Form {
  readonly pattern: string;
  read(match: RegExpExecArray, context: TimeContext): TimeWords | null;
}

/** A day as written: 2025年10月15日, 2025-10-15, 2025/10/15, 2025.10.15, 10月15日/号, 十月十五号. */
const DAY_TEXT = `(?:(?:19|20)\\d{2}[-/.]\\d{1,2}[-/.]\\d{1,2}(?!\\d)|(?:(?:19|20)\\d{2}年)?(?<![\\d.])${NUM.replace('(', '(?:')}月${NUM.replace('(', '(?:')}[日号])`;
const ISO_DAY = /^((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})$/u;
const CN_DAY = new RegExp(`^(?:${YEAR}年)?${NUM}月${NUM}[日号]$`, 'u');

/** The day `text` (one DAY_TEXT) names: a year left out is resolved (resolveYear); null for no real day. */
function readDay(text: string, context: TimeContext): string | null {
  const iso = ISO_DAY.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const cn = CN_DAY.exec(text);
  if (!cn) return null;
  const [month, dayOfMonth] = [smallNumber(cn[2]!), smallNumber(cn[3]!)];
  if (cn[1]) return isoDate(Number(cn[1]), month, dayOfMonth);
  return isoDate(2000, month, dayOfMonth) ? resolveYear(month, dayOfMonth, context) : null;
}

/**
 * The forms, most specific first: a range of days before a day, a day before
 * a month, a month before a year. For a time anywhere in a text the first form
 * that matches wins; for a time ending a query, the first that ends it.
 */
const FORMS: readonly Form[] = [
  {
    // 10月1日到10月15日, 2025-10-01至2025-10-07: a range of two written days.
    pattern: `(${DAY_TEXT})(?:到|至|~|—|－|-)(${DAY_TEXT})`,
    read(m, context) {
      const from = readDay(m[1]!, context);
      const to = readDay(m[2]!, context);
      return from && to && from <= to ? span(from, to, `${from}至${to}`) : null;
    },
  },
  // 去年11月17日: a day of a year named from today's.
  { pattern: `${RELATIVE_YEAR}${NUM}月${NUM}[日号]`, read: (m, { today }) => day(isoDate(yearNamed(m[1]!, today), smallNumber(m[2]!), smallNumber(m[3]!))) },
  { pattern: `(${DAY_TEXT})`, read: (m, context) => day(readDay(m[1]!, context)) },
  {
    // Not 前N天: 比前一天 is a comparison, not a span.
    pattern: `(?:最近|近|过去)${NUM}(天|日|周|星期|个月|年)`,
    read(m, { today }) {
      const n = smallNumber(m[1]!);
      const unit = m[2]!;
      const days = unit === '周' || unit === '星期' ? n * 7 : unit === '个月' ? n * 30 : unit === '年' ? n * 365 : n;
      if (!(n >= 1 && days <= 3660)) return null;
      const name = unit === '日' ? '天' : unit === '星期' ? '周' : unit;
      return span(addDays(today, -(days - 1)), today, `最近${n}${name}`);
    },
  },
  {
    pattern: '(大前天|前天|昨天|昨日|今天|今日)',
    read: (m, { today }) => day(addDays(today, -({ 大前天: 3, 前天: 2, 昨天: 1, 昨日: 1, 今天: 0, 今日: 0 }[m[1]!] ?? 0))),
  },
  {
    // 上周三, 本周一, 周五 (the latest Friday that has come).
    pattern: '(上上|上|本|这)?(?:周|星期|礼拜)([一二三四五六日天])',
    read(m, { today }) {
      const monday = addDays(today, 1 - weekday(today));
      const weeksBack = m[1] === '上上' ? 2 : m[1] === '上' ? 1 : 0;
      const date = addDays(monday, WEEKDAY[m[2]!]! - 1 - 7 * weeksBack);
      return day(!m[1] && date > today ? addDays(date, -7) : date);
    },
  },
  {
    pattern: '(上上|上|本|这)(?:个)?(?:周|星期|礼拜)',
    read(m, { today }) {
      const weeksBack = m[1] === '上上' ? 2 : m[1] === '上' ? 1 : 0;
      const monday = addDays(addDays(today, 1 - weekday(today)), -7 * weeksBack);
      return span(monday, addDays(monday, 6), ['本周', '上周', '上上周'][weeksBack]!);
    },
  },
  {
    pattern: '(本月份|本月|这个月|这月|上个月|上月)',
    read(m, { today }) {
      const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
      if (m[1]!.startsWith('上')) return month === 1 ? monthSpan(year - 1, 12, '上个月') : monthSpan(year, month - 1, '上个月');
      return monthSpan(year, month, '本月');
    },
  },
  { pattern: `${YEAR}(?:年|-)(\\d{1,2})(?:月份|月)?(?![\\d日号])`, read: (m) => monthSpan(Number(m[1]), Number(m[2])) },
  // 去年11月, 今年三月份: a month of a year named from today's.
  { pattern: `${RELATIVE_YEAR}${NUM}(?:月份|月)(?!${NUM}?[日号])`, read: (m, { today }) => monthSpan(yearNamed(m[1]!, today), smallNumber(m[2]!)) },
  {
    // 10月, 十月份: the latest such month holding a known day (a report), else the latest that has begun.
    pattern: `(?<![\\d年])${NUM}(?:月份|月)(?!${NUM}?[日号])`,
    read(m, context) {
      const month = smallNumber(m[1]!);
      if (!(month >= 1 && month <= 12)) return null;
      const year = resolveMonth(month, context);
      return year === null ? null : monthSpan(year, month);
    },
  },
  { pattern: RELATIVE_YEAR, read: (m, { today }) => yearSpan(yearNamed(m[1]!, today), m[1]) },
  { pattern: `${YEAR}年(?:全年)?`, read: (m) => yearSpan(Number(m[1])) },
];

const ANYWHERE = FORMS.map((form) => new RegExp(form.pattern, 'u'));
const AT_END = FORMS.map((form) => new RegExp(`(?:${form.pattern})$`, 'u'));

/**
 * The first time named anywhere in `text` (already NFKC-folded, spaces
 * dropped except one between two numbers: `2025-10-09 12345` is a day and a
 * number, not 2025-10-0912345), by the order of the forms; null when there is none. Words naming
 * no real day (2月30日) are no time: nothing is said about time rather than
 * answering for another day.
 */
export function findTime(text: string, context: TimeContext): FoundTime | null {
  for (const [i, pattern] of ANYWHERE.entries()) {
    const match = pattern.exec(text);
    const time = match ? FORMS[i]!.read(match, context) : null;
    if (match && time) return { time, start: match.index, end: match.index + match[0].length };
  }
  return null;
}

/** The time ending `text`, if one does (the first form, in order, that ends it). */
function timeAtEnd(text: string, context: TimeContext): FoundTime | null | 'invalid' {
  for (const [i, pattern] of AT_END.entries()) {
    const match = pattern.exec(text);
    if (!match) continue;
    const time = FORMS[i]!.read(match, context);
    return time ? { time, start: match.index, end: text.length } : 'invalid';
  }
  return null;
}

/** A query with its trailing time span taken off. */
export interface SplitQuery {
  /** What is left to search for ('' when the query was a time alone). */
  readonly text: string;
  /** The span, or null when the query does not end with one. */
  readonly span: DaySpan | null;
}

/** A time as the days it covers. */
export function daysOf(time: TimeWords): DaySpan {
  return time.kind === 'day' ? { since: time.date, until: time.date } : { since: time.from, until: time.to };
}

/** A month (or a day of one) written without its year: 10月, 十月十六日; not 2025年10月, 去年11月, 三个月. */
const YEARLESS_MONTH = new RegExp(`(?<![\\d年])${NUM}月`, 'u');

/** Might `text` name a day or month without its year (the only times `known` places)? Cheap: no time is read. */
export const namesYearlessMonth = (text: string): boolean => YEARLESS_MONTH.test(text.normalize('NFKC'));

/**
 * The one day `text` names whole (`2025-10-15`, `20251015`, `2025年10月15日`,
 * `10月15日`, `昨天`, `上周三`), or undefined when it names none or more than one.
 * `known`: the days that have something (editions, reports), which place a
 * day typed without its year (10月15日 → the latest such day among them).
 */
export function namedDay(text: string, today: string, known?: ReadonlySet<string>): string | undefined {
  const written = parseDay(text);
  if (written !== null) return written;
  const { text: rest, span } = splitTimeSpan(text, today, known);
  return rest === '' && span !== null && span.since === span.until ? span.since : undefined;
}

/** Words asking a command for its newest day (/paper 最新, /hotline 最近一期): the same as naming none. */
const NEWEST = /^(?:最新|最近|最新的|最新一期|最近一期|最新的一期|最近的一期|本期|这期|这一期|latest|newest)$/iu;
export const namesNewest = (text: string): boolean => NEWEST.test(text.normalize('NFKC').trim());

/**
 * The span of several days `text` names whole (`上个月`, `10月`, `2025年`, `上周`),
 * or undefined when it names none, one day only, or more than a time.
 */
export function namedSpan(text: string, today: string, known?: ReadonlySet<string>): DaySpan | undefined {
  const { text: rest, span } = splitTimeSpan(text, today, known);
  return rest === '' && span !== null && span.since < span.until ? span : undefined;
}

/**
 * Takes a time span off the end of a query: `护学岗 2025-02`, `护学岗 2025年2月`,
 * `护学岗 2月20日`, `护学岗 近7天`, `护学岗 本月`, `护学岗 今年`, `护学岗 上周`
 * (any form of findTime, ending the query). Full-width digits count. A day that
 * does not exist (2025年2月30日) is not a span: the query stays whole.
 */
export function splitTimeSpan(query: string, today: string, known?: ReadonlySet<string>): SplitQuery {
  const text = query.normalize('NFKC').trim();
  const found = timeAtEnd(text, known ? { today, known } : { today });
  if (found === null || found === 'invalid') return { text: query.trim(), span: null };
  return { text: text.slice(0, found.start).trim(), span: daysOf(found.time) };
}
