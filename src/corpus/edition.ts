/**
 * The edition of a page: which day's paper printed it, and on which page
 * (版). Tried in order: the page's header lines, the file name, the caption
 * the admin wrote when uploading it, and last an estimate from the days the
 * text mentions (never after the day the page was ingested). Pure functions
 * over plain data: the ingest day comes from the caller's clock.
 */
import type { DayMention, Edition, EditionBasis, EditionClues, ParsedPage } from '../types.js';
import { foldWidth } from './charClass.js';
import { isoDate } from '../calendar.js';
import type { PageClock } from './dates.js';

/** How many non-empty lines at the top of a page count as its header (default 5). */
const HEADER_LINES = 5;
/** A header line is short: a masthead with date, weekday, page and section (default 60 characters). */
const HEADER_LINE_MAX = 60;
/** Sentence punctuation: a line holding it is running text, not a header ("2025年2月21日,第二届…"). */
const RUNNING_TEXT = /[，。；！？,;!?]/u;

/** A full date: 2025年11月4日, 2025-11-04, 2025.11.04, 2025/11/04. */
const FULL_DATE = /(?<!\d)((?:19|20)\d{2})(?:\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|([-./])(\d{1,2})\4(\d{1,2})(?!\d))/u;
/** A month and day without a year ("11月4日"), for captions. */
const MONTH_DAY = /(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*日/u;
/** Every day a text mentions, with its year or relative year when printed. */
const MENTION = /(?:(?<!\d)((?:19|20)\d{2})\s*年\s*|(去年|前年|今年|明年))?(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*日/gu;
/** Years relative to the page's: "去年11月25日" is the year before. */
const RELATIVE_YEAR: Record<string, number> = { 前年: -2, 去年: -1, 今年: 0, 明年: 1 };

/** A page number: 第3版, 第三版, 03版, A03 / A3版 (lettered sections run A to D; G20 is a summit, not a page). */
const PAGE_NUMBER = /第\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*版|(?<![0-9A-Za-z])([A-Da-d])(\d{2})(?![0-9])|(?<![0-9A-Za-z])([A-Da-d])(\d{1,2})\s*版|(?<![0-9])(\d{1,2})\s*版/u;

/** A date in a file name: 2025-11-04, 20251104, 2025_11_04, 2025年11月4日; never inside a hex hash. */
const FILE_DATE =
  /(?<![0-9A-Za-z])((?:19|20)\d{2})(?:([-_.])(\d{1,2})\2(\d{1,2})|(\d{2})(\d{2}))(?![0-9])|((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日/u;
/** The page number right after a file name's date: "xnwb_2025_11_04_03" → 3. */
const PAGE_AFTER_DATE = /^[-_. ]([A-Da-d]?)(\d{1,2})(?![0-9])/u;

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 三 → 3, 十二 → 12, 二十 → 20. */
function chineseNumber(text: string): number {
  if (!text.includes('十')) return CHINESE_DIGITS[text] ?? 0;
  const [tens, ones] = text.split('十');
  return (tens ? (CHINESE_DIGITS[tens] ?? 0) : 1) * 10 + (ones ? (CHINESE_DIGITS[ones] ?? 0) : 0);
}

/** A page number as a reader writes it: digits without leading zeros ("3"), a lettered page as "A03". */
function pageLabel(letter: string | undefined, digits: number): string | null {
  if (digits < 1) return null;
  return letter ? `${letter.toUpperCase()}${String(digits).padStart(2, '0')}` : String(digits);
}

/** The page number in a header line, file name or caption, or null. */
export function readPageNumber(text: string): string | null {
  const m = PAGE_NUMBER.exec(foldWidth(text));
  if (!m) return null;
  if (m[1] !== undefined) return pageLabel(undefined, /^\d+$/u.test(m[1]) ? Number(m[1]) : chineseNumber(m[1]));
  if (m[2] !== undefined) return pageLabel(m[2], Number(m[3]));
  if (m[4] !== undefined) return pageLabel(m[4], Number(m[5]));
  return pageLabel(undefined, Number(m[6]));
}

/** The first full date (year, month and day) in the text, `YYYY-MM-DD`, or null. */
export function readFullDate(text: string): string | null {
  const m = FULL_DATE.exec(foldWidth(text));
  if (!m) return null;
  return m[2] !== undefined
    ? isoDate(Number(m[1]), Number(m[2]), Number(m[3]))
    : isoDate(Number(m[1]), Number(m[5]), Number(m[6]));
}

/**
 * Date and page from the page's header lines: the first few non-empty lines,
 * short and without sentence punctuation ("西宁晚报 2025.11.04 第3版 要闻",
 * "2025年11月4日 星期二"). A masthead with a weekday anywhere on the page
 * (`clock.pageDate`, a header printed at the foot of the text) counts too.
 */
export function readHeaderEdition(text: string, clock: PageClock): { date: string | null; page: string | null } {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, HEADER_LINES)
    .filter((line) => Array.from(line).length <= HEADER_LINE_MAX && !RUNNING_TEXT.test(line));
  let date: string | null = null;
  let page: string | null = null;
  for (const line of lines) {
    date ??= readFullDate(line);
    page ??= readPageNumber(line);
  }
  return { date: date ?? clock.pageDate, page };
}

/**
 * Date and page from a file name: `2025-11-04.txt`, `20251104_A03.txt`,
 * `xnwb_2025_11_04_03.txt`, `2025年11月4日第3版.txt`. A page number is only
 * read from a name that also has a date or says 版 (in `003_7f32….txt` the
 * 003 is an export counter, not a page).
 */
export function readFileEdition(fileName: string): { date: string | null; page: string | null } {
  const name = foldWidth(fileName.replace(/^.*[\\/]/u, '').replace(/\.[A-Za-z0-9]{1,5}$/u, ''));
  const m = FILE_DATE.exec(name);
  let date: string | null = null;
  let page: string | null = null;
  if (m) {
    if (m[7] !== undefined) date = isoDate(Number(m[7]), Number(m[8]), Number(m[9]));
    else if (m[2] !== undefined) date = isoDate(Number(m[1]), Number(m[3]), Number(m[4]));
    else date = isoDate(Number(m[1]), Number(m[5]), Number(m[6]));
  }
  if (date === null && !name.includes('版')) return { date, page: null };
  // The date's digits are not a page number: look at the rest of the name.
  const withoutDate = m ? `${name.slice(0, m.index)} ${name.slice(m.index + m[0].length)}` : name;
  page = readPageNumber(withoutDate);
  if (page === null && m) {
    const after = PAGE_AFTER_DATE.exec(name.slice(m.index + m[0].length));
    if (after) page = pageLabel(after[1] || undefined, Number(after[2]));
  }
  return { date, page };
}

/**
 * The latest `YYYY-MM-DD` with this month and day that is not after `notAfter`
 * (the most recent 2月29日 may be years back), or null.
 */
function latestOccurrence(month: number, day: number, notAfter: string): string | null {
  const year = Number(notAfter.slice(0, 4));
  for (let y = year; y >= year - 8; y--) {
    const date = isoDate(y, month, day);
    if (date !== null && date <= notAfter) return date;
  }
  return null;
}

/**
 * The date an admin wrote in an upload's caption: `2025-11-04`, `2025年11月4日`,
 * or `11月4日` (the latest such day not after `today`: a page is uploaded on
 * its day or later). Null when the caption holds no date.
 */
export function readCaptionDate(caption: string, today: string): string | null {
  const full = readFullDate(caption);
  if (full) return full;
  const m = MONTH_DAY.exec(foldWidth(caption));
  return m ? latestOccurrence(Number(m[1]), Number(m[2]), today) : null;
}

/**
 * Every day the text mentions. A month-day takes the page's year (its latest
 * "YYYY年", shifted for 去年/前年/明年), or no year when the page names none.
 */
export function readDayMentions(text: string, clock: PageClock): DayMention[] {
  const mentions: DayMention[] = [];
  for (const m of foldWidth(text).matchAll(MENTION)) {
    const month = Number(m[3]);
    const day = Number(m[4]);
    if (isoDate(2000, month, day) === null) continue;
    if (m[1] !== undefined) mentions.push({ year: Number(m[1]), explicit: true, month, day });
    else if (clock.year === null) mentions.push({ year: null, explicit: false, month, day });
    else mentions.push({ year: clock.year + (m[2] ? (RELATIVE_YEAR[m[2]] ?? 0) : 0), explicit: false, month, day });
  }
  return mentions;
}

/**
 * The estimate: the latest day the page mentions that is not after the day
 * it was ingested (a report of 2月20日 was printed on or after that day).
 * A month-day whose page year would put it after the ingest day, or with no
 * year at all, is its latest occurrence up to that day. Null when the page
 * mentions no day.
 */
export function estimateEditionDate(mentions: readonly DayMention[], ingestDay: string): string | null {
  let latest: string | null = null;
  for (const mention of mentions) {
    let date = mention.year === null ? null : isoDate(mention.year, mention.month, mention.day);
    if (date !== null && date > ingestDay) date = null;
    if (date === null && !mention.explicit) date = latestOccurrence(mention.month, mention.day, ingestDay);
    if (date !== null && (latest === null || date > latest)) latest = date;
  }
  return latest;
}

/** What the caller knows beyond the page: the upload caption and the day of ingestion. */
export interface EditionContext {
  /** The caption the admin wrote with an uploaded page (default: none). */
  readonly caption?: string;
  /** The day the page is ingested, `YYYY-MM-DD` in Asia/Shanghai; without it there is no estimate. */
  readonly ingestDay?: string;
}

/** The edition from the clues, in order: header, file name, caption, estimate. */
export function decideEdition(clues: EditionClues, context: EditionContext = {}): { edition: Edition; basis: EditionBasis } {
  const { caption, ingestDay } = context;
  const captionDate = caption && ingestDay ? readCaptionDate(caption, ingestDay) : caption ? readFullDate(caption) : null;
  const page = clues.header.page ?? clues.file.page ?? (caption ? readPageNumber(caption) : null);
  const printed: [EditionBasis, string | null][] = [
    ['header', clues.header.date],
    ['file', clues.file.date],
    ['caption', captionDate],
  ];
  for (const [basis, date] of printed) {
    if (date !== null) return { edition: { date, page, estimated: false }, basis };
  }
  const estimate = ingestDay ? estimateEditionDate(clues.mentions, ingestDay) : null;
  if (estimate !== null) return { edition: { date: estimate, page, estimated: true }, basis: 'estimate' };
  return { edition: { date: null, page, estimated: false }, basis: 'none' };
}

/** The page with its edition decided for this caption and ingest day, set on the page and each item. */
export function datePage(page: ParsedPage, context: EditionContext): ParsedPage {
  const { edition, basis } = decideEdition(page.editionClues, context);
  return { ...page, edition, editionBasis: basis, items: page.items.map((item) => ({ ...item, edition })) };
}
