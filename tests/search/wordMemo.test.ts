import { describe, expect, it } from 'vitest';
import { makeCorpus, makeQueries } from '../../bench/synthetic.js';
import { readCorpus } from '../../src/corpus/index.js';
import { createSilentLogger } from '../../src/logger.js';
import { SEEDS_DIR } from '../../src/paths.js';
import { openSearch, sourceFromArticles } from '../../src/search/index.js';
import { bufferSource, openSegment } from '../../src/search/segment.js';
import { createSegmentBuilder } from '../../src/search/segmentBuild.js';
import { mergeSegments } from '../../src/search/segmentMerge.js';
import { createSegmentSet } from '../../src/search/segmentSet.js';
import { memorySink } from '../../src/search/segmentWrite.js';
import { createTokenizer } from '../../src/search/tokenize.js';
import { prepareDoc } from '../../src/search/documents.js';
import { createWordMemo, grewFrom } from '../../src/search/wordMemo.js';
import type { SearchResult } from '../../src/types.js';

/**
 * The engine keeps, per word, how many articles hold it and which hold it
 * only inside other words (wordMemo.ts, match.ts MatchContext.memo), for the
 * next queries and a query's variants: a query must answer the same
 * whatever was asked before it. The bench's query mix is asked in opposite
 * orders on two indexes of the same synthetic archive (so each query meets
 * other words already kept), questions (`nearest`, with readers' variants)
 * as well as plain searches, and compared query by query; and on an index
 * that grew while it answered, against one built at once.
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

describe('words kept while the index grows', () => {
  it('answers as an index built at once, after pages arrive between queries', async () => {
    const source = sourceFromArticles(articles.slice(0, 2000));
    const growing = openSearch({ source, dir: null, logger: createSilentLogger(), tuning: { chunk: 700 } });
    // Every query's words are kept for the first 2,000 articles; then articles arrive three times, each taken in by the next search.
    for (const query of queries) await growing.search(query, { limit: 10, nearest: true });
    for (const [from, to] of [[2000, 2400], [2400, 2800], [2800, 3000]] as const) {
      source.push(articles.slice(from, to));
      await growing.search(queries[from % queries.length]!, { limit: 10 });
    }
    const built = open();
    const later = new Set(articles.slice(2000).map((item) => item.id));
    let grown = 0;
    for (const query of queries) {
      const answer = await growing.search(query, { limit: 10, nearest: true });
      expect(answer, query).toEqual(await built.search(query, { limit: 10, nearest: true }));
      grown += answer.results.some((hit) => later.has(hit.id)) ? 1 : 0;
    }
    expect(growing.size).toBe(3000);
    // The new articles are among the answers: what was kept was brought up to them.
    expect(grown).toBeGreaterThan(queries.length * 0.1);
    growing.close();
    built.close();
  });

  it('keeps what it knew only while the articles keep their numbers', () => {
    const tokenizer = createTokenizer();
    const segment = (from: number, to: number) => {
      const builder = createSegmentBuilder();
      for (let i = from; i < to; i++) builder.add(prepareDoc(tokenizer, articles[i]!, i + 1));
      const sink = memorySink();
      builder.write(sink);
      return openSegment('memory', bufferSource(sink.bytes()));
    };
    const [first, second, third] = [segment(0, 50), segment(50, 80), segment(80, 90)];
    const before = createSegmentSet([first, second]);
    const sink = memorySink();
    mergeSegments([second, third], sink);
    const merged = openSegment('memory', bufferSource(sink.bytes()));
    expect(grewFrom(before, createSegmentSet([first, second, third]))).toBe(true);
    expect(grewFrom(before, createSegmentSet([first, merged]))).toBe(true);
    // An index built again from a later start, or one that lost its newest segment, numbers them otherwise.
    expect(grewFrom(before, createSegmentSet([second, third]))).toBe(false);
    expect(grewFrom(before, createSegmentSet([first]))).toBe(false);
    expect(grewFrom(createSegmentSet([]), before)).toBe(true);
  });
});

describe('what the memo lets go when full', () => {
  const ids = (count: number) => new Uint32Array(count).map((_zero, i) => i);
  const limits = { countedWords: 2, insideEntries: () => 5 };

  it('lets the words asked longest ago go, one at a time', () => {
    const memo = createWordMemo(limits);
    memo.setInside('消费', ids(2), 100);
    memo.setInside('电影', ids(2), 100);
    expect(memo.inside('消费')?.value.length).toBe(2);
    // Six numbers kept, five allowed: 电影 was asked longest ago.
    memo.setInside('西宁', ids(2), 100);
    expect(memo.inside('电影')).toBeUndefined();
    expect(memo.inside('消费')?.value.length).toBe(2);
    expect(memo.inside('西宁')?.value.length).toBe(2);
    // One word larger than the whole room stays alone.
    memo.setInside('青海', ids(9), 100);
    expect([memo.inside('消费'), memo.inside('西宁'), memo.inside('青海')?.value.length]).toEqual([undefined, undefined, 9]);
    // A word kept again counts its new size only.
    memo.setInside('青海', ids(3), 120);
    memo.setInside('消费', ids(2), 120);
    expect([memo.inside('青海')?.upTo, memo.inside('消费')?.upTo]).toEqual([120, 120]);
  });

  it('keeps the counts of the words asked lately', () => {
    const memo = createWordMemo(limits);
    memo.setCount('消费券', 10, 100);
    memo.setCount('电影节', 20, 100);
    expect(memo.count('消费券')?.value).toBe(10);
    memo.setCount('西宁市', 30, 100);
    expect([memo.count('消费券')?.value, memo.count('电影节'), memo.count('西宁市')?.value]).toEqual([10, undefined, 30]);
  });
});
