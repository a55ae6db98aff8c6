/**
 * The time a hotline question is about, read from its words: a day
 * (`10月15日`, `2025-10-15`, `昨天`, `上周三`), a span (`最近7天`, `本月`,
 * `10月`, `10月1日到10月15日`) or none (the newest report). All calendar
 * arithmetic is on `YYYY-MM-DD` strings in UTC, so the host's time zone never
 * shifts a day; "today" comes from an injected clock read in the reader's zone
 * (Asia/Shanghai); the day arithmetic itself is the shared src/calendar.ts.
 */
import { addDays, calendarDay, daysBetween, isoDate, lastDayOfMonth } from '../calendar.js';

export { addDays, calendarDay, daysBetween };

/** What a question asks about in time. */
export type DateSpec =
  | { readonly kind: 'latest' }
  | { readonly kind: 'day'; readonly date: string }
  | { readonly kind: 'span'; readonly from: string; readonly to: string; readonly label: string };

/** A question's time, and the question with the date words taken out. */
export interface ParsedDate {
  readonly spec: DateSpec;
  readonly rest: string;
}

/** Monday = 1 … Sunday = 7, as Chinese weeks count. */
function weekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "7", "七", "十", "十五", "三十": small numbers as readers write them; NaN otherwise. */
export function smallNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const match = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(text);
  if (!match || text === '') return Number.NaN;
  const [, tens, ten, ones] = match;
  if (!ten) return tens && !ones ? CN_DIGITS[tens]! : Number.NaN;
  return (tens ? CN_DIGITS[tens]! : 1) * 10 + (ones ? CN_DIGITS[ones]! : 0);
}

const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const NUM = '(\\d{1,3}|[一二两三四五六七八九十]{1,3})';

