import pg from 'pg';
import { schemaStepSql, schemaSql } from '../schema.js';

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
 * which ran. Append new steps: never change what a shipped one does. The first is the
 * tables of schema.ts as of its step 1, as SQLite holds them (src/store/db.ts): times are ISO text
 * compared as text (collation "C", byte order, as in SQLite), report data and reporters
 * are JSON text kept as written (jsonb would reorder the channel names).
 */
export const MIGRATIONS: readonly string[] = [
  `${schemaSql('postgres', 1)}\nINSERT INTO push_state (key, value) VALUES ('alerts.after_seq', '0');`,
  // Deliveries that respect the reader: forum topics, alert digests, quiet hours.
  schemaStepSql('postgres', 2),
  // Who took an update (seen_updates.taker): a webhook taking whose answer was lost (the server frozen) finds its own row.
  schemaStepSql('postgres', 3),
  // Report items found by kind (answers read them on every reply), not by a scan of every article.
  schemaStepSql('postgres', 4),
  // The pages never dated found by an index of their own, not by a scan of every page at each ingest.
  schemaStepSql('postgres', 5),
  // The page a search's results message shows, for a typed 下一页.
  schemaStepSql('postgres', 6),
];

/** bigint columns (ids, counts, seqs) as numbers: chat ids and counts stay far below 2^53. */
const types = {
  getTypeParser: ((oid: Parameters<typeof pg.types.getTypeParser>[0], format?: 'text' | 'binary'): unknown =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : (pg.types.getTypeParser(oid, format) as unknown)) as typeof pg.types.getTypeParser,
};

/**
 * How long the database may keep us waiting. Without them a stopped or frozen server held
 * a webhook request 19.8 s and a broadcast's connections for as long as the outage lasted;
 * with them every call ends, and the caller decides (push tries again, the webhook answers 503).
 */
export const POSTGRES_TIMEOUTS = {
  /** Opening a connection (TCP, TLS, authentication). */
  connectMs: 5000,
  /** One statement, as the server counts it (statement_timeout). */
  statementMs: 10_000,
  /** One statement, as this process counts it: a frozen server cannot enforce its own timeout. */
  queryMs: 15_000,
  /** A transaction left open by a client that went away (idle_in_transaction_session_timeout). */
  idleInTransactionMs: 30_000,
} as const;

/** How the pool is opened. */
export interface PoolOptions {
  /** Connections at most (default 10). */
  readonly max?: number;
  /** Timeouts (default POSTGRES_TIMEOUTS); tests shorten them. */
  readonly timeouts?: Partial<typeof POSTGRES_TIMEOUTS>;
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
  const timeouts = { ...POSTGRES_TIMEOUTS, ...options.timeouts };
  const pool = new pg.Pool({
    connectionString: url,
    types,
    max: options.max ?? 10,
    connectionTimeoutMillis: timeouts.connectMs,
    statement_timeout: timeouts.statementMs,
    query_timeout: timeouts.queryMs,
    idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
    // A dead peer (the server's host gone) is noticed by the kernel instead of never.
    keepAlive: true,
  });
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
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection whose ROLLBACK fails too (timed out, reset) is not given back to the pool: it is closed.
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
