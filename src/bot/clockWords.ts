/**
 * A time of day as readers type it to /subscribe, /digest and /quiet: `7:30`,
 * `０７：３０` (full-width, as Chinese input methods give it), `8点`, `8点半`,
 * `早上7点15`, `晚上十点`, `下午3时30分`, `8pm`. Written here: the date
 * libraries on npm read English or ISO times, not 早上八点半.
 */
import { smallNumber } from '../search/index.js';

/**
 * Words before a time saying which part of the day it is in, and what they
 * make of the hour typed: after noon 1–11 o'clock is afternoon or evening;
 * 12 o'clock is noon (中午12点, 下午12点, 12pm), midnight at night (晚上12点) and
 * in the morning (凌晨12点, 12am). 晚上20点 says the same twice; 早上20点 is no time.
 */
const PERIODS: readonly { readonly words: RegExp; hour(hour: number): number | null }[] = [
  { words: /^(?:早上|早晨|清晨|上午|凌晨|早|am)/u, hour: (h) => (h === 12 ? 0 : h < 12 ? h : null) },
  { words: /^中午/u, hour: (h) => (h >= 11 ? h : h + 12) },
  { words: /^(?:下午|午后|pm)/u, hour: (h) => (h < 12 ? h + 12 : h) },
  { words: /^(?:傍晚|晚上|晚间|夜里|夜间|晚)/u, hour: (h) => (h === 12 ? 0 : h < 12 ? h + 12 : h) },
];

/** A number below 100 in digits or Chinese numerals (八, 十二, 二十三, 零五 five past); null otherwise. */
export function numberOf(text: string): number | null {
  const zero = /^[零〇]([一二三四五六七八九]?)$/u.exec(text);
  if (zero) return zero[1] ? smallNumber(zero[1]) : 0;
  const value = smallNumber(text);
  return Number.isNaN(value) || value >= 100 ? null : value;
}

/** Minutes after the hour: `半` 30, `一刻` 15, `三刻` 45, `整` 0, or a number with or without 分. */
function minutesOf(text: string): number | null {
  if (text === '' || text === '整') return 0;
  if (text === '半') return 30;
  if (text === '一刻') return 15;
  if (text === '三刻') return 45;
  const value = numberOf(text.replace(/分钟?$/u, ''));
  return value !== null && value < 60 ? value : null;
}

/**
 * The time of day `text` names, as minutes after midnight; null when it is
 * not one (`8点70`, `25:00`, `早上20点`).
 */
export function readClockWords(text: string): number | null {
  let rest = text.normalize('NFKC').trim().toLowerCase().replace(/\s+/gu, '');
  // 8pm, 8:30pm: the half of the day after the time, in English.
  const suffix = /(am|pm)$/u.exec(rest);
  if (suffix) rest = `${suffix[1]!}${rest.slice(0, -2)}`;
  const period = PERIODS.find(({ words }) => words.test(rest));
  if (period) rest = rest.replace(period.words, '');
  const clock = /^(\d{1,2}):(\d{2})$/u.exec(rest) ?? /^([\d零〇一二两三四五六七八九十]{1,3})(?:点钟?|时)(.*)$/u.exec(rest) ?? (period ? /^(\d{1,2})()$/u.exec(rest) : null);
  if (!clock) return null;
  const typed = numberOf(clock[1]!);
  const minutes = minutesOf(clock[2]!);
  if (typed === null || minutes === null || typed > 23) return null;
  const hour = period ? period.hour(typed) : typed;
  if (hour === null) return null;
  return hour * 60 + minutes;
}
