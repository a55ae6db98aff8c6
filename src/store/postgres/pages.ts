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
  UpdateLog,
} from '../../types.js';
import type { StoredArticle } from '../articles.js';
import {
  ARTICLE_COLUMNS as COLUMNS,
  articleRow,
  REPORT_ITEMS_WHERE,
  REPORTS_VERSION_SQL,
  searchReplyOf,
  shownPageOf,
  toArticle,
  UNDATED_PAGES_SQL,
  versionOf,
  type ArticleRow as StoredRow,
  type SearchReplyRow,
  type ShownPageRow,
} from '../schema.js';
import type { ArticleSource } from '../replica.js';
import { SEARCH_REPLY_RETENTION_MS } from '../articles.js';
import { UPDATE_ID_RETENTION_MS } from '../updates.js';
import { INGEST_LOCK, inTransaction, type PgPool } from './db.js';

type ArticleRow = StoredRow & { seq: number };

/** What a read selects: the store position and the article's columns. */
const ARTICLE_COLUMNS = ['seq', ...COLUMNS].join(', ');

/** The pages side of the store over PostgreSQL. */
export function createPgPageStore(pool: PgPool): PageStore {
  return {
    async hasPage(contentHash) {
      return (await pool.query('SELECT 1 FROM pages WHERE hash = $1', [contentHash])).rowCount! > 0;
    },

    savePage(page: ParsedPage, now: Date): Promise<SavedPage> {
      return inTransaction(pool, async (client) => {
        // One ingest at a time across the fleet: seqs then commit in order (see INGEST_LOCK).
        await client.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK]);
        const inserted = await client.query(
          `INSERT INTO pages (hash, source, page_date, warnings, ingested_at, edition_basis) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (hash) DO NOTHING`,
          [page.contentHash, page.source, page.pageDate, JSON.stringify(page.warnings), now.toISOString(), page.editionBasis],
        );
        if (inserted.rowCount === 0) return { added: false, articles: [] };
        const articles: Article[] = [];
        for (const item of page.items) {
          const row = articleRow(item, (flag) => flag);
          const result = await client.query(
            `INSERT INTO articles (page_hash, ${COLUMNS.join(', ')})
             VALUES (${[...COLUMNS, 'page_hash'].map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT (id) DO NOTHING`,
            [page.contentHash, ...COLUMNS.map((column) => row[column])],
          );
          // The same article in two page files (a reprint) is kept once.
          if (result.rowCount! > 0) articles.push(item);
        }
        for (const report of page.hotline) {
          await client.query('INSERT INTO hotline_reports (page_hash, date, data) VALUES ($1, $2, $3)', [
            page.contentHash,
            report.date,
            JSON.stringify(report),
          ]);
        }
        for (const report of page.safety) {
          await client.query('INSERT INTO safety_reports (page_hash, date, data) VALUES ($1, $2, $3)', [
            page.contentHash,
            report.date,
            JSON.stringify(report),
          ]);
        }
        return { added: true, articles };
      });
    },

    async reportItems() {
      const rows = await pool.query<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE ${REPORT_ITEMS_WHERE} ORDER BY seq`);
      return rows.rows.map(toArticle);
    },

    async reportsVersion() {
      return versionOf((await pool.query<Record<string, unknown>>(REPORTS_VERSION_SQL)).rows[0]!);
    },

    async undatedPages() {
      const rows = await pool.query<{ hash: string; ingested_at: string }>(UNDATED_PAGES_SQL);
      return new Map(rows.rows.map((row) => [row.hash, row.ingested_at]));
    },

    setPageEdition(hash: string, edition: Edition, basis: EditionBasis) {
      return inTransaction(pool, async (client) => {
        await client.query('UPDATE pages SET edition_basis = $1 WHERE hash = $2', [basis, hash]);
        await client.query(
          'UPDATE articles SET edition_date = $1, edition_page = $2, edition_estimated = $3 WHERE page_hash = $4',
          [edition.date, edition.page, edition.estimated, hash],
        );
      });
    },

    async allArticles() {
      const rows = (await pool.query<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles ORDER BY seq`)).rows;
      return rows.map(toArticle);
    },

    async allReports(): Promise<StoredReports> {
      const read = async <T>(table: string): Promise<T[]> =>
        (await pool.query<{ data: string }>(`SELECT data FROM ${table} ORDER BY date IS NULL, date, id`)).rows.map(
          (row) => JSON.parse(row.data) as T,
        );
      return { hotline: await read<HotlineReport>('hotline_reports'), safety: await read<SafetyReport>('safety_reports') };
    },

  };
}

