/**
 * Whether a PDF page's text layer can be read. E-paper systems often embed
 * fonts without a usable character map: the text layer is then empty,
 * private-use characters (U+E000…), control characters (the glyph numbers
 * themselves), or real but wrong characters (a font's own encoding read as
 * Unicode). Such a page is read by OCR instead.
 */
import iconv from 'iconv-lite';
import type { PrintedPage } from '../types.js';

/** Why a text layer was not used, as the ingest summary says it. */
export const UNREADABLE = {
  empty: 'no text layer',
  privateUse: 'private-use characters (fonts without a character map)',
  control: 'glyph numbers instead of characters (fonts without a character map)',
  uncommon: 'garbled characters (a font encoding read as Unicode)',
} as const;

/** A text layer with fewer Han characters than this is empty for a newspaper page (default 20). */
const MIN_HAN = 20;
/** At most this share of the visible characters may be private-use or control characters (default 0.05). */
const MAX_ODD_SHARE = 0.05;
/**
 * At least this share of the Han characters must be among the 3755 common ones
 * (GB2312 level 1; default 0.75). Running text has 97–99%; characters picked
 * from the whole CJK block by a font's glyph numbers have about 15%.
 */
const MIN_COMMON_SHARE = 0.75;

const HAN = /\p{Script=Han}/u;
const PRIVATE_USE = /[\ue000-\uf8ff]|[\u{f0000}-\u{10ffff}]/u;
// eslint-disable-next-line no-control-regex -- control characters are what marks glyph numbers read as text
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/u;

/** A Han character among the 3755 of GB2312 level 1 (lead byte 0xB0–0xD7). */
function isCommonHan(char: string): boolean {
  const bytes = iconv.encode(char, 'gb2312');
  return bytes.length === 2 && bytes[0]! >= 0xb0 && bytes[0]! <= 0xd7;
}

/** Why a page's text layer cannot be used (`UNREADABLE`), or undefined when it reads as text. */
export function textLayerProblem(page: PrintedPage): string | undefined {
  const chars = [...page.lines.map((l) => l.text).join('')].filter((c) => c.trim() !== '');
  const odd = (test: RegExp): number => chars.filter((c) => test.test(c)).length / Math.max(1, chars.length);
  if (odd(PRIVATE_USE) > MAX_ODD_SHARE) return UNREADABLE.privateUse;
  if (odd(CONTROL) > MAX_ODD_SHARE) return UNREADABLE.control;
  const han = chars.filter((c) => HAN.test(c));
  if (han.length < MIN_HAN) return UNREADABLE.empty;
  if (han.filter(isCommonHan).length / han.length < MIN_COMMON_SHARE) return UNREADABLE.uncommon;
  return undefined;
}
