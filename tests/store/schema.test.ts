/**
 * One description of the tables (src/store/schema.ts): PostgreSQL's schema and the replica's are
 * made from it, and SQLite's shipped migrations, which cannot be edited, must end at it.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPORT_ITEMS_SQL } from '../../src/store/articles.js';
import { MIGRATIONS, openDatabase } from '../../src/store/db.js';
import { articleRow, schemaSql, sqliteFlag, TABLES, tableSql, toArticle, REPLICA_ARTICLES, UNDATED_PAGES_SQL, type ArticleRow } from '../../src/store/schema.js';
import { GUARD } from '../bot/fixtures.js';

/** Every table's columns (by name: a migration adds columns at the end), indexes and foreign keys. */
function describeDatabase(db: Database.Database): Record<string, unknown> {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]);
  return Object.fromEntries(
    tables.map((table) => [
      table,
      {
        columns: (db.pragma(`table_info(${table})`) as { name: string }[]).sort((a, b) => a.name.localeCompare(b.name)).map(({ name, ...rest }) => ({ name, ...rest, cid: undefined })),
        indexes: (db.pragma(`index_list(${table})`) as { name: string; unique: number; origin: string }[])
          .map(({ name, unique, origin }) => ({ columns: (db.pragma(`index_info(${name})`) as { name: string }[]).map((c) => c.name), unique, origin, name: origin === 'c' ? name : undefined }))
          .sort((a, b) => a.columns.join().localeCompare(b.columns.join()) || String(a.name).localeCompare(String(b.name))),
        foreignKeys: db.pragma(`foreign_key_list(${table})`),
      },
    ]),
  );
}

describe('the store schema', () => {
  it('is where SQLite\'s shipped migrations end', () => {
    const migrated = openDatabase(':memory:');
    const fresh = new Database(':memory:');
    fresh.exec(schemaSql('sqlite'));
    expect(describeDatabase(migrated)).toEqual(describeDatabase(fresh));
    expect(Object.keys(describeDatabase(fresh))).toEqual(TABLES.map((table) => table.name).sort());
  });

  it('writes PostgreSQL\'s tables with byte-order text, bigint ids and booleans, and the replica\'s articles without their page', () => {
    expect(tableSql('postgres', TABLES.find((table) => table.name === 'follows')!)).toBe(
      'CREATE TABLE follows (\n  chat_id BIGINT NOT NULL REFERENCES subscribers(chat_id),\n  keyword TEXT NOT NULL,\n' +
        '  created_at TEXT COLLATE "C" NOT NULL,\n  pos BIGSERIAL,\n  PRIMARY KEY (chat_id, keyword)\n);',
    );
    expect(schemaSql('postgres')).not.toContain('CREATE TABLE meta');
    expect(tableSql('sqlite', REPLICA_ARTICLES).split('\n').slice(0, 3)).toEqual([
      'CREATE TABLE articles (',
      '  seq INTEGER PRIMARY KEY,',
      '  id TEXT NOT NULL UNIQUE,',
    ]);
  });

  it('maps an article to its row and back', () => {
    const row = articleRow(GUARD, sqliteFlag);
    expect(row.reporters).toBe(JSON.stringify(GUARD.reporters));
    expect(toArticle(row as unknown as ArticleRow)).toEqual(GUARD);
    expect(toArticle({ ...(articleRow(GUARD, (flag) => flag) as unknown as ArticleRow) })).toEqual(GUARD);
  });

  /** The query plan of `sql` in a store migrated before the step that made index `name`, then opened (migrated to the end). */
  function planAfterUpgrade(name: string, sql: string): string[] {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-schema-'));
    try {
      const file = path.join(dir, 'newsbot.db');
      const step = MIGRATIONS.findIndex((migration) => migration.includes(`CREATE INDEX ${name} `));
      expect(step).toBeGreaterThan(0);
      openDatabase(file, MIGRATIONS.slice(0, step)).close();
      const db = openDatabase(file);
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail);
      db.close();
      return plan;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('finds report items by kind through an index, also in a store made before the index (answers read them on every reply)', () => {
    const plan = planAfterUpgrade('articles_by_kind', REPORT_ITEMS_SQL);
    expect(plan.some((detail) => detail.includes('USING INDEX articles_by_kind'))).toBe(true);
    expect(plan.filter((detail) => /^SCAN articles\b/.test(detail) && !detail.includes('INDEX'))).toEqual([]);
  });

  it('finds the pages never dated through a partial index, not a scan of every page (every ingest asks)', () => {
    expect(planAfterUpgrade('pages_undated', UNDATED_PAGES_SQL)).toEqual(['SCAN pages USING INDEX pages_undated']);
  });
});
