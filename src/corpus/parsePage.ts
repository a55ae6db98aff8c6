/**
 * The whole pipeline for one page file: bytes → decoded text → units →
 * items, with the hotline and safety reports read out of their items.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Article, EditionClues, HotlineReport, ItemKind, ParsedPage, SafetyReport } from '../types.js';
import { bodyCutWarning, cutLongBody } from './articleLimit.js';
import { parseBylineLine, parseLeadByline, parseTailByline } from './byline.js';
import { countHan } from './charClass.js';
import { removeExtractionSpaces, undoubleHeadline } from './cleanText.js';
import { firstDate, readPageClock } from './dates.js';
import { decodePage } from './decode.js';
import { decideEdition, readDayMentions, readFileEdition, readHeaderEdition, type EditionContext } from './edition.js';
import { composeHeadline } from './headline.js';
import {
  checkHotline,
  checkSafety,
  HOT_ISSUE_HEAD,
  isHotIssueHead,
  parseHotline,
  parseSafety,
  reportKind,
} from './hotline.js';
import { layoutPage, type Unit } from './layout.js';
import { segmentUnits, type RawItem } from './segment.js';

/**
 * A page whose running text has at least this many spaces between two Han
 * characters per 1000 Han (default 8; the seeds show 1.5–2.7 on clean pages, ~20 on a spaced one) had spaces put inside words by the
 * extraction ("擘画的 宏伟蓝图…是必须履行的政 治责任"); they are removed from
 * its bodies. Pages below keep such spaces ("“‘新’心相印 聚力同行”").
 */
const SPACED_PER_MILLE = 8;

/** Titles for a report printed without its heading. */
const REPORT_TITLES: Record<'hotline' | 'safety', string> = {
  hotline: '12345政务服务便民热线工作日报',
  safety: '安全隐患举报受理情况日报',
};

/** A fallback title is the body's first clause, at most this long (default 30 characters). */
const FALLBACK_TITLE_MAX = 30;

/** `Article.id`: the first 12 hex digits of sha256 of source, kind, title and body, one per line. */
export function articleId(source: string, kind: ItemKind, title: string, body: string): string {
  return createHash('sha256').update(`${source}\n${kind}\n${title}\n${body}`).digest('hex').slice(0, 12);
}

/** sha256 of a page file's bytes (hex): the key that makes ingesting the same bytes twice a no-op. */
export function hashPage(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Parse one page file. `source` is the file's base name and `contentHash`
 * the sha256 of its bytes. Returns `{ error }` when the file is not a
 * readable newspaper page (see `decodePage`); layout problems and broken
 * report arithmetic become `warnings`. The edition is decided with
 * `context` (the upload caption, the ingest day for an estimate); without
 * an ingest day an undated page's edition stays undated (`datePage` dates
 * it again at ingest).
 */
export function parsePage(bytes: Uint8Array, fileName: string, context: EditionContext = {}): ParsedPage | { error: string } {
  const decoded = decodePage(bytes, fileName);
  if ('error' in decoded) return decoded;
  return parsePageText(decoded.text, { source: basename(fileName), contentHash: hashPage(bytes) }, context);
}

/** Where a page's text came from: the file's base name and the sha256 of its bytes, and how it was read. */
export interface PageOrigin {
  readonly source: string;
  readonly contentHash: string;
  /** Default: a text file. */
  readonly reading?: NonNullable<ParsedPage['reading']>;
}

/**
 * Parse a page's text (decoded from a text file, or composed from a PDF's
 * text layer or OCR by `composePrintedPage`): the same items, reports and
 * edition whatever the file was.
 */
