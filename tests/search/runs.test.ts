import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/logger.js';
import { openSearch, sourceFromArticles } from '../../src/search/index.js';
import { article } from './fixtures/articles.js';

/**
 * A typed run (盐湖提锂, cut by jieba into 盐湖 and 提锂) adds its bonus only to
 * the articles holding it whole. An article holding all its bigrams apart
 * (湖提 inside 西湖提出) may hold it until its positions are read: ranking
 * counts it as holding the run to bound it, and must then score it without.
 */

const ARTICLES = [
  article('000000000a01', '项目开工', '盐湖提锂项目开工，工人们忙着搬运设备。'),
  // Both bigram-holders of the run apart, and 湖提 in 西湖提出: it may hold the run until asked.
  article('000000000a02', '工人访谈', '盐湖的工人说，提锂要靠技术。西湖提出了建议。'),
  // The same words and lengths without 湖提: it never may hold the run.
  article('000000000a03', '工人访谈', '盐湖的工人说，提锂要靠技术。西湖拿出了建议。'),
  article('000000000a04', '天气', '明天多云转晴，气温回升。'),
];

describe('typed runs', () => {
  it('add their bonus only where the run is held whole', async () => {
    const search = openSearch({ source: sourceFromArticles(ARTICLES), dir: null, logger: createSilentLogger() });
    const { total, results } = await search.search('盐湖提锂', { limit: 10 });
    expect(total).toBe(3);
    expect(results.map((hit) => hit.id)).toEqual(['000000000a01', '000000000a02', '000000000a03']);
    const score = (id: string) => results.find((hit) => hit.id === id)!.score;
    expect(score('000000000a01')).toBeGreaterThan(score('000000000a02'));
    expect(score('000000000a02')).toBe(score('000000000a03'));
  });

  it('are held by every article holding the quoted phrase they are in, without asking the positions again', async () => {
    const search = openSearch({ source: sourceFromArticles(ARTICLES), dir: null, logger: createSilentLogger() });
    const typed = await search.search('盐湖提锂', { limit: 10 });
    const quoted = await search.search('“盐湖提锂”', { limit: 10 });
    // Only the article holding the phrase, at the score its run gives it unquoted.
    expect(quoted.results.map((hit) => [hit.id, hit.score])).toEqual([['000000000a01', typed.results[0]!.score]]);
    expect(quoted.total).toBe(1);
  });
});
