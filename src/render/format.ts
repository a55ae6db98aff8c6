/**
 * Turns articles, search results and reports into Telegram HTML. Pure
 * functions: text in, text out. Every piece of article or user text goes
 * through `escapeHtml`; the only raw HTML taken as is comes from search
 * snippets (`Hit.snippet`, escaped by search with `<b>` highlights).
 */
import type { Answer } from '../answer/index.js';
import type { Article, Edition, HotlineReport, Hit, SafetyReport, SearchResult } from '../types.js';
import { sparkline } from '../trend/index.js';
import { escapeHtml } from '../html.js';
import type { Translate } from './i18n.js';

/** Telegram's limit for one message's text. */
export const MESSAGE_LIMIT = 4096;
/** Results on one page of a search (and items in /latest). */
export const PAGE_SIZE = 5;
/** Longest title shown in a result list; the full title is in the article. */
const LIST_TITLE_MAX = 80;


/** Cuts text to at most `max` characters (code points, so emoji stay whole), ending with "…". */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Collapses whitespace (newlines included) to single spaces and trims. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function dateText(date: string | null, t: Translate): string {
  return date ?? t('date-unknown');
}

/** The parts of a `YYYY-MM-DD` day for the locale's date messages (strings: no digit grouping). */
function dayVars(day: string): Record<string, string> {
  return { iso: day, ym: day.slice(0, 7), year: day.slice(0, 4), month: String(Number(day.slice(5, 7))), day: String(Number(day.slice(8, 10))) };
}

/** "2025年11月4日" (en "2025-11-04"). */
export function formatDay(day: string, t: Translate): string {
  return t('edition-day', dayVars(day));
}

/** "第3版", "A03版" (en "page 3"). */
export function formatPageNumber(page: string, t: Translate): string {
  return t('edition-page', { page, lettered: /^\d+$/u.test(page) ? 'no' : 'yes' });
}

/**
 * Where an article was printed, as a newspaper citation (HTML):
 * "西宁晚报 · 2025年11月4日 · 第3版", "西宁晚报 · 约2025年11月17日" for an
 * estimate, "西宁晚报 · 日期不详" only when nothing dates the page. Never a file name.
 */
export function formatEdition(edition: Edition, t: Translate): string {
  const parts = [t('paper-name')];
  if (edition.date === null) parts.push(t('date-unknown'));
  else parts.push(t(edition.estimated ? 'edition-day-estimated' : 'edition-day', dayVars(edition.date)));
  if (edition.page !== null) parts.push(formatPageNumber(edition.page, t));
  return parts.join(' · ');
}

/**
 * A span of editions in words: "2025年2月20日", "2025年2月", "2025年",
 * "2025年2月15日至2025年2月21日", or open at one end.
 */
export function formatSpan(span: { readonly since: string | null; readonly until: string | null }, t: Translate): string {
  const { since, until } = span;
  if (since !== null && until !== null) {
    if (since === until) return t('span-day', dayVars(since));
    const sameYear = since.slice(0, 4) === until.slice(0, 4);
    if (sameYear && since.endsWith('-01-01') && until.endsWith('-12-31')) return t('span-year', dayVars(since));
    const monthEnd = new Date(Date.UTC(Number(since.slice(0, 4)), Number(since.slice(5, 7)), 0)).toISOString().slice(0, 10);
    if (since.endsWith('-01') && until === monthEnd) return t('span-month', dayVars(since));
    return t('span-range', { since: formatDay(since, t), until: formatDay(until, t) });
  }
  if (since !== null) return t('span-since', { since: formatDay(since, t) });
  return t('span-until', { until: formatDay(until ?? '', t) });
}

/**
 * The head of one item of a list a reader sees (search results, /latest, related articles,
 * alerts and digests): its number and bold title, then where it was printed, the one
 * edition line (`西宁晚报 · 2025年11月4日 · 第3版`), so every list cites the paper alike.
 */
export function formatListItem(number: number, title: string, edition: Edition, t: Translate): string {
  return `<b>${number}. ${escapeHtml(truncate(oneLine(title), LIST_TITLE_MAX))}</b>\n${formatEdition(edition, t)}`;
}

