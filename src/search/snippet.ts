import type { Folder } from './fold.js';
import type { Token } from './tokenize.js';
import { escapeHtml } from '../html.js';

/** Options for {@link buildSnippet}. */
export interface SnippetOptions {
  /** Most characters of article text shown (tags and "…" not counted). Default 120. */
  readonly maxChars?: number;
}

/** Where a sentence ends: Chinese and Latin full stops, question and exclamation marks, semicolons, line breaks. */
const SENTENCE_END = /[。！？!?；;\n]/;

/**
 * The sentence around the densest cluster of matches, HTML-escaped, with
 * each match wrapped in `<b>…</b>` and "…" where the text is cut. Matching
 * runs on the folded text (so `ＫＴＶ` highlights `KTV`, `網絡` highlights
 * `网络`) and the highlights are mapped back onto the original characters.
 * Without any match, the article's opening is shown. A text longer than
 * 10,000 characters is looked at only in a window around its first match
 * ({@link windowOf}): a giant article costs no more than a normal one.
 */
export function buildSnippet(
  text: string,
  terms: readonly Token[],
  folder: Folder,
  options: SnippetOptions = {},
): string {
  const maxChars = options.maxChars ?? 120;
  let window = windowOf(text, terms, folder);
  let ranges = matchesIn(text, window, terms, folder);
  // No whole match around the first occurrence (1215 inside 12150): the article's opening, as for any text without a match.
  if (ranges.length === 0 && window.from > 0) {
    window = { from: 0, to: Math.min(text.length, WINDOW) };
    ranges = matchesIn(text, window, terms, folder);
  }
  const { from, to } = window;

  const anchor = densestCluster(ranges, maxChars) ?? { start: from, end: from };
  const sentenceStart = startOfSentence(text, anchor.start, from);
  let start = skipSpace(text, sentenceStart);
  let end = endOfSentence(text, anchor.end, to);
  if (end - start > maxChars) {
    // The sentence is too long: keep a third of the room before the match, the rest after it.
    const lead = Math.floor((maxChars - (anchor.end - anchor.start)) / 3);
    start = Math.max(start, Math.min(anchor.start - Math.max(lead, 0), end - maxChars));
    end = Math.min(end, start + maxChars);
  } else {
    // Short sentence: add the following ones while they fit.
    while (end < to) {
      const next = endOfSentence(text, end + 1, to);
      if (next - start > maxChars) break;
      end = next;
    }
  }
  end = Math.max(start, trimEnd(text, start, end));

  const cutBefore = start > 0 && !isSentenceStart(text, start);
  const cutAfter = end < text.length && !SENTENCE_END.test(text[end - 1] ?? '') && text.slice(end).trim() !== '';
  let html = cutBefore ? '…' : '';
  let at = start;
  for (const range of ranges) {
    if (range.end <= start || range.start >= end) continue;
    const from = Math.max(range.start, start);
    const to = Math.min(range.end, end);
    html += escapeHtml(flatten(text.slice(at, from))) + `<b>${escapeHtml(flatten(text.slice(from, to)))}</b>`;
    at = to;
  }
  html += escapeHtml(flatten(text.slice(at, end)));
  return html + (cutAfter ? '…' : '');
}

/** Longest text searched whole for a snippet; a longer one (a giant article) is searched in a window of {@link WINDOW}. */
const WHOLE_TEXT_MAX = 10_000;
/**
 * Characters of a longer text searched: half before the first occurrence of a
 * term, half after. The work a snippet costs stays the same however long the
 * article (a 50,000-character item cost ~20 ms of folding and matching a hit).
 */
const WINDOW = 4_000;

/** The stretch `[from, to)` of the text a snippet is looked for in. */
interface Window {
  readonly from: number;
  readonly to: number;
}

/**
 * The whole text, or for a long one the window around the first occurrence
 * of a term: found in the text as written (a native search, no folding), else
 * in the folded text when folding kept its length (Traditional, width), else
 * the opening.
 */
function windowOf(text: string, terms: readonly Token[], folder: Folder): Window {
  if (text.length <= WHOLE_TEXT_MAX) return { from: 0, to: text.length };
  const firstIn = (haystack: string) => {
    let first = -1;
    for (const { text: term } of terms) {
      const at = term === '' ? -1 : haystack.indexOf(term);
      if (at !== -1 && (first === -1 || at < first)) first = at;
    }
    return first;
  };
  let first = firstIn(text);
  if (first === -1) {
    const folded = folder.fold(text);
    first = folded.length === text.length ? firstIn(folded) : -1;
  }
  const from = Math.max(0, Math.min(first - WINDOW / 2, text.length - WINDOW));
  // Never between the two halves of a surrogate pair.
  const safe = (at: number) => (at > 0 && at < text.length && /[\uDC00-\uDFFF]/.test(text[at]!) ? at - 1 : at);
  return { from: safe(from), to: safe(Math.min(text.length, from + WINDOW)) };
}

