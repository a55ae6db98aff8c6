import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteStore, SEARCH_REPLY_RETENTION_MS } from '../../src/store/index.js';
import type { Article, HotlineReport, ParsedPage } from '../../src/types.js';
import { undatedPage } from '../../bench/pages.js';

const NOW = new Date('2025-02-21T00:00:00Z');

function article(id: string, title: string, date: string | null): Article {
  return { id, kind: 'article', title, kicker: null, subtitle: null, reporters: ['施翔'], date, source: 'p.txt', body: `${title}。`, edition: { date, page: null, estimated: false } };
}

function hotline(date: string, calls: number): HotlineReport {
  return { date, calls, messages: 1, channels: { 人民网: 1 }, direct: calls, transferred: 0, callbacks: null, hot: [], source: 'p.txt' };
}

function page(hash: string, items: Article[], reports: HotlineReport[] = []): ParsedPage {
  return undatedPage(`${hash}.txt`, hash, { items, hotline: reports });
}

describe('article store', () => {
  it('stores a page once: the same bytes again change nothing', async () => {
    const { pages } = openSqliteStore(':memory:');
    expect(await pages.hasPage('h1')).toBe(false);
    const first = await pages.savePage(page('h1', [article('a1', '甲', '2025-02-20')], [hotline('2025-02-20', 992)]), NOW);
    const again = await pages.savePage(page('h1', [article('a1', '甲', '2025-02-20')], [hotline('2025-02-20', 992)]), NOW);
    expect(first).toEqual({ added: true, articles: [article('a1', '甲', '2025-02-20')] });
    expect(again).toEqual({ added: false, articles: [] });
    expect(await pages.hasPage('h1')).toBe(true);
    expect(await pages.allArticles()).toHaveLength(1);
    expect((await pages.allReports()).hotline).toEqual([hotline('2025-02-20', 992)]);
  });

  it('feeds the search index in store order, a batch at a time, and finds articles by id', async () => {
    const { pages, feed } = openSqliteStore(':memory:');
    await pages.savePage(page('h1', [article('a1', '甲', '2025-02-20'), article('a2', '乙', '2025-02-21')]), NOW);
    await pages.savePage(page('h2', [article('a3', '丙', null)]), NOW);
    expect(feed.lastSeq()).toBe(3);
    expect(feed.articlesAfter(0, 2)).toEqual([
      { seq: 1, article: article('a1', '甲', '2025-02-20') },
      { seq: 2, article: article('a2', '乙', '2025-02-21') },
    ]);
    expect(feed.articlesAfter(2, Infinity)).toEqual([{ seq: 3, article: article('a3', '丙', null) }]);
    expect(feed.countThrough(2)).toBe(2);
    expect(feed.articlesByIds(['a3', 'missing', 'a1']).map((item) => item.id)).toEqual(['a3', 'a1']);
    expect(['a3', 'missing', 'a1'].map(feed.seqOf)).toEqual([3, undefined, 1]);
  });

  it('finds reports by day, the newest, and the one before', async () => {
    const { pages, articles: store } = openSqliteStore(':memory:');
    await pages.savePage(page('h1', [], [hotline('2025-02-20', 992)]), NOW);
    await pages.savePage(page('h2', [], [hotline('2025-10-15', 1215)]), NOW);
    expect(await store.hotlineDates()).toEqual(['2025-10-15', '2025-02-20']);
    expect((await store.hotlineReport())?.calls).toBe(1215);
    expect((await store.hotlineReport('2025-02-20'))?.calls).toBe(992);
    expect(await store.hotlineReport('2025-01-01')).toBeUndefined();
    expect((await store.previousHotlineReport('2025-10-15'))?.calls).toBe(992);
    expect(await store.previousHotlineReport('2025-02-20')).toBeUndefined();
  });

  it('lists the newest news articles first, without reports', async () => {
    const { pages, articles: store } = openSqliteStore(':memory:');
    await pages.savePage(page('h1', [article('a1', '旧', '2023-12-08'), article('a2', '新', '2025-11-17'), article('a3', '无日期', null)]), NOW);
    expect((await store.latestArticles(10)).map((a) => a.id)).toEqual(['a2', 'a1', 'a3']);
    expect((await store.getArticle('a2'))?.title).toBe('新');
    expect(await store.getArticle('nope')).toBeUndefined();
  });

  it('turns a failing query into a rejected promise, not a throw', async () => {
    const store = openSqliteStore(':memory:');
    await store.close();
    await expect(store.articles.getArticle('a1')).rejects.toThrow('The database connection is not open');
  });
});

