/**
 * The two daily reports the paper prints: the 12345 hotline report
 * ("西宁市党建引领“有诉必应马上办”机制创新工作日报") and the safety-hazard
 * report ("西宁市安全隐患举报受理情况日报"). Numbers are read from the report's
 * text with full-width digits folded and all whitespace removed, so that a
 * page break inside a list ("西宁市政府网\n\n\n\n2件") does not matter.
 */
import type { HotIssue, HotlineReport, SafetyReport } from '../types.js';
import { foldWidth } from './charClass.js';

/** Which report a text is, if any. */
export type ReportKind = 'hotline' | 'safety';

/** A hotline report's numbers, before the date and source are attached. */
export type HotlineNumbers = Omit<HotlineReport, 'date' | 'source'>;

/** A safety report's numbers, before the date and source are attached. */
export type SafetyNumbers = Omit<SafetyReport, 'date' | 'source'>;

const HOTLINE_BODY = /来电\D{0,12}?\d+件/u;
const SAFETY_BODY = /共收到安全隐患举报\d+件|安全隐患举报\d+件/u;

/** Text folded for number reading: NFKC digits and punctuation, no whitespace. */
function compact(text: string): string {
  return foldWidth(text).replace(/\s+/gu, '');
}

/** A report opens with the day it covers: "2月20日,12345政务服务便民热线接听…". */
const DATED_OPENING = /^(?:\d{4}年)?\d{1,2}月\d{1,2}日/u;

/**
 * Decide whether a heading and body make a report. The hotline report counts
 * calls ("接听群众来电诉求992件次"), the safety report counts hazard tips
 * ("共收到安全隐患举报33件"). It needs a "…日报" heading, or, when the heading
 * was lost, a body that opens with the covered day. An article that merely
 * mentions the hotline's calls is not a report.
 */
export function reportKind(title: string, body: string): ReportKind | null {
  const text = compact(body);
  const looksLikeReport = title.trim().endsWith('日报') || (title.trim() === '' && DATED_OPENING.test(text));
  if (!looksLikeReport) return null;
  const opening = text.slice(0, 80);
  if (SAFETY_BODY.test(opening)) return 'safety';
  if (HOTLINE_BODY.test(opening)) return 'hotline';
  return null;
}

/** True for a report heading: a short line ending in 日报 ("…机制创新工作日报"). */
export function isReportHeading(line: string): boolean {
  const text = line.trim();
  return [...text].length <= 40 && text.endsWith('日报') && !/[。，,；;]/u.test(text);
}

function count(text: string, pattern: RegExp): number | null {
  const m = pattern.exec(text);
  return m?.[1] === undefined ? null : Number(m[1]);
}

/** "“码上减负”" → "码上减负": channel and source names lose quotes and brackets. */
function bareName(name: string): string {
  return name.replace(/["“”'‘’「」『』《》]/gu, '').replace(/^(?:其中|以及|和|及)/u, '').trim();
}

/** "name12件" pieces of a list separated by commas or 、 → { name: n }. */
function namedCounts(list: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const piece of list.split(/[,;、]/u)) {
    const m = /^(.+?)(\d+)件$/u.exec(piece);
    if (m?.[1] === undefined || m[2] === undefined) continue;
    const name = bareName(m[1]);
    if (name !== '') out[name] = (out[name] ?? 0) + Number(m[2]);
  }
  return out;
}

/** How far a section head may be from "热点问题" (default 2 edits: "执占问题."). */
const HOT_HEAD_MAX_EDITS = 2;

/** Levenshtein distance, for OCR-slipped section heads. */
function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[y.length]!;
}

/**
 * True for the hot-issue section head, tolerant of OCR slips: "热点问题:",
 * "**热点问题:**", "执占问题.", any four-character head ending in 问题.
 */