/**
 * The articles in store order for a replica (store/replica.ts): each instance copies
 * them into its own SQLite file, which its search index reads without awaiting.
 */
export function createPgArticleSource(pool: PgPool): ArticleSource {
  return {
    async articlesAfter(seq, limit): Promise<StoredArticle[]> {
      const rows = await pool.query<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE seq > $1 ORDER BY seq LIMIT $2`, [
        seq,
        limit,
      ]);
      return rows.rows.map((row) => ({ seq: row.seq, article: toArticle(row) }));
    },
    async idAt(seq) {
      return (await pool.query<{ id: string }>('SELECT id FROM articles WHERE seq = $1', [seq])).rows[0]?.id;
    },
  };
}

/** The reader-facing article store over PostgreSQL (the same queries as SQLite's). */
export function createPgArticleStore(pool: PgPool): ArticleStore {
  const one = async <T>(sql: string, params: unknown[]): Promise<T | undefined> => {
    const row = (await pool.query<{ data: string }>(sql, params)).rows[0];
    return row === undefined ? undefined : (JSON.parse(row.data) as T);
  };
  return {
    async getArticle(id) {
      const row = (await pool.query<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = $1`, [id])).rows[0];
      return row && toArticle(row);
    },
    async latestArticles(limit) {
      // Reports stay out of /latest: it is the newest *news*.
      const rows = await pool.query<ArticleRow>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE kind = 'article'
         ORDER BY edition_date IS NULL, edition_date DESC, seq DESC LIMIT $1`,
        [limit],
      );
      return rows.rows.map(toArticle);
    },
    async editionDates() {
      const rows = await pool.query<{ edition_date: string }>(
        'SELECT DISTINCT edition_date FROM articles WHERE edition_date IS NOT NULL ORDER BY edition_date DESC',
      );
      return rows.rows.map((row) => row.edition_date);
    },
    async editionArticles(date) {
      // Printed order: numbered pages by number ("3" before "12"), lettered ones after, unknown last (as SQLite orders them).
      const rows = await pool.query<ArticleRow>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles,
           LATERAL (SELECT NULLIF(substring(edition_page from '^[0-9]+'), '')::bigint AS number) AS page
         WHERE edition_date = $1
         ORDER BY edition_page IS NULL, COALESCE(page.number, 0) = 0, page.number, edition_page, seq`,
        [date],
      );
      return rows.rows.map(toArticle);
    },
    async hotlineDates() {
      const rows = await pool.query<{ date: string }>(
        'SELECT DISTINCT date FROM hotline_reports WHERE date IS NOT NULL ORDER BY date DESC',
      );
      return rows.rows.map((row) => row.date);
    },
    hotlineReport: (date) =>
      date
        ? one<HotlineReport>('SELECT data FROM hotline_reports WHERE date = $1 ORDER BY id DESC LIMIT 1', [date])
        : one<HotlineReport>('SELECT data FROM hotline_reports ORDER BY date IS NULL, date DESC, id DESC LIMIT 1', []),
    previousHotlineReport: (date) =>
      one<HotlineReport>('SELECT data FROM hotline_reports WHERE date < $1 ORDER BY date DESC, id DESC LIMIT 1', [date]),
    async hotlineReportsBetween(from, to) {
      const rows = await pool.query<{ data: string }>(
        `SELECT data FROM hotline_reports WHERE id IN
           (SELECT MAX(id) FROM hotline_reports WHERE date BETWEEN $1 AND $2 GROUP BY date)
         ORDER BY date`,
        [from, to],
      );
      return rows.rows.map((row) => JSON.parse(row.data) as HotlineReport);
    },
    safetyReport: (date) => one<SafetyReport>('SELECT data FROM safety_reports WHERE date = $1 ORDER BY id DESC LIMIT 1', [date]),
  };
}

