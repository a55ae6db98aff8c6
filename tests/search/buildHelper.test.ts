/**
 * The build helper (prepareHelper.ts): a catch-up of more than a chunk
 * tokenizes in a second thread too, and writes the same bytes as a build in
 * one thread; a helper that fails or falls silent costs a warning, not an
 * article.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCorpus } from '../../bench/synthetic.js';
import { readCorpus } from '../../src/corpus/index.js';
import { createSilentLogger } from '../../src/logger.js';
import { SEEDS_DIR } from '../../src/paths.js';
import { packDoc, prepareDoc, unpackDoc } from '../../src/search/documents.js';
import { createTokenizer, openSearch, sourceFromArticles } from '../../src/search/index.js';
import { workerUrl } from '../../src/search/indexDir.js';
import { startPrepareHelper } from '../../src/search/prepareHelper.js';
import type { SegmentDoc } from '../../src/search/segmentBuild.js';
import { recordingLogger } from '../helpers/recordingLogger.js';

const seeds = readCorpus([SEEDS_DIR]).pages.flatMap((page) => page.items);
const articles = makeCorpus(seeds, 450);
const stored = articles.map((article, i) => ({ seq: i + 1, article }));
const tokenizer = createTokenizer();

/** Every document of `stored` as the helper hands them over, in order. */
function prepared(url: URL, log = createSilentLogger(), silenceMs?: number): SegmentDoc[] {
  const helper = startPrepareHelper(url, tokenizer, log, silenceMs);
  const docs: SegmentDoc[] = [];
  try {
    helper.prepare(stored, (doc) => docs.push(doc));
  } finally {
    helper.close();
  }
  return docs;
}

const inOneThread = () => stored.map(({ seq, article }) => prepareDoc(tokenizer, article, seq));

// Worker threads load jieba (about a second each, more on a loaded machine).
describe('the build helper thread', { timeout: 120_000 }, () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsbot-helper-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('packs an article’s words into one string per field and back unchanged', () => {
    for (const doc of inOneThread()) expect(unpackDoc(packDoc(doc))).toEqual(doc);
  });

  it('writes the same segment files as a build in one thread, and says how much it tokenized', () => {
    const built = (threads: 1 | 2, log = createSilentLogger()) => {
      const indexDir = path.join(dir, `threads-${threads}`);
      openSearch({ source: sourceFromArticles(articles), dir: indexDir, logger: log, tuning: { chunk: 150, buildThreads: threads } }).close();
      return readdirSync(indexDir)
        .filter((name) => name.endsWith('.nbs'))
        .map((name) => [name, readFileSync(path.join(indexDir, name))] as const);
    };
    const { logger, entries } = recordingLogger();
    const two = built(2, logger);
    const one = built(1);
    expect(two.map(([name]) => name)).toEqual(['seg-0000000001-0000000450.nbs']);
    expect(two).toEqual(one);
    const told = entries.find((entry) => entry.msg === 'search index: the build helper thread tokenized part of the catch-up');
    expect(told).toMatchObject({ articles: 450 });
    expect(told!.helped).toBeGreaterThan(0);
  });

  it('a helper that reports an error is left behind with one warning: this thread prepares every article', () => {
    const { logger, messages } = recordingLogger();
    const docs = prepared(new URL('./fixtures/failingPrepareWorker.mjs', import.meta.url), logger);
    expect(docs).toEqual(inOneThread());
    expect(messages()).toEqual(['search index build helper stopped (jieba could not load its dictionary): this thread tokenizes the rest']);
  });

  it('a helper that falls silent is given up on after the silence limit', () => {
    const { logger, messages } = recordingLogger();
    const docs = prepared(new URL('./fixtures/silentPrepareWorker.mjs', import.meta.url), logger, 300);
    expect(docs).toEqual(inOneThread());
    expect(messages()).toEqual(['search index build helper stopped (nothing from it for 0.3 s): this thread tokenizes the rest']);
  });

  it('the compiled helper prepares what this thread would', () => {
    const url = workerUrl('prepareWorker');
    expect(url, 'run `npm run build` first').toBeDefined();
    expect(prepared(url!)).toEqual(inOneThread());
  });
});