export function isHotIssueHead(line: string): boolean {
  const head = compact(line).replace(/[:：.。,，;；\-—*#]+$/u, '');
  const length = [...head].length;
  if (length < 3 || length > 6) return false;
  return /^\p{Script=Han}{2}问题$/u.test(head) || editDistance(head, '热点问题') <= HOT_HEAD_MAX_EDITS;
}

/** The canonical hot-issue head a slipped one is shown as. */
export const HOT_ISSUE_HEAD = '热点问题:';

/** "1.消费维权86件,无集中反映问题,…" → { topic: 消费维权, count: 86 }. */
function hotIssue(line: string): HotIssue | undefined {
  const m = /^(?:[-*]?)\d+[.、)）]?(\D+?)(\d+)件/u.exec(compact(line));
  if (m?.[1] === undefined || m[2] === undefined) return undefined;
  return { topic: bareName(m[1]), count: Number(m[2]) };
}

/**
 * Read a hotline report's numbers from its lines. Hot issues are the
 * numbered lines after the hot-issue head; without a head, numbered
 * "topic N件" lines count.
 */
export function parseHotline(lines: readonly string[]): HotlineNumbers {
  const text = compact(lines.join('\n'));
  const messagesMatch = /留言(\d+)件(?:[(（]([^)）]*)[)）])?/u.exec(text);
  const headAt = lines.findIndex(isHotIssueHead);
  const hot: HotIssue[] = [];
  for (const line of headAt >= 0 ? lines.slice(headAt + 1) : lines) {
    if (!/^\s*(?:[-*]\s*)?[0-9０-９]+\s*[.、．)）]/u.test(line)) continue;
    const issue = hotIssue(line);
    if (issue) hot.push(issue);
  }
  return {
    calls: count(text, /来电\D{0,12}?(\d+)件/u),
    messages: messagesMatch?.[1] === undefined ? null : Number(messagesMatch[1]),
    channels: messagesMatch?.[2] === undefined ? {} : namedCounts(messagesMatch[2]),
    direct: count(text, /直接办理(\d+)件/u),
    transferred: count(text, /转交\D{0,10}?办理(\d+)件/u),
    callbacks: count(text, /回访\D{0,6}?(\d+)件/u),
    hot,
  };
}

/** Read a safety report's numbers from its text. */
export function parseSafety(text: string): SafetyNumbers {
  const flat = compact(text);
  const sources: Record<string, number> = {};
  for (const piece of flat.split(/[,;、。]/u)) {
    const m = /^(?:其中)?(.+?)(?:接收|收到|受理)举报(\d+)件$/u.exec(piece);
    if (m?.[1] === undefined || m[2] === undefined) continue;
    const name = bareName(m[1]);
    sources[name] = (sources[name] ?? 0) + Number(m[2]);
  }
  const topicsMatch = /(?:涉及|主要反映|反映)(.+?)等(?:方面)?问题/u.exec(flat);
  return {
    total: count(flat, /共(?:收到|受理|接到)\D{0,10}?(\d+)件/u),
    sources,
    topics: topicsMatch?.[1] === undefined ? [] : topicsMatch[1].split(/[、,]/u).map(bareName).filter((t) => t !== ''),
  };
}

/** Arithmetic checks of a hotline report, as warning texts (empty when consistent). */
export function checkHotline(n: HotlineNumbers): string[] {
  const warnings: string[] = [];
  const channelSum = Object.values(n.channels).reduce((a, b) => a + b, 0);
  if (n.messages !== null && Object.keys(n.channels).length > 0 && channelSum !== n.messages) {
    warnings.push(`web messages by channel add up to ${channelSum}, not ${n.messages}`);
  }
  if (n.calls !== null && n.direct !== null && n.transferred !== null && n.direct + n.transferred !== n.calls) {
    warnings.push(`direct ${n.direct} + transferred ${n.transferred} = ${n.direct + n.transferred}, not calls ${n.calls}`);
  }
  return warnings;
}

/** Arithmetic check of a safety report, as warning texts (empty when consistent). */
export function checkSafety(n: SafetyNumbers): string[] {
  const sum = Object.values(n.sources).reduce((a, b) => a + b, 0);
  if (n.total !== null && Object.keys(n.sources).length > 0 && sum !== n.total) {
    return [`safety reports by source add up to ${sum}, not ${n.total}`];
  }
  return [];
}
