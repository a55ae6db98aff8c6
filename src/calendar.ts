/**
 * Calendar dates as the paper and its readers use them: `YYYY-MM-DD` strings for
 * days, read in the paper's time zone (TZ_NAME, default Asia/Shanghai). The one
 * place that validates a day, turns a moment into a local day and back, and
 * does day arithmetic, for corpus/, the bot, push and answers alike.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DD`, or null for an impossible month or day (2月30日). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * A day as readers type it: `2025-02-20`, `2025-2-20`, `2025/02/20`, `2025.2.20`,
 * `2025年2月20日`, `20250220`, full-width digits too. `YYYY-MM-DD`, or null when it
 * is not a real calendar day.
 */
export function parseDay(text: string): string | null {
  const ascii = text.trim().normalize('NFKC');
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(ascii) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(ascii);
  if (!match) return null;
  return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** The clock faces a moment is read on: the day (en-CA writes it YYYY-MM-DD), the wall clock to the second, hours and minutes. */
const FACES = {
  day: ['en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }],
  wallClock: ['en-US', { hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }],
  minutes: ['en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }],
} as const satisfies Record<string, readonly [string, Intl.DateTimeFormatOptions]>;

/** A process reads moments in one or two time zones; more than this many faces kept means something asks for arbitrary ones. */
const FORMATTERS_KEPT = 64;

/**
 * Formatters made once per face and time zone and reused. Not one per call: each
 * Intl.DateTimeFormat holds ~30-40 KB of ICU memory that V8 does not count, so the
 * one-per-call formatters (two or more a search reply) piled up unseen until a full
 * GC, whose finalizers then freed thousands at once: 100-130 ms in one turn of the
 * event loop under 80 searches a second (perf: ~icu::SimpleDateFormat in
 * InvokeSecondPassPhantomCallbacks; issue 20). A formatter never changes once made,
 * so sharing one is invisible to callers.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The formatter reading moments on `face` in `timeZone` (an invalid zone throws Intl's RangeError, as constructing one does). */
function clockFormatter(face: keyof typeof FACES, timeZone: string): Intl.DateTimeFormat {
  const key = `${face} ${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const [locale, options] = FACES[face];
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    if (formatters.size >= FORMATTERS_KEPT) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** The calendar day of `now` in `timeZone` (an IANA name, e.g. `Asia/Shanghai`), `YYYY-MM-DD`. */
export function calendarDay(now: Date, timeZone: string): string {
  return clockFormatter('day', timeZone).format(now);
}

/** Minutes since midnight on the clocks of `timeZone` at `moment`. */
export function minutesOfDay(moment: Date, timeZone: string): number {
  const parts = clockFormatter('minutes', timeZone).formatToParts(moment);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return value('hour') * 60 + value('minute');
}

/** `day` moved by `days` (negative: earlier). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The last day of a month (1–12) of a year, `YYYY-MM-DD`. */
export function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** Is `text` a real calendar day written `YYYY-MM-DD`? */
export function isCalendarDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text);
  return match !== null && isoDate(Number(match[1]), Number(match[2]), Number(match[3])) === text;
}

/** How far `timeZone`'s clock is ahead of UTC at `at`, in ms. */
function utcOffsetMs(at: Date, timeZone: string): number {
  const parts = clockFormatter('wallClock', timeZone).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The moment `day` begins (00:00) in `timeZone`. */
function startOfLocalDay(day: string, timeZone: string): Date {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  let start = midnightUtc - utcOffsetMs(new Date(midnightUtc), timeZone);
  // Across an offset change the first guess is off by the change; one more step settles it.
  start = midnightUtc - utcOffsetMs(new Date(start), timeZone);
  return new Date(start);
}

/** Midnight of `now`'s day in `timeZone` ("deliveries today"). */
export function startOfDay(now: Date, timeZone: string): Date {
  return startOfLocalDay(calendarDay(now, timeZone), timeZone);
}
