import type { Article } from '../types.js';

/** A stored article and its position in the store (ascending in ingestion order). */
export interface StoredArticle {
  readonly seq: number;
  readonly article: Article;
}

/** An edition day (YYYYMMDD) and the positions of the stored articles of that edition. */
export interface EditionDay {
  readonly day: number;
  readonly seqs: readonly number[];
}

/**
 * What the index is built from and kept in step with: the article store
 * (store/articles.ts gives one over SQLite), or a list of articles.
 */
export interface IndexSource {
  /** Stored articles after position `seq`, in store order, at most `limit`. */
  articlesAfter(seq: number, limit: number): readonly StoredArticle[];
  /** The position of the newest stored article (0 when there is none). */
  lastSeq(): number;
  /** How many stored articles are at or before position `seq`. */
  countThrough(seq: number): number;
  /** The stored articles with these ids, in any order (for the hits shown). */
  articlesByIds(ids: readonly string[]): readonly Article[];
  /** The position of the stored article with this id; undefined when none is stored. */
  seqOf(id: string): number | undefined;
  /**
   * The stored articles' edition days (YYYYMMDD), each with the positions of
   * its articles, in any order; an article in none is undated. For
   * date-limited and newest-first searches: a few thousand days, not a row per article.
   */
  editionDays(): Iterable<EditionDay>;
}
