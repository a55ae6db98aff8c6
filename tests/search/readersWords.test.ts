import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/logger.js';
import { openSearch, sourceFromArticles } from '../../src/search/index.js';
import { article } from './fixtures/articles.js';

/**
 * Readers' words the paper does not print are swapped for the paper's
 * (vocabulary.txt) only as the reader typed them: a word of one piece, not
 * one jieba cuts out of two (服务 小组 folds to 服务小组, a word of its own).
 */

const ARTICLES = [
  article('000000000c01', '学习', '学习小组每周开会，交流读书心得。'),
  article('000000000c02', '社区', '社区服务热情周到，居民满意。'),
  article('000000000c03', '天气', '明天多云转晴，气温回升。'),
];

describe("readers' words", () => {
  const search = openSearch({ source: sourceFromArticles(ARTICLES), dir: null, logger: createSilentLogger() });

  it('are not cut across the pieces a reader typed apart', async () => {
    // No article holds both words: each holds one, a nearest match (服务小组's stand-in 小组 does not make 学习小组 whole).
    const found = await search.search('服务 小组', { limit: 10 });
    expect([found.total, found.nearest, found.results.map((hit) => hit.id).sort()]).toEqual([2, true, ['000000000c01', '000000000c02']]);
  });
});
