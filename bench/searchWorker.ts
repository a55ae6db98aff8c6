import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createSilentLogger } from '../src/logger.js';
import { openSearch, sourceFromArticles, type NewsSearch } from '../src/search/index.js';
import type { Article } from '../src/types.js';
import { createFts5, createFts5Jieba, createNaiveScan, type BenchSystem } from './baselines.js';
import { createMiniSearchBaseline } from './miniSearchBaseline.js';

/**
 * One benchmark measurement in a process of its own, so that its memory
 * (peak RSS) and its cold start are not mixed with another system's. Started
 * by searchBench.ts with fork(); gets a WorkerTask, answers a WorkerResult.
 */

export type SystemName = 'newsbot' | 'minisearch' | 'naive' | 'fts5' | 'fts5jieba';

export interface WorkerTask {
  readonly system: SystemName;
  /** build: index and save; load: open the saved index, then time the queries. */
  readonly phase: 'build' | 'load';
  /** Holds corpus.json and queries.json, and receives the saved index. */
  readonly dir: string;
}

export interface WorkerResult {
  readonly ms: number;
  /** RSS after reading the corpus, before indexing (MB). */
  readonly baseRssMb: number;
  /** Peak RSS of the whole process (MB). */
  readonly peakRssMb: number;
  readonly diskBytes: number;
  /** Query latencies in ms (load phase only), in query order. */
  readonly latencies: readonly number[];
  /** Queries that gave at least one result (load phase only). */
  readonly answered: number;
}

/** newsbot's own search, through the same openSearch the app uses. */
function createNewsbot(): BenchSystem {
  let search: NewsSearch | null = null;
  const indexDir = (dir: string) => path.join(dir, 'search-index');
  const open = (articles: readonly Article[], dir: string) => {
    search = openSearch({ source: sourceFromArticles(articles), dir: indexDir(dir), logger: createSilentLogger() });
  };
  return {
    name: 'newsbot',
    build: open,
    load: open,
    query: async (query) => (await search!.search(query, { limit: 10 })).results.length,
    sizeOnDisk: (dir) => readdirSync(indexDir(dir)).reduce((sum, name) => sum + statSync(path.join(indexDir(dir), name)).size, 0),
    close() {
      search?.close();
      search = null;
    },
  };
}

const SYSTEMS: Record<SystemName, () => BenchSystem> = {
  newsbot: createNewsbot,
  minisearch: createMiniSearchBaseline,
  naive: createNaiveScan,
  fts5: createFts5,
  fts5jieba: createFts5Jieba,
};
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function runTask(task: WorkerTask): Promise<WorkerResult> {
  const articles = JSON.parse(readFileSync(path.join(task.dir, 'corpus.json'), 'utf8')) as Article[];
  const queries = JSON.parse(readFileSync(path.join(task.dir, 'queries.json'), 'utf8')) as string[];
  globalThis.gc?.();
  const baseRssMb = mb(process.memoryUsage().rss);
  const system = SYSTEMS[task.system]();
  const started = performance.now();
  const latencies: number[] = [];
  let answered = 0;
  let ms: number;
  if (task.phase === 'build') {
    system.build(articles, task.dir);
    ms = performance.now() - started;
  } else {
    // Cold start: open the saved index and answer a first query.
    system.load(articles, task.dir);
    await system.query(queries[0] ?? '');
    ms = performance.now() - started;
    for (const query of queries.slice(0, 30)) await system.query(query); // warm-up
    for (const query of queries) {
      const t = performance.now();
      if ((await system.query(query)) > 0) answered++;
      latencies.push(performance.now() - t);
    }
  }
  const result: WorkerResult = {
    ms,
    baseRssMb,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    diskBytes: system.sizeOnDisk(task.dir),
    latencies,
    answered,
  };
  system.close();
  return result;
}

process.once('message', (task: WorkerTask) => {
  runTask(task).then(
    (result) => process.send!({ ok: true, result }, () => process.exit(0)),
    (error: unknown) =>
      process.send!({ ok: false, error: error instanceof Error ? error.message : String(error) }, () => process.exit(1)),
  );
});
