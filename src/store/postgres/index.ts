import type { DeliveryLimits } from '../../types.js';
import type { Store } from '../store.js';
import { openFeedReplica } from '../replica.js';
import { DEFAULT_DELIVERY_LIMITS } from '../subscribers.js';
import { openPool } from './db.js';
import { createPgArticleSource, createPgArticleStore, createPgPageStore, createPgQueryStore, createPgUpdateLog } from './pages.js';
import { createPgSubscriberStore } from './subscribers.js';

export interface PostgresStoreOptions {
  /** Delivery claim limits (default `DEFAULT_DELIVERY_LIMITS`). */
  readonly limits?: DeliveryLimits;
  /** Clock of the query store's `created_at` (default: the real one). */
  readonly now?: () => Date;
  /**
   * The SQLite file this instance's copy of the articles is kept in, for its search index
   * (default `:memory:`; `newsbot start` keeps it in DATA_DIR so a restart copies only what is new).
   */
  readonly replicaFile?: string;
  /** Told when an idle connection to the server fails (default: nothing; the pool reconnects when needed). */
  readonly onConnectionError?: (error: Error) => void;
}

/**
 * Opens the PostgreSQL store at `url` (DATABASE_URL), bringing its schema up to date
 * first (safe when several instances start at once). Every instance of a fleet and
 * every `newsbot` command with the same URL share it. An error names DATABASE_URL,
 * never its value (it may hold a password).
 */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<Store> {
  const pool = await openPool(url, options.onConnectionError ? { onIdleError: options.onConnectionError } : {});
  let replica;
  try {
    replica = openFeedReplica(options.replicaFile ?? ':memory:', createPgArticleSource(pool));
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    kind: 'postgres',
    pages: createPgPageStore(pool),
    articles: createPgArticleStore(pool),
    queries: createPgQueryStore(pool, options.now),
    subscribers: createPgSubscriberStore(pool, options.limits ?? DEFAULT_DELIVERY_LIMITS),
    updates: createPgUpdateLog(pool),
    feed: replica.feed,
    syncFeed: () => replica.pull(),
    async ping() {
      await pool.query('SELECT 1');
    },
    async close() {
      replica.close();
      await pool.end();
    },
  };
}
