import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type Db = Database.Database;

/**
 * Schema changes, applied in order once each; `PRAGMA user_version` records
 * how many ran. Append new steps: never edit one that has shipped.
 */
const MIGRATIONS: readonly string[] = [
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