/** Number of pages for `total` results. */
export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / PAGE_SIZE));
}

/**
 * One page of search results: header (saying so when the newest come first,
 * and, when no article holds every word, that these are the nearest
 * matches), then per hit its bold title, date and source, snippet. `words`
 * defaults to the query less its time span and framing words (最近, 新闻).
 */
export function formatSearchPage(result: SearchResult, page: number, t: Translate, words: string = result.words): string {
  const first = (page - 1) * PAGE_SIZE;
  const counts = { total: result.total, page, pages: pageCount(result.total) };
  const query = truncate(oneLine(words), 40);
  const newest = result.sort === 'newest';
  const header =
    result.span === null
      ? query === ''
        ? t('newest-header', counts)
        : t(newest ? 'search-header-newest' : 'search-header', { query, ...counts })
      : query === ''
        ? t('span-header', { span: formatSpan(result.span, t), ...counts })
        : t(newest ? 'search-header-span-newest' : 'search-header-span', { query, span: formatSpan(result.span, t), ...counts });
  const items = result.results.map((hit: Hit, i) => `${formatListItem(first + i + 1, hit.title, hit.edition, t)}\n${hit.snippet}`);
  const head = result.nearest ? `${header}\n${t('search-nearest')}` : header;
  return [head, ...items].join('\n\n');
}

/**
 * The answer line above the results: the sentence or statement with the
 * answering part in bold, then where it comes from (the article's or
 * report's head). All text escaped.
 */
export function formatAnswer(answer: Answer, t: Translate): string {
  const text = truncate(oneLine(answer.text), ANSWER_MAX);
  const at = answer.highlight ? text.indexOf(answer.highlight) : -1;
  const body =
    at < 0
      ? escapeHtml(text)
      : `${escapeHtml(text.slice(0, at))}<b>${escapeHtml(answer.highlight)}</b>${escapeHtml(text.slice(at + answer.highlight.length))}`;
  const source = t('answer-source', {
    title: truncate(oneLine(answer.source.title), LIST_TITLE_MAX),
    date: dateText(answer.source.date, t),
  });
  // The sentence the fact was read from, one tap away (an expandable quote).
  const sentence = answer.sentence !== undefined && answer.sentence !== answer.text ? `\n<blockquote expandable>${escapeHtml(truncate(oneLine(answer.sentence), ANSWER_MAX))}</blockquote>` : '';
  return `💡 ${body}
${source}${sentence}`;
}

/** Longest answer text shown (an article sentence may run long). */
const ANSWER_MAX = 300;

/**
 * The answer to a search that found nothing: say so and what to try instead.
 * With a span, name it (and for a span alone, that it holds no articles, and
 * the latest editions there are, `latest`, newest first: 今天的新闻 before
 * today's paper is in).
 */
export function formatNoResults(
  query: string,
  t: Translate,
  span: { readonly since: string | null; readonly until: string | null } | null = null,
  latest: readonly string[] = [],
): string {
  const words = truncate(oneLine(query), 40);
  if (span === null) return t('no-results', { query: words });
  if (words === '' && latest.length > 0) {
    return t('span-empty-latest', { span: formatSpan(span, t), dates: latest.map((day) => formatDay(day, t)).join(t('list-separator')) });
  }
  if (words === '') return t('span-empty', { span: formatSpan(span, t) });
  return t('no-results-span', { query: words, span: formatSpan(span, t) });
}

/** `/latest`: the newest articles, numbered, with the opening words of each. */
export function formatLatest(articles: readonly Article[], t: Translate): string {
  if (articles.length === 0) return t('latest-empty');
  const items = articles.map((article, i) => {
    const lines = [formatListItem(i + 1, article.title, article.edition, t)];
    const opening = oneLine(article.body.split('\n').find((line) => line.trim() !== '') ?? '');
    if (opening) lines.push(escapeHtml(truncate(opening, 60)));
    return lines.join('\n');
  });
  return [t('latest-header'), ...items].join('\n\n');
}

/** Articles listed in one digest message, and on each page of its rest (default 10). */
export const DIGEST_PAGE_SIZE = 10;

