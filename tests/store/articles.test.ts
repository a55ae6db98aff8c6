import { describe, expect, it } from 'vitest';
import {
  allArticles,
  allReports,
  corpusFingerprint,
  createArticleStore,
  createQueryStore,
  openDatabase,
  savePage,
} from '../../src/store/index.js';
import type { Article, HotlineReport, ParsedPage } from '../../src/types.js';

function article(id: string, title: string, date: string | null): Article {
  return { id, kind: 'article', title, kicker: null, subtitle: null, reporters: ['施翔'], date, source: 'p.txt', body: `${title}。` };
}

function hotline(date: string, calls: number): HotlineReport {
  return { date, calls, messages: 1, channels: { 人民网: 1 }, direct: calls, transferred: 0, callbacks: null, hot: [], source: 'p.txt' };
}

function page(hash: string, items: Article[], reports: HotlineReport[] = []): ParsedPage {
  return { source: `${hash}.txt`, contentHash: hash, pageDate: null, items, hotline: reports, safety: [], warnings: [] };
}

describe('article store', () => {
  it('stores a page once: the same bytes again change nothing', () => {
    const db = openDatabase(':memory:');
    const first = savePage(db, page('h1', [article('a1', '甲', '2025-02-20')], [hotline('2025-02-20', 992)]));
    const fingerprint = corpusFingerprint(db);
    const again = savePage(db, page('h1', [article('a1', '甲', '2025-02-20')], [hotline('2025-02-20', 992)]));
    expect(first).toEqual({ added: true, articles: [article('a1', '甲', '2025-02-20')] });
    expect(again).toEqual({ added: false, articles: [] });
    expect(allArticles(db)).toHaveLength(1);
    expect(allReports(db).hotline).toEqual([hotline('2025-02-20', 992)]);
    expect(corpusFingerprint(db)).toBe(fingerprint);
  });

  it('finds reports by day, the newest, and the one before', () => {
    const db = openDatabase(':memory:');
    savePage(db, page('h1', [], [hotline('2025-02-20', 992)]));
    savePage(db, page('h2', [], [hotline('2025-10-15', 1215)]));
    const store = createArticleStore(db);
    expect(store.hotlineDates()).toEqual(['2025-10-15', '2025-02-20']);
    expect(store.hotlineReport()?.calls).toBe(1215);
    expect(store.hotlineReport('2025-02-20')?.calls).toBe(992);
    expect(store.hotlineReport('2025-01-01')).toBeUndefined();
    expect(store.previousHotlineReport('2025-10-15')?.calls).toBe(992);
    expect(store.previousHotlineReport('2025-02-20')).toBeUndefined();
  });

  it('lists the newest news articles first, without reports', () => {
    const db = openDatabase(':memory:');
    savePage(db, page('h1', [article('a1', '旧', '2023-12-08'), article('a2', '新', '2025-11-17'), article('a3', '无日期', null)]));
    const store = createArticleStore(db);
    expect(store.latestArticles(10).map((a) => a.id)).toEqual(['a2', 'a1', 'a3']);
    expect(store.getArticle('a2')?.title).toBe('新');
    expect(store.getArticle('nope')).toBeUndefined();
  });
});

describe('query store', () => {
  it('gives the same short id to the same query, and remembers it', () => {
    const db = openDatabase(':memory:');
    const queries = createQueryStore(db);
    const id = queries.saveQuery('护学岗');
    expect(id).toMatch(/^[\w-]{8}$/);
    expect(queries.saveQuery('护学岗')).toBe(id);
    expect(queries.getQuery(id)).toBe('护学岗');
    expect(queries.saveQuery('观影')).not.toBe(id);
    expect(queries.getQuery('unknown1')).toBeUndefined();
  });
});
