import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/logger.js';
import { createTokenizer, openSearch } from '../../src/search/index.js';
import type { Article } from '../../src/types.js';
import { RANKING_SET } from './fixtures/articles.js';

const tokenizer = createTokenizer();
const logger = createSilentLogger();
const open = (articles: readonly Article[] = RANKING_SET, indexFile: string | null = null, fingerprint = 'f1') =>
  openSearch({ articles, fingerprint, indexFile, logger, tokenizer });
const ids = (query: string, search = open()) => search.search(query).results.map((hit) => hit.id);

describe('ranking', () => {
  const search = open();

  it.each([
    // The only article that holds the word.
    ['奥斯卡', ['movies']],
    ['护学岗', ['school']],
    // The question's content words: only "movies" has 今年, 发放 and 观影消费券 whole; "coupons"
    // (消费券 for shopping) holds less than half of the question's weight.
    ['西宁今年发放了多少观影消费券？', ['movies']],
    // Two typed words: "movies" has both; "coupons" (消费券, three times) and "cinema-mention"
    // (电影 once) have one each: fewer words allowed, after.
    ['消费券 电影', ['movies', 'coupons', 'cinema-mention']],
    // jieba cuts 网络主播 in the article as 网络/主/播; the bigrams find it. "network" (网络 only,
    // the commoner half of the word) is about something else and is not listed.
    ['网络主播', ['streamers']],
    ['網絡主播', ['streamers']],
    // Numbers are whole words: 1215 is in the hotline report only (not in 12345).
    ['1215', ['hotline']],
    ['12345', ['hotline']],
    ['１２３４５', ['hotline']],
    // Latin in any case or width.
    ['ktv', ['school']],
    ['ＫＴＶ', ['school']],
    ['Pflops', ['computing']],
    // Only "party-shops" has 党员示范店; "party-members" has 党员 and 示范 apart, not 示范店.
    ['党员示范店', ['party-shops']],
    // Quoted: only the article that has it as written.
    ['“党员示范店”', ['party-shops']],
    ['"码上减负"', ['hotline']],
  ])('%s', (query, expected) => {
    expect(ids(query, search)).toEqual(expected);
  });

  it.each(['股市', '足球世界杯', '西宁 股市', '城中区有足球世界杯吗？', '"示范店党员"', '的', ''])('finds nothing for %j', (query) => {
    expect(search.search(query)).toEqual({ query, total: 0, results: [], span: null, sort: 'relevance' });
  });

  it('puts a title match above a body match', () => {
    // 护学岗 is in the school article's title; a body-only mention scores less.
    const withMention = open([
      ...RANKING_SET,
      { ...RANKING_SET[2]!, id: 'mention', body: '开学第一天，民警在护学岗值守，城中区的文化生活越来越丰富。' },
    ]);
    expect(ids('护学岗', withMention)).toEqual(['school', 'mention']);
  });

  it('finds a one-character word inside other words, below the articles holding every typed word', () => {
    const withProperty = open([
      ...RANKING_SET,
      { ...RANKING_SET[2]!, id: 'property', title: '物业服务提质增效', body: '物业公司上门维修，物业费公开透明。' },
      { ...RANKING_SET[2]!, id: 'both', title: '小区开展安全检查', body: '物业公司在小区门口设立值守岗，提醒居民注意安全。' },
    ]);
    // "both" holds 物业 and 岗; "property" holds 物业 only (three times, in its headline too); "school"
    // holds 岗 only inside 护学岗, a jieba word of its own, so only the character's own list finds it.
    expect(ids('物业 岗', withProperty)).toEqual(['both', 'property', 'school']);
  });

  it('pages with limit and offset, total counting all', () => {
    const all = search.search('城中区');
    expect(all.total).toBe(2);
    expect(search.search('城中区', { limit: 1, offset: 1 }).results.map((hit) => hit.id)).toEqual([all.results[1]!.id]);
  });

  it('returns hits with the article fields and an escaped, highlighted snippet', () => {
    const { results } = search.search('ktv');
    expect(results[0]).toMatchObject({
      id: 'school',
      title: '全市293所学校公安“护学岗”将准时上线',
      date: '2025-02-21',
      source: 'fixture.txt',
      snippet: '对校园周边网吧、<b>KTV</b>等行业场所开展治安清查和消防安全检查。',
    });
  });
});

describe('matches (keyword alerts)', () => {
  const search = open();
  const byId = (id: string) => RANKING_SET.find((article) => article.id === id)!;

  it.each([
    ['网络主播', 'streamers', true],
    ['網絡主播', 'streamers', true],
    ['1215', 'hotline', true],
    ['1215', 'computing', false],
    ['足球', 'movies', false],
    ['“党员示范店”', 'party-members', false],
    ['党员示范店', 'party-shops', true],
  ])('%s on %s: %s', (keyword, id, expected) => {
    expect(search.matches(byId(id), keyword)).toBe(expected);
  });

  it('agrees with search on every fixture', () => {
    for (const query of ['网络主播', '消费券 电影', '党员示范店', 'ktv', '城中区', '岗', '影 券']) {
      const found = new Set(ids(query, search));
      for (const article of RANKING_SET) expect(search.matches(article, query)).toBe(found.has(article.id));
    }
  });
});

describe('persistence', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('saves, then loads the same index (same results) without rebuilding', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsbot-search-'));
    const file = path.join(dir, 'search-index.bin');
    const built = open(RANKING_SET, file);
    const loaded = open(RANKING_SET, file);
    for (const query of ['网络主播', '1215', '消费券 电影', 'ktv', '岗']) {
      expect(loaded.search(query)).toEqual(built.search(query));
    }
    expect(loaded.size).toBe(RANKING_SET.length);
  });

  it('adds ingested articles without a rebuild and keeps them in the saved file', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsbot-search-'));
    const file = path.join(dir, 'search-index.bin');
    const first = open(RANKING_SET.slice(0, 5), file, 'f1');
    expect(ids('ktv', first)).toEqual([]);
    first.add(RANKING_SET.slice(5));
    first.add(RANKING_SET.slice(5)); // the same articles again change nothing
    expect(first.size).toBe(RANKING_SET.length);
    expect(ids('ktv', first)).toEqual(['school']);

    // Next start: the store's fingerprint changed, the saved articles are all there: loaded, not rebuilt.
    const next = open(RANKING_SET, file, 'f2');
    expect(ids('ktv', next)).toEqual(['school']);
    expect(next.size).toBe(RANKING_SET.length);
  });

  it('rebuilds when the saved index holds an article the corpus lost', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsbot-search-'));
    const file = path.join(dir, 'search-index.bin');
    open(RANKING_SET, file, 'f1');
    const smaller = open(RANKING_SET.filter((article) => article.id !== 'school'), file, 'f2');
    expect(smaller.size).toBe(RANKING_SET.length - 1);
    expect(ids('ktv', smaller)).toEqual([]);
  });
});
