/**
 * The tables of the store, described once for SQLite, the replica and PostgreSQL, and the
 * mapping between their rows and newsbot's data (`Article`, `Subscriber`).
 *
 * PostgreSQL's schema and the replica's are made from TABLES here. SQLite's comes from its
 * migrations (src/store/db.ts), shipped steps that databases in the field have run and that
 * must never be edited: tests/store/schema.test.ts checks that they end at TABLES. A change
 * of a table is made here, its new columns marked with the schema step they came with
 * (`since`), and that step appended to both databases' migrations (`schemaStepSql`).
 */
import type { AlertMode, Article, ItemKind, QuietHours, SearchReply, ShownPage, Subscriber } from '../types.js';

/**
 * What a column holds. `key`: text compared byte by byte (ids, ISO times, dates; PostgreSQL
 * gives it COLLATE "C" so it sorts as SQLite does); `bigint`: chat and message ids, epoch ms;
 * `serial`: a row number the database gives; `flag`: a boolean (0/1 in SQLite).
 */
type ColumnType = 'text' | 'key' | 'integer' | 'bigint' | 'serial' | 'flag';

interface Column {
  readonly name: string;
  readonly type: ColumnType;
  readonly notNull?: boolean;
  /** SQL default, as written in both dialects (a flag's is `false`). */
  readonly default?: string | false;
  readonly primaryKey?: boolean;
  readonly unique?: boolean;
  /** `table(column)` */
  readonly references?: string;
  /** Only in PostgreSQL: `follows.pos`, the insertion order SQLite keeps as rowid. */
  readonly postgresOnly?: boolean;
  /**
   * The schema step that added the column (default 1, the first description): later steps are
   * `ALTER TABLE … ADD COLUMN` appended to both databases' migrations, so a shipped step never changes.
   */
  readonly since?: number;
}

/** An index added by a later schema step: `CREATE INDEX` appended to both databases' migrations. */
export interface LaterIndex {
  readonly on: readonly string[];
  readonly since: number;
  /** A partial index: only the rows this condition holds for (a query with the same condition reads them alone). */
  readonly where?: string;
}

export interface Table {
  readonly name: string;
  readonly columns: readonly Column[];
  /** A primary key over several columns. */
  readonly primaryKey?: readonly string[];
  /** Index name → its columns, or its columns and the schema step that added it (default 1). */
  readonly indexes?: Readonly<Record<string, readonly string[] | LaterIndex>>;
  /** Only in SQLite (`meta`: the key-value notes of the local store). */
  readonly sqliteOnly?: boolean;
}

const col = (name: string, type: ColumnType, more: Omit<Column, 'name' | 'type'> = {}): Column => ({ name, type, ...more });
const required = { notNull: true } as const;

const ARTICLES: Table = {
  name: 'articles',
  columns: [
    col('seq', 'serial', { primaryKey: true }), // ingestion order
    col('id', 'key', { notNull: true, unique: true }),
    col('page_hash', 'key', { notNull: true, references: 'pages(hash)' }),
    col('kind', 'text', required),
    col('title', 'text', required),
    col('kicker', 'text'),
    col('subtitle', 'text'),
    col('reporters', 'text', required), // JSON array of names
    col('date', 'key'),
    col('source', 'text', required),
    col('body', 'text', required),
    col('edition_date', 'key'),
    col('edition_page', 'key'),
    col('edition_estimated', 'flag', { notNull: true, default: false }),
  ],
  indexes: {
    articles_by_date: ['date'],
    articles_by_edition: ['edition_date'],
    // Answers read the report items on every reply: without it, a scan of every article (5 s at a million).
    articles_by_kind: { on: ['kind', 'seq'], since: 4 },
  },
};

/** A report's row: its JSON kept as written (jsonb would reorder the channel names). */
const reports = (name: string, index: string): Table => ({
  name,
  columns: [
    col('id', 'serial', { primaryKey: true }),
    col('page_hash', 'key', { notNull: true, references: 'pages(hash)' }),
    col('date', 'key'),
    col('data', 'text', required),
  ],
  indexes: { [index]: ['date'] },
});

