/**
 * Dates on a page. A page may carry a dated header ("2025年11月4日 星期二");
 * reports and articles mostly give only month and day ("2月20日"), so the
 * year is inferred from the page.
 */
import { isoDate } from '../calendar.js';
import { foldWidth } from './charClass.js';

/** What a page tells about its own time. */
export interface PageClock {
  /** The page's date from a dated header, `YYYY-MM-DD`, or null. */
  readonly pageDate: string | null;
  /** The year to give month-day dates, or null when the page names none. */
  readonly year: number | null;
}

const HEADER = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:星期|周|礼拜)[一二三四五六日天]/u;
const YEAR = /(?<!\d)((?:19|20)\d{2})\s*年/gu;
const DATE = /(?:(?<!\d)((?:19|20)\d{2})\s*年\s*|(去年|前年|今年|明年))?(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*日/u;
/** Years relative to the page's: "去年11月25日" is the year before. */
const RELATIVE_YEAR: Record<string, number> = { 前年: -2, 去年: -1, 今年: 0, 明年: 1 };

/**
 * The page's date and the year for month-day dates. With a dated header, its
 * year; otherwise the latest "YYYY年" the page mentions (a page about
 * "2025年春季新学期" and "2月20日" is from 2025). Null when neither exists.
 */
export function readPageClock(text: string): PageClock {
  const folded = foldWidth(text);
  const header = HEADER.exec(folded);
  if (header) {
    const pageDate = isoDate(Number(header[1]), Number(header[2]), Number(header[3]));
    if (pageDate) return { pageDate, year: Number(header[1]) };
  }
  let year: number | null = null;
  for (const m of folded.matchAll(YEAR)) {
    const y = Number(m[1]);
    if (year === null || y > year) year = y;
  }
  return { pageDate: null, year };
}

/**
 * The first full or month-day date in the text ("2025年2月21日", "12月8日",
 * "去年11月25日"),
 * completed with the page's year. Never after the page's date: a month-day
 * later in the year than the page's header belongs to the year before.
 */
export function firstDate(text: string, clock: PageClock): string | null {
  const m = DATE.exec(foldWidth(text));
  if (!m) return null;
  const month = Number(m[3]);
  const day = Number(m[4]);
  if (m[1] !== undefined) return isoDate(Number(m[1]), month, day);
  if (clock.year === null) return null;
  if (m[2] !== undefined) return isoDate(clock.year + (RELATIVE_YEAR[m[2]] ?? 0), month, day);
  const date = isoDate(clock.year, month, day);
  if (date && clock.pageDate && date > clock.pageDate) return isoDate(clock.year - 1, month, day);
  return date;
}