export function parsePageText(text: string, origin: PageOrigin, context: EditionContext = {}): ParsedPage {
  const { source, contentHash } = origin;
  const clock = readPageClock(text);
  const layout = layoutPage(text);
  const betweenHan = hasExtractionSpaces(layout.units);
  const editionClues: EditionClues = {
    header: readHeaderEdition(text, clock),
    file: readFileEdition(source),
    mentions: readDayMentions(text, clock),
  };
  const { edition, basis: editionBasis } = decideEdition(editionClues, context);

  const items: Article[] = [];
  const hotline: HotlineReport[] = [];
  const safety: SafetyReport[] = [];
  const warnings: string[] = [];
  for (const raw of segmentUnits(layout.units)) {
    const lines = bodyLines(raw, betweenHan);
    if (lines.length === 0) continue;
    const headline = composeHeadline(raw.head, layout.hardWrapped);
    const kind = reportKind(headline?.title ?? '', lines.join('\n'));
    const whole = (kind === 'hotline' ? lines.map((l) => (isHotIssueHead(l) && !l.startsWith('热点问题') ? HOT_ISSUE_HEAD : l)) : lines).join('\n');
    const body = cutLongBody(whole);
    let title = headline?.title ?? '';
    if (title === '') {
      title = kind === null ? fallbackTitle(body) : REPORT_TITLES[kind];
      if (kind === null) warnings.push(`no headline found for the item beginning "${title}"`);
    }
    if (body.length < whole.length) warnings.push(bodyCutWarning(title, whole.length, body.length));
    const date = kind === null ? (clock.pageDate ?? firstDate(body, clock)) : firstDate(body, clock);
    const itemKind: ItemKind = kind ?? 'article';
    items.push({
      id: articleId(source, itemKind, title, body),
      kind: itemKind,
      title,
      kicker: headline?.kicker ?? null,
      subtitle: headline?.subtitle ?? null,
      reporters: kind === null ? [...new Set(raw.reporters)] : [],
      date,
      source,
      body,
      edition,
    });
    if (kind === 'hotline') {
      const numbers = parseHotline(body.split('\n'));
      hotline.push({ date, ...numbers, source });
      warnings.push(...checkHotline(numbers).map((w) => `hotline report ${date ?? '(undated)'}: ${w}`));
    } else if (kind === 'safety') {
      const numbers = parseSafety(body);
      safety.push({ date, ...numbers, source });
      warnings.push(...checkSafety(numbers).map((w) => `safety report ${date ?? '(undated)'}: ${w}`));
    }
  }
  if (items.length === 0) warnings.push('no items found on the page');
  const page: ParsedPage = { source, contentHash, pageDate: clock.pageDate, edition, editionBasis, editionClues, items, hotline, safety, warnings };
  return origin.reading ? { ...page, reading: origin.reading } : page;
}

/** Body lines cleaned: doubled subheads undone, no spaces left inside sentences, no empty lines. */
function bodyLines(raw: RawItem, betweenHan: boolean): string[] {
  return openWithText(raw.lines)
    .map((line) => (line.role === 'subhead' ? undoubleHeadline(line.text) : line.text))
    .map((text) => removeExtractionSpaces(text, { betweenHan }).trim())
    .filter((line) => line !== '');
}

/**
 * Captions printed above the text ("↑活动现场。城北吾悦供图" before the first
 * paragraph) move below the first paragraph, so that a body, and every
 * preview made from its start, opens with the story, not a photo credit.
 */
function openWithText(lines: RawItem['lines']): RawItem['lines'] {
  const first = lines.findIndex((line) => line.role === 'paragraph');
  if (first <= 0 || !lines.slice(0, first).every((line) => line.role === 'caption')) return lines;
  return [lines[first]!, ...lines.slice(0, first), ...lines.slice(first + 1)];
}

function hasExtractionSpaces(units: readonly Unit[]): boolean {
  let spaces = 0;
  let han = 0;
  for (const unit of units) {
    if (unit.heading > 0 || parseBylineLine(unit.text)) continue;
    // bylines space their names ("本报讯(记者 咸文静 李永波)"): not extraction spaces
    const lead = parseLeadByline(unit.text)?.rest ?? unit.text;
    const text = parseTailByline(lead)?.rest ?? lead;
    spaces += (text.match(/\p{Script=Han}[ \t\u3000]+(?=\p{Script=Han})/gu) ?? []).length;
    han += countHan(text);
  }
  return han > 0 && (spaces * 1000) / han >= SPACED_PER_MILLE;
}

function fallbackTitle(body: string): string {
  const clause = body.split(/[。！？!?\n，,；;]/u)[0] ?? body;
  return [...clause].slice(0, FALLBACK_TITLE_MAX).join('');
}