/** The matches inside the window, as ranges of the whole text. */
function matchesIn(text: string, { from, to }: Window, terms: readonly Token[], folder: Folder): Range[] {
  if (from === 0 && to === text.length) return findMatches(text, terms, folder);
  return findMatches(text.slice(from, to), terms, folder).map((range) => ({ ...range, start: range.start + from, end: range.end + from }));
}

interface Range {
  readonly start: number;
  readonly end: number;
  /** Index of the term that matched, for counting distinct terms in a window. */
  readonly term: number;
}

/** Every occurrence of every term, as non-overlapping ranges of the original text, in order. */
export function findMatches(text: string, terms: readonly Token[], folder: Folder): Range[] {
  const folded = folder.foldWithOffsets(text);
  const found: Range[] = [];
  terms.forEach((term, index) => {
    if (term.text === '') return;
    for (let at = folded.text.indexOf(term.text); at !== -1; at = folded.text.indexOf(term.text, at + 1)) {
      const after = at + term.text.length;
      if (term.kind !== 'han' && !standsAlone(folded.text, at, after, term.kind)) continue;
      const lastOriginal = folded.offsets[after - 1]!;
      const lastLength = (text.codePointAt(lastOriginal) ?? 0) > 0xffff ? 2 : 1;
      found.push({ start: folded.offsets[at]!, end: lastOriginal + lastLength, term: index });
    }
  });
  // Longest first at equal starts, then drop what overlaps an earlier range.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const ranges: Range[] = [];
  for (const range of found) {
    const last = ranges[ranges.length - 1];
    if (last && range.start < last.end) continue;
    ranges.push(range);
  }
  return ranges;
}

/** A number or Latin word matches only whole: 1215 is not in 12150, ktv not in ktvs. */
function standsAlone(text: string, start: number, end: number, kind: 'number' | 'latin'): boolean {
  const same = kind === 'number' ? /[0-9]/ : /\p{Script=Latin}/u;
  return !same.test(text[start - 1] ?? '') && !same.test(text[end] ?? '');
}

/**
 * The stretch from one match to the last match within `width` characters of
 * it that holds the most distinct terms, then the most matches, then is the
 * shortest: where the snippet is centred.
 */
function densestCluster(ranges: readonly Range[], width: number): { start: number; end: number } | null {
  let best: { start: number; end: number } | null = null;
  let bestTerms = 0;
  let bestCount = 0;
  for (let i = 0; i < ranges.length; i++) {
    const terms = new Set<number>();
    let count = 0;
    let end = ranges[i]!.end;
    for (let j = i; j < ranges.length && ranges[j]!.end - ranges[i]!.start <= width; j++) {
      terms.add(ranges[j]!.term);
      count++;
      end = ranges[j]!.end;
    }
    const shorter = best !== null && end - ranges[i]!.start < best.end - best.start;
    if (
      terms.size > bestTerms ||
      (terms.size === bestTerms && (count > bestCount || (count === bestCount && shorter)))
    ) {
      best = { start: ranges[i]!.start, end };
      bestTerms = terms.size;
      bestCount = count;
    }
  }
  return best;
}

/** Where the sentence holding `at` starts, looking back no further than `from`. */
function startOfSentence(text: string, at: number, from: number): number {
  let i = at;
  while (i > from && !SENTENCE_END.test(text[i - 1]!)) i--;
  return i;
}

/** Offset just after the sentence end at or after `at` (or `to`, the end of what is looked at). */
function endOfSentence(text: string, at: number, to: number): number {
  let i = Math.max(at, 0);
  while (i < to && !SENTENCE_END.test(text[i]!)) i++;
  // Keep a closing quote after the stop: 。” belongs to the sentence.
  if (i < to) i++;
  while (i < to && /[”’」』)）"]/.test(text[i]!)) i++;
  return Math.min(i, to);
}

function isSentenceStart(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  return i < 0 || SENTENCE_END.test(text[i]!) || /[”’」』]/.test(text[i]!);
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

function trimEnd(text: string, start: number, end: number): number {
  let i = end;
  while (i > start && /\s/.test(text[i - 1]!)) i--;
  return i;
}

/** Line breaks inside a snippet read as spaces. */
function flatten(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
