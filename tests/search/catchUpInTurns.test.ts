import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeCorpus } from '../../bench/synthetic.js';
import { readCorpus } from '../../src/corpus/index.js';
import { createSilentLogger } from '../../src/logger.js';
import { LEVEL, recordingLogger } from '../helpers/recordingLogger.js';
import { SEEDS_DIR } from '../../src/paths.js';
import { openSearch, sourceFromArticles } from '../../src/search/index.js';
import { openShelf } from '../../src/search/indexDir.js';
import { createListCache } from '../../src/search/segment.js';
import { openSegmentList } from '../../src/search/segmentList.js';
import { createTokenizer, type Tokenizer } from '../../src/search/tokenize.js';
import { DEFAULT_TUNING } from '../../src/search/tuning.js';

const seeds = readCorpus([SEEDS_DIR]).pages.flatMap((page) => page.items);
const articles = makeCorpus(seeds, 48);
/** A page of six articles another process stores while the bot serves. */
const page = articles.slice(42);
const QUERIES = ['青海', '西宁 服务', '“直播带货”', '护学岗', '2025'];
const logger = createSilentLogger();

describe('a serving index takes in a page another process stored without holding its replies', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsbot-turns-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const indexDir = () => path.join(dir, 'search-index');
  const files = () => readdirSync(indexDir()).sort();
  const serving = (source: ReturnType<typeof sourceFromArticles>) =>
    openSearch({ source, dir: indexDir(), logger, backgroundBuild: true, mergeOffThread: true });

  it('one article a turn: searches meanwhile answer from the index as it was; then it holds the segment a catch-up in one go writes', async () => {
    const source = sourceFromArticles(articles.slice(0, 42));
    const search = serving(source);
    const asOpened = openSearch({ source: sourceFromArticles(articles.slice(0, 42)), dir: null, logger });
    source.push(page);
    expect(await search.search('青海')).toEqual(await asOpened.search('青海'));
    // Each turn of the event loop tokenizes one article: after fewer turns than the page has articles, nothing has changed.
    for (let turn = 0; turn < page.length - 1; turn++) {
      await nextTurn();
      expect(search.size).toBe(42);
      expect(await search.search('西宁 服务')).toEqual(await asOpened.search('西宁 服务'));
    }
    await vi.waitFor(() => expect(search.size).toBe(48), { timeout: 10_000, interval: 5 });
    expect(files()).toEqual(['seg-0000000001-0000000042.nbs', 'seg-0000000043-0000000048.nbs']);

    const inOneGo = path.join(dir, 'one-go');
    const oneGo = openSearch({ source: sourceFromArticles(articles), dir: inOneGo, logger });
    for (const query of QUERIES) expect(await search.search(query), query).toEqual(await oneGo.search(query));
    // Byte for byte the segment a catch-up of these six articles writes on this thread.
    const other = openSearch({ source: sourceFromArticles(articles.slice(0, 42)), dir: path.join(dir, 'sync'), logger });
    const grown = sourceFromArticles(articles.slice(0, 42));
    other.close();
    grown.push(page);
    const synced = openSearch({ source: grown, dir: path.join(dir, 'sync'), logger });
    const name = 'seg-0000000043-0000000048.nbs';
    expect(readFileSync(path.join(indexDir(), name))).toEqual(readFileSync(path.join(dir, 'sync', name)));
    for (const opened of [search, oneGo, synced, asOpened]) opened.close();
  });

  it('a file it cannot name (a broken or full disk) is one warning: the page serves from memory, no *.tmp stays, the next start saves it', async () => {
    const source = sourceFromArticles(articles.slice(0, 42));
    const { logger: recording, messages } = recordingLogger();
    const search = openSearch({ source, dir: indexDir(), logger: recording, backgroundBuild: true, mergeOffThread: true });
    // A directory under the name the page's segment takes: the rename fails.
    mkdirSync(path.join(indexDir(), 'seg-0000000043-0000000048.nbs', 'x'), { recursive: true });
    source.push(page);
    await search.search('青海');
    await vi.waitFor(() => expect(search.size).toBe(48), { timeout: 10_000, interval: 5 });
    expect(messages(LEVEL.warn)).toEqual([expect.stringMatching(/^cannot save the search index \(.+\): kept in memory, saved again later$/)]);
    expect(files().filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const oneGo = openSearch({ source: sourceFromArticles(articles), dir: null, logger });
    for (const query of QUERIES) expect(await search.search(query), query).toEqual(await oneGo.search(query));
    search.close();
    rmSync(path.join(indexDir(), 'seg-0000000043-0000000048.nbs'), { recursive: true });
    const reopened = serving(source);
    expect(reopened.size).toBe(48);
    expect(files()).toEqual(['seg-0000000001-0000000042.nbs', 'seg-0000000043-0000000048.nbs']);
    for (const opened of [reopened, oneGo]) opened.close();
  });

  describe('the segment list', () => {
    const tokenizer = createTokenizer();
    const openList = (source: ReturnType<typeof sourceFromArticles>, using: Tokenizer = tokenizer) =>
      openSegmentList({
        source,
        shelf: openShelf(indexDir(), logger, createListCache(1 << 20), { mergeOffThread: true }),
        tokenizer: using,
        tuning: DEFAULT_TUNING,
        logger,
        onIndexed: () => undefined,
        onRebuilt: () => undefined,
      });

    /** Indexes what `source` holds and closes. */
    const indexed = (source: ReturnType<typeof sourceFromArticles>) => {
      const list = openList(source);
      list.catchUp(Infinity);
      list.close();
    };

    it('tokenizes one article (its title and its body) per turn of the event loop', async () => {
      const source = sourceFromArticles(articles.slice(0, 42));
      indexed(source);
      source.push(page);
      let cut = 0;
      const list = openList(source, { ...tokenizer, foldedTokens: (text) => (cut++, tokenizer.foldedTokens(text)) });
      let done = false;
      const taking = list.catchUpInTurns(500).finally(() => (done = true));
      const perTurn: number[] = [];
      for (let before = cut; !done; before = cut) {
        await nextTurn();
        perTurn.push(cut - before);
      }
      expect(await taking).toBe(6);
      expect(Math.max(...perTurn)).toBe(2);
      expect(perTurn.reduce((sum, n) => sum + n)).toBe(12);
      list.close();
    });

    it('closed while it tokenizes, or while it writes: no segment and no temporary file stay; the next start takes the page in', async () => {
      for (const turns of [1, page.length]) {
        const source = sourceFromArticles(articles.slice(0, 42));
        indexed(source);
        source.push(page);
        const list = openList(source);
        const taking = list.catchUpInTurns(500);
        // A second call while it is under way is the same catch-up.
        expect(list.catchUpInTurns(500)).toBe(taking);
        for (let turn = 0; turn < turns; turn++) await nextTurn();
        list.close();
        expect(await taking).toBe(0);
        expect(files()).toEqual(['seg-0000000001-0000000042.nbs']);
        indexed(source);
        expect(files()).toEqual(['seg-0000000001-0000000042.nbs', 'seg-0000000043-0000000048.nbs']);
        rmSync(indexDir(), { recursive: true });
      }
    });

    it('a catch-up on this thread meanwhile (an ingest in this process) takes the page in once: the staged file is removed', async () => {
      const source = sourceFromArticles(articles.slice(0, 42));
      indexed(source);
      source.push(page);
      const list = openList(source);
      const taking = list.catchUpInTurns(500);
      expect(list.catchUp(Infinity)).toBe(6);
      expect(await taking).toBe(0);
      expect(list.set.docs).toBe(48);
      expect(files()).toEqual(['seg-0000000001-0000000042.nbs', 'seg-0000000043-0000000048.nbs']);
      list.close();
    });
  });
});
