import type { Article } from '../types.js';

/** A stored article and its position in the store (ascending in ingestion order). */
export interface StoredArticle {
  readonly seq: number;
  readonly article: Article;
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
  /** Each stored article's edition date (null: undated), by position: for date-limited and newest-first searches. */
  editionDates(): ReadonlyMap<number, string | null>;
}
