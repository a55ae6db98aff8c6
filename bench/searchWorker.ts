import { readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { createSilentLogger } from '../src/logger.js';
import { openSearch, type IndexSource, type NewsSearch } from '../src/search/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { createFts5, createFts5Jieba, createNaiveScan, type ArchiveReader, type BenchSystem } from './baselines.js';
import { createMiniSearchBaseline } from './miniSearchBaseline.js';

/**
 * One benchmark measurement in a process of its own, so that its memory
 * (peak RSS) and its cold start are not mixed with another system's. Started
 * by searchBench.ts with fork(); gets a WorkerTask, answers a WorkerResult.
 * Every system reads the same stored archive (a DATA_DIR's newsbot.db).
 */

export type SystemName = 'newsbot' | 'minisearch' | 'naive' | 'fts5' | 'fts5jieba';

export interface WorkerTask {
  readonly system: SystemName;
  /** build: index and save; load: open the saved index, then time the queries. */
  readonly phase: 'build' | 'load';
  /** Receives the saved index. */
  readonly dir: string;
  /** The DATA_DIR holding the stored archive (newsbot.db). */
  readonly archive: string;
  readonly queries: readonly string[];
}

export interface WorkerResult {
  /** Wall time of the build, or of the cold start (open and a first query). */
  readonly ms: number;
  /** CPU time (user + system) of the same. */
  readonly cpuMs: number;
  /** Peak RSS of the whole process (MB). */
  readonly peakRssMb: number;
  readonly diskBytes: number;
  /** Query latencies in ms, wall and CPU (load phase only), in query order. */
  readonly latencies: readonly number[];
  readonly cpuLatencies: readonly number[];
  /** Queries that gave at least one result (load phase only). */
  readonly answered: number;
  /** The machine's 1-minute load average when the phase started and when it ended. */
  readonly load: readonly [number, number];
}

/** Articles read from the store at a time while a baseline is built. */
const BATCH = 2000;

/** newsbot's own search, through the same openSearch the app uses, over the stored archive. */
function createNewsbot(source: IndexSource): BenchSystem {
  let search: NewsSearch | null = null;
  const indexDir = (dir: string) => path.join(dir, 'search-index');
  const open = (_archive: ArchiveReader, dir: string) => {
    search = openSearch({ source, dir: indexDir(dir), logger: createSilentLogger() });
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

const BASELINES: Record<Exclude<SystemName, 'newsbot'>, () => BenchSystem> = {
  minisearch: createMiniSearchBaseline,
  naive: createNaiveScan,
  fts5: createFts5,
  fts5jieba: createFts5Jieba,
};
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

async function runTask(task: WorkerTask): Promise<WorkerResult> {
  const store = openSqliteStore(path.join(task.archive, 'newsbot.db'));
  const archive: ArchiveReader = {
    *batches() {
      for (let seq = 0; ; ) {
        const batch = store.feed.articlesAfter(seq, BATCH);
        if (batch.length === 0) return;
        seq = batch[batch.length - 1]!.seq;
        yield batch.map(({ article }) => article);
      }
    },
  };
  const system = task.system === 'newsbot' ? createNewsbot(store.feed) : BASELINES[task.system]();
  const loadAtStart = loadavg()[0]!;
  const started = performance.now();
  const startedCpu = cpuNow();
  const latencies: number[] = [];
  const cpuLatencies: number[] = [];
  let answered = 0;
  let ms: number;
  let cpuMs: number;
  if (task.phase === 'build') {
    system.build(archive, task.dir);
    ms = performance.now() - started;
    cpuMs = cpuNow() - startedCpu;
  } else {
    // Cold start: open the saved index and answer a first query.
    system.load(archive, task.dir);
    await system.query(task.queries[0] ?? '');
    ms = performance.now() - started;
    cpuMs = cpuNow() - startedCpu;
    for (const query of task.queries.slice(0, 30)) await system.query(query); // warm-up
    for (const query of task.queries) {
      const t = performance.now();
      const c = cpuNow();
      if ((await system.query(query)) > 0) answered++;
      latencies.push(performance.now() - t);
      cpuLatencies.push(cpuNow() - c);
    }
  }
  const result: WorkerResult = {
    ms,
    cpuMs,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    diskBytes: system.sizeOnDisk(task.dir),
    latencies,
    cpuLatencies,
    answered,
    load: [loadAtStart, loadavg()[0]!],
  };
  system.close();
  await store.close();
  return result;
}

process.once('message', (task: WorkerTask) => {
  runTask(task).then(
    (result) => process.send!({ ok: true, result }, () => process.exit(0)),
    (error: unknown) =>
      process.send!({ ok: false, error: error instanceof Error ? error.message : String(error) }, () => process.exit(1)),
  );
});
