import { createHash } from 'node:crypto';
import type {
  Article,
  ArticleStore,
  Edition,
  EditionBasis,
  HotlineReport,
  PageStore,
  ParsedPage,
  QueryStore,
  SafetyReport,
  SavedPage,
  StoredReports,
} from '../types.js';
import { toAsync } from './async.js';
import type { Db } from './db.js';
import {
  ARTICLE_COLUMNS,
  articleRow,
  REPORT_ITEMS_WHERE,
  REPORTS_VERSION_SQL,
  searchReplyOf,
  shownPageOf,
  sqliteFlag,
  toArticle,
  UNDATED_PAGES_SQL,
  versionOf,
  type ArticleRow,
  type SearchReplyRow,
  type ShownPageRow,
} from './schema.js';

/** Saves a parsed page and its items in one transaction; idempotent by content hash. */
function savePage(db: Db, page: ParsedPage, now: Date): SavedPage {
  return db.transaction((): SavedPage => {
    const inserted = db
      .prepare(
        `INSERT OR IGNORE INTO pages (hash, source, page_date, warnings, ingested_at, edition_basis)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(page.contentHash, page.source, page.pageDate, JSON.stringify(page.warnings), now.toISOString(), page.editionBasis);
    if (inserted.changes === 0) return { added: false, articles: [] };

    const insertArticle = db.prepare(
      `INSERT OR IGNORE INTO articles (page_hash, ${ARTICLE_COLUMNS.join(', ')})
       VALUES (@page_hash, ${ARTICLE_COLUMNS.map((column) => `@${column}`).join(', ')})`,
    );
    const articles: Article[] = [];
    for (const item of page.items) {
      const result = insertArticle.run({ page_hash: page.contentHash, ...articleRow(item, sqliteFlag) });
      // The same article in two page files (a reprint) is kept once.
      if (result.changes > 0) articles.push(item);
    }
    const insertHotline = db.prepare('INSERT INTO hotline_reports (page_hash, date, data) VALUES (?, ?, ?)');
    for (const report of page.hotline) insertHotline.run(page.contentHash, report.date, JSON.stringify(report));
    const insertSafety = db.prepare('INSERT INTO safety_reports (page_hash, date, data) VALUES (?, ?, ?)');
    for (const report of page.safety) insertSafety.run(page.contentHash, report.date, JSON.stringify(report));
    return { added: true, articles };
  })();
}

/** Stored pages whose edition was never decided: hash → ingested_at. */
function undatedPages(db: Db): Map<string, string> {
  const rows = db.prepare(UNDATED_PAGES_SQL).all() as {
    hash: string;
    ingested_at: string;
  }[];
  return new Map(rows.map((row) => [row.hash, row.ingested_at]));
}

/** Records a stored page's edition on the page and its items (the items it first brought in). */
function setPageEdition(db: Db, hash: string, edition: Edition, basis: EditionBasis): void {
  db.transaction(() => {
    db.prepare('UPDATE pages SET edition_basis = ? WHERE hash = ?').run(basis, hash);
    db.prepare('UPDATE articles SET edition_date = ?, edition_page = ?, edition_estimated = ? WHERE page_hash = ?').run(
      edition.date,
      edition.page,
      edition.estimated ? 1 : 0,
      hash,
    );
  })();
}

/** Every stored item, in ingestion order. */
function allArticles(db: Db): Article[] {
  return (db.prepare('SELECT * FROM articles ORDER BY seq').all() as ArticleRow[]).map(toArticle);
}

export const REPORT_ITEMS_SQL = `SELECT * FROM articles WHERE ${REPORT_ITEMS_WHERE} ORDER BY seq`;

/** The stored report items (kind hotline and safety) dated as a report, in ingestion order: what answers name as their source. */
function reportItems(db: Db): Article[] {
  return (db.prepare(REPORT_ITEMS_SQL).all() as ArticleRow[]).map(toArticle);
}

/** Every stored report, oldest first (dated ones by date, then ingestion order). */
function allReports(db: Db): StoredReports {
  const read = <T>(table: string): T[] =>
    (db.prepare(`SELECT data FROM ${table} ORDER BY date IS NULL, date, id`).all() as { data: string }[]).map(
      (row) => JSON.parse(row.data) as T,
    );
  return { hotline: read<HotlineReport>('hotline_reports'), safety: read<SafetyReport>('safety_reports') };
}

/** A stored article with its position in the store (`seq`, ascending in ingestion order). */
export interface StoredArticle {
  readonly seq: number;
  readonly article: Article;
}

/** What the search index reads from the store (the search module's IndexSource). */
export interface ArticleFeed {
  articlesAfter(seq: number, limit: number): StoredArticle[];
  lastSeq(): number;
  countThrough(seq: number): number;
  articlesByIds(ids: readonly string[]): Article[];
  seqOf(id: string): number | undefined;
  /** The edition days (YYYYMMDD) of the stored articles, each with its articles' positions (the search index's IndexSource.editionDays). */
  editionDays(): { day: number; seqs: number[] }[];
}

/** An edition date (YYYY-MM-DD) as the day number YYYYMMDD the search index compares. */
const DAY_NUMBER_SQL = "CAST(replace(edition_date, '-', '') AS INTEGER)";

/**
 * The articles in store order, a batch at a time, for building and topping
 * up the search index without holding every article in memory.
 */
export function createArticleFeed(db: Db): ArticleFeed {
  const after = db.prepare('SELECT * FROM articles WHERE seq > ? ORDER BY seq LIMIT ?');
  const last = db.prepare('SELECT COALESCE(MAX(seq), 0) FROM articles').pluck();
  // Counted in a small index: the rowid range walks the table's pages, article text and all (1-6 s at a million, at every start).
  const through = db.prepare('SELECT COUNT(*) FROM articles INDEXED BY articles_by_edition WHERE seq <= ?').pluck();
  const byId = db.prepare('SELECT * FROM articles WHERE id = ?');
  const seqById = db.prepare('SELECT seq FROM articles WHERE id = ?').pluck();
  // One row a day from the index on edition_date (a row an article cost a million-article archive 1.5 s).
  const editions = db.prepare(`SELECT ${DAY_NUMBER_SQL}, group_concat(seq) FROM articles WHERE edition_date IS NOT NULL GROUP BY edition_date`).raw();
  return {
    editionDays: () =>
      (editions.all() as [number, string][]).map(([day, seqs]) => ({ day, seqs: seqs.split(',').map(Number) })),
    articlesAfter: (seq, limit) =>
      (after.all(seq, Number.isFinite(limit) ? limit : -1) as (ArticleRow & { seq: number })[]).map((row) => ({
        seq: row.seq,
        article: toArticle(row),
      })),
    lastSeq: () => last.get() as number,
    countThrough: (seq) => through.get(seq) as number,
    articlesByIds: (ids) => ids.flatMap((id) => {
      const row = byId.get(id) as ArticleRow | undefined;
      return row ? [toArticle(row)] : [];
    }),
    seqOf: (id) => seqById.get(id) as number | undefined,
  };
}

/** The pages side of the store over SQLite. */
export function createPageStore(db: Db): PageStore {
  const known = db.prepare('SELECT 1 FROM pages WHERE hash = ?').pluck();
  const version = db.prepare(REPORTS_VERSION_SQL);
  return toAsync<PageStore>({
    hasPage: (contentHash) => known.get(contentHash) !== undefined,
    savePage: (page, now) => savePage(db, page, now),
    allArticles: () => allArticles(db),
    allReports: () => allReports(db),
    reportItems: () => reportItems(db),
    reportsVersion: () => versionOf(version.get() as Record<string, unknown>),
    undatedPages: () => undatedPages(db),
    setPageEdition: (hash, edition, basis) => setPageEdition(db, hash, edition, basis),
  });
}

export function createArticleStore(db: Db): ArticleStore {
  const byId = db.prepare('SELECT * FROM articles WHERE id = ?');
  // Reports stay out of /latest: it is the newest *news*.
  const latest = db.prepare(
    "SELECT * FROM articles WHERE kind = 'article' ORDER BY edition_date IS NULL, edition_date DESC, seq DESC LIMIT ?",
  );
  const editionDates = db.prepare(
    'SELECT DISTINCT edition_date FROM articles WHERE edition_date IS NOT NULL ORDER BY edition_date DESC',
  );
  // Pages in printed order: numbered ones by number ("3" before "12"), lettered ones after, unknown last.
  const editionItems = db.prepare(
    `SELECT * FROM articles WHERE edition_date = ?
     ORDER BY edition_page IS NULL, CAST(edition_page AS INTEGER) = 0, CAST(edition_page AS INTEGER), edition_page, seq`,
  );
  const hotlineDates = db.prepare(
    'SELECT DISTINCT date FROM hotline_reports WHERE date IS NOT NULL ORDER BY date DESC',
  );
  const hotlineOn = db.prepare('SELECT data FROM hotline_reports WHERE date = ? ORDER BY id DESC LIMIT 1');
  const newestHotline = db.prepare(
    'SELECT data FROM hotline_reports ORDER BY date IS NULL, date DESC, id DESC LIMIT 1',
  );
  const hotlineBefore = db.prepare(
    'SELECT data FROM hotline_reports WHERE date < ? ORDER BY date DESC, id DESC LIMIT 1',
  );
  // One report per day, the last stored when a day was reprinted (as hotlineOn picks).
  const hotlineBetween = db.prepare(
    `SELECT data FROM hotline_reports WHERE id IN
       (SELECT MAX(id) FROM hotline_reports WHERE date BETWEEN ? AND ? GROUP BY date)
     ORDER BY date`,
  );
  const safetyOn = db.prepare('SELECT data FROM safety_reports WHERE date = ? ORDER BY id DESC LIMIT 1');
  const parse = (row: unknown): unknown => (row === undefined ? undefined : JSON.parse((row as { data: string }).data));

  return toAsync<ArticleStore>({
    getArticle: (id) => {
      const row = byId.get(id) as ArticleRow | undefined;
      return row && toArticle(row);
    },
    latestArticles: (limit) => (latest.all(limit) as ArticleRow[]).map(toArticle),
    editionDates: () => editionDates.pluck().all() as string[],
    editionArticles: (date) => (editionItems.all(date) as ArticleRow[]).map(toArticle),
    hotlineDates: () => hotlineDates.pluck().all() as string[],
    hotlineReport: (date) => parse(date ? hotlineOn.get(date) : newestHotline.get()) as HotlineReport | undefined,
    previousHotlineReport: (date) => parse(hotlineBefore.get(date)) as HotlineReport | undefined,
    hotlineReportsBetween: (from, to) =>
      (hotlineBetween.all(from, to) as { data: string }[]).map((row) => JSON.parse(row.data) as HotlineReport),
    safetyReport: (date) => parse(safetyOn.get(date)) as SafetyReport | undefined,
  });
}

/**
 * How long the bot remembers which messages answered a search message (two days): an edit
 * after that is answered anew. Two days is also how long a bot may delete its own message,
 * which an edit that changes the answer's shape needs.
 */
export const SEARCH_REPLY_RETENTION_MS = 2 * 24 * 60 * 60 * 1000;

/** Queries behind the bot's ◀ ▶ buttons; ids survive restarts because they live in SQLite. */
export function createQueryStore(db: Db, now: () => Date = () => new Date()): QueryStore {
  const find = db.prepare('SELECT id FROM queries WHERE query = ?').pluck();
  const insert = db.prepare('INSERT INTO queries (id, query, created_at) VALUES (?, ?, ?)');
  const byId = db.prepare('SELECT query FROM queries WHERE id = ?').pluck();
  const saveReply = db.prepare(
    `INSERT INTO search_replies (chat_id, message_id, answer_id, results_id, created_at, query_id, page, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (chat_id, message_id) DO UPDATE SET answer_id = excluded.answer_id, results_id = excluded.results_id,
       created_at = excluded.created_at, query_id = excluded.query_id, page = excluded.page, sort = excluded.sort`,
  );
  const replyOf = db.prepare('SELECT answer_id, results_id, query_id, page, sort FROM search_replies WHERE chat_id = ? AND message_id = ?');
  const forgetReplies = db.prepare('DELETE FROM search_replies WHERE created_at < ?');
  const showPage = db.prepare('UPDATE search_replies SET query_id = ?, page = ?, sort = ? WHERE chat_id = ? AND results_id = ?');
  const latestPage = db.prepare(
    'SELECT query_id, page, sort FROM search_replies WHERE chat_id = ? ORDER BY created_at DESC, message_id DESC LIMIT 1',
  );
  return toAsync<QueryStore>({
    saveQuery(query) {
      const known = find.get(query) as string | undefined;
      if (known) return known;
      // 8 base64url chars of the hash: short for callback data, collisions resolved by lengthening.
      const digest = createHash('sha256').update(query).digest('base64url');
      for (let length = 8; length <= digest.length; length++) {
        const id = digest.slice(0, length);
        if (byId.get(id) === undefined) {
          insert.run(id, query, now().toISOString());
          return id;
        }
      }
      throw new Error(`cannot find a free id for query "${query}"`);
    },
    getQuery: (id) => byId.get(id) as string | undefined,
    rememberSearchReply(chatId, messageId, reply, at) {
      forgetReplies.run(new Date(at.getTime() - SEARCH_REPLY_RETENTION_MS).toISOString());
      const { shown } = reply;
      saveReply.run(chatId, messageId, reply.answerMessageId, reply.resultsMessageId, at.toISOString(), shown?.queryId ?? null, shown?.page ?? null, shown?.sort ?? null);
    },
    searchReply(chatId, messageId) {
      const row = replyOf.get(chatId, messageId) as SearchReplyRow | undefined;
      return row && searchReplyOf(row);
    },
    showPage(chatId, resultsMessageId, shown) {
      showPage.run(shown.queryId, shown.page, shown.sort, chatId, resultsMessageId);
    },
    latestPage(chatId) {
      const row = latestPage.get(chatId) as ShownPageRow | undefined;
      return row && shownPageOf(row);
    },
  });
}