/**
 * A digest: the followed words its articles matched, then its articles from number
 * `from + 1` on (at most DIGEST_PAGE_SIZE of them), each with its edition line. `total`
 * is how many the digest holds; a button under it opens the rest.
 */
export function formatDigest(
  digest: { readonly keywords: readonly string[]; readonly total: number; readonly from: number; readonly articles: readonly Article[] },
  t: Translate,
): string {
  const words = digest.keywords
    .slice(0, WORDS_NAMED)
    .map((word) => t('digest-word', { word: truncate(oneLine(word), 20) }))
    .join(t('list-separator'));
  // Items come escaped from the translator and the formatter: appended to the heading, not passed through it again.
  const more = digest.keywords.length > WORDS_NAMED ? t('list-more', { n: digest.keywords.length - WORDS_NAMED }) : '';
  const head =
    digest.from === 0
      ? t('digest-head', { total: digest.total }) + words + more
      : t('digest-rest-head', { total: digest.total, first: digest.from + 1, last: digest.from + digest.articles.length });
  const items = digest.articles.map((article, i) => formatListItem(digest.from + i + 1, article.title, article.edition, t));
  return [head, ...items].join('\n\n');
}

/** Followed words named in a digest's heading (a chat follows at most 20). */
const WORDS_NAMED = 20;

/** Kicker, title and subtitle are cut to this many characters in an article's head (default 200). */
const HEAD_LINE_MAX = 200;

/** The article's head: kicker, title, subtitle, reporters, and where it was printed (HTML). */
export function formatArticleHead(article: Article, t: Translate): string {
  // An OCR slip can make a whole column a "title": cut it so the head always fits one message.
  const headLine = (text: string) => escapeHtml(truncate(oneLine(text), HEAD_LINE_MAX));
  const lines: string[] = [];
  if (article.kicker) lines.push(`<i>${headLine(article.kicker)}</i>`);
  lines.push(`<b>${headLine(article.title)}</b>`);
  if (article.subtitle) lines.push(`<i>${headLine(article.subtitle)}</i>`);
  // A byline misread as hundreds of names must not push the head past one message.
  if (article.reporters.length > 0) {
    lines.push(t('article-reporters', { names: truncate(article.reporters.join(t('list-separator')), HEAD_LINE_MAX) }));
  }
  lines.push(formatEdition(article.edition, t));
  return lines.join('\n');
}

/**
 * The whole article as messages of at most `limit` characters: the head and
 * the start of the body in the first, the rest of the body after it. Cuts
 * fall between paragraphs, else between sentences, else (a run-on
 * "sentence" longer than a message) between characters.
 */
export function formatArticle(article: Article, t: Translate, limit = MESSAGE_LIMIT): string[] {
  const head = formatArticleHead(article, t);
  const body = article.body.trim();
  if (!body) return [head];
  const separator = '\n\n';
  const firstBudget = limit - head.length - separator.length;
  const pieces = splitText(body, Math.max(firstBudget, 0), limit);
  if (pieces[0] === '') return [head, ...pieces.slice(1).map(escapeHtml)];
  return pieces.map((piece, i) => (i === 0 ? head + separator : '') + escapeHtml(piece));
}

const escapedLength = (text: string): number => escapeHtml(text).length;