/** Every table, in the order they are created (a reference after what it references). */
export const TABLES: readonly Table[] = [
  {
    name: 'pages',
    columns: [
      col('hash', 'key', { primaryKey: true }), // sha256 of the file's bytes
      col('source', 'text', required),
      col('page_date', 'key'),
      col('warnings', 'text', { notNull: true, default: "'[]'" }), // JSON array of strings
      col('ingested_at', 'key', required),
      col('edition_basis', 'text'), // header | file | caption | estimate | none
    ],
    indexes: {
      // Every ingest asks for the pages never dated (stored before editions existed): few or none, among a page a day for years.
      pages_undated: { on: ['hash'], where: 'edition_basis IS NULL', since: 5 },
    },
  },
  ARTICLES,
  reports('hotline_reports', 'hotline_by_date'),
  reports('safety_reports', 'safety_by_date'),
  {
    name: 'queries',
    columns: [col('id', 'key', { primaryKey: true }), col('query', 'text', { notNull: true, unique: true }), col('created_at', 'key', required)],
  },
  { name: 'meta', columns: [col('key', 'text', { primaryKey: true }), col('value', 'text', required)], sqliteOnly: true },
  {
    name: 'subscribers',
    columns: [
      col('chat_id', 'bigint', { primaryKey: true }),
      col('language', 'text', { notNull: true, default: "'zh'" }),
      col('push_time', 'key'), // HH:MM in TZ_NAME; null until /subscribe
      col('push_weekday', 'integer'), // 1 Monday .. 7 Sunday: the weekly summary; null: the daily one
      col('active', 'flag', { notNull: true, default: false }),
      col('time_set_at', 'key'),
      col('last_summary_at', 'key'),
      col('blocked_at', 'key'),
      col('blocked_reason', 'text'),
      col('created_at', 'key', required),
      // Step 2, deliveries that respect the reader: forum topics, alert digests, quiet hours.
      col('thread_id', 'bigint', { since: 2 }), // forum topic (message_thread_id) of the summaries; null: the chat
      col('alert_thread_id', 'bigint', { since: 2 }), // forum topic of the alerts
      col('alert_mode', 'text', { notNull: true, default: "'instant'", since: 2 }), // instant | hourly | daily
      col('alert_time', 'key', { since: 2 }), // the daily digest's HH:MM
      col('quiet_start', 'key', { since: 2 }), // quiet hours HH:MM to HH:MM; null: none
      col('quiet_end', 'key', { since: 2 }),
      col('quiet_silent', 'flag', { notNull: true, default: false, since: 2 }), // sent silently inside them, not held
    ],
    indexes: { subscribers_by_time: ['active', 'push_time'] },
  },
  {
    name: 'follows',
    columns: [
      col('chat_id', 'bigint', { notNull: true, references: 'subscribers(chat_id)' }),
      col('keyword', 'text', required),
      col('created_at', 'key', required),
      col('pos', 'serial', { postgresOnly: true }),
    ],
    primaryKey: ['chat_id', 'keyword'],
  },
  {
    name: 'deliveries',
    columns: [
      col('chat_id', 'bigint', required),
      col('kind', 'key', required), // hotline | weekly | alert | digest
      col('item_key', 'key', required), // report date, week, article id, or digest key
      col('status', 'text', required), // pending | claimed | sent | failed | blocked; alerts also batched (in a digest)
      col('attempts', 'integer', { notNull: true, default: '0' }),
      col('owner', 'text'), // the process holding the claim
      col('claimed_at', 'key'),
      col('sent_at', 'key'),
      col('message_id', 'bigint'),
      col('detail', 'text'), // alerts: the keyword that matched
      col('last_error', 'text'),
      col('created_at', 'key', required),
      col('updated_at', 'key', required),
      col('digest_key', 'key', { since: 2 }), // alerts: the digest that carries them
    ],
    primaryKey: ['chat_id', 'kind', 'item_key'],
    indexes: { deliveries_by_status: ['kind', 'status'], deliveries_by_sent_at: ['sent_at'] },
  },
  { name: 'push_state', columns: [col('key', 'text', { primaryKey: true }), col('value', 'text', required)] },
  {
    name: 'seen_updates',
    columns: [
      col('update_id', 'bigint', { primaryKey: true }),
      col('seen_at', 'key', required),
      // Which taking wrote the row (a webhook request's id): one whose answer was lost finds its own.
      col('taker', 'key', { since: 3 }),
    ],
    indexes: { seen_updates_by_time: ['seen_at'] },
  },
  // One send budget for every process on the store (GCRA: the next free moment, epoch ms).
  { name: 'send_budget', columns: [col('name', 'text', { primaryKey: true }), col('next_free', 'bigint', required)] },
  {
    name: 'search_replies',
    columns: [
      col('chat_id', 'bigint', required),
      col('message_id', 'bigint', required), // the reader's message
      col('answer_id', 'bigint'), // the answer line's message, if any
      col('results_id', 'bigint'), // the results (or "nothing found") message, if any
      col('created_at', 'key', required),
      // The page the results message shows (its saved query, page, order): a typed 下一页 goes on from it.
      col('query_id', 'key', { since: 6 }),
      col('page', 'integer', { since: 6 }),
      col('sort', 'text', { since: 6 }),
    ],
    primaryKey: ['chat_id', 'message_id'],
    indexes: { search_replies_by_time: ['created_at'] },
  },
];

