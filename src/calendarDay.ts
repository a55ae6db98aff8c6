/**
 * Calendar days as `YYYY-MM-DD` strings: the day of an instant in a time
 * zone, and day arithmetic. Kept in one small module so that it can merge
 * into the shared calendar module (Asia/Shanghai) planned for the project.
 * Days are computed in UTC on purpose: a calendar day has no time zone once
 * it is known.
 */

const DAY_MS = 86_400_000;

/** The calendar day of `instant` in `timeZone` (an IANA name, e.g. `Asia/Shanghai`). */
export function calendarDay(instant: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** `day` moved by `days` (negative: back). */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The last day of a month (1–12) of a year, `YYYY-MM-DD`. */
export function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** Is `text` a real calendar day written `YYYY-MM-DD`? */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number);
  // Date.UTC rolls 2月30日 over to 3月2日: a real day comes back unchanged.
  return new Date(Date.UTC(y!, m! - 1, d!)).toISOString().slice(0, 10) === text;
}
