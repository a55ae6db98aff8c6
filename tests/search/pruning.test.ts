import { describe, expect, it } from 'vitest';
import { makeCorpus, makeQueries } from '../../bench/synthetic.js';
import { readCorpus } from '../../src/corpus/index.js';
import { createSilentLogger } from '../../src/logger.js';
import { SEEDS_DIR } from '../../src/paths.js';
import { openSearch, sourceFromArticles } from '../../src/search/index.js';
import type { SearchOptions } from '../../src/types.js';
import { article } from './fixtures/articles.js';

/**
 * Pruning scores only the matches that can reach the page shown (rank.ts),
 * and marks only the holders of a word every match must hold (match.ts
 * narrowed): its results must be those of marking and scoring every match. Compared here over a
 * synthetic archive (recombined seed sentences, so that words are shared by
 * thousands of articles) split into several segments, for the bench's query
 * mix, best first and newest first, with offsets and edition spans, the
 * queries asked one after another on one index as a bot asks them.
 */
const seeds = readCorpus([SEEDS_DIR]).pages.flatMap((page) => page.items);
const articles = makeCorpus(seeds, 3000);
const queries = makeQueries(seeds, 160);
const open = (prune: boolean) =>
  openSearch({ source: sourceFromArticles(articles), dir: null, logger: createSilentLogger(), tuning: { prune, chunk: 700 } });

describe('pruned ranking gives the results of scoring every match', () => {
  const pruned = open(true);
  const exhaustive = open(false);
  const cases: [string, SearchOptions][] = [
    ['best first', { limit: 10 }],
    ['best first, second page', { limit: 10, offset: 10 }],
    ['newest first, offset 5', { limit: 10, offset: 5, sort: 'newest' }],
    ['best first in a spring span', { limit: 5, since: '2025-03-01', until: '2025-05-31' }],
    ['one result', { limit: 1 }],
  ];

  it.each(cases)('%s: ids, scores and totals equal', async (_name, options) => {
    let found = 0;
    for (const query of queries) {
      const expected = await exhaustive.search(query, options);
      expect(await pruned.search(query, options), query).toEqual(expected);
      found += expected.total > 0 ? 1 : 0;
    }
    // The mix finds something for most queries: the comparison is not between empty lists.
    expect(found).toBeGreaterThan(queries.length * 0.6);
  });
});

describe('pruned ranking with many articles of one score', () => {
  // 40 articles alike in all the query finds (the same headline, a body without the words), among others: 40 equal
  // scores straddle the page shown. Best first, they come in corpus order: the pruned walk, which passes over an article
  // that only equals the worst kept score (it would lose the tie), must keep the same ones as scoring every match.
  // Typed as one stretch (a run) and as two words (no run: bounds compared without a margin).
  const alike = Array.from({ length: 40 }, (_, i) => article(`alike-${String(i).padStart(2, '0')}`, '冰雪运动进校园', `第${i}段：同学们在操场上练习滑冰。`));
  const others = makeCorpus(seeds, 400).map((other, i) => (i % 3 === 0 ? { ...other, title: `${other.title}冰雪` } : other));
  const corpus = [...others.slice(0, 200), ...alike, ...others.slice(200)];
  const openOn = (prune: boolean) =>
    openSearch({ source: sourceFromArticles(corpus), dir: null, logger: createSilentLogger(), tuning: { prune, chunk: 150 } });

  it('keeps the first of them in corpus order, as scoring every match does', async () => {
    const pruned = openOn(true);
    const exhaustive = openOn(false);
    for (const query of ['冰雪运动', '冰雪 运动']) {
      for (const options of [{ limit: 10 }, { limit: 10, offset: 10 }, { limit: 3 }]) {
        const expected = await exhaustive.search(query, options);
        expect(await pruned.search(query, options), query).toEqual(expected);
      }
    }
    const second = await pruned.search('冰雪运动', { limit: 10, offset: 10 });
    expect(second.results.map((hit) => hit.id)).toEqual(alike.slice(10, 20).map((one) => one.id));
    expect(new Set(second.results.map((hit) => hit.score)).size).toBe(1);
  });
});