/** Sentence ends, closing quotes kept with their sentence. */
const SENTENCE = /[^。！？!?；;…]*(?:[。！？!?；;…]+[”’」』）)"']*|$)/gu;

/**
 * Splits plain text into pieces whose escaped length is at most
 * `firstBudget` (the first piece) and `budget` (the others). The first piece
 * is '' when nothing fits in `firstBudget`. Joining the pieces gives back the
 * text, except for the line breaks at cuts between paragraphs.
 */
export function splitText(text: string, firstBudget: number, budget: number): string[] {
  if (budget < 8) throw new Error(`message budget too small: ${budget}`);
  // Units no longer than the smaller budget, each with what joins it to the one before.
  const smallest = Math.min(budget, Math.max(firstBudget, 1));
  const units: { text: string; join: string }[] = [];
  for (const paragraph of text.split('\n')) {
    const fits = escapedLength(paragraph) <= smallest;
    const parts = fits ? [paragraph] : sentencesOf(paragraph).flatMap((s) => hardCut(s, smallest));
    parts.forEach((part, i) => units.push({ text: part, join: i === 0 ? '\n' : '' }));
  }

  const pieces: string[] = [];
  let current: string | null = null;
  for (const unit of units) {
    const room = pieces.length === 0 ? firstBudget : budget;
    const candidate: string = current === null ? unit.text : current + unit.join + unit.text;
    if (escapedLength(candidate) <= room) {
      current = candidate;
      continue;
    }
    // The first piece may have had no room at all: it stays empty.
    if (current !== null || pieces.length === 0) pieces.push(current ?? '');
    current = escapedLength(unit.text) <= budget ? unit.text : null;
    if (current === null) pieces.push(...hardCut(unit.text, budget));
  }
  if (current !== null) pieces.push(current);
  return pieces;
}

function sentencesOf(paragraph: string): string[] {
  return (paragraph.match(SENTENCE) ?? [paragraph]).filter((s) => s !== '');
}

/** Cuts between characters (never inside a surrogate pair) so each piece fits `budget` once escaped. */
function hardCut(text: string, budget: number): string[] {
  if (escapedLength(text) <= budget) return [text];
  const pieces: string[] = [];
  let current = '';
  let length = 0;
  for (const char of text) {
    const size = escapedLength(char);
    if (length + size > budget) {
      pieces.push(current);
      current = '';
      length = 0;
    }
    current += char;
    length += size;
  }
  if (current) pieces.push(current);
  return pieces;
}

/**
 * A report's lists (channels, hot issues, safety sources and topics) show this many
 * items (default 15) and each name cut to `REPORT_NAME_MAX` characters (default 30): an
 * OCR slip can turn a column into one "topic" or a table into 200 channels, and the
 * report (the daily summary too) must stay one message of at most 4096 characters.
 */
export const REPORT_LIST_MAX = 15;
const REPORT_NAME_MAX = 30;

/** A name from a report, on one line and cut to `REPORT_NAME_MAX`. */
const reportName = (name: string): string => truncate(oneLine(name), REPORT_NAME_MAX);

/** The first `REPORT_LIST_MAX` lines, and "…" in place of the rest. */
function capped(lines: string[]): string[] {
  return lines.length <= REPORT_LIST_MAX ? lines : [...lines.slice(0, REPORT_LIST_MAX), '…'];
}

/** "（▲35）", "（▼4）", "（持平）", or '' when there is nothing to compare with. */
function change(now: number | null, before: number | null | undefined, t: Translate): string {
  if (now === null || before === null || before === undefined) return '';
  if (now > before) return t('change-up', { n: now - before });
  if (now < before) return t('change-down', { n: before - now });
  return t('change-same');
}

/**
 * The web-message channels with their change: a channel new since the
 * previous report is marked as a new hot issue is (（新）); one the previous
 * report had and this one lacks is listed with 0 and its fall.
 */
function channelLines(report: HotlineReport, previous: HotlineReport | undefined, t: Translate): string[] {
  const lines = Object.entries(report.channels).map(([name, n]) => {
    const line = t('hotline-channel', { name: reportName(name), value: n });
    if (!previous) return line;
    return line + (name in previous.channels ? change(n, previous.channels[name], t) : t('change-new'));
  });
  for (const [name, before] of Object.entries(previous?.channels ?? {})) {
    if (!(name in report.channels)) lines.push(t('hotline-channel', { name: reportName(name), value: 0 }) + change(0, before, t));
  }
  return capped(lines);
}

/** A count for a Fluent select: the digits, or 'none' when the report lacks it. */
const count = (n: number | null): string | number => (n ?? 'none');

/** Calls of the days up to a report, one value per calendar day (null: no report that day). */
export interface RecentCalls {
  /** First and last day, `YYYY-MM-DD`. */
  readonly from: string;
  readonly to: string;
  readonly values: readonly (number | null)[];
}

/**
 * A 12345 hotline report as one message: calls, web messages by channel,
 * handling, hot issues with counts, the safety-hazard report of the same day,
 * and the change against the previous report when there is one (▲/▼).
 * With `recentCalls` (two or more reported days), a sparkline of calls under the calls line.
 * Push reuses it for the daily summary, so it must stay one message.
 */
export function formatHotlineReport(
  report: HotlineReport,
  previous: HotlineReport | undefined,
  safety: SafetyReport | undefined,
  t: Translate,
  recentCalls?: RecentCalls,
): string {
  const sections: string[] = [];
  const head = [t('hotline-title', { date: dateText(report.date, t) })];
  if (previous?.date) head.push(t('hotline-compare', { date: previous.date }));
  sections.push(head.join('\n'));

  const numbers = [
    t('hotline-calls', { value: count(report.calls) }) + change(report.calls, previous?.calls, t),
    ...(recentCalls && recentCalls.values.filter((n) => n !== null).length >= 2
      ? [t('hotline-spark', { line: sparkline(recentCalls.values), from: recentCalls.from, to: recentCalls.to })]
      : []),
    t('hotline-messages', { value: count(report.messages) }) + change(report.messages, previous?.messages, t),
    ...channelLines(report, previous, t),
    t('hotline-direct', { value: count(report.direct) }) + change(report.direct, previous?.direct, t),
    t('hotline-transferred', { value: count(report.transferred) }) +
      change(report.transferred, previous?.transferred, t),
    t('hotline-callbacks', { value: count(report.callbacks) }) + change(report.callbacks, previous?.callbacks, t),
  ];
  sections.push(numbers.join('\n'));

  if (report.hot.length > 0) {
    const before = new Map(previous?.hot.map((issue) => [issue.topic, issue.count]));
    const lines = report.hot.map((issue, i) => {
      const line = t('hotline-hot-item', { rank: i + 1, topic: reportName(issue.topic), value: issue.count });
      if (!previous) return line;
      return line + (before.has(issue.topic) ? change(issue.count, before.get(issue.topic), t) : t('change-new'));
    });
    sections.push([t('hotline-hot-title'), ...capped(lines)].join('\n'));
  }

  if (safety) {
    const lines = [
      t('safety-title', { date: dateText(safety.date, t) }),
      t('safety-total', { value: count(safety.total) }),
      ...capped(Object.entries(safety.sources).map(([name, n]) => t('safety-source', { name: reportName(name), value: n }))),
    ];
    if (safety.topics.length > 0) {
      const topics = safety.topics.slice(0, REPORT_LIST_MAX).map(reportName);
      if (safety.topics.length > REPORT_LIST_MAX) topics.push('…');
      lines.push(t('safety-topics', { topics: topics.join(t('list-separator')) }));
    }
    sections.push(lines.join('\n'));
  }
  return sections.join('\n\n');
}


/** Items listed in one `/paper` answer (default 20): a page's worth of headlines in one message. */
export const PAPER_ITEMS_MAX = 20;

/**
 * `/paper`: the headlines of one edition, grouped under their page, each page headed by
 * its edition line (西宁晚报 · 2025年11月4日 · 第3版, then lettered pages, then the items
 * whose page is not known: 版次不详), numbered as their read buttons are. `items` come in
 * page order from the store.
 */
export function formatPaper(date: string, items: readonly Article[], t: Translate): string {
  const shown = items.slice(0, PAPER_ITEMS_MAX);
  const estimated = items.some((item) => item.edition.estimated);
  const edition = [t('paper-name'), t(estimated ? 'edition-day-estimated' : 'edition-day', dayVars(date))].join(' · ');
  const sections: string[] = [t('paper-header', { edition, total: items.length })];
  let current: string | null | undefined;
  let lines: string[] = [];
  const close = () => {
    if (lines.length > 0) sections.push(lines.join('\n'));
    lines = [];
  };
  shown.forEach((item, i) => {
    if (item.edition.page !== current) {
      close();
      current = item.edition.page;
      const heading = formatEdition({ ...item.edition, date }, t);
      lines.push(`<b>${current === null ? `${heading} · ${t('paper-page-unknown')}` : heading}</b>`);
    }
    lines.push(`${i + 1}. ${escapeHtml(truncate(oneLine(item.title), LIST_TITLE_MAX))}`);
  });
  close();
  if (items.length > shown.length) sections.push(t('paper-more', { n: items.length - shown.length, date }));
  if (estimated) sections.push(t('paper-estimated'));
  return sections.join('\n\n');
}
