/**
 * One store suite, two stores: every case runs on SQLite (`:memory:`) and on
 * PostgreSQL (a database of its own on the test server, tests/support/postgres.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_DELIVERY_LIMITS,
  MAX_FOLLOWS,
  openPostgresStore,
  openSqliteStore,
  SEARCH_REPLY_RETENTION_MS,
  type Store,
} from '../../src/store/index.js';
import type { Article, HotlineReport, ParsedPage, SafetyReport } from '../../src/types.js';
import { createTestDatabase, postgresUrl } from '../support/postgres.js';
import { MIGRATIONS as SQLITE_MIGRATIONS, openDatabase } from '../../src/store/db.js';
import { MIGRATIONS as PG_MIGRATIONS, openPool } from '../../src/store/postgres/db.js';
import { undatedPage } from '../../bench/pages.js';

const T0 = new Date('2025-02-21T00:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const LIMITS = { maxAttempts: 3, claimLeaseMs: 10 * 60_000 };

function article(
  id: string,
  title: string,
  date: string | null,
  kind: Article['kind'] = 'article',
  edition: Article['edition'] = { date, page: '3', estimated: false },
): Article {
  return { id, kind, title, kicker: null, subtitle: null, reporters: ['施翔', '李娜'], date, source: `${id}.txt`, body: `${title}。正文。`, edition };
}

function hotline(date: string | null, calls: number): HotlineReport {
  // Channel names in the paper's order, which JSON kept as text must not reorder.
  return {
    date,
    calls,
    messages: 3,
    channels: { 人民网: 2, 青海省网: 1 },
    direct: calls - 1,
    transferred: 1,
    callbacks: null,
    hot: [{ topic: '物业管理', count: 3 }],
    source: 'h.txt',
  };
}

function safety(date: string, total: number): SafetyReport {
  return { date, total, sources: { 市应急管理局: total }, topics: ['消防安全'], source: 's.txt' };
}

function page(hash: string, items: Article[], reports: HotlineReport[] = [], safeties: SafetyReport[] = []): ParsedPage {
  return undatedPage(`${hash}.txt`, hash, { items, hotline: reports, safety: safeties, warnings: ['w'] });
}

type Opener = () => Promise<Store>;

const opened: Store[] = [];
const databases: { drop(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
  await Promise.all(databases.splice(0).map((db) => db.drop()));
});

const sqlite: Opener = async () => {
  const store = openSqliteStore(':memory:', { limits: LIMITS, now: () => T0 });
  opened.push(store);
  return store;
};

const postgres: Opener = async () => {
  const db = await createTestDatabase();
  databases.push(db);
  const store = await openPostgresStore(db.url, { limits: LIMITS, now: () => T0 });
  opened.push(store);
  return store;
};

const BACKENDS: [string, Opener, boolean][] = [
  ['SQLite', sqlite, true],
  ['PostgreSQL', postgres, postgresUrl !== null],
];

describe.each(BACKENDS)('%s store', (_name, open, available) => {
  describe.skipIf(!available)('pages and articles', () => {
    it('stores a page once: the same bytes again change nothing', async () => {
      const store = await open();
      const first = await store.pages.savePage(page('h1', [article('a1', '甲', '2025-02-20')], [hotline('2025-02-20', 992)]), T0);
      const again = await store.pages.savePage(page('h1', [article('a1', '甲', '2025-02-20')], [hotline('2025-02-20', 992)]), T0);
      expect(first).toEqual({ added: true, articles: [article('a1', '甲', '2025-02-20')] });
      expect(again).toEqual({ added: false, articles: [] });
      expect([await store.pages.hasPage('h1'), await store.pages.hasPage('h2')]).toEqual([true, false]);
      expect(await store.pages.allArticles()).toEqual([article('a1', '甲', '2025-02-20')]);
    });

    it('keeps a reprinted article once, and reports with their channels in the paper order', async () => {
      const store = await open();
      await store.pages.savePage(page('h1', [article('a1', '甲', '2025-02-20'), article('a2', '乙', null)]), T0);
      const reprint = await store.pages.savePage(page('h2', [article('a2', '乙', null), article('a3', '丙', '2025-02-19')]), T0);
      await store.pages.savePage(page('h3', [], [hotline('2025-02-20', 992), hotline(null, 5), hotline('2025-02-19', 1000)], [safety('2025-02-20', 4)]), T0);
      expect(reprint.articles.map((a) => a.id)).toEqual(['a3']);
      expect((await store.pages.allArticles()).map((a) => a.id)).toEqual(['a1', 'a2', 'a3']);
      const reports = await store.pages.allReports();
      expect(reports.hotline.map((r) => [r.date, r.calls])).toEqual([['2025-02-19', 1000], ['2025-02-20', 992], [null, 5]]);
      expect(Object.keys(reports.hotline[0]!.channels)).toEqual(['人民网', '青海省网']);
      expect(reports.safety).toEqual([safety('2025-02-20', 4)]);
    });

    it('changes its reports version with every report or article stored, and only then', async () => {
      const store = await open();
      const versions = [await store.pages.reportsVersion()];
      await store.pages.savePage(page('h1', [article('a1', '甲', '2025-02-20')]), T0);
      versions.push(await store.pages.reportsVersion());
      await store.pages.savePage(page('h2', [], [hotline('2025-02-20', 992)]), T0);
      versions.push(await store.pages.reportsVersion());
      await store.pages.savePage(page('h3', [], [], [safety('2025-02-20', 4)]), T0);
      versions.push(await store.pages.reportsVersion());
      expect(new Set(versions).size).toBe(4);
      // The same bytes again, a page dated, a report read: nothing an answer reads changed.
      await store.pages.savePage(page('h2', [], [hotline('2025-02-20', 992)]), T0);
      await store.pages.setPageEdition('h1', { date: '2025-02-21', page: '2', estimated: false }, 'header');
      await store.pages.allReports();
      expect(await store.pages.reportsVersion()).toBe(versions.at(-1));
    });

    it('finds articles, the newest news, and reports by day', async () => {
      const store = await open();
      await store.pages.savePage(
        page(
          'h1',
          [article('a1', '甲', '2025-02-20'), article('a2', '乙', null), article('a3', '丙', '2025-02-21'), article('r1', '日报', '2025-02-20', 'hotline'), article('r2', '日报', '2025-02-22', 'hotline')],
          [hotline('2025-02-19', 1000), hotline('2025-02-20', 992)],
          [safety('2025-02-20', 4)],
        ),
        T0,
      );
      const { articles } = store;
      expect(await articles.getArticle('a2')).toEqual(article('a2', '乙', null));
      expect(await articles.getArticle('nope')).toBeUndefined();
      expect((await articles.latestArticles(5)).map((a) => a.id)).toEqual(['a3', 'a1', 'a2']);
      expect(await articles.hotlineDates()).toEqual(['2025-02-20', '2025-02-19']);
      expect((await articles.hotlineReport())?.calls).toBe(992);
      expect((await articles.hotlineReport('2025-02-19'))?.calls).toBe(1000);
      expect((await articles.previousHotlineReport('2025-02-20'))?.calls).toBe(1000);
      expect(await articles.previousHotlineReport('2025-02-19')).toBeUndefined();
      expect(await articles.safetyReport('2025-02-20')).toEqual(safety('2025-02-20', 4));
      expect(await articles.safetyReport('2025-02-19')).toBeUndefined();
      // r2's day has no report: no answer could name it.
      expect((await store.pages.reportItems()).map((a) => a.id)).toEqual(['r1']);
    });

    it('gives one report per day over a span, the last stored when a day was printed twice', async () => {
      const store = await open();
      await store.pages.savePage(page('h1', [], [hotline('2025-02-18', 900), hotline('2025-02-19', 1000), hotline('2025-02-21', 7)]), T0);
      await store.pages.savePage(page('h2', [], [hotline('2025-02-19', 1001), hotline(null, 5)]), T0);
      const between = await store.articles.hotlineReportsBetween('2025-02-19', '2025-02-20');
      expect(between.map((r) => [r.date, r.calls])).toEqual([['2025-02-19', 1001]]);
      expect((await store.articles.hotlineReportsBetween('2025-02-01', '2025-02-28')).map((r) => r.calls)).toEqual([900, 1001, 7]);
      expect(await store.articles.hotlineReport('2025-02-19')).toEqual(hotline('2025-02-19', 1001));
    });

    it('lists the editions, and one edition in printed page order', async () => {
      const store = await open();
      const on = (id: string, page: string | null, date = '2025-11-04') => article(id, id, null, 'article', { date, page, estimated: false });
      await store.pages.savePage(page('h1', [on('p12', '12'), on('pA', 'A03'), on('none', null), on('p3', '3'), on('old', '1', '2025-11-03')]), T0);
      expect(await store.articles.editionDates()).toEqual(['2025-11-04', '2025-11-03']);
      expect((await store.articles.editionArticles('2025-11-04')).map((a) => a.id)).toEqual(['p3', 'p12', 'pA', 'none']);
      expect((await store.articles.latestArticles(2)).map((a) => a.id)).toEqual(['p3', 'none']);
    });

    it('dates a page stored before editions existed, once', async () => {
      const store = await open();
      await store.pages.savePage({ ...page('h1', [article('a1', '甲', null, 'article', { date: null, page: null, estimated: false })]), editionBasis: null as never }, T0);
      expect(await store.pages.undatedPages()).toEqual(new Map([['h1', T0.toISOString()]]));
      await store.pages.setPageEdition('h1', { date: '2025-02-20', page: '5', estimated: true }, 'estimate');
      expect(await store.pages.undatedPages()).toEqual(new Map());
      expect((await store.articles.getArticle('a1'))?.edition).toEqual({ date: '2025-02-20', page: '5', estimated: true });
    });

    it('feeds the index the articles in store order, in batches, once synced', async () => {
      const store = await open();
      expect(await store.syncFeed()).toBe(0);
      expect(store.feed.lastSeq()).toBe(0);
      await store.pages.savePage(page('h1', [article('a1', '甲', null), article('a2', '乙', '2025-02-20')]), T0);
      await store.syncFeed();
      const start = store.feed.lastSeq();
      await store.pages.savePage(page('h2', [article('a3', '丙', '2025-02-21'), article('a4', '丁', '2025-02-20'), article('a5', '戊', null)]), T0);
      await store.syncFeed();
      const first = store.feed.articlesAfter(start, 2);
      const second = store.feed.articlesAfter(first[1]!.seq, 2);
      expect(first.map((a) => a.article.id)).toEqual(['a3', 'a4']);
      expect(second.map((a) => a.article)).toEqual([article('a5', '戊', null)]);
      expect(store.feed.articlesAfter(second[0]!.seq, 2)).toEqual([]);
      expect(store.feed.lastSeq()).toBe(second[0]!.seq);
      expect(store.feed.countThrough(start)).toBe(2);
      expect(store.feed.articlesByIds(['a2', 'nope']).map((a) => a.id)).toEqual(['a2']);
      expect(['a3', 'a5', 'nope'].map((id) => store.feed.seqOf(id))).toEqual([start + 1, start + 3, undefined]);
      // Each edition day with its articles' positions; undated articles are in none.
      const days = store.feed.editionDays().map(({ day, seqs }) => ({ day, seqs: [...seqs].sort((x, y) => x - y) }));
      expect(days.sort((x, y) => x.day - y.day)).toEqual([
        { day: 20250220, seqs: [start, start + 2] },
        { day: 20250221, seqs: [start + 1] },
      ]);
    });
  });

  describe.skipIf(!available)('queries behind the buttons', () => {
    it('gives the same query the same short id, and finds it back', async () => {
      const store = await open();
      const id = await store.queries.saveQuery('护学岗');
      expect(id).toMatch(/^[\w-]{8}$/);
      expect(await store.queries.saveQuery('护学岗')).toBe(id);
      expect(await store.queries.getQuery(id)).toBe('护学岗');
      expect(await store.queries.getQuery('unknown1')).toBeUndefined();
      expect(await store.queries.saveQuery('物业')).not.toBe(id);
    });

    it('remembers which messages answered a search message, replaced by the next answer, for two days', async () => {
      const { queries } = await open();
      await queries.rememberSearchReply(7, 100, { answerMessageId: 101, resultsMessageId: 102 }, T0);
      await queries.rememberSearchReply(7, 200, { answerMessageId: null, resultsMessageId: 201 }, T0);
      await queries.rememberSearchReply(7, 100, { answerMessageId: null, resultsMessageId: 103 }, minutes(1));
      expect(await queries.searchReply(7, 100)).toEqual({ answerMessageId: null, resultsMessageId: 103 });
      expect(await queries.searchReply(7, 200)).toEqual({ answerMessageId: null, resultsMessageId: 201 });
      expect(await queries.searchReply(8, 100)).toBeUndefined();
      await queries.rememberSearchReply(9, 1, { answerMessageId: 2, resultsMessageId: null }, new Date(T0.getTime() + SEARCH_REPLY_RETENTION_MS + 30_000));
      expect(await queries.searchReply(7, 200)).toBeUndefined();
      expect(await queries.searchReply(7, 100)).toEqual({ answerMessageId: null, resultsMessageId: 103 });
      expect(await queries.searchReply(9, 1)).toEqual({ answerMessageId: 2, resultsMessageId: null });
    });

    it("keeps the page a chat's latest search shows, moved by the buttons, for a typed 下一页", async () => {
      const { queries } = await open();
      expect(await queries.latestPage(7)).toBeUndefined();
      await queries.rememberSearchReply(7, 100, { answerMessageId: null, resultsMessageId: 101, shown: { queryId: 'q1', page: 1, sort: 'relevance' } }, T0);
      await queries.rememberSearchReply(7, 200, { answerMessageId: 201, resultsMessageId: 202, shown: { queryId: 'q2', page: 1, sort: 'newest' } }, minutes(1));
      await queries.rememberSearchReply(8, 300, { answerMessageId: null, resultsMessageId: 301, shown: { queryId: 'q3', page: 1, sort: 'relevance' } }, minutes(2));
      expect(await queries.latestPage(7)).toEqual({ queryId: 'q2', page: 1, sort: 'newest' });
      expect(await queries.searchReply(7, 200)).toEqual({ answerMessageId: 201, resultsMessageId: 202, shown: { queryId: 'q2', page: 1, sort: 'newest' } });
      // ▶ pressed under chat 7's latest results, then ◀ under its first ones: each moves its own message's page.
      await queries.showPage(7, 202, { queryId: 'q2', page: 3, sort: 'newest' });
      await queries.showPage(7, 101, { queryId: 'q1', page: 2, sort: 'relevance' });
      expect(await queries.latestPage(7)).toEqual({ queryId: 'q2', page: 3, sort: 'newest' });
      expect(await queries.searchReply(7, 100)).toEqual({ answerMessageId: null, resultsMessageId: 101, shown: { queryId: 'q1', page: 2, sort: 'relevance' } });
      expect(await queries.latestPage(8)).toEqual({ queryId: 'q3', page: 1, sort: 'relevance' });
      // A latest search that found nothing shows no page: there is nothing to turn.
      await queries.rememberSearchReply(7, 400, { answerMessageId: null, resultsMessageId: 401 }, minutes(3));
      expect(await queries.latestPage(7)).toBeUndefined();
    });
  });

  describe.skipIf(!available)('subscribers and follows', () => {
    it('subscribes, moves the time, unsubscribes', async () => {
      const { subscribers } = await open();
      expect(await subscribers.subscribe(7, '08:00', 'zh', T0)).toEqual({
        chatId: 7,
        language: 'zh',
        pushTime: '08:00',
        pushWeekday: null,
        active: true,
        timeSetAt: T0.toISOString(),
        lastSummaryAt: null,
        blockedAt: null,
        blockedReason: null,
        // Defaults: in the chat itself, alerts at once, no quiet hours.
        threadId: null,
        alertThreadId: null,
        alertMode: 'instant',
        alertTime: null,
        quiet: null,
      });
      expect((await subscribers.subscribe(7, '21:30', 'en', minutes(1))).pushTime).toBe('21:30');
      expect(await subscribers.pushTimes()).toEqual(['21:30']);
      expect(await subscribers.chatsAt('21:30')).toEqual([7]);
      expect(await subscribers.unsubscribe(7)).toBe(true);
      expect(await subscribers.unsubscribe(7)).toBe(false);
      expect(await subscribers.unsubscribe(8)).toBe(false);
      expect((await subscribers.getSubscriber(7))?.active).toBe(false);
      expect(await subscribers.getSubscriber(8)).toBeUndefined();
    });

    it('follows words up to the limit, in order, and unfollows them', async () => {
      const { subscribers } = await open();
      const words = Array.from({ length: MAX_FOLLOWS }, (_, i) => `词${i}`);
      expect(await subscribers.follow(7, ['雪', '岗'], 'zh', T0)).toEqual({ added: ['雪', '岗'], known: [], overLimit: [] });
      const more = await subscribers.follow(7, ['雪', ...words], 'zh', minutes(1));
      expect(more.known).toEqual(['雪']);
      expect(more.added).toHaveLength(MAX_FOLLOWS - 2);
      expect(more.overLimit).toEqual([`词${MAX_FOLLOWS - 2}`, `词${MAX_FOLLOWS - 1}`]);
      expect((await subscribers.follows(7)).slice(0, 3)).toEqual(['雪', '岗', '词0']);
      expect(await subscribers.unfollow(7, ['岗', '岗', '没有'])).toEqual(['岗']);
      expect(await subscribers.follows(7)).toHaveLength(MAX_FOLLOWS - 1);
      await subscribers.follow(8, ['雪'], 'en', T0);
      await subscribers.deactivate(8, '403: blocked', T0);
      expect((await subscribers.activeFollows()).filter((f) => f.keyword === '雪')).toEqual([{ chatId: 7, keyword: '雪' }]);
    });
  });

  describe.skipIf(!available)('deliveries', () => {
    const key = { chatId: 7, kind: 'hotline' as const, itemKey: '2025-02-20' };

    it('lets one claimer send a delivery; a stale claim is taken over after the lease', async () => {
      const { subscribers } = await open();
      await subscribers.subscribe(7, '08:00', 'zh', T0);
      expect(await subscribers.claim(key, 'a', minutes(1))).toBe(true);
      expect(await subscribers.claim(key, 'b', minutes(2))).toBe(false);
      expect(await subscribers.heldClaims()).toEqual([{ owner: 'a', count: 1, oldest: minutes(1).toISOString() }]);
      expect(await subscribers.claim(key, 'b', minutes(12))).toBe(true);
      // a's late answer does not count: the claim is b's now.
      await subscribers.markSent(key, 'a', 1, minutes(13));
      expect((await subscribers.getSubscriber(7))?.lastSummaryAt).toBeNull();
      await subscribers.markSent(key, 'b', 2, minutes(13));
      expect((await subscribers.getSubscriber(7))?.lastSummaryAt).toBe(minutes(13).toISOString());
      expect(await subscribers.claim(key, 'c', minutes(60))).toBe(false);
      expect(await subscribers.unsentSummaries('2025-02-20', minutes(60))).toEqual([]);
    });

    it('retries a failed delivery until its attempts are used up', async () => {
      const { subscribers } = await open();
      await subscribers.subscribe(7, '08:00', 'zh', T0);
      const attempts: boolean[] = [];
      for (let i = 0; i < LIMITS.maxAttempts; i++) {
        expect(await subscribers.claim(key, 'a', minutes(i))).toBe(true);
        attempts.push(await subscribers.markFailed(key, 'a', '500: oops', minutes(i)));
      }
      expect(attempts).toEqual([false, false, true]);
      expect(await subscribers.claim(key, 'a', minutes(10))).toBe(false);
      expect(await subscribers.stats(T0)).toEqual({
        activeSubscribers: 1,
        blockedChats: 0,
        followers: 0,
        sentSummaries: 0,
        sentAlerts: 0,
        failedRetrying: 0,
        failedGivenUp: 1,
        blocked: 0,
        claimsHeld: 0,
      });
    });

    it('lets go of a claim without using a try when Telegram never answered about it', async () => {
      const { subscribers } = await open();
      await subscribers.subscribe(7, '08:00', 'zh', T0);
      // Ten times unreachable, more than the 3 tries: still claimable, still owed.
      for (let i = 0; i < 10; i++) {
        expect(await subscribers.claim(key, 'a', minutes(i))).toBe(true);
        await subscribers.unclaim(key, 'a', 'network: ECONNRESET', minutes(i));
      }
      expect(await subscribers.heldClaims()).toEqual([]);
      expect(await subscribers.unsentSummaries('2025-02-20', minutes(11))).toEqual([
        { chatId: 7, kind: 'hotline', itemKey: '2025-02-20', language: 'zh', detail: null, threadId: null, quiet: null },
      ]);
      // Another owner's claim is not ours to let go.
      expect(await subscribers.claim(key, 'b', minutes(12))).toBe(true);
      await subscribers.unclaim(key, 'a', 'network: ECONNRESET', minutes(12));
      expect(await subscribers.heldClaims()).toEqual([{ owner: 'b', count: 1, oldest: minutes(12).toISOString() }]);
    });

    it('gives a delivery that failed for good its tries back (newsbot push --retry-failed)', async () => {
      const { subscribers } = await open();
      await subscribers.subscribe(7, '08:00', 'zh', T0);
      await subscribers.subscribe(8, '08:00', 'zh', T0);
      for (let i = 0; i < LIMITS.maxAttempts; i++) {
        await subscribers.claim(key, 'a', minutes(i));
        await subscribers.markFailed(key, 'a', '400: Bad Request: message is too long', minutes(i));
      }
      // Chat 8 failed once: it has tries left and is not touched.
      const other = { ...key, chatId: 8 };
      await subscribers.claim(other, 'a', minutes(1));
      await subscribers.markFailed(other, 'a', '400: Bad Request', minutes(1));
      expect((await subscribers.unsentSummaries('2025-02-20', minutes(5))).map((d) => d.chatId)).toEqual([8]);
      expect(await subscribers.retryFailed('hotline', '2025-02-21', minutes(5))).toBe(0);
      expect(await subscribers.retryFailed('hotline', '2025-02-20', minutes(5))).toBe(1);
      expect((await subscribers.unsentSummaries('2025-02-20', minutes(6))).map((d) => d.chatId)).toEqual([7, 8]);
      expect(await subscribers.claim(key, 'a', minutes(6))).toBe(true);
      expect((await subscribers.stats(T0)).failedGivenUp).toBe(0);
    });

    it('releases the claims of an owner that died', async () => {
      const { subscribers } = await open();
      await subscribers.subscribe(7, '08:00', 'zh', T0);
      await subscribers.claim(key, 'dead', minutes(1));
      expect(await subscribers.releaseClaims('dead', 'died', minutes(2))).toBe(1);
      expect(await subscribers.claim(key, 'b', minutes(2))).toBe(true);
    });

    it('stops at a block and deactivates the chat until it subscribes again', async () => {
      const { subscribers } = await open();
      await subscribers.subscribe(7, '08:00', 'zh', T0);
      await subscribers.claim(key, 'a', minutes(1));
      await subscribers.markBlocked(key, 'a', '403: Forbidden: bot was blocked by the user', minutes(1));
      expect(await subscribers.getSubscriber(7)).toMatchObject({ active: false, blockedReason: '403: Forbidden: bot was blocked by the user' });
      expect(await subscribers.unsentSummaries('2025-02-20', minutes(2))).toEqual([]);
      await subscribers.subscribe(7, '08:00', 'zh', minutes(3));
      expect(await subscribers.unsentSummaries('2025-02-20', minutes(4))).toEqual([
        { chatId: 7, kind: 'hotline', itemKey: '2025-02-20', language: 'zh', detail: null, threadId: null, quiet: null },
      ]);
    });

    it('finds who is due at their time: set before the slot, no summary since', async () => {
      const { subscribers } = await open();
      await subscribers.subscribe(1, '08:00', 'zh', minutes(-60));
      await subscribers.subscribe(2, '08:00', 'en', minutes(30));
      await subscribers.subscribe(3, '09:00', 'zh', minutes(-60));
      const due = await subscribers.dueSummaries('08:00', T0, '2025-02-20', minutes(1));
      expect(due).toEqual([{ chatId: 1, kind: 'hotline', itemKey: '2025-02-20', language: 'zh', detail: null, threadId: null, quiet: null }]);
      expect((await subscribers.unsentSummaries('2025-02-20', minutes(1))).map((d) => d.chatId)).toEqual([1, 2, 3]);
    });

    it('sends the weekly summary on its day and time, once a week, beside the daily one', async () => {
      const { subscribers } = await open();
      await subscribers.subscribe(1, '08:00', 'zh', minutes(-60), 1);
      await subscribers.subscribe(2, '08:00', 'en', minutes(-60));
      await subscribers.subscribe(3, '09:30', 'zh', minutes(-60), 5);
      await subscribers.subscribe(4, '08:00', 'zh', minutes(-60), 1);
      await subscribers.subscribe(4, '08:00', 'zh', minutes(-50));
      expect(await subscribers.weeklyTimes()).toEqual([
        { pushTime: '08:00', weekday: 1 },
        { pushTime: '09:30', weekday: 5 },
      ]);
      expect(await subscribers.pushTimes()).toEqual(['08:00', '09:30']);
      const week = { chatId: 1, kind: 'weekly' as const, itemKey: 'week:2025-02-16' };
      expect(await subscribers.dueWeekly('08:00', 1, T0, 'week:2025-02-16', minutes(1))).toEqual([
        { chatId: 1, kind: 'weekly', itemKey: 'week:2025-02-16', language: 'zh', detail: null, threadId: null, quiet: null },
      ]);
      // The daily summary is not for weekly readers (4 went back to daily).
      expect((await subscribers.dueSummaries('08:00', T0, '2025-02-20', minutes(1))).map((d) => d.chatId)).toEqual([2, 4]);
      expect((await subscribers.unsentSummaries('2025-02-20', minutes(1))).map((d) => d.chatId)).toEqual([2, 4]);
      expect(await subscribers.claim(week, 'a', minutes(1))).toBe(true);
      expect(await subscribers.dueWeekly('08:00', 1, T0, 'week:2025-02-16', minutes(2))).toEqual([]);
      await subscribers.markSent(week, 'a', 9, minutes(2));
      expect((await subscribers.getSubscriber(1))?.lastSummaryAt).toBe(minutes(2).toISOString());
      expect(await subscribers.claim(week, 'b', minutes(30))).toBe(false);
      expect((await subscribers.stats(T0)).sentSummaries).toBe(1);
      expect(await subscribers.getSubscriber(3)).toMatchObject({ pushTime: '09:30', pushWeekday: 5, active: true });
    });

    it('lists the claims each owner holds, and releases a dead owner\'s with one attempt used', async () => {
      const { subscribers } = await open();
      for (const chat of [1, 2, 3]) await subscribers.subscribe(chat, '08:00', 'zh', T0);
      const on = (chatId: number) => ({ chatId, kind: 'hotline' as const, itemKey: '2025-02-20' });
      await subscribers.claim(on(1), 'host:10:t', minutes(2));
      await subscribers.claim(on(2), 'host:10:t', minutes(1));
      await subscribers.claim(on(3), 'host:11:t', minutes(3));
      expect(await subscribers.heldClaims()).toEqual([
        { owner: 'host:10:t', count: 2, oldest: minutes(1).toISOString() },
        { owner: 'host:11:t', count: 1, oldest: minutes(3).toISOString() },
      ]);
      expect(await subscribers.releaseClaims('host:10:t', 'died', minutes(4))).toBe(2);
      expect(await subscribers.releaseClaims('host:10:t', 'died', minutes(4))).toBe(0);
      expect(await subscribers.heldClaims()).toEqual([{ owner: 'host:11:t', count: 1, oldest: minutes(3).toISOString() }]);
      expect((await subscribers.stats(T0)).failedRetrying).toBe(2);
      expect((await subscribers.unsentSummaries('2025-02-20', minutes(5))).map((d) => d.chatId)).toEqual([1, 2]);
    });

    it('keeps one send budget: 25 a second after a burst of 5', async () => {
      const { subscribers } = await open();
      const now = T0.getTime();
      const waits: number[] = [];
      for (let i = 0; i < 7; i++) waits.push(await subscribers.reserveSendSlot(now, 40, 5));
      expect(waits).toEqual([-160, -120, -80, -40, 0, 40, 80]);
      // Time passing frees the budget again.
      expect(await subscribers.reserveSendSlot(now + 10_000, 40, 5)).toBe(-160);
    });

    it('queues alerts once and never moves the watermark back', async () => {
      const store = await open();
      const { subscribers } = store;
      await subscribers.follow(7, ['雪'], 'en', T0);
      await store.pages.savePage(page('h1', [article('a1', '下雪了', null), article('r1', '日报', null, 'hotline')]), T0);
      const after = await subscribers.articlesAfterWatermark();
      expect(after.map((a) => a.id)).toEqual(['a1']);
      const seq = after[0]!.seq;
      // The newest article is the report item, past the last one alerts look at.
      expect(await subscribers.lastArticleSeq()).toBe(seq + 1);
      expect(await subscribers.queueAlerts([{ chatId: 7, articleId: 'a1', keyword: '雪' }], seq, T0)).toBe(1);
      expect(await subscribers.queueAlerts([{ chatId: 7, articleId: 'a1', keyword: '雪' }], seq - 1, T0)).toBe(0);
      expect(await subscribers.articlesAfterWatermark()).toEqual([]);
      // The alert waits for a digest; formed, the digest is claimed and sent like a summary.
      expect(await subscribers.waitingAlerts(minutes(1))).toEqual([{ chatId: 7, mode: 'instant', time: null, quiet: null, oldest: T0.toISOString() }]);
      expect(await subscribers.formDigest(7, 'k1', minutes(1), minutes(1))).toBe(1);
      expect(await subscribers.waitingAlerts(minutes(1))).toEqual([]);
      expect(await subscribers.dueDigests(minutes(1))).toEqual([
        { chatId: 7, kind: 'digest', itemKey: 'k1', language: 'en', detail: null, threadId: null, quiet: null },
      ]);
      const digest = { chatId: 7, kind: 'digest' as const, itemKey: 'k1' };
      expect(await subscribers.claim(digest, 'a', minutes(1))).toBe(true);
      await subscribers.markSent(digest, 'a', 5, minutes(1));
      expect(await subscribers.dueDigests(minutes(2))).toEqual([]);
      expect((await subscribers.stats(T0)).sentAlerts).toBe(1);
    });
  });

  describe.skipIf(!available)('digests, topics and quiet hours', () => {
    /** Chat 7 follows 雪; three pages of two matching articles each are queued at minutes 0, 10 and 70. */
    async function queued(store: Store) {
      const { subscribers } = store;
      await subscribers.follow(7, ['雪'], 'zh', T0);
      let seq = 0;
      for (const [n, at] of [[1, 0], [2, 10], [3, 70]] as const) {
        await store.pages.savePage(page(`p${n}`, [article(`a${n}x`, `雪${n}甲`, null), article(`a${n}y`, `雪${n}乙`, null)]), minutes(at));
        for (const a of await subscribers.articlesAfterWatermark()) {
          seq = a.seq;
          await subscribers.queueAlerts([{ chatId: 7, articleId: a.id, keyword: '雪' }], seq, minutes(at));
        }
      }
      return subscribers;
    }

    it('puts the alerts queued up to a moment into one digest, once, and lists them in store order', async () => {
      const store = await open();
      const subscribers = await queued(store);
      expect(await subscribers.waitingAlerts(minutes(80))).toEqual([{ chatId: 7, mode: 'instant', time: null, quiet: null, oldest: T0.toISOString() }]);
      // Up to minute 60: the first two pages; the third waits for the next digest.
      expect(await subscribers.formDigest(7, 'd1', minutes(60), minutes(80))).toBe(4);
      expect(await subscribers.formDigest(7, 'd2', minutes(60), minutes(80))).toBe(0);
      expect(await subscribers.digestItems(7, 'd1')).toEqual(
        ['a1x', 'a1y', 'a2x', 'a2y'].map((articleId) => ({ articleId, keyword: '雪' })),
      );
      expect(await subscribers.waitingAlerts(minutes(80))).toEqual([
        { chatId: 7, mode: 'instant', time: null, quiet: null, oldest: minutes(70).toISOString() },
      ]);
      expect(await subscribers.formDigest(7, 'd3', minutes(80), minutes(80))).toBe(2);
      expect((await subscribers.dueDigests(minutes(80))).map((due) => due.itemKey)).toEqual(['d1', 'd3']);
      // Sending the digest sends its alerts: they count as sent, one message for four articles.
      const digest = { chatId: 7, kind: 'digest' as const, itemKey: 'd1' };
      expect(await subscribers.claim(digest, 'a', minutes(81))).toBe(true);
      await subscribers.markSent(digest, 'a', 9, minutes(81));
      expect((await subscribers.stats(T0)).sentAlerts).toBe(4);
      expect((await subscribers.dueDigests(minutes(82))).map((due) => due.itemKey)).toEqual(['d3']);
      // A digest sent is not a summary: the daily summary's bookkeeping is untouched.
      expect((await subscribers.getSubscriber(7))?.lastSummaryAt).toBeNull();
    });

    it('keeps the alert mode, quiet hours and forum topics of a chat, and gives them with what is due', async () => {
      const store = await open();
      const subscribers = await queued(store);
      expect(await subscribers.setAlertMode(7, 'daily', '20:00', 'zh', T0)).toMatchObject({ alertMode: 'daily', alertTime: '20:00' });
      const quiet = { start: '22:00', end: '07:00', silent: true };
      expect(await subscribers.setQuietHours(7, quiet, 'zh', T0)).toMatchObject({ quiet });
      await subscribers.setTopic(7, 'alerts', 42);
      await subscribers.subscribe(7, '08:00', 'zh', T0);
      await subscribers.setTopic(7, 'summaries', 41);
      expect(await subscribers.getSubscriber(7)).toMatchObject({ threadId: 41, alertThreadId: 42, alertMode: 'daily', alertTime: '20:00', quiet });
      expect(await subscribers.waitingAlerts(minutes(80))).toEqual([
        { chatId: 7, mode: 'daily', time: '20:00', quiet, oldest: T0.toISOString() },
      ]);
      await subscribers.formDigest(7, 'd1', minutes(80), minutes(80));
      expect(await subscribers.dueDigests(minutes(80))).toEqual([
        { chatId: 7, kind: 'digest', itemKey: 'd1', language: 'zh', detail: null, threadId: 42, quiet },
      ]);
      expect(await subscribers.dueSummaries('08:00', minutes(24 * 60), '2025-02-21', minutes(24 * 60))).toEqual([
        { chatId: 7, kind: 'hotline', itemKey: '2025-02-21', language: 'zh', detail: null, threadId: 41, quiet },
      ]);
      // Quiet hours off, a topic back to the chat itself; a chat without a row gets one.
      expect((await subscribers.setQuietHours(7, null, 'zh', T0)).quiet).toBeNull();
      await subscribers.setTopic(7, 'summaries', null);
      expect(await subscribers.getSubscriber(7)).toMatchObject({ threadId: null, quiet: null });
      expect(await subscribers.setAlertMode(8, 'hourly', null, 'en', T0)).toMatchObject({ chatId: 8, alertMode: 'hourly', active: false, quiet: null });
    });

    it('forms a digest of a chat once when two callers form it at the same moment', async () => {
      const store = await open();
      const subscribers = await queued(store);
      const formed = await Promise.all(['x', 'y', 'z'].map((key) => subscribers.formDigest(7, key, minutes(80), minutes(80))));
      expect(formed.sort()).toEqual([0, 0, 6]);
      expect(await subscribers.dueDigests(minutes(80))).toHaveLength(1);
    });
  });

  describe.skipIf(!available)('update ids', () => {
    it('takes an update id once, and forgets it after a day', async () => {
      const { updates } = await open();
      const hours = (n: number) => new Date(T0.getTime() + n * 3_600_000);
      expect(await updates.firstDelivery(5, T0)).toBe(true);
      expect(await updates.firstDelivery(5, hours(1))).toBe(false);
      expect(await updates.firstDelivery(5, hours(23))).toBe(false);
      expect(await updates.firstDelivery(5, hours(25))).toBe(true);
    });

    it('knows its own taking again: the same taker is told the id is its, any other taker that it is a repeat', async () => {
      const { updates } = await open();
      expect(await updates.firstDelivery(8, T0, 'request-a')).toBe(true);
      expect(await updates.firstDelivery(8, T0, 'request-a')).toBe(true);
      expect(await updates.firstDelivery(8, T0, 'request-b')).toBe(false);
      expect(await updates.firstDelivery(8, T0)).toBe(false);
    });

    it('answers a ping', async () => {
      const store = await open();
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
});

describe('SQLite file from an older version', () => {
  it('sends an alert queued before digests existed in a digest, after the migration', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-migrate-'));
    try {
      const file = path.join(dir, 'newsbot.db');
      // The database as the version before digests left it: one follower, one alert waiting.
      const old = openDatabase(file, SQLITE_MIGRATIONS.slice(0, -1));
      old.prepare(`INSERT INTO subscribers (chat_id, language, created_at) VALUES (7, 'zh', ?)`).run(T0.toISOString());
      old.prepare(
        `INSERT INTO deliveries (chat_id, kind, item_key, status, detail, created_at, updated_at) VALUES (7, 'alert', 'a1', 'pending', '雪', ?, ?)`,
      ).run(T0.toISOString(), T0.toISOString());
      old.close();
      const store = openSqliteStore(file, { limits: LIMITS, now: () => T0 });
      try {
        expect(await store.subscribers.getSubscriber(7)).toMatchObject({ alertMode: 'instant', quiet: null, threadId: null });
        expect(await store.subscribers.formDigest(7, 'k', minutes(1), minutes(1))).toBe(1);
        expect(await store.subscribers.digestItems(7, 'k')).toEqual([{ articleId: 'a1', keyword: '雪' }]);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite file from before search pages were kept', () => {
  it('reads an old search reply without a page, and keeps pages from then on', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-migrate-'));
    try {
      const file = path.join(dir, 'newsbot.db');
      const old = openDatabase(file, SQLITE_MIGRATIONS.slice(0, -1));
      old.prepare('INSERT INTO search_replies (chat_id, message_id, answer_id, results_id, created_at) VALUES (7, 100, NULL, 101, ?)').run(T0.toISOString());
      old.close();
      const store = openSqliteStore(file, { limits: LIMITS, now: () => T0 });
      try {
        expect(await store.queries.searchReply(7, 100)).toEqual({ answerMessageId: null, resultsMessageId: 101 });
        expect(await store.queries.latestPage(7)).toBeUndefined();
        await store.queries.rememberSearchReply(7, 200, { answerMessageId: null, resultsMessageId: 201, shown: { queryId: 'q', page: 1, sort: 'relevance' } }, minutes(1));
        expect(await store.queries.latestPage(7)).toEqual({ queryId: 'q', page: 1, sort: 'relevance' });
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(postgresUrl === null)('PostgreSQL shared by several instances', () => {
  it('sends an alert queued before digests existed in a digest, after the migration', async () => {
    const db = await createTestDatabase();
    databases.push(db);
    // The database as the version before digests left it: one follower, one alert waiting.
    const old = await openPool(db.url, { migrations: PG_MIGRATIONS.slice(0, -1) });
    await old.query(`INSERT INTO subscribers (chat_id, language, created_at) VALUES (7, 'zh', $1)`, [T0.toISOString()]);
    await old.query(
      `INSERT INTO deliveries (chat_id, kind, item_key, status, detail, created_at, updated_at) VALUES (7, 'alert', 'a1', 'pending', '雪', $1, $1)`,
      [T0.toISOString()],
    );
    await old.end();
    const store = await openPostgresStore(db.url, { limits: LIMITS, now: () => T0 });
    opened.push(store);
    expect(await store.subscribers.getSubscriber(7)).toMatchObject({ alertMode: 'instant', quiet: null, threadId: null });
    expect(await store.subscribers.formDigest(7, 'k', minutes(1), minutes(1))).toBe(1);
    expect(await store.subscribers.digestItems(7, 'k')).toEqual([{ articleId: 'a1', keyword: '雪' }]);
  });

  it('migrates once when two instances start at the same moment', async () => {
    const db = await createTestDatabase();
    databases.push(db);
    const [a, b] = await Promise.all([openPostgresStore(db.url), openPostgresStore(db.url)]);
    opened.push(a, b);
    await a.pages.savePage(page('h1', [article('a1', '甲', null)]), T0);
    expect((await b.pages.allArticles()).map((x) => x.id)).toEqual(['a1']);
  });

  it('gives a delivery claimed by many instances at once to exactly one', async () => {
    const db = await createTestDatabase();
    databases.push(db);
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(db.url, { limits: DEFAULT_DELIVERY_LIMITS })));
    opened.push(...stores);
    await stores[0]!.subscribers.subscribe(7, '08:00', 'zh', T0);
    const key = { chatId: 7, kind: 'hotline' as const, itemKey: '2025-02-20' };
    const claims = await Promise.all(
      Array.from({ length: 30 }, (_, i) => stores[i % 3]!.subscribers.claim(key, `owner${i}`, minutes(1))),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('takes an update id delivered to two instances at once only on one', async () => {
    const db = await createTestDatabase();
    databases.push(db);
    const [a, b] = await Promise.all([openPostgresStore(db.url), openPostgresStore(db.url)]);
    opened.push(a, b);
    const firsts = await Promise.all([a.updates.firstDelivery(99, T0), b.updates.firstDelivery(99, T0)]);
    expect(firsts.sort()).toEqual([false, true]);
  });

  it('names the setting, never its value, when the server cannot be reached', async () => {
    const failure = openPostgresStore('postgres://newsbot:hunter2@127.0.0.1:1/none');
    await expect(failure).rejects.toThrow(/^DATABASE_URL: /);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });

  it('shares one send budget between instances', async () => {
    const db = await createTestDatabase();
    databases.push(db);
    const [a, b] = await Promise.all([openPostgresStore(db.url), openPostgresStore(db.url)]);
    opened.push(a, b);
    const now = T0.getTime();
    const waits = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).subscribers.reserveSendSlot(now, 40, 5)));
    expect(waits.sort((x, y) => x - y)).toEqual([-160, -120, -80, -40, 0, 40, 80, 120, 160, 200]);
  });

  it('keeps a replica file: a restart copies only what is new, and a replaced database is copied afresh', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-replica-'));
    const replicaFile = path.join(dir, 'replica.db');
    const db = await createTestDatabase();
    databases.push(db);
    const first = await openPostgresStore(db.url, { replicaFile });
    await first.pages.savePage(page('h1', [article('a1', '甲', null), article('a2', '乙', null)]), T0);
    expect(await first.syncFeed()).toBe(2);
    await first.pages.savePage(page('h2', [article('a3', '丙', null)]), T0);
    await first.close();
    const again = await openPostgresStore(db.url, { replicaFile });
    expect(await again.syncFeed()).toBe(1);
    expect(again.feed.articlesAfter(0, 10).map((a) => a.article.id)).toEqual(['a1', 'a2', 'a3']);
    await again.close();

    const other = await createTestDatabase();
    databases.push(other);
    const replaced = await openPostgresStore(other.url, { replicaFile });
    await replaced.pages.savePage(page('h9', [article('b1', '丁', null)]), T0);
    expect(await replaced.syncFeed()).toBe(1);
    expect(replaced.feed.articlesAfter(0, 10).map((a) => a.article.id)).toEqual(['b1']);
    await replaced.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
