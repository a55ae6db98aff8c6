/**
 * Search by time: spans of editions and newest-first order, on the real index.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createSilentLogger } from '../../src/logger.js';
import { createTokenizer, openSearch, sourceFromArticles } from '../../src/search/index.js';
import type { Article, Edition } from '../../src/types.js';

const tokenizer = createTokenizer();

function article(id: string, title: string, body: string, edition: Edition): Article {
  return { id, kind: 'article', title, kicker: null, subtitle: null, reporters: [], date: null, source: `${id}.txt`, body, edition };
}
const printed = (date: string, page: string | null = null): Edition => ({ date, page, estimated: false });

// "heating-title" has 供暖 in its headline and wins by relevance; by edition it is the oldest.
const SET: readonly Article[] = [
  article('heating-title', '供暖保障全面启动', '全市供暖管网完成检修，供暖季如期开始。', printed('2025-01-10', '1')),
  article('heating-feb', '城北区走访居民', '工作人员走访居民，了解供暖情况。', printed('2025-02-20', '3')),
  article('heating-estimated', '社区服务站开放', '服务站提供供暖报修。', { date: '2025-02-25', page: null, estimated: true }),
  article('heating-undated', '物业答疑', '物业人员解答供暖问题。', { date: null, page: null, estimated: false }),
  article('school', '护学岗上线', '全市学校护学岗将准时上线。', printed('2025-02-21', '2')),
];
const open = (dir: string | null = null, source = sourceFromArticles(SET)) =>
  openSearch({ source, dir, logger: createSilentLogger(), tokenizer });
const ids = (result: { results: readonly { id: string }[] }) => result.results.map((hit) => hit.id);

describe('search by edition', () => {
  const search = open();

  it('ranks by relevance by default and carries each hit’s edition', async () => {
    const result = await search.search('供暖');
    expect(ids(result)[0]).toBe('heating-title');
    expect(result.results[0]!.edition).toEqual({ date: '2025-01-10', page: '1', estimated: false });
    expect([result.total, result.span, result.sort]).toEqual([4, null, 'relevance']);
  });

  it('lists newest edition first, undated last', async () => {
    expect(ids(await search.search('供暖', { sort: 'newest' }))).toEqual(['heating-estimated', 'heating-feb', 'heating-title', 'heating-undated']);
  });

  it('keeps only editions within --since/--until, undated ones left out', async () => {
    const result = await search.search('供暖', { since: '2025-02-01', until: '2025-02-24' });
    expect(ids(result)).toEqual(['heating-feb']);
    expect([result.total, result.span]).toEqual([1, { since: '2025-02-01', until: '2025-02-24' }]);
    expect(ids(await search.search('供暖', { since: '2025-02-21', sort: 'newest' }))).toEqual(['heating-estimated']);
    expect(ids(await search.search('供暖', { until: '2025-01-31' }))).toEqual(['heating-title']);
  });

  it('reads a trailing time off the query when given today', async () => {
    const result = await search.search('供暖 2025年2月', { today: '2025-03-05', sort: 'newest' });
    expect(ids(result)).toEqual(['heating-estimated', 'heating-feb']);
    expect(result.span).toEqual({ since: '2025-02-01', until: '2025-02-28' });
    expect(result.query).toBe('供暖 2025年2月');
    // Without today the time is words: 2025年2月 is looked for as text, and nothing holds it.
    expect((await search.search('供暖 2025年2月')).total).toBe(0);
  });

  it('takes the narrower of the flags and the trailing time', async () => {
    const result = await search.search('供暖 2025年2月', { today: '2025-03-05', since: '2025-02-22' });
    expect(ids(result)).toEqual(['heating-estimated']);
    expect(result.span).toEqual({ since: '2025-02-22', until: '2025-02-28' });
  });

  it('lists a time alone, newest first, with its total', async () => {
    const result = await search.search('2025年2月', { today: '2025-03-05' });
    expect(ids(result)).toEqual(['heating-estimated', 'school', 'heating-feb']);
    expect([result.total, result.sort]).toEqual([3, 'newest']);
    expect(ids(await search.search('近7天', { today: '2025-02-26', limit: 1, offset: 1 }))).toEqual(['school']);
  });

  it('finds nothing in a span without editions', async () => {
    expect(await search.search('供暖 2024年', { today: '2025-03-05' })).toEqual({
      query: '供暖 2024年',
      words: '供暖',
      total: 0,
      results: [],
      span: { since: '2024-01-01', until: '2024-12-31' },
      sort: 'relevance',
      nearest: false,
    });
  });

  it('filters the same after a save and a load of the index', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-edition-'));
    try {
      const indexDir = path.join(dir, 'search-index');
      open(indexDir);
      const loaded = open(indexDir);
      expect(ids(await loaded.search('供暖', { since: '2025-02-01', sort: 'newest' }))).toEqual(['heating-estimated', 'heating-feb']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('filters articles added after the build', async () => {
    const source = sourceFromArticles(SET);
    const grown = open(null, source);
    source.push([article('heating-new', '供暖投诉下降', '今年供暖投诉明显下降。', printed('2025-03-01', '5'))]);
    expect(ids(await grown.search('供暖 2025年3月', { today: '2025-03-05' }))).toEqual(['heating-new']);
  });

  it('reads no edition days for a search by relevance, also one run with another name (a first search pays no read of every day)', async () => {
    const cars = [
      article('cars-paper', '网络预约出租汽车新规', '网络预约出租汽车平台须公示计价规则。', printed('2025-01-10', '1')),
      article('cars-reader', '网约车司机座谈', '网约车司机反映接单难。', printed('2025-02-20', '3')),
    ];
    const source = sourceFromArticles(cars);
    const reads = vi.spyOn(source, 'editionDays');
    const search = open(null, source);
    // 网约车 is also searched as 网络预约出租汽车 (synonyms.txt): two variants, ranked together.
    const result = await search.search('网约车');
    expect([...ids(result)].sort()).toEqual(['cars-paper', 'cars-reader']);
    expect(reads).not.toHaveBeenCalled();
    expect(ids(await search.search('网约车', { sort: 'newest' }))).toEqual(['cars-reader', 'cars-paper']);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('reads the stored days once, then adds those of each article a search indexes; a refresh after dating reads them again', async () => {
    const source = sourceFromArticles(SET);
    const reads = vi.spyOn(source, 'editionDays');
    const grown = open(null, source);
    expect(ids(await grown.search('供暖', { since: '2025-02-21' }))).toEqual(['heating-estimated']);
    source.push([article('heating-new', '供暖投诉下降', '今年供暖投诉明显下降。', printed('2025-03-01', '5'))]);
    source.push([article('heating-old', '供暖旧闻', '供暖旧闻。', printed('2024-12-01', '2'))]);
    expect(ids(await grown.search('供暖', { since: '2025-02-21', sort: 'newest' }))).toEqual(['heating-new', 'heating-estimated']);
    expect(ids(await grown.search('供暖', { until: '2024-12-31' }))).toEqual(['heating-old']);
    expect(reads).toHaveBeenCalledTimes(1);

    await grown.refresh();
    expect(reads).toHaveBeenCalledTimes(1);
    await grown.refresh(Infinity, { datesChanged: true });
    expect(ids(await grown.search('供暖', { until: '2024-12-31' }))).toEqual(['heating-old']);
    expect(reads).toHaveBeenCalledTimes(2);
  });
});
