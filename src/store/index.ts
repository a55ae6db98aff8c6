import { createArticleFeed, createArticleStore, createPageStore, createQueryStore } from './articles.js';
import { openDatabase, pingDatabase } from './db.js';
import { openDataStore, type LostDatabase } from './recover.js';
import { createSubscriberStore, DEFAULT_DELIVERY_LIMITS } from './subscribers.js';
import { createUpdateLog } from './updates.js';
import type { Store } from './store.js';
import type { DeliveryLimits } from '../types.js';
import type { PostgresStoreOptions } from './postgres/index.js';

export { DEFAULT_DELIVERY_LIMITS, MAX_FOLLOWS } from './subscribers.js';
export { SEARCH_REPLY_RETENTION_MS } from './articles.js';
export { describeLostDatabase, type LostDatabase } from './recover.js';
export { isTransientStoreError } from './transient.js';
export { createReportCache } from './reportCache.js';
export type { Store } from './store.js';

export interface SqliteStoreOptions {
  /** Delivery claim limits (default `DEFAULT_DELIVERY_LIMITS`). */
  readonly limits?: DeliveryLimits;
  /** Clock of the query store's `created_at` (default: the real one). */
  readonly now?: () => Date;
  /**
   * A missing, empty or damaged database file is started afresh (a damaged one moved
   * aside) instead of failing; `lost` then says what was there (default false).
   */
  readonly recover?: boolean;
}

/**
 * Opens (creating and migrating if needed) the SQLite store: a file path, or
 * `:memory:` for tests and one-off `--corpus` runs. The connection never leaves
 * this folder.
 */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Store & { readonly lost: LostDatabase | null } {
  const { db, lost } = options.recover && file !== ':memory:' ? openDataStore(file) : { db: openDatabase(file), lost: null };
  return {
    kind: 'sqlite',
    lost,
    pages: createPageStore(db),
    articles: createArticleStore(db),
    queries: createQueryStore(db, options.now),
    subscribers: createSubscriberStore(db, options.limits ?? DEFAULT_DELIVERY_LIMITS),
    updates: createUpdateLog(db),
    feed: createArticleFeed(db),
    syncFeed: () => Promise.resolve(0),
    ping: () => Promise.resolve(pingDatabase(db)),
    close: () => {
      db.close();
      return Promise.resolve();
    },
  };
}

/**
 * Opens the PostgreSQL store (store/postgres/). Its module, and pg with it, is
 * loaded only here: most runs keep to SQLite, and pg was a fifth of what a
 * command loaded to start (`newsbot ingest` beside the bot).
 */
export async function openPostgresStore(url: string, options?: PostgresStoreOptions): Promise<Store> {
  const postgres = await import('./postgres/index.js');
  return postgres.openPostgresStore(url, options);
}
