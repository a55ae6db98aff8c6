/**
 * Article text as runs of plain text, some marked: how the reader app shows
 * search words without ever handing the page HTML (the text comes from OCR of
 * pages an admin uploads, so it is inserted as text nodes only).
 */
import { htmlToPlain } from '../html.js';
import type { TextRange } from '../search/index.js';
import type { TextPart } from './apiTypes.js';

/** `text` cut at the given ranges (in order, not overlapping), the ranges marked. */
export function markText(text: string, ranges: readonly TextRange[]): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const { start, end } of ranges) {
    if (end <= at || start >= text.length) continue;
    const from = Math.max(start, at);
    if (from > at) parts.push({ text: text.slice(at, from), mark: false });
    parts.push({ text: text.slice(from, Math.min(end, text.length)), mark: true });
    at = Math.min(end, text.length);
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), mark: false });
  return parts;
}

/**
 * A body cut into paragraphs (its `\n`s), each as parts, with the ranges (indices
 * into the whole body) marked where they fall. Empty lines are dropped.
 */
export function markParagraphs(body: string, ranges: readonly TextRange[]): TextPart[][] {
  const paragraphs: TextPart[][] = [];
  let offset = 0;
  for (const line of body.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    if (line.trim() === '') continue;
    const inside = ranges
      .filter((range) => range.end > start && range.start < start + line.length)
      .map((range) => ({ start: Math.max(0, range.start - start), end: Math.min(line.length, range.end - start) }));
    paragraphs.push(markText(line, inside));
  }
  return paragraphs;
}

/**
 * A search snippet (escaped HTML whose only tags are `<b>…</b>` around matches, as
 * search/snippet.ts writes it for the chat) as text parts: the tags become marks,
 * the entities their characters again.
 */
export function snippetParts(html: string): TextPart[] {
  const unescape = (text: string) => htmlToPlain(text);
  const parts: TextPart[] = [];
  html.split(/(<b>[^<]*<\/b>)/).forEach((piece) => {
    if (piece === '') return;
    const bold = /^<b>([^<]*)<\/b>$/.exec(piece);
    parts.push(bold ? { text: unescape(bold[1]!), mark: true } : { text: unescape(piece), mark: false });
  });
  return parts;
}
