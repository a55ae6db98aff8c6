import type { Article } from '../types.js';
import type { SegmentDoc } from './segmentBuild.js';
import type { Tokenizer } from './tokenize.js';

/** Marks the end of the title part in an article's folded text (not whitespace, not a word). */
const TITLE_END = '\u0001';

/** The text an article's headline is searched by: kicker, title, subtitle. */
export function titleText(article: Article): string {
  return [article.kicker, article.title, article.subtitle].filter(Boolean).join('\n');
}

function bodyText(article: Article): string {
  return article.reporters.length > 0 ? `${article.body}\n${article.reporters.join(' ')}` : article.body;
}

/** The text an article is searched by, folded: headline furniture, a separator, then body and bylines. */
export function foldArticle(tokenizer: Tokenizer, article: Article): string {
  return tokenizer.fold(`${titleText(article)}${TITLE_END}${bodyText(article)}`);
}

/** An article tokenized for the index: what a segment builder takes. */
export function prepareDoc(tokenizer: Tokenizer, article: Article, seq: number): SegmentDoc {
  const folded = foldArticle(tokenizer, article);
  const titleEnd = folded.indexOf(TITLE_END);
  return {
    seq,
    id: article.id,
    folded,
    titleEnd,
    title: tokenizer.foldedTokens(folded.slice(0, titleEnd)).map((token) => token.text),
    body: tokenizer.foldedTokens(folded.slice(titleEnd + 1)).map((token) => token.text),
  };
}

/**
 * An article's tokens as they cross between threads: each field's words as
 * one string, joined by spaces (no token holds one: tokens are runs of Han
 * characters, digits or Latin letters). One string clones far faster than
 * hundreds of small ones.
 */
export interface PackedDoc extends Omit<SegmentDoc, 'title' | 'body'> {
  readonly title: string;
  readonly body: string;
}

export const packDoc = (doc: SegmentDoc): PackedDoc => ({ ...doc, title: doc.title.join(' '), body: doc.body.join(' ') });

const unpackWords = (words: string): string[] => (words === '' ? [] : words.split(' '));

export const unpackDoc = (doc: PackedDoc): SegmentDoc => ({ ...doc, title: unpackWords(doc.title), body: unpackWords(doc.body) });

/** `YYYY-MM-DD` → YYYYMMDD; null (an undated edition) → 0. */
export function dayNumber(date: string | null): number {
  return date === null ? 0 : Number(date.slice(0, 4)) * 10000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}