/** Full-width digits and separators folded to ASCII; spaces dropped. */
function normalize(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/**
 * Where a month-day without a year falls: the latest year that puts it on or
 * before today and has a report that day (`known`); else the year that puts
 * it nearest to a day with a report (10月14日 between reports of 2025 is in
 * 2025, not in a later year without any); with no reports, the latest year.
 */
function resolveYear(month: number, day: number, today: string, known: ReadonlySet<string>): string | null {
  const thisYear = Number(today.slice(0, 4));
  const years: string[] = [];
  for (let year = thisYear; year >= thisYear - 10; year--) {
    const date = isoDate(year, month, day);
    if (date && date <= today) years.push(date);
  }
  const exact = years.find((date) => known.has(date));
  if (exact || known.size === 0) return exact ?? years[0] ?? null;
  const gap = (date: string) => Math.min(...[...known].map((k) => Math.abs(daysBetween(date, k))));
  return years.reduce<string | null>((best, date) => (best === null || gap(date) < gap(best) ? date : best), null);
}

/** The same for a month without a year: the latest on or before today holding a report, else the latest. */
function resolveMonth(month: number, today: string, known: ReadonlySet<string>): number | null {
  const thisYear = Number(today.slice(0, 4));
  const prefix = (year: number) => `${year}-${String(month).padStart(2, '0')}-`;
  let fallback: number | null = null;
  for (let year = thisYear; year >= thisYear - 10; year--) {
    if (`${prefix(year)}01` > today) continue;
    fallback ??= year;
    for (const date of known) if (date.startsWith(prefix(year))) return year;
  }
  return fallback;
}

interface Found {
  readonly spec: DateSpec;
  readonly start: number;
  readonly end: number;
}

type Rule = (text: string, today: string, known: ReadonlySet<string>) => Found | null;

const at = (match: RegExpExecArray, spec: DateSpec | null): Found | null =>
  spec ? { spec, start: match.index, end: match.index + match[0].length } : null;

const day = (date: string | null): DateSpec | null => (date ? { kind: 'day', date } : null);

/** A written day: 2025年10月15日, 2025-10-15, 2025/10/15, 2025.10.15, 10月15日/号, 10-15 is not one (a score, a range). */
function explicitDay(text: string, today: string, known: ReadonlySet<string>): { date: string | null; length: number; index: number } | null {
  const full = /((?:19|20)\d{2})(?:年|[-/.])(\d{1,2})(?:月|[-/.])(\d{1,2})[日号]?/.exec(text);
  if (full) return { date: isoDate(Number(full[1]), Number(full[2]), Number(full[3])), length: full[0].length, index: full.index };
  const monthDay = new RegExp(`${NUM}月${NUM}[日号]`).exec(text);
  if (monthDay) {
    const month = smallNumber(monthDay[1]!);
    const dayOfMonth = smallNumber(monthDay[2]!);
    const date = isoDate(2000, month, dayOfMonth) ? resolveYear(month, dayOfMonth, today, known) : null;
    return { date, length: monthDay[0].length, index: monthDay.index };
  }
  return null;
}

const RULES: readonly Rule[] = [
  // A range of two written days: 10月1日到10月15日, 2025-10-01至2025-10-07.
  (text, today, known) => {
    const first = explicitDay(text, today, known);
    if (!first?.date) return null;
    const after = text.slice(first.index + first.length);
    const link = /^(?:到|至|-|~|—|－)/.exec(after);
    if (!link) return null;
    const second = explicitDay(after.slice(link[0].length), today, known);
    if (!second?.date || second.index !== 0 || second.date < first.date) return null;
    const end = first.index + first.length + link[0].length + second.length;
    return { spec: { kind: 'span', from: first.date, to: second.date, label: `${first.date}至${second.date}` }, start: first.index, end };
  },
  (text, today, known) => {
    const found = explicitDay(text, today, known);
    if (!found) return null;
    // "2月30日" is no day: say nothing about time rather than answer for another.
    return found.date ? { spec: { kind: 'day', date: found.date }, start: found.index, end: found.index + found.length } : null;
  },
  (text, today) => {
    // Not 前N天: 比前一天 is a comparison, not a span.
    const match = new RegExp(`(?:最近|近|过去)${NUM}(?:天|日)`).exec(text);
    if (!match) return null;
    const n = smallNumber(match[1]!);
    if (!(n >= 1 && n <= 366)) return null;
    return at(match, { kind: 'span', from: addDays(today, -(n - 1)), to: today, label: `最近${n}天` });
  },
  (text, today) => {
    const match = /(大前天|前天|昨天|昨日|今天|今日)/.exec(text);
    if (!match) return null;
    const back: Record<string, number> = { 大前天: 3, 前天: 2, 昨天: 1, 昨日: 1, 今天: 0, 今日: 0 };
    return at(match, day(addDays(today, -back[match[1]!]!)));
  },
  (text, today) => {
    const match = /(上上|上|本|这)?(?:周|星期|礼拜)([一二三四五六日天])/.exec(text);
    if (!match) return null;
    const target = WEEKDAY[match[2]!]!;
    const monday = addDays(today, 1 - weekday(today));
    const weeksBack = match[1] === '上上' ? 2 : match[1] === '上' ? 1 : 0;
    let date = addDays(monday, target - 1 - 7 * weeksBack);
    // A bare 周三 is the latest Wednesday that has come.
    if (!match[1] && date > today) date = addDays(date, -7);
    return at(match, day(date));
  },
  (text, today) => {
    const match = /(上上|上|本|这)(?:个)?(?:周|星期|礼拜)(?![一二三四五六日天])/.exec(text);
    if (!match) return null;
    const weeksBack = match[1] === '上上' ? 2 : match[1] === '上' ? 1 : 0;
    const monday = addDays(addDays(today, 1 - weekday(today)), -7 * weeksBack);
    const sunday = addDays(monday, 6);
    const label = weeksBack === 0 ? '本周' : weeksBack === 1 ? '上周' : '上上周';
    return at(match, { kind: 'span', from: monday, to: sunday < today ? sunday : today, label });
  },
  (text, today) => {
    const match = /(本月|这个月|这月|上个月|上月)/.exec(text);
    if (!match) return null;
    const year = Number(today.slice(0, 4));
    const month = Number(today.slice(5, 7));
    if (match[1] === '上个月' || match[1] === '上月') {
      const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
      return at(match, { kind: 'span', from: isoDate(y, m, 1)!, to: lastDayOfMonth(y, m), label: '上个月' });
    }
    return at(match, { kind: 'span', from: isoDate(year, month, 1)!, to: today, label: '本月' });
  },
  (text, today, known) => {
    const match = new RegExp(`(?:((?:19|20)\\d{2})年)?${NUM}月(?!${NUM}?[日号])(?:份)?`).exec(text);
    if (!match) return null;
    const month = smallNumber(match[2]!);
    if (!(month >= 1 && month <= 12)) return null;
    const year = match[1] ? Number(match[1]) : resolveMonth(month, today, known);
    if (year === null) return null;
    return at(match, { kind: 'span', from: isoDate(year, month, 1)!, to: lastDayOfMonth(year, month), label: `${year}年${month}月` });
  },
  (text) => {
    const match = /(最新|最近一期|最近一天|最近|最新一期)/.exec(text);
    return match ? at(match, { kind: 'latest' }) : null;
  },
];

/**
 * Reads the time of a question. `today` is the reader's calendar day
 * (`calendarDay(clock.now())`); `known` the days that have a report, used
 * only to place a month-day without a year. The first rule that matches wins,
 * in the order of RULES (a range before a day, a day before a month).
 */
export function parseDateSpec(question: string, today: string, known: ReadonlySet<string> = new Set()): ParsedDate {
  const text = normalize(question);
  for (const rule of RULES) {
    const found = rule(text, today, known);
    if (found) return { spec: found.spec, rest: text.slice(0, found.start) + text.slice(found.end) };
  }
  return { spec: { kind: 'latest' }, rest: text };
}
