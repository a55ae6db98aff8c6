/**
 * The reader app's data API over the seed pages: the same store and search as
 * the chat, answers as the page reads them, one-line errors for bad requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { SEEDS_DIR } from '../../src/paths.js';
import type { App } from '../../src/services.js';
import { createReaderApi, type ReaderApi } from '../../src/webapp/index.js';
import type { ArticleView, EditionView, SearchView, SettingsView } from '../../src/webapp/apiTypes.js';
import { readHotTopics } from '../../src/trend/index.js';

const READER = { id: 77, firstName: '读者', languageCode: 'zh-hans' };
// 2025-11-20 08:00 in Xining: the seeds' estimated editions are decided from this day.
const clock = { now: () => new Date('2025-11-20T00:00:00Z') };

let app: App;
let api: ReaderApi;
beforeAll(async () => {
  app = await openApp({ config: loadConfig({ DATA_DIR: '/nonexistent', LOG_LEVEL: 'silent' }), logger: createSilentLogger(), corpus: [SEEDS_DIR], clock });
  api = createReaderApi({
    articles: app.store.articles,
    search: await app.search(),
    subscribers: app.store.subscribers,
    clock,
    timeZone: 'Asia/Shanghai',
    pushTime: '08:00',
    hotTopics: readHotTopics(),
    botUsername: () => 'news_bot',
  });
  // The seeds are parsed and indexed first: seconds on a loaded machine.
}, 120_000);
afterAll(() => app.close());

const get = (path: string, query: Record<string, string> = {}) => api.answer({ method: 'GET', path, query: new URLSearchParams(query), body: undefined, reader: READER });
const post = (path: string, body: unknown) => api.answer({ method: 'POST', path, query: new URLSearchParams(), body, reader: READER });
const json = async <T>(answer: Promise<Awaited<ReturnType<ReaderApi['answer']>>>): Promise<T> => {
  const done = await answer;
  if (done.status !== 200) throw new Error(`${done.status}: ${done.error}`);
  return done.json as T;
};

describe('editions', () => {
  it('lists the days that have an edition, newest first', async () => {
    expect(await json(get('editions'))).toEqual({ dates: ['2025-11-17', '2025-10-16', '2025-05-01', '2025-02-21', '2023-12-11'] });
  });

  it('gives the newest edition by default, with the one before it and none after', async () => {
    const edition = await json<EditionView>(get('edition'));
    expect([edition.date, edition.previous, edition.next, edition.estimated]).toEqual(['2025-11-17', '2025-10-16', null, true]);
  });

  it('gives a day its items page by page, each with its kicker, subtitle and first line', async () => {
    const edition = await json<EditionView>(get('edition', { date: '2025-02-21' }));
    expect([edition.previous, edition.next]).toEqual(['2023-12-11', '2025-05-01']);
    // The seed pages print no page number: one page, "unknown".
    expect(edition.pages.map((page) => [page.page, page.items.length])).toEqual([[null, 6]]);
    expect(edition.pages[0]!.items[0]).toEqual({
      id: '2d03a38e9ab0',
      kind: 'article',
      title: '深化青港合作 共谱发展新篇',
      kicker: '第二届青海香港招商引资推介会在香港举行',
      subtitle: '梁振英出席并讲话 罗东川出席并作主旨演讲',
      lead: '2月21日,第二届青海—香港招商引资推介会暨青海家宴·香港美心传媒发布会在香港举行,旨在进一步深化青港两地合作,开拓新领…',
    });
    expect(edition.pages[0]!.items.map((item) => item.kind)).toContain('hotline');
  });

  it.each([
    [{ date: '2025-02-22' }, 404, 'no edition on 2025-02-22'],
    [{ date: '2025-2-21' }, 400, 'date must be a day as YYYY-MM-DD, got "2025-2-21"'],
    [{ date: '2025-02-30' }, 400, 'date must be a day as YYYY-MM-DD, got "2025-02-30"'],
  ])('answers %j with %i: %s', async (query, status, error) => {
    expect(await get('edition', query)).toEqual({ status, error });
  });
});

describe('an article', () => {
  it('comes whole, with its citation data, the search words marked in title and text, related articles and a share link', async () => {
    const article = await json<ArticleView>(get('article', { id: 'aba5ffa08aed', q: '护学岗 2025年2月' }));
    expect(article.title).toEqual([
      { text: '全市293所学校公安“', mark: false },
      { text: '护学岗', mark: true },
      { text: '”将准时上线', mark: false },
    ]);
    expect(article.edition).toEqual({ date: '2025-02-21', page: null, estimated: true });
    expect(article.reporters).toEqual(['宁亚琴']);
    expect(article.paragraphs[0]).toEqual([
      { text: '站好“', mark: false },
      { text: '护学岗', mark: true },
      { text: '”,撑起“平安伞”。2025年春季新学期即将开学,西宁公安倾力护航,全市293所学校公安“', mark: false },
      { text: '护学岗', mark: true },
      { text: '”将准时上线,有效维护校园及周边秩序,全力以赴确保学子们平安出行。', mark: false },
    ]);
    // Every mark is the word itself: the other name (护校岗) the article does not use marks nothing (not 护校 of 维护校园).
    const marked = article.paragraphs.flat().filter((part) => part.mark).map((part) => part.text);
    expect(new Set(marked)).toEqual(new Set(['护学岗']));
    expect(article.paragraphs.map((parts) => parts.map((part) => part.text).join('')).join('\n')).toBe((await app.store.articles.getArticle('aba5ffa08aed'))!.body.split('\n').filter((line) => line.trim()).join('\n'));
    expect(article.shareUrl).toBe('https://t.me/news_bot?startapp=a_aba5ffa08aed');
    expect(article.related.length).toBeGreaterThan(0);
  });

  it('marks nothing without a query', async () => {
    const article = await json<ArticleView>(get('article', { id: 'aba5ffa08aed' }));
    expect(article.paragraphs.flat().some((part) => part.mark)).toBe(false);
  });

  it.each([
    [{ id: 'ffffffffffff' }, 404, 'no article ffffffffffff'],
    [{ id: '<script>' }, 400, 'id must be an article id (hex), got "<script>"'],
    [{}, 400, 'id must be an article id (hex), got ""'],
  ])('answers %j with %i: %s', async (query, status, error) => {
    expect(await get('article', query)).toEqual({ status, error });
  });
});

describe('search', () => {
  it('searches as the chat does: a trailing time limits the editions, the words come back for marking', async () => {
    const page = await json<SearchView>(get('search', { q: '护学岗 2025年2月' }));
    expect({ ...page, results: page.results.map((hit) => hit.id) }).toEqual({
      query: '护学岗 2025年2月',
      words: '护学岗',
      total: 1,
      offset: 0,
      span: { since: '2025-02-01', until: '2025-02-28' },
      sort: 'relevance',
      results: ['aba5ffa08aed'],
    });
    expect(page.results[0]!.snippet.filter((part) => part.mark).map((part) => part.text)).toEqual(['护学岗', '护学岗']);
  });

  it('pages from an offset, newest first when asked', async () => {
    const first = await json<SearchView>(get('search', { q: '西宁', sort: 'newest' }));
    expect([first.total, first.results.length, first.sort]).toEqual([20, 20, 'newest']);
    const dates = first.results.map((hit) => hit.edition.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    const later = await json<SearchView>(get('search', { q: '西宁', sort: 'newest', offset: '15' }));
    expect(later.results.map((hit) => hit.id)).toEqual(first.results.slice(15).map((hit) => hit.id));
    expect((await json<SearchView>(get('search', { q: '西宁', offset: '20' }))).results).toEqual([]);
  });

  it.each([
    [{ q: '西宁', sort: 'best' }, 'sort must be relevance or newest, got "best"'],
    [{ q: '西宁', offset: '-5' }, 'offset must be a whole number from 0 to 1000, got "-5"'],
    [{ q: '西宁', offset: '1001' }, 'offset must be a whole number from 0 to 1000, got "1001"'],
  ])('answers %j with 400: %s', async (query, error) => {
    expect(await get('search', query)).toEqual({ status: 400, error });
  });
});

describe('the hotline', () => {
  it('gives the series up to the newest report and that report whole, with the one before and the safety report', async () => {
    const answer = await json<{ from: string; to: string; days: { date: string; calls: number | null }[]; report: { hotline: { date: string; calls: number }; previous: { date: string } | null } }>(get('hotline', { days: '365' }));
    expect([answer.from, answer.to]).toEqual(['2024-10-16', '2025-10-15']);
    expect(answer.days.map((day) => [day.date, day.calls])).toEqual([
      ['2025-02-20', 992],
      ['2025-10-15', 1215],
    ]);
    expect([answer.report.hotline.date, answer.report.hotline.calls, answer.report.previous?.date]).toEqual(['2025-10-15', 1215, '2025-02-20']);
  });

  it("gives a day's report, and says which day has none", async () => {
    expect(await json(get('report', { date: '2025-02-20' }))).toMatchObject({ hotline: { date: '2025-02-20', calls: 992 }, previous: null });
    expect(await get('report', { date: '2025-02-21' })).toEqual({ status: 404, error: 'no hotline report for 2025-02-21' });
    expect(await get('hotline', { days: '0' })).toEqual({ status: 400, error: 'days must be a whole number from 1 to 365, got "0"' });
  });
});

describe('settings', () => {
  it('subscribe, move to weekly, follow and unfollow: each answer is the settings as /settings would show them', async () => {
    expect(await json<SettingsView>(get('settings'))).toEqual({
      subscribed: false,
      time: null,
      weekday: null,
      keywords: [],
      defaultTime: '08:00',
      maxKeywords: 20,
      keywordMaxLength: 20,
    });
    expect(await json(post('settings', { action: 'subscribe', time: '7:30', weekday: null }))).toMatchObject({ subscribed: true, time: '07:30', weekday: null });
    expect(await json(post('settings', { action: 'subscribe', time: '21:00', weekday: 3 }))).toMatchObject({ subscribed: true, time: '21:00', weekday: 3 });
    expect(await json(post('settings', { action: 'follow', word: '　物业 ' }))).toMatchObject({ keywords: ['物业'] });
    expect(await json(post('settings', { action: 'follow', word: 'PVC' }))).toMatchObject({ keywords: ['物业', 'pvc'] });
    expect(await json(post('settings', { action: 'unfollow', word: '物业' }))).toMatchObject({ keywords: ['pvc'] });
    expect(await json(post('settings', { action: 'unsubscribe' }))).toMatchObject({ subscribed: false, time: null, keywords: ['pvc'] });
    // The chat's store holds the same: the reader's private chat is their user id.
    expect(await app.store.subscribers.follows(77)).toEqual(['pvc']);
    expect((await app.store.subscribers.getSubscriber(77))?.active).toBe(false);
  });

  it.each([
    [{ action: 'subscribe', time: '25:00', weekday: null }, 'time must be HH:MM, got "25:00"'],
    [{ action: 'subscribe', time: '08:00', weekday: 8 }, 'weekday must be 1 (Monday) to 7 (Sunday), or null for daily'],
    [{ action: 'follow', word: '物业 供暖' }, 'word must be one word or short phrase without spaces or commas'],
    [{ action: 'follow', word: '一二三四五六七八九十一二三四五六七八九十一' }, 'a followed word has at most 20 characters'],
    [{ action: 'delete everything' }, 'action must be subscribe, unsubscribe, follow or unfollow'],
    [null, 'action must be subscribe, unsubscribe, follow or unfollow'],
  ])('refuses %j with 400: %s', async (body, error) => {
    expect(await post('settings', body)).toEqual({ status: 400, error });
  });

  it('says which method a route takes and which routes exist', async () => {
    expect(await post('edition', {})).toEqual({ status: 405, error: 'POST is not allowed on edition' });
    expect(await get('nothing')).toEqual({ status: 404, error: 'no such API: nothing' });
  });
});
