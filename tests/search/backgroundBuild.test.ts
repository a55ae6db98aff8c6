import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeCorpus } from '../../bench/synthetic.js';
import { readCorpus } from '../../src/corpus/index.js';
import { createSilentLogger } from '../../src/logger.js';
import { SEEDS_DIR } from '../../src/paths.js';
import { openSearch, sourceFromArticles, type SearchTuningOptions } from '../../src/search/index.js';

const seeds = readCorpus([SEEDS_DIR]).pages.flatMap((page) => page.items);
const articles = makeCorpus(seeds, 640);
const QUERIES = ['青海', '西宁 服务', '“直播带货”', '护学岗', '2025'];
/** Small chunks and catch-ups, so that 600 articles are a backlog of several segments. */
const tuning: SearchTuningOptions = { chunk: 100, searchCatchUp: 50 };
const logger = createSilentLogger();

// A worker thread tokenizes 640 articles with jieba: about 20 s on a loaded 2-core machine, over the 30 s default.
describe('a serving index builds a large backlog in the background', { timeout: 240_000 }, () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsbot-background-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const indexDir = () => path.join(dir, 'search-index');
  const segmentFiles = () => readdirSync(indexDir()).filter((name) => name.endsWith('.nbs'));

  it('answers at once over what is indexed so far, takes in articles stored meanwhile, then holds one segment with the results of a build in one go', async () => {
    const source = sourceFromArticles(articles.slice(0, 600));
    const search = openSearch({ source, dir: indexDir(), logger, tuning, backgroundBuild: true, mergeOffThread: true });
    // Opened without indexing the backlog: searches answer meanwhile, over the articles indexed so far.
    expect(search.size).toBeLessThan(600);
    const early = await search.search('青海');
    expect(early.total).toBeLessThanOrEqual(search.size);
    source.push(articles.slice(600));
    // A catch-up asked for meanwhile (an ingest) leaves the articles to the build.
    expect(await search.refresh()).toBe(0);
    await vi.waitFor(() => expect(search.size).toBe(640), { timeout: 60_000, interval: 50 });
    await vi.waitFor(() => expect(segmentFiles()).toEqual(['seg-0000000001-0000000640.nbs']), { timeout: 60_000, interval: 50 });
    const oneGo = openSearch({ source: sourceFromArticles(articles), dir: null, logger, tuning });
    for (const query of QUERIES) expect(await search.search(query), query).toEqual(await oneGo.search(query));
    search.close();
  });

  it('a backlog stored after it opened (an archive imported beside the bot) goes to the build after the search that finds it, which answers from the index as it was', async () => {
    const source = sourceFromArticles(articles.slice(0, 40));
    const search = openSearch({ source, dir: indexDir(), logger, tuning, backgroundBuild: true, mergeOffThread: true });
    expect(search.size).toBe(40);
    source.push(articles.slice(40));
    const asOpened = openSearch({ source: sourceFromArticles(articles.slice(0, 40)), dir: null, logger, tuning });
    expect(await search.search('青海')).toEqual(await asOpened.search('青海'));
    expect(search.size).toBe(40);
    // No other search: the build takes in all of it, not one catch-up's 50 articles.
    await vi.waitFor(() => expect(search.size).toBe(640), { timeout: 60_000, interval: 50 });
    const oneGo = openSearch({ source: sourceFromArticles(articles), dir: null, logger, tuning });
    for (const query of QUERIES) expect(await search.search(query), query).toEqual(await oneGo.search(query));
    search.close();
  });

  it('closed halfway, it leaves whole segments only; the next start indexes the rest', async () => {
    const source = sourceFromArticles(articles.slice(0, 600));
    const search = openSearch({ source, dir: indexDir(), logger, tuning, backgroundBuild: true });
    await vi.waitFor(() => expect(search.size).toBeGreaterThan(0), { timeout: 60_000, interval: 20 });
    search.close();
    const reopened = openSearch({ source, dir: indexDir(), logger, tuning });
    expect(reopened.size).toBe(600);
    expect(readdirSync(indexDir()).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const oneGo = openSearch({ source: sourceFromArticles(articles.slice(0, 600)), dir: null, logger, tuning });
    for (const query of QUERIES) expect(await reopened.search(query), query).toEqual(await oneGo.search(query));
    reopened.close();
  });
});