/**
 * The replica's one table (src/store/replica.ts): the articles as the index reads them, with
 * the shared store's `seq` given, not made, and no page behind them.
 */
export const REPLICA_ARTICLES: Table = {
  ...ARTICLES,
  columns: ARTICLES.columns
    .filter((column) => column.name !== 'page_hash')
    .map((column) => (column.name === 'seq' ? col('seq', 'bigint', { primaryKey: true }) : column)),
  indexes: {},
};

export type Dialect = 'sqlite' | 'postgres';

const TYPES: Record<Dialect, Record<ColumnType, string>> = {
  sqlite: { text: 'TEXT', key: 'TEXT', integer: 'INTEGER', bigint: 'INTEGER', serial: 'INTEGER', flag: 'INTEGER' },
  postgres: { text: 'TEXT', key: 'TEXT COLLATE "C"', integer: 'INTEGER', bigint: 'BIGINT', serial: 'BIGSERIAL', flag: 'BOOLEAN' },
};

function columnSql(dialect: Dialect, column: Column): string {
  const parts = [column.name, TYPES[dialect][column.type]];
  if (column.primaryKey) parts.push(dialect === 'sqlite' && column.type === 'serial' ? 'PRIMARY KEY AUTOINCREMENT' : 'PRIMARY KEY');
  if (column.notNull) parts.push('NOT NULL');
  if (column.default !== undefined) {
    parts.push(`DEFAULT ${column.default === false ? (dialect === 'sqlite' ? '0' : 'false') : column.default}`);
  }
  if (column.unique) parts.push('UNIQUE');
  if (column.references) parts.push(`REFERENCES ${column.references}`);
  return parts.join(' ');
}

interface IndexOf extends LaterIndex {
  readonly name: string;
}
const indexesOf = (table: Table): IndexOf[] =>
  Object.entries(table.indexes ?? {}).map(([name, index]) => ('since' in index ? { name, ...index } : { name, on: index, since: 1 }));
const indexSql = (table: Table, index: IndexOf) =>
  `CREATE INDEX ${index.name} ON ${table.name}(${index.on.join(', ')})${index.where ? ` WHERE ${index.where}` : ''};`;

const inDialect = (dialect: Dialect) => (column: Column) => dialect === 'postgres' || !column.postgresOnly;

