import { describe, expect, it } from 'vitest';
import { makeCorpus, makeQueries } from '../../bench/synthetic.js';
import { readCorpus } from '../../src/corpus/index.js';
import { createSilentLogger } from '../../src/logger.js';
import { SEEDS_DIR } from '../../src/paths.js';
import { openSearch, sourceFromArticles } from '../../src/search/index.js';
import type { SearchResult } from '../../src/types.js';

/**
 * The engine keeps, per word, how many articles hold it and which hold it
 * only inside other words (engine.ts memo, match.ts MatchContext.inside),
 * for the next queries and a query's variants: a query must answer the same
 * whatever was asked before it. The bench's query mix is asked in opposite
 * orders on two indexes of the same synthetic archive (so each query meets
 * other words already kept), questions (`nearest`, with readers' variants)
 * as well as plain searches, and compared query by query.
 */
const seeds = readCorpus([SEEDS_DIR]).pages.flatMap((page) => page.items);
const articles = makeCorpus(seeds, 3000);
const queries = makeQueries(seeds, 120);
const open = () => openSearch({ source: sourceFromArticles(articles), dir: null, logger: createSilentLogger(), tuning: { chunk: 700 } });

describe('words kept between queries', () => {
  it.each([
    ['searches', false],
    ['questions', true],
  ] as const)('%s answer the same whichever queries came before', async (_name, nearest) => {
    const ask = async (order: readonly string[]) => {
      const search = open();
      const answers = new Map<string, SearchResult>();
      for (const query of order) answers.set(query, await search.search(query, { limit: 10, nearest }));
      search.close();
      return answers;
    };
    const forward = await ask(queries);
    const backward = await ask([...queries].reverse());
    let found = 0;
    for (const query of queries) {
      expect(backward.get(query), query).toEqual(forward.get(query));
      found += forward.get(query)!.total > 0 ? 1 : 0;
    }
    expect(found).toBeGreaterThan(queries.length * 0.6);
  });
});
