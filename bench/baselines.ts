import { statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Article } from '../src/types.js';

/** One search system under benchmark: build (and save), or load what was saved, then answer queries. */
export interface BenchSystem {
  readonly name: string;
  /** Builds the index from the articles and saves it under `dir`. */
  build(articles: readonly Article[], dir: string): void;
  /** Opens what `build` saved under `dir`: the cold start. */
  load(articles: readonly Article[], dir: string): void;
  /** Answers one query (top 10); returns how many results it gave. */
  query(query: string): number;
  /** Bytes on disk of the saved index under `dir` (0 when nothing is saved). */
  sizeOnDisk(dir: string): number;
  close(): void;
}

/** What both baselines search for: the query's pieces between spaces, quotes and question marks removed. */
export function queryPieces(query: string): string[] {
  return query
    .replace(/["“”「」？?！!。，,]/g, ' ')
    .split(/\s+/)
    .map((piece) => piece.toLowerCase())
    .filter(Boolean);
}

const LIMIT = 10;

/**
 * Baseline 1: no index. Each query scans every article's text for every
 * piece (lower-cased, nothing else folded), ranks by occurrences.
 */
export function createNaiveScan(): BenchSystem {
  let texts: string[] = [];
  const prepare = (articles: readonly Article[]) => {
    texts = articles.map((article) => `${article.title}\n${article.body}`.toLowerCase());
  };
  return {
    name: 'naive scan',
    build: prepare,
    load: prepare,
    query(query) {
      const pieces = queryPieces(query);
      if (pieces.length === 0) return 0;
      const found: Array<{ i: number; count: number }> = [];
      texts.forEach((text, i) => {
        let count = 0;
        for (const piece of pieces) {
          let at = text.indexOf(piece);
          if (at === -1) return;
          while (at !== -1) {
            count++;
            at = text.indexOf(piece, at + piece.length);
          }
        }
        found.push({ i, count });
      });
      found.sort((a, b) => b.count - a.count || a.i - b.i);
      return Math.min(found.length, LIMIT);
    },
    sizeOnDisk: () => 0,
    close() {
      texts = [];
    },
  };
}

/**
 * Baseline 2: SQLite FTS5 with the trigram tokenizer, ranked by bm25().
 * Trigrams cannot look up pieces shorter than 3 characters (most Chinese
 * words are 2), so those become LIKE filters, which scan.
 */
export function createFts5(): BenchSystem {
  let db: Database.Database | null = null;
  const statements = new Map<string, Database.Statement>();
  const file = (dir: string) => path.join(dir, 'fts5.db');
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db!.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    name: 'SQLite FTS5 trigram',
    build(articles, dir) {
      db = new Database(file(dir));
      db.pragma('journal_mode = WAL');
      db.exec("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'trigram')");
      const insert = db.prepare('INSERT INTO docs (rowid, title, body) VALUES (?, ?, ?)');
      db.transaction(() => articles.forEach((article, i) => insert.run(i + 1, article.title, article.body)))();
      db.exec("INSERT INTO docs(docs) VALUES ('optimize')");
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    load(_articles, dir) {
      db = new Database(file(dir), { readonly: true, fileMustExist: true });
    },
    query(query) {
      const pieces = queryPieces(query);
      if (pieces.length === 0) return 0;
      const long = pieces.filter((piece) => [...piece].length >= 3);
      const short = pieces.filter((piece) => [...piece].length < 3);
      const likes = short.map(() => '(title LIKE ? OR body LIKE ?)');
      const likeArgs = short.flatMap((piece) => [`%${piece}%`, `%${piece}%`]);
      if (long.length > 0) {
        const match = long.map((piece) => `"${piece.replace(/"/g, '""')}"`).join(' AND ');
        const where = ['docs MATCH ?', ...likes].join(' AND ');
        return prepared(`SELECT rowid FROM docs WHERE ${where} ORDER BY rank LIMIT ${LIMIT}`).all(match, ...likeArgs).length;
      }
      return prepared(`SELECT rowid FROM docs WHERE ${likes.join(' AND ')} LIMIT ${LIMIT}`).all(...likeArgs).length;
    },
    sizeOnDisk: (dir) => statSync(file(dir)).size,
    close() {
      statements.clear();
      db?.close();
      db = null;
    },
  };
}