/** `CREATE TABLE` and `CREATE INDEX` statements of `table` in `dialect`, with the columns of schema steps up to `step` (default all). */
export function tableSql(dialect: Dialect, table: Table, step = Infinity): string {
  const columns = table.columns
    .filter(inDialect(dialect))
    .filter((column) => (column.since ?? 1) <= step)
    .map((column) => columnSql(dialect, column));
  if (table.primaryKey) columns.push(`PRIMARY KEY (${table.primaryKey.join(', ')})`);
  const indexes = indexesOf(table)
    .filter((index) => index.since <= step)
    .map((index) => indexSql(table, index));
  return [`CREATE TABLE ${table.name} (\n  ${columns.join(',\n  ')}\n);`, ...indexes].join('\n');
}

const tablesOf = (dialect: Dialect) => TABLES.filter((table) => dialect === 'sqlite' || !table.sqliteOnly);

/** Every table of `dialect`'s store, created from nothing: as of schema step `step` (default: the newest). */
export function schemaSql(dialect: Dialect, step = Infinity): string {
  return tablesOf(dialect)
    .map((table) => tableSql(dialect, table, step))
    .join('\n');
}

/** Schema step `step` (2 on) as a migration: `ALTER TABLE … ADD COLUMN` for each column it added, `CREATE INDEX` for each index. */
export function schemaStepSql(dialect: Dialect, step: number): string {
  return tablesOf(dialect)
    .flatMap((table) => [
      ...table.columns
        .filter(inDialect(dialect))
        .filter((column) => column.since === step)
        .map((column) => `ALTER TABLE ${table.name} ADD COLUMN ${columnSql(dialect, column)};`),
      ...indexesOf(table)
        .filter((index) => index.since === step)
        .map((index) => indexSql(table, index)),
    ])
    .join('\n');
}

// ---- rows ----

/** An article row as every store reads it (SQLite gives edition_estimated as 0/1, PostgreSQL as a boolean). */
export interface ArticleRow {
  id: string;
  kind: string;
  title: string;
  kicker: string | null;
  subtitle: string | null;
  reporters: string;
  date: string | null;
  source: string;
  body: string;
  edition_date: string | null;
  edition_page: string | null;
  edition_estimated: number | boolean;
}

/**
 * What changes when the reports or their items may have (store/reportCache.ts): reports are only
 * inserted (their counts and last ids), items only come with new articles (the last seq; a seq is
 * never taken twice, and PostgreSQL commits ingests in seq order). Each part reads one index.
 */
export const REPORTS_VERSION_SQL = `SELECT
  (SELECT count(*) FROM hotline_reports) AS hotline, (SELECT coalesce(max(id), 0) FROM hotline_reports) AS last_hotline,
  (SELECT count(*) FROM safety_reports) AS safety, (SELECT coalesce(max(id), 0) FROM safety_reports) AS last_safety,
  (SELECT coalesce(max(seq), 0) FROM articles) AS last_article`;

/** A row of REPORTS_VERSION_SQL as one string. */
export const versionOf = (row: Readonly<Record<string, unknown>>): string => Object.values(row).map(String).join(':');

/**
 * The report items answers name as a report's source: hotline and safety items dated as a stored
 * report (answers look an item up by a report's date). By kind through articles_by_kind:
 * `kind != 'article'` could use no index and read every article.
 */
export const REPORT_ITEMS_WHERE = "kind IN ('hotline', 'safety') AND date IN (SELECT date FROM hotline_reports UNION SELECT date FROM safety_reports)";

/** Stored pages whose edition was never decided (stored before editions existed): read through the partial index pages_undated. */
export const UNDATED_PAGES_SQL = 'SELECT hash, ingested_at FROM pages WHERE edition_basis IS NULL';

/** The page columns of a search_replies row (all null when its message shows no page). */
export interface ShownPageRow {
  query_id: string | null;
  page: number | null;
  sort: string | null;
}

