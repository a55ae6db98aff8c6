/**
 * Headline lines → title, kicker (引题) and subtitle (副题).
 */
import { removeExtractionSpaces, undoubleHeadline } from './cleanText.js';
import type { HeadLine } from './segment.js';

/** An item's headline parts. */
export interface Headline {
  readonly title: string;
  readonly kicker: string | null;
  readonly subtitle: string | null;
}

/** A line this short above the title is a kicker, not part of it (default 8 characters): "中国梦·劳动美". */
const KICKER_MAX = 8;

/** Clean one headline line: doubled pieces undone, stray spaces removed, halves kept apart. */
export function cleanHeadline(text: string): string {
  return removeExtractionSpaces(undoubleHeadline(text.trim()), { betweenHan: false }).trim();
}

/**
 * Split headline lines into kicker, title and subtitle:
 * - a markdown heading is the title; plain lines above it are the kicker,
 *   below it the subtitle ("第二届…推介会在香港举行" / "# 深化青港合作 共谱发展新篇" / "梁振英出席并讲话…");
 * - otherwise a line opening with "——" starts the subtitle;
 * - of the lines above, a first line ending in a colon or of at most
 *   8 characters is the kicker ("每月一地:", "中国梦·劳动美");
 * - the remaining lines are one title, joined without a break on a
 *   hard-wrapped page ("西宁市2023年度营商环境改革创新" + "“十佳”典型案例专家评审会召开")
 *   and with a space otherwise. So "全国“最美工会户外劳动者服务站点”" +
 *   "青海20个工会驿站上榜" is one title, not kicker and title.
 */
export function composeHeadline(lines: readonly HeadLine[], hardWrapped: boolean): Headline | undefined {
  const clean = lines.map((l) => ({ text: cleanHeadline(l.text), heading: l.heading })).filter((l) => l.text !== '');
  if (clean.length === 0) return undefined;
  const join = (parts: readonly { text: string }[]): string | null =>
    parts.length === 0 ? null : parts.map((p) => p.text).join(hardWrapped ? '' : ' ');

  const headingAt = clean.findIndex((l) => l.heading > 0);
  if (headingAt >= 0) {
    return {
      title: clean[headingAt]!.text,
      kicker: join(clean.slice(0, headingAt)),
      subtitle: join(clean.slice(headingAt + 1)),
    };
  }
  let subAt = clean.findIndex((l, i) => i > 0 && l.text.startsWith('——'));
  if (subAt < 0) subAt = clean.length;
  let top = clean.slice(0, subAt);
  let kicker: string | null = null;
  const first = top[0]!;
  if (top.length > 1 && (/[:：]$/u.test(first.text) || [...first.text].length <= KICKER_MAX)) {
    kicker = first.text;
    top = top.slice(1);
  }
  return { title: join(top) ?? '', kicker, subtitle: join(clean.slice(subAt)) };
}
