import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { schemaStepSql } from './schema.js';

export type Db = Database.Database;

/**
 * Schema changes, applied in order once each; `PRAGMA user_version` records
 * how many ran. Append new steps: never edit one that has shipped. Where they end
 * is described once in schema.ts (PostgreSQL's tables and the replica's are made
 * from it; tests/store/schema.test.ts checks that these steps reach it): a table
 * changes there, and as a step appended here and to PostgreSQL's migrations.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE pages (
    hash        TEXT PRIMARY KEY,           -- sha256 of the file's bytes
    source      TEXT NOT NULL,              -- file base name
    page_date   TEXT,
    warnings    TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    ingested_at TEXT NOT NULL
  );
  CREATE TABLE articles (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT, -- ingestion order
    id          TEXT NOT NULL UNIQUE,
    page_hash   TEXT NOT NULL REFERENCES pages(hash),
    kind        TEXT NOT NULL,
    title       TEXT NOT NULL,
    kicker      TEXT,
    subtitle    TEXT,
    reporters   TEXT NOT NULL,              -- JSON array of names
    date        TEXT,
    source      TEXT NOT NULL,
    body        TEXT NOT NULL
  );
  CREATE INDEX articles_by_date ON articles(date);
  CREATE TABLE hotline_reports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    page_hash   TEXT NOT NULL REFERENCES pages(hash),
    date        TEXT,
    data        TEXT NOT NULL               -- JSON HotlineReport
  );
  CREATE INDEX hotline_by_date ON hotline_reports(date);
  CREATE TABLE safety_reports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    page_hash   TEXT NOT NULL REFERENCES pages(hash),
    date        TEXT,
    data        TEXT NOT NULL               -- JSON SafetyReport
  );
  CREATE INDEX safety_by_date ON safety_reports(date);
  CREATE TABLE queries (
    id          TEXT PRIMARY KEY,           -- short id kept in callback data
    query       TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL
  );
  CREATE TABLE meta (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL
  );
  `,
  // Push: readers' chats, followed keywords, and one row per message owed to a chat.
  `
  CREATE TABLE subscribers (
    chat_id          INTEGER PRIMARY KEY,
    language         TEXT NOT NULL DEFAULT 'zh',
    push_time        TEXT,                  -- HH:MM in TZ_NAME; null until /subscribe
    active           INTEGER NOT NULL DEFAULT 0, -- 1: the daily summary is on
    time_set_at      TEXT,                  -- when /subscribe set the time: the first slot comes after it
    last_summary_at  TEXT,                  -- when the last summary was accepted by Telegram
    blocked_at       TEXT,                  -- 403 / kicked: nothing is sent until the reader writes again
    blocked_reason   TEXT,
    created_at       TEXT NOT NULL
  );
  CREATE INDEX subscribers_by_time ON subscribers(active, push_time);
  CREATE TABLE follows (
    chat_id     INTEGER NOT NULL REFERENCES subscribers(chat_id),
    keyword     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (chat_id, keyword)
  );
  CREATE TABLE deliveries (
    chat_id     INTEGER NOT NULL,
    kind        TEXT NOT NULL,              -- 'hotline' (daily summary) or 'alert' (followed keyword)
    item_key    TEXT NOT NULL,              -- report date, or article id
    status      TEXT NOT NULL,              -- pending | claimed | sent | failed | blocked
    attempts    INTEGER NOT NULL DEFAULT 0, -- claims so far (bounded)
    owner       TEXT,                       -- process holding the claim
    claimed_at  TEXT,
    sent_at     TEXT,
    message_id  INTEGER,
    detail      TEXT,                       -- alerts: the keyword that matched
    last_error  TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (chat_id, kind, item_key)
  );
  CREATE INDEX deliveries_by_status ON deliveries(kind, status);
  CREATE INDEX deliveries_by_sent_at ON deliveries(sent_at);
  CREATE TABLE push_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
  );
  -- Keyword alerts look at articles stored after this point, never at the corpus already there.
  INSERT INTO push_state (key, value) SELECT 'alerts.after_seq', COALESCE(MAX(seq), 0) FROM articles;
  `,
  // Webhook: update ids already taken, so a delivery Telegram repeats is handled once (pruned after a day).
  `
  CREATE TABLE seen_updates (
    update_id  INTEGER PRIMARY KEY,
    seen_at    TEXT NOT NULL
  );
  CREATE INDEX seen_updates_by_time ON seen_updates(seen_at);
  `,
  // Editions: the day and page (版) of the paper that printed each page, decided once at ingest
  // (an estimate depends on the ingest day). Pages stored before have edition_basis NULL until dated.
  `
  ALTER TABLE pages ADD COLUMN edition_basis TEXT;  -- header | file | caption | estimate | none
  ALTER TABLE articles ADD COLUMN edition_date TEXT;
  ALTER TABLE articles ADD COLUMN edition_page TEXT;
  ALTER TABLE articles ADD COLUMN edition_estimated INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX articles_by_edition ON articles(edition_date);
  `,
  // Weekly summary: a subscriber with a weekday gets the week's chart on that day instead of the daily report.
  `
  ALTER TABLE subscribers ADD COLUMN push_weekday INTEGER; -- 1 Monday .. 7 Sunday; null: the daily summary
  `,
  // Push: one send budget for every process on this DATA_DIR (GCRA: the next free moment, epoch ms).
  `
  CREATE TABLE send_budget (
    name       TEXT PRIMARY KEY,
    next_free  INTEGER NOT NULL
  );
  `,
  // Edited searches: which bot messages answered a reader's search message, so an edit edits them (kept two days).
  `
  CREATE TABLE search_replies (
    chat_id      INTEGER NOT NULL,
    message_id   INTEGER NOT NULL,           -- the reader's message
    answer_id    INTEGER,                    -- the answer line's message, if any
    results_id   INTEGER,                    -- the results (or "nothing found") message, if any
    created_at   TEXT NOT NULL,
    PRIMARY KEY (chat_id, message_id)
  );
  CREATE INDEX search_replies_by_time ON search_replies(created_at);
  `,
  // Step 2 of schema.ts, deliveries that respect the reader: forum topics, alert digests, quiet hours.
  schemaStepSql('sqlite', 2),
  // Step 3: who took an update (seen_updates.taker), for a taking whose answer was lost.
  schemaStepSql('sqlite', 3),
  // Step 4: report items found by kind (answers read them on every reply), not by a scan of every article.
  schemaStepSql('sqlite', 4),
  // Step 5: the pages never dated found by an index of their own, not by a scan of every page at each ingest.
  schemaStepSql('sqlite', 5),
  // Step 6: the page a search's results message shows, for a typed 下一页.
  schemaStepSql('sqlite', 6),
];

/**
 * Opens (creating if needed) the database: a file path, or `:memory:` for
 * tests and one-off `--corpus` runs. WAL lets `newsbot push` run beside
 * `newsbot start` on the same DATA_DIR.
 */
export function openDatabase(file: string, migrations: readonly string[] = MIGRATIONS): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations);
  return db;
}

function migrate(db: Db, migrations: readonly string[]): void {
  const done = db.pragma('user_version', { simple: true }) as number;
  for (let step = done; step < migrations.length; step++) {
    db.transaction(() => {
      db.exec(migrations[step]!);
      db.pragma(`user_version = ${step + 1}`);
    })();
  }
}

/** Throws when the database does not answer (the health check). */
export function pingDatabase(db: Db): void {
  db.prepare('SELECT 1').get();
}
