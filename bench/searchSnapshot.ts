#!/usr/bin/env node
/**
 * What search answers over a stored archive, as JSON lines: for comparing two
 * builds of newsbot query by query (ids, scores, totals), e.g. before and
 * after a change to the index or the engine that must not change results.
 *
 *   node dist/bench/searchSnapshot.js fill DATA_DIR 20000     # store a synthetic archive once
 *   node dist/bench/searchSnapshot.js dump DATA_DIR > a.jsonl # then, with each build
 *   node dist/bench/searchSnapshot.js diff a.jsonl b.jsonl    # exit 1 when they differ
 *
 * `dump` builds the index in a temporary directory (not in DATA_DIR), so two
 * builds never read each other's index. It imports only what every version
 * since the segment index has (openSearch, openSqliteStore, makeQueries):
 * its compiled file can be dropped into an older build's dist/bench/.
 * The queries: the search bench's 300 (seed 2), best first; the first 60 of
 * them newest first with offset 5; the first 40 limited to 1 March - 31 May;
 * the first 60 as a nearest match (questions); related articles of 30
 * articles; the keyword test of 30 articles.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readCorpus } from '../src/corpus/index.js';
import { createSilentLogger } from '../src/logger.js';
import { SEEDS_DIR } from '../src/paths.js';
import { openSearch } from '../src/search/index.js';
import { openSqliteStore } from '../src/store/index.js';
import type { SearchOptions } from '../src/types.js';
import { makeQueries } from './synthetic.js';

interface Line {
  readonly kind: string;
  readonly query: string;
  readonly total?: number;
  readonly nearest?: boolean;
  readonly results: readonly (readonly [string, number])[] | boolean;
}

async function dump(dataDir: string): Promise<void> {
  const seeds = readCorpus([SEEDS_DIR]).pages.flatMap((page) => page.items);
  const queries = makeQueries(seeds, 300);
  const store = openSqliteStore(path.join(dataDir, 'newsbot.db'));
  const indexDir = mkdtempSync(path.join(tmpdir(), 'newsbot-snapshot-'));
  const started = performance.now();
  const search = openSearch({ source: store.feed, dir: path.join(indexDir, 'search-index'), logger: createSilentLogger() });
  process.stderr.write(`index of ${search.size} articles opened in ${Math.round(performance.now() - started)} ms\n`);
  const write = (line: Line) => process.stdout.write(`${JSON.stringify(line)}\n`);
  const run = async (kind: string, query: string, options: SearchOptions) => {
    const result = await search.search(query, options);
    // `nearest` is undefined (left out) in builds before the nearest match.
    const { nearest } = result as { nearest?: boolean };
    write({ kind, query, total: result.total, nearest, results: result.results.map((hit) => [hit.id, hit.score] as const) });
  };
  try {
    for (const query of queries) await run('best', query, { limit: 10 });
    for (const query of queries.slice(0, 60)) await run('newest+5', query, { limit: 10, offset: 5, sort: 'newest' });
    for (const query of queries.slice(0, 40)) await run('spring', query, { limit: 10, since: '2025-03-01', until: '2025-05-31' });
    for (const query of queries.slice(0, 60)) await run('nearest', query, { limit: 10, nearest: true });
    const sample = store.feed.articlesAfter(0, 3000).filter((_stored, i) => i % 100 === 0);
    for (const { article } of sample) {
      write({ kind: 'related', query: article.id, results: search.related(article.id, 8).map((hit) => [hit.id, hit.score] as const) });
    }
    for (const [i, { article }] of sample.entries()) {
      const keyword = queries[i * 7]!;
      write({ kind: 'matches', query: `${article.id} ${keyword}`, results: search.matches(article, keyword) });
    }
  } finally {
    search.close();
    await store.close();
    rmSync(indexDir, { recursive: true, force: true });
  }
}

function diff(fileA: string, fileB: string): number {
  const read = (file: string) => readFileSync(file, 'utf8').trim().split('\n');
  const a = read(fileA);
  const b = read(fileB);
  let differing = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    differing++;
    if (differing <= 10) process.stdout.write(`line ${i + 1}:\n  < ${a[i] ?? '(none)'}\n  > ${b[i] ?? '(none)'}\n`);
  }
  process.stdout.write(`${Math.max(a.length, b.length)} lines, ${differing} differ\n`);
  return differing === 0 ? 0 : 1;
}

const [command, first, second] = process.argv.slice(2);
if (command === 'fill' && first && second) {
  const { fillStore } = await import('./archiveStore.js');
  await fillStore(first, readCorpus([SEEDS_DIR]).pages.flatMap((page) => page.items), Number(second));
} else if (command === 'dump' && first) {
  await dump(first);
} else if (command === 'diff' && first && second) {
  process.exitCode = diff(first, second);
} else {
  process.stderr.write('usage: searchSnapshot fill DATA_DIR COUNT | dump DATA_DIR | diff A B\n');
  process.exitCode = 2;
}
