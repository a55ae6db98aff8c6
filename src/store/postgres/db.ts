import pg from 'pg';

export type PgPool = pg.Pool;
export type PgClient = pg.PoolClient;

/**
 * Advisory lock keys (any two bigints unique to this program): migrations at start, and
 * ingest, which is serialized so that article `seq`s become visible in order (a replica
 * that reads `seq > last` then never steps over a page still being committed).
 */
const MIGRATION_LOCK = 0x6e657773_01;
export const INGEST_LOCK = 0x6e657773_02;

/**
 * Schema changes, applied in order once each, under an advisory lock so that two
 * instances starting at once do not both run them; `schema_migrations` records
 * which ran. Append new steps: never edit one that has shipped. The tables mirror
 * the SQLite ones (src/store/db.ts): times are ISO text compared as text (collation
 * "C", byte order, as in SQLite), report data and reporters are JSON text kept
 * as written (jsonb would reorder the channel names).
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE pages (
    hash        TEXT COLLATE "C" PRIMARY KEY,
    source      TEXT NOT NULL,
    page_date   TEXT COLLATE "C",
    warnings    TEXT NOT NULL DEFAULT '[]',
    ingested_at TEXT COLLATE "C" NOT NULL,
    edition_basis TEXT                      -- header | file | caption | estimate | none
  );
  CREATE TABLE articles (
    seq         BIGSERIAL PRIMARY KEY,
    id          TEXT COLLATE "C" NOT NULL UNIQUE,
    page_hash   TEXT COLLATE "C" NOT NULL REFERENCES pages(hash),
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    kicker      TEXT,
    subtitle    TEXT,
    reporters   TEXT NOT NULL,
    date        TEXT COLLATE "C",
    source      TEXT NOT NULL,
    body        TEXT NOT NULL,
    edition_date      TEXT COLLATE "C",
    edition_page      TEXT COLLATE "C",
    edition_estimated BOOLEAN NOT NULL DEFAULT false
  );
  CREATE INDEX articles_by_date ON articles(date);
  CREATE INDEX articles_by_edition ON articles(edition_date);
  CREATE TABLE hotline_reports (
    id          BIGSERIAL PRIMARY KEY,
    page_hash   TEXT COLLATE "C" NOT NULL REFERENCES pages(hash),
    date        TEXT COLLATE "C",
    data        TEXT NOT NULL
  );
  CREATE INDEX hotline_by_date ON hotline_reports(date);
  CREATE TABLE safety_reports (
    id          BIGSERIAL PRIMARY KEY,
    page_hash   TEXT COLLATE "C" NOT NULL REFERENCES pages(hash),
    date        TEXT COLLATE "C",
    data        TEXT NOT NULL
  );
  CREATE INDEX safety_by_date ON safety_reports(date);
  CREATE TABLE queries (
    id          TEXT COLLATE "C" PRIMARY KEY,
    query       TEXT NOT NULL UNIQUE,
    created_at  TEXT COLLATE "C" NOT NULL
  );
  CREATE TABLE subscribers (
    chat_id          BIGINT PRIMARY KEY,
    language         TEXT NOT NULL DEFAULT 'zh',
    push_time        TEXT COLLATE "C",
    push_weekday     INTEGER,               -- 1 Monday .. 7 Sunday: the weekly summary; null: the daily one
    active           BOOLEAN NOT NULL DEFAULT false,
    time_set_at      TEXT COLLATE "C",
    last_summary_at  TEXT COLLATE "C",
    blocked_at       TEXT COLLATE "C",
    blocked_reason   TEXT,
    created_at       TEXT COLLATE "C" NOT NULL
  );
  CREATE INDEX subscribers_by_time ON subscribers(active, push_time);
  CREATE TABLE follows (
    chat_id     BIGINT NOT NULL REFERENCES subscribers(chat_id),
    keyword     TEXT NOT NULL,
    created_at  TEXT COLLATE "C" NOT NULL,
    pos         BIGSERIAL,                  -- insertion order (SQLite's rowid)
    PRIMARY KEY (chat_id, keyword)
  );
  CREATE TABLE deliveries (
    chat_id     BIGINT NOT NULL,
    kind        TEXT COLLATE "C" NOT NULL,
    item_key    TEXT COLLATE "C" NOT NULL,
    status      TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    owner       TEXT,
    claimed_at  TEXT COLLATE "C",
    sent_at     TEXT COLLATE "C",
    message_id  BIGINT,
    detail      TEXT,
    last_error  TEXT,
    created_at  TEXT COLLATE "C" NOT NULL,
    updated_at  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (chat_id, kind, item_key)
  );
  CREATE INDEX deliveries_by_status ON deliveries(kind, status);
  CREATE INDEX deliveries_by_sent_at ON deliveries(sent_at);
  CREATE TABLE push_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
  );
  INSERT INTO push_state (key, value) VALUES ('alerts.after_seq', '0');
  CREATE TABLE seen_updates (
    update_id  BIGINT PRIMARY KEY,
    seen_at    TEXT COLLATE "C" NOT NULL
  );
  CREATE INDEX seen_updates_by_time ON seen_updates(seen_at);
  -- One send budget for every instance of the fleet (GCRA: the next free moment, epoch ms).
  CREATE TABLE send_budget (
    name       TEXT PRIMARY KEY,
    next_free  BIGINT NOT NULL
  );
  -- Edited searches: which bot messages answered a reader's search message (kept two days).
  CREATE TABLE search_replies (
    chat_id      BIGINT NOT NULL,
    message_id   BIGINT NOT NULL,
    answer_id    BIGINT,
    results_id   BIGINT,
    created_at   TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (chat_id, message_id)
  );
  CREATE INDEX search_replies_by_time ON search_replies(created_at);
  `,
];

/** bigint columns (ids, counts, seqs) as numbers: chat ids and counts stay far below 2^53. */
const types = {
  getTypeParser: ((oid: Parameters<typeof pg.types.getTypeParser>[0], format?: 'text' | 'binary'): unknown =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : (pg.types.getTypeParser(oid, format) as unknown)) as typeof pg.types.getTypeParser,
};

/** How the pool is opened. */
export interface PoolOptions {
  /** Connections at most (default 10). */
  readonly max?: number;
  /**
   * Told when an idle connection fails (the server restarted): the pool drops it and opens
   * another when needed; without a listener pg would crash the process. Default: nothing.
   */
  readonly onIdleError?: (error: Error) => void;
  /** Schema steps (default the store's); tests pass their own. */
  readonly migrations?: readonly string[];
}

/** Opens a connection pool to DATABASE_URL and brings the schema up to date. */
export async function openPool(url: string, options: PoolOptions = {}): Promise<PgPool> {
  const pool = new pg.Pool({ connectionString: url, types, max: options.max ?? 10 });
  pool.on('error', options.onIdleError ?? (() => undefined));
  const migrations = options.migrations ?? MIGRATIONS;
  try {
    await migrate(pool, migrations);
  } catch (error) {
    await pool.end();
    throw new Error(`DATABASE_URL: ${error instanceof Error ? error.message : String(error)}`);
  }
  return pool;
}

async function migrate(pool: PgPool, migrations: readonly string[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const done = (await client.query<{ n: number }>('SELECT COALESCE(MAX(version), 0)::int AS n FROM schema_migrations'))
      .rows[0]!.n;
    for (let step = done; step < migrations.length; step++) {
      await client.query('BEGIN');
      try {
        await client.query(migrations[step]!);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [step + 1]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}

/** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(pool: PgPool, work: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