/** A search_replies row as both stores read it. */
export interface SearchReplyRow extends ShownPageRow {
  answer_id: number | null;
  results_id: number | null;
}

/** The page a row notes, or undefined when it notes none. */
export function shownPageOf(row: ShownPageRow): ShownPage | undefined {
  if (row.query_id === null || row.page === null) return undefined;
  return { queryId: row.query_id, page: row.page, sort: row.sort === 'newest' ? 'newest' : 'relevance' };
}

export function searchReplyOf(row: SearchReplyRow): SearchReply {
  const shown = shownPageOf(row);
  return { answerMessageId: row.answer_id, resultsMessageId: row.results_id, ...(shown ? { shown } : {}) };
}

/** The article columns every store writes and reads, in this order. */
export const ARTICLE_COLUMNS = [
  'id', 'kind', 'title', 'kicker', 'subtitle', 'reporters', 'date', 'source', 'body', 'edition_date', 'edition_page', 'edition_estimated',
] as const;

/** An article as a row's values, column by column (`flag`: how the database writes a boolean). */
export function articleRow(article: Article, flag: (value: boolean) => number | boolean): Record<(typeof ARTICLE_COLUMNS)[number], unknown> {
  return {
    id: article.id,
    kind: article.kind,
    title: article.title,
    kicker: article.kicker,
    subtitle: article.subtitle,
    reporters: JSON.stringify(article.reporters),
    date: article.date,
    source: article.source,
    body: article.body,
    edition_date: article.edition.date,
    edition_page: article.edition.page,
    edition_estimated: flag(article.edition.estimated),
  };
}

/** SQLite writes a boolean as 0 or 1. */
export const sqliteFlag = (value: boolean): number => (value ? 1 : 0);

export function toArticle(row: ArticleRow): Article {
  return {
    id: row.id,
    kind: row.kind as ItemKind,
    title: row.title,
    kicker: row.kicker,
    subtitle: row.subtitle,
    reporters: JSON.parse(row.reporters) as string[],
    date: row.date,
    source: row.source,
    body: row.body,
    edition: { date: row.edition_date, page: row.edition_page, estimated: Boolean(row.edition_estimated) },
  };
}

/** A subscriber row as every store reads it (SQLite gives flags as 0/1, PostgreSQL as booleans). */
export interface SubscriberRow {
  chat_id: number;
  language: string;
  push_time: string | null;
  push_weekday: number | null;
  active: number | boolean;
  time_set_at: string | null;
  last_summary_at: string | null;
  blocked_at: string | null;
  blocked_reason: string | null;
  thread_id: number | null;
  alert_thread_id: number | null;
  alert_mode: string;
  alert_time: string | null;
  quiet_start: string | null;
  quiet_end: string | null;
  quiet_silent: number | boolean;
}

/** Quiet hours from their three columns; null when the chat has none. */
export function toQuietHours(start: string | null, end: string | null, silent: number | boolean): QuietHours | null {
  return start === null || end === null ? null : { start, end, silent: Boolean(silent) };
}

/** An alert mode as stored: anything but `hourly` and `daily` is `instant`. */
export function toAlertMode(stored: string): AlertMode {
  return stored === 'hourly' || stored === 'daily' ? stored : 'instant';
}

export function toSubscriber(row: SubscriberRow): Subscriber {
  return {
    chatId: row.chat_id,
    language: row.language,
    pushTime: row.push_time,
    pushWeekday: row.push_weekday,
    active: Boolean(row.active),
    timeSetAt: row.time_set_at,
    lastSummaryAt: row.last_summary_at,
    blockedAt: row.blocked_at,
    blockedReason: row.blocked_reason,
    threadId: row.thread_id,
    alertThreadId: row.alert_thread_id,
    alertMode: toAlertMode(row.alert_mode),
    alertTime: row.alert_time,
    quiet: toQuietHours(row.quiet_start, row.quiet_end, row.quiet_silent),
  };
}