describe('editions', () => {
  const at = (id: string, date: string | null, edition: string | null, page: string | null): Article => ({
    ...article(id, id, date),
    edition: { date: edition, page, estimated: false },
  });

  it('lists /latest by edition date, not by the article’s own date', async () => {
    const { pages, articles } = openSqliteStore(':memory:');
    // a1 tells of 2月20日 but was printed on the 25th; a2 tells of the 22nd, printed on the 23rd.
    await pages.savePage(page('h1', [at('a1', '2025-02-20', '2025-02-25', '3'), at('a2', '2025-02-22', '2025-02-23', '1'), at('a3', null, null, null)]), NOW);
    expect((await articles.latestArticles(10)).map((a) => a.id)).toEqual(['a1', 'a2', 'a3']);
  });

  it('keeps each item’s edition and lists an edition by page, numbered pages first', async () => {
    const { pages, articles: store } = openSqliteStore(':memory:');
    await pages.savePage(
      page('h1', [
        at('b1', null, '2025-11-04', 'A03'),
        at('b2', null, '2025-11-04', '12'),
        at('b3', null, '2025-11-04', null),
        at('b4', null, '2025-11-04', '3'),
        at('b5', null, '2025-11-05', '1'),
      ]),
      NOW,
    );
    expect(await store.editionDates()).toEqual(['2025-11-05', '2025-11-04']);
    expect((await store.editionArticles('2025-11-04')).map((a) => [a.id, a.edition.page])).toEqual([
      ['b4', '3'],
      ['b2', '12'],
      ['b1', 'A03'],
      ['b3', null],
    ]);
    expect((await store.getArticle('b1'))?.edition).toEqual({ date: '2025-11-04', page: 'A03', estimated: false });
    expect(await store.editionArticles('2025-01-01')).toEqual([]);
  });

  it('records a page’s edition once, and a later one for a page stored before editions', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-store-'));
    const file = path.join(dir, 'newsbot.db');
    const { pages, articles, close } = openSqliteStore(file);
    await pages.savePage(page('h1', [at('c1', null, null, null)]), NOW);
    // 'none' from the page helper: decided, so not listed as undated.
    expect((await pages.undatedPages()).size).toBe(0);
    // As a database written before editions existed has it.
    const raw = new Database(file);
    raw.prepare('UPDATE pages SET edition_basis = NULL').run();
    raw.close();
    expect([...(await pages.undatedPages()).keys()]).toEqual(['h1']);
    await pages.setPageEdition('h1', { date: '2025-11-17', page: null, estimated: true }, 'estimate');
    expect((await pages.undatedPages()).size).toBe(0);
    expect((await articles.getArticle('c1'))?.edition).toEqual({ date: '2025-11-17', page: null, estimated: true });
    await close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('query store', () => {
  it('gives the same short id to the same query, and remembers it', async () => {
    const { queries } = openSqliteStore(':memory:');
    const id = await queries.saveQuery('护学岗');
    expect(id).toMatch(/^[\w-]{8}$/);
    expect(await queries.saveQuery('护学岗')).toBe(id);
    expect(await queries.getQuery(id)).toBe('护学岗');
    expect(await queries.saveQuery('观影')).not.toBe(id);
    expect(await queries.getQuery('unknown1')).toBeUndefined();
  });

  it('remembers which messages answered a search message, per chat, for two days', async () => {
    const { queries } = openSqliteStore(':memory:');
    const t0 = new Date('2025-02-21T00:00:00Z');
    await queries.rememberSearchReply(1001, 7, { answerMessageId: null, resultsMessageId: 101 }, t0);
    await queries.rememberSearchReply(-500, 7, { answerMessageId: 102, resultsMessageId: 103 }, t0);
    expect(await queries.searchReply(1001, 7)).toEqual({ answerMessageId: null, resultsMessageId: 101 });
    expect(await queries.searchReply(-500, 7)).toEqual({ answerMessageId: 102, resultsMessageId: 103 });
    expect(await queries.searchReply(1001, 8)).toBeUndefined();
    // the same message answered again replaces what was remembered for it
    await queries.rememberSearchReply(1001, 7, { answerMessageId: 104, resultsMessageId: null }, new Date(t0.getTime() + 1000));
    expect(await queries.searchReply(1001, 7)).toEqual({ answerMessageId: 104, resultsMessageId: null });
    // two days and a second later, remembering another forgets both older ones
    const later = new Date(t0.getTime() + SEARCH_REPLY_RETENTION_MS + 1001);
    await queries.rememberSearchReply(1001, 9, { answerMessageId: null, resultsMessageId: 105 }, later);
    expect(await queries.searchReply(-500, 7)).toBeUndefined();
    expect(await queries.searchReply(1001, 7)).toBeUndefined();
    expect(await queries.searchReply(1001, 9)).toEqual({ answerMessageId: null, resultsMessageId: 105 });
  });
});
