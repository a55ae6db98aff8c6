import { statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createTokenizer } from '../src/search/index.js';
import type { Article } from '../src/types.js';

/** The stored archive a system is built from: its articles in store order, a batch at a time (a million never sit in memory together). */
export interface ArchiveReader {
  batches(): Iterable<readonly Article[]>;
}

/** Every article of the archive (for the systems that hold them all in memory anyway). */
export const allArticles = (archive: ArchiveReader): Article[] => [...archive.batches()].flat();

/** One search system under benchmark: build (and save), or load what was saved, then answer queries. */
export interface BenchSystem {
  readonly name: string;
  /** Builds the index from the archive and saves it under `dir`. */
  build(archive: ArchiveReader, dir: string): void;
  /** Opens what `build` saved under `dir`: the cold start. */
  load(archive: ArchiveReader, dir: string): void;
  /** Answers one query (top 10); returns how many results it gave. */
  /** Number of results (awaited: newsbot's search is async). */
  query(query: string): number | Promise<number>;
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
  const prepare = (archive: ArchiveReader) => {
    texts = allArticles(archive).map((article) => `${article.title}\n${article.body}`.toLowerCase());
  };
  return {
    name: 'naive scan',
    build: prepare,
    load: prepare,
    query(query) {
      const pieces = queryPieces(query);
      if (pieces.length === 0) return 0;
      const found: { i: number; count: number }[] = [];
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
    build(archive, dir) {
      db = new Database(file(dir));
      db.pragma('journal_mode = WAL');
      db.exec("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'trigram')");
      const insert = db.prepare('INSERT INTO docs (rowid, title, body) VALUES (?, ?, ?)');
      let rowid = 0;
      for (const batch of archive.batches()) db.transaction(() => batch.forEach((article) => insert.run(++rowid, article.title, article.body)))();
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

/**
 * Baseline 3: SQLite FTS5 over the same jieba words as newsbot (the text
 * pre-tokenized, words joined by spaces, the `unicode61` tokenizer), ranked
 * by bm25() with the title weighted 2 as in newsbot. A query is its jieba
 * words, any of them (OR): bm25 ranks articles with more of them first.
 * What it lacks against newsbot: the bigram field (a word jieba cut another
 * way in the article is not found) and quoted phrases are words only.
 */
export function createFts5Jieba(): BenchSystem {
  const tokenizer = createTokenizer();
  let db: Database.Database | null = null;
  let statement: Database.Statement | null = null;
  const file = (dir: string) => path.join(dir, 'fts5-jieba.db');
  const words = (text: string) => tokenizer.words(text).join(' ');
  const open = (readonly: boolean, dir: string) => {
    db = new Database(file(dir), readonly ? { readonly: true, fileMustExist: true } : {});
  };
  return {
    name: 'SQLite FTS5 jieba',
    build(archive, dir) {
      open(false, dir);
      db!.pragma('journal_mode = WAL');
      db!.exec("CREATE VIRTUAL TABLE docs USING fts5(title, body, tokenize = 'unicode61')");
      const insert = db!.prepare('INSERT INTO docs (rowid, title, body) VALUES (?, ?, ?)');
      let rowid = 0;
      for (const batch of archive.batches()) db!.transaction(() => batch.forEach((article) => insert.run(++rowid, words(article.title), words(article.body))))();
      db!.exec("INSERT INTO docs(docs) VALUES ('optimize')");
      db!.pragma('wal_checkpoint(TRUNCATE)');
    },
    load(_articles, dir) {
      open(true, dir);
    },
    query(query) {
      const terms = [...new Set(tokenizer.words(query))];
      if (terms.length === 0) return 0;
      statement ??= db!.prepare(`SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 2.0, 1.0) LIMIT ${LIMIT}`);
      return statement.all(terms.map((term) => `"${term.replace(/"/g, '""')}"`).join(' OR ')).length;
    },
    sizeOnDisk: (dir) => statSync(file(dir)).size,
    close() {
      statement = null;
      db?.close();
      db = null;
    },
  };
}
