/**
 * A local copy of a shared store's articles, for one instance's search index.
 *
 * The index reads its articles synchronously (a batch at a time while it builds,
 * the shown hits while it answers), which SQLite allows and a PostgreSQL server
 * does not. So each instance keeps the articles it has seen in a SQLite file of
 * its own (DATA_DIR/replica.db), in the shared store's order and with its `seq`s,
 * and copies what is new from the shared store when `pull` is called (app.ts
 * calls it every second, and after each ingest). The index then finds new pages
 * in the replica as it would in a local store: no rebuild, only the new articles.
 */
import { createArticleFeed, type ArticleFeed, type StoredArticle } from './articles.js';
import { openDatabase } from './db.js';
import { ARTICLE_COLUMNS, articleRow, REPLICA_ARTICLES, sqliteFlag, tableSql } from './schema.js';

/** What a replica copies from: the shared store's articles in store order. */
export interface ArticleSource {
  /** Stored articles after position `seq`, in store order, at most `limit`. */
  articlesAfter(seq: number, limit: number): Promise<StoredArticle[]>;
  /** The id of the article at position `seq`, if there is one. */
  idAt(seq: number): Promise<string | undefined>;
}

/** A replica: the feed the index reads, and the copying that keeps it current. */
export interface FeedReplica {
  readonly feed: ArticleFeed;
  /**
   * Copies the articles stored since the last pull; returns how many. Overlapping calls
   * run one after the other. A replica that no longer matches the source (the shared
   * database was replaced) is emptied first and copied whole.
   */
  pull(): Promise<number>;
  close(): void;
}

/** The replica's own schema: the article columns store/articles.ts reads, `seq` given by the source (schema.ts). */
const REPLICA_MIGRATIONS: readonly string[] = [
  tableSql('sqlite', REPLICA_ARTICLES),
  // The index's edition days, and its count of articles at a start, are read from this index (articles.ts createArticleFeed).
  'CREATE INDEX articles_by_edition ON articles(edition_date)',
];

/** Articles copied per round trip: one ingest is a few dozen; a first start copies the archive in steps. */
const PULL_BATCH = 2000;

/**
 * Opens (creating if needed) the replica in `file` (`:memory:` for tests and one-off
 * commands) over `source`. Nothing is copied until `pull` is called.
 */
export function openFeedReplica(file: string, source: ArticleSource): FeedReplica {
  const db = openDatabase(file, REPLICA_MIGRATIONS);
  const feed = createArticleFeed(db);
  const insert = db.prepare(
    `INSERT OR REPLACE INTO articles (seq, ${ARTICLE_COLUMNS.join(', ')})
     VALUES (@seq, ${ARTICLE_COLUMNS.map((column) => `@${column}`).join(', ')})`,
  );
  const insertAll = db.transaction((batch: readonly StoredArticle[]) => {
    for (const { seq, article } of batch) insert.run({ seq, ...articleRow(article, sqliteFlag) });
  });
  let checked = false;

  /** The newest copied article must still be the source's at that position; otherwise start again. */
  const checkOrigin = async () => {
    const last = feed.lastSeq();
    if (last === 0) return;
    const here = feed.articlesAfter(last - 1, 1)[0]?.article.id;
    if ((await source.idAt(last)) !== here) db.exec('DELETE FROM articles');
  };

  const copy = async (): Promise<number> => {
    if (!checked) {
      await checkOrigin();
      checked = true;
    }
    let copied = 0;
    for (;;) {
      const batch = await source.articlesAfter(feed.lastSeq(), PULL_BATCH);
      if (batch.length === 0) return copied;
      insertAll(batch);
      copied += batch.length;
    }
  };
  // Pulls run one after another: a pull asked for after an ingest then sees that ingest's articles.
  let tail: Promise<unknown> = Promise.resolve();

  return {
    feed,
    pull() {
      const next = tail.then(copy, copy);
      tail = next.catch(() => undefined);
      return next;
    },
    close: () => db.close(),
  };
}