/** Queries behind the ◀ ▶ buttons, shared by the fleet: a button made on one instance works on every other. */
export function createPgQueryStore(pool: PgPool, now: () => Date = () => new Date()): QueryStore {
  const find = async (query: string) =>
    (await pool.query<{ id: string }>('SELECT id FROM queries WHERE query = $1', [query])).rows[0]?.id;
  return {
    async saveQuery(query) {
      const known = await find(query);
      if (known) return known;
      // 8 base64url chars of the hash: short for callback data, collisions resolved by lengthening.
      const digest = createHash('sha256').update(query).digest('base64url');
      for (let length = 8; length <= digest.length; length++) {
        const id = digest.slice(0, length);
        const inserted = await pool.query('INSERT INTO queries (id, query, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
          id,
          query,
          now().toISOString(),
        ]);
        if (inserted.rowCount! > 0) return id;
        // Another instance saved the same query meanwhile, or this id belongs to another query.
        const saved = await find(query);
        if (saved) return saved;
      }
      throw new Error(`cannot find a free id for query "${query}"`);
    },
    async getQuery(id) {
      return (await pool.query<{ query: string }>('SELECT query FROM queries WHERE id = $1', [id])).rows[0]?.query;
    },
    async rememberSearchReply(chatId, messageId, reply, at) {
      await pool.query('DELETE FROM search_replies WHERE created_at < $1', [
        new Date(at.getTime() - SEARCH_REPLY_RETENTION_MS).toISOString(),
      ]);
      const { shown } = reply;
      await pool.query(
        `INSERT INTO search_replies (chat_id, message_id, answer_id, results_id, created_at, query_id, page, sort) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (chat_id, message_id) DO UPDATE SET answer_id = excluded.answer_id, results_id = excluded.results_id,
           created_at = excluded.created_at, query_id = excluded.query_id, page = excluded.page, sort = excluded.sort`,
        [chatId, messageId, reply.answerMessageId, reply.resultsMessageId, at.toISOString(), shown?.queryId ?? null, shown?.page ?? null, shown?.sort ?? null],
      );
    },
    async searchReply(chatId, messageId) {
      const row = (
        await pool.query<SearchReplyRow>(
          'SELECT answer_id, results_id, query_id, page, sort FROM search_replies WHERE chat_id = $1 AND message_id = $2',
          [chatId, messageId],
        )
      ).rows[0];
      return row && searchReplyOf(row);
    },
    async showPage(chatId, resultsMessageId, shown) {
      await pool.query('UPDATE search_replies SET query_id = $1, page = $2, sort = $3 WHERE chat_id = $4 AND results_id = $5', [
        shown.queryId,
        shown.page,
        shown.sort,
        chatId,
        resultsMessageId,
      ]);
    },
    async latestPage(chatId) {
      const row = (
        await pool.query<ShownPageRow>(
          'SELECT query_id, page, sort FROM search_replies WHERE chat_id = $1 ORDER BY created_at DESC, message_id DESC LIMIT 1',
          [chatId],
        )
      ).rows[0];
      return row && shownPageOf(row);
    },
  };
}

/** The update log over PostgreSQL: the first instance to insert an update_id handles it. */
export function createPgUpdateLog(pool: PgPool, retentionMs = UPDATE_ID_RETENTION_MS): UpdateLog {
  let prunedAt = 0;
  return {
    async firstDelivery(updateId, now, taker) {
      if (now.getTime() - prunedAt >= 60_000) {
        prunedAt = now.getTime();
        await pool.query('DELETE FROM seen_updates WHERE seen_at < $1', [new Date(now.getTime() - retentionMs).toISOString()]);
      }
      const inserted = await pool.query(
        'INSERT INTO seen_updates (update_id, seen_at, taker) VALUES ($1, $2, $3) ON CONFLICT (update_id) DO NOTHING',
        [updateId, now.toISOString(), taker ?? null],
      );
      if (inserted.rowCount! > 0) return true;
      if (taker === undefined) return false;
      const held = await pool.query<{ taker: string | null }>('SELECT taker FROM seen_updates WHERE update_id = $1', [updateId]);
      return held.rows[0]?.taker === taker;
    },
  };
}
