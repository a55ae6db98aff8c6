import type { ArticleFeed } from './articles.js';
import type { ArticleStore, PageStore, QueryStore, SubscriberStore, UpdateLog } from '../types.js';

/** Every store of one database: what app.ts hands down, each part to whoever needs it. */
export interface Store {
  /** `sqlite`: one process's file (or memory); `postgres`: a database shared by a fleet. */
  readonly kind: 'sqlite' | 'postgres';
  readonly pages: PageStore;
  readonly articles: ArticleStore;
  readonly queries: QueryStore;
  readonly subscribers: SubscriberStore;
  /** Webhook update ids already handled. */
  readonly updates: UpdateLog;
  /**
   * The articles in store order, read synchronously a batch at a time: what the search
   * index is built from and kept in step with (SQLite answers at once, so the index's
   * hot path need not await).
   */
  readonly feed: ArticleFeed;
  /**
   * Brings `feed` up to date with the database and returns how many articles arrived:
   * PostgreSQL copies what any instance stored since into this instance's replica
   * (store/replica.ts); SQLite's feed reads the database itself, so there is nothing to do.
   */
  syncFeed(): Promise<number>;
  /** Resolves when the database answers (the health check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
