import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/corpus/index.js';
import { createSilentLogger } from '../../src/logger.js';
import { SEEDS_DIR } from '../../src/paths.js';
import { NO_SYNONYMS, openSearch, parseSynonyms, readSynonyms, sourceFromArticles } from '../../src/search/index.js';

describe('parseSynonyms', () => {
  const list = parseSynonyms('# comment\n12345热线 = 市民热线 = 便民热线\n外卖小哥 -> 外卖配送员, 外卖员\n');

  it('swaps one listed name at a time, longest first, both ways for "=" and one way for "->"', async () => {
    expect(list.variants('市民热线来电')).toEqual(['市民热线来电', '12345热线来电', '便民热线来电']);
    expect(list.variants('外卖小哥 权益')).toEqual(['外卖小哥 权益', '外卖配送员 权益', '外卖员 权益']);
    expect(list.variants('外卖配送员')).toEqual(['外卖配送员']);
    expect(list.alternatives('外卖小哥')).toEqual(['外卖配送员', '外卖员']);
    expect(list.find('市民热线和外卖小哥')).toEqual(['市民热线', '外卖小哥']);
  });

  it('names the line it cannot read', async () => {
    expect(() => parseSynonyms('a = b\njust one\n', 'list.txt')).toThrow('list.txt:2: expected "A = B" or "A -> B"');
    expect(() => parseSynonyms('a -> \n', 'list.txt')).toThrow('list.txt:1: expected "A -> B, C"');
  });

  it('reads the checked-in list', async () => {
    expect(readSynonyms().alternatives('市民热线')).toContain('12345政务服务便民热线');
    expect(readSynonyms().alternatives('网约车')).toEqual(['网络预约出租汽车']);
  });
});

describe('search with synonyms (seed pages)', () => {
  const articles = readCorpus([SEEDS_DIR]).pages.flatMap((page) => page.items);
  const withList = openSearch({ source: sourceFromArticles(articles), dir: null, logger: createSilentLogger() });
  const without = openSearch({ source: sourceFromArticles(articles), dir: null, logger: createSilentLogger(), synonyms: NO_SYNONYMS });
  const kinds = async (query: string, search = withList) =>
    (await search.search(query, { limit: 4 })).results.map((hit) => articles.find((a) => a.id === hit.id)!.kind);

  it('puts the hotline reports first for 市民热线 (the paper says 12345政务服务便民热线)', async () => {
    // Without the list, 市民 and 热线 apart rank a drinks article first.
    expect((await kinds('市民热线', without))[0]).toBe('article');
    expect(await kinds('市民热线')).toEqual(['hotline', 'hotline', 'safety', 'safety']);
    expect((await withList.search('市民热线')).results[0]!.snippet).toContain('<b>政务服务便民热线</b>');
  });

  it('finds the hotline for 投诉电话 (readers call it so; no article holds the words)', async () => {
    expect((await without.search('投诉电话')).total).toBe(0);
    expect((await kinds('投诉电话')).slice(0, 2)).toEqual(['hotline', 'hotline']);
  });

  it('finds 外卖配送员 for 外卖小哥, counting each article once', async () => {
    const titles = (await withList.search('外卖小哥')).results.map((hit) => hit.title);
    expect(titles).toContain('“有诉必应马上办”为新就业者撑起保护伞');
    expect((await withList.search('外卖小哥')).total).toBe(new Set(titles).size);
    expect((await without.search('外卖小哥')).results.map((hit) => hit.title)).not.toContain('“有诉必应马上办”为新就业者撑起保护伞');
  });
  it('pages through the merged variants as one list: each page ranks only its own top per variant', async () => {
    const all = await withList.search('市民热线', { limit: 12 });
    expect(all.total).toBeGreaterThan(6);
    const pages = await Promise.all([0, 3, 6].map((offset) => withList.search('市民热线', { limit: 3, offset })));
    expect(pages.flatMap((page) => page.results.map((hit) => hit.id))).toEqual(all.results.slice(0, 9).map((hit) => hit.id));
    expect(pages.map((page) => page.total)).toEqual([all.total, all.total, all.total]);
  });
});
