import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/logger.js';
import { openSearch, sourceFromArticles } from '../../src/search/index.js';
import type { QueryWord } from '../../src/search/query.js';
import { createRuns } from '../../src/search/runs.js';
import { createScratch } from '../../src/search/scratch.js';
import { DEFAULT_TUNING } from '../../src/search/tuning.js';
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

describe('settling runs', () => {
  // Two runs of three characters; articles 1-6 hold some query word, 7 holds none.
  const words: QueryWord[] = [
    { text: '盐湖', kind: 'han', piece: 0, whole: false },
    { text: '提', kind: 'han', piece: 0, whole: false },
    { text: '技术', kind: 'han', piece: 0, whole: false },
    { text: '员', kind: 'han', piece: 0, whole: false },
  ];
  const holdersOf: Record<string, number[]> = { 盐湖提: [1, 2, 3, 7], 技术员: [2, 3, 4, 6] };
  /** Which articles truly hold each run, and every question asked. */
  const holdsRun: Record<string, number[]> = { 盐湖提: [2, 3], 技术员: [3, 6] };
  const setUp = () => {
    const scratch = createScratch();
    scratch.fit(8);
    for (const n of [1, 2, 3, 4, 5, 6]) scratch.masks[n] = 1;
    const asked: [string, number[]][] = [];
    const runs = createRuns(
      ['盐湖提', '技术员'],
      words,
      [1, 1, 1, 1],
      scratch,
      DEFAULT_TUNING,
      (text) => Uint32Array.from(holdersOf[text]!),
      (ns, text) => {
        asked.push([text, Array.from(ns)]);
        return Array.from(ns).filter((n) => holdsRun[text]!.includes(n));
      },
    );
    return { scratch, runs, asked };
  };

  it('asks about each picked article once per run it may hold, and picks each once', () => {
    const { runs, asked } = setUp();
    // Article 7 holds no query word: no run is pending for it.
    expect([1, 2, 3, 4, 6, 7].map((n) => runs.isPending(n))).toEqual([true, true, true, true, true, false]);
    const offered: number[] = [];
    runs.resolveWhere((n) => {
      offered.push(n);
      return n !== 4;
    });
    expect(offered.sort()).toEqual([1, 2, 3, 4, 6]);
    expect(asked).toEqual([
      ['盐湖提', [1, 2, 3]],
      ['技术员', [2, 3, 6]],
    ]);
    expect([1, 2, 3, 4, 6].map((n) => runs.isPending(n))).toEqual([false, false, false, true, false]);
    expect([1, 2, 3, 6].map((n) => runs.runBits(n))).toEqual([0, 0b01, 0b11, 0b10]);
  });

  it('asks about pending articles only, once each, however often they are named', () => {
    const { runs, asked } = setUp();
    runs.resolve([6, 3, 6, 5, 3]);
    expect(asked).toEqual([
      ['盐湖提', [3]],
      ['技术员', [3, 6]],
    ]);
    runs.resolve([3, 6]);
    expect(asked).toHaveLength(2);
  });
});
