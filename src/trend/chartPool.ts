/**
 * Where charts are drawn: a small pool of worker threads, never the bot's own thread,
 * with a cache and limits. A 365-day chart is 200–300 ms of CPU; drawn on the main
 * thread, one per request, 50 readers sending `/trend 365` at once held a plain search
 * for 4–8 s and left the process 400 MB bigger for good.
 *
 * - Cache: the PNG is kept under a hash of everything drawn (the span's days, the
 *   hot issues and the labels, so the span, the newest report and the language), so
 *   the same chart asked again, or asked by many readers at once, is drawn once.
 * - Limits: at most `maxPending` distinct charts waiting or being drawn (a reader past
 *   it is told to wait), and at most `perReaderPerMinute` new drawings for one reader
 *   in a minute (cached charts are free). Push's weekly chart has no reader: it waits
 *   its turn and is never refused.
 * - Memory: a worker idle for `idleMs` is ended, so what a storm took is given back.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createTrendChartRenderer, type TrendChartLabels } from './chart.js';
import type { ChartDone, ChartTask } from './chartWorker.js';
import type { Trend } from './trend.js';

/** Draws trend charts; `reader` (a Telegram user id) is who asked, for the per-reader limit. */
export interface TrendCharts {
  render(trend: Trend, labels: TrendChartLabels, reader?: number): Promise<Buffer>;
}

/** A reader asked for a chart over a limit: `scope` says which. Nothing was drawn. */
export class ChartBusyError extends Error {
  constructor(readonly scope: 'reader' | 'overall') {
    super(scope === 'reader' ? 'too many new charts for this reader this minute' : 'too many charts waiting to be drawn');
    this.name = 'ChartBusyError';
  }
}

export interface ChartPoolOptions {
  /** Worker threads at most (default: cores − 1, at least 1, at most 2): the bot's thread keeps a core. */
  readonly workers?: number;
  /** A worker idle this long is ended, its memory given back (default 10,000 ms). */
  readonly idleMs?: number;
  /** PNGs kept (default 16, a few hundred KB each). */
  readonly cacheEntries?: number;
  /** Distinct charts waiting or being drawn beyond which a reader is told to wait (default 4). */
  readonly maxPending?: number;
  /** New drawings one reader may start in a minute (default 3). */
  readonly perReaderPerMinute?: number;
  /** The compiled worker (default: chartWorker.js beside this module or in dist/); null draws in this thread. */
  readonly workerUrl?: URL | null;
  /** Milliseconds now (default Date.now), for the per-reader window. */
  readonly now?: () => number;
}

/** What the pool has done since it was made. */
export interface ChartPoolStats {
  /** Charts drawn. */
  readonly drawn: number;
  /** Requests answered from the cache or by joining the same chart being drawn. */
  readonly reused: number;
  /** Requests refused with ChartBusyError. */
  readonly refused: number;
  /** Worker threads running now. */
  readonly workers: number;
}

export interface ChartPool extends TrendCharts {
  stats(): ChartPoolStats;
  /** Ends the workers; charts still being drawn are rejected. */
  close(): Promise<void>;
}

/**
 * The compiled worker script: beside this module when it runs compiled (dist/), else the
 * build's copy when it runs from TypeScript sources (the tests, after `npm run build`);
 * null when there is neither.
 */
export function chartWorkerUrl(here: string = import.meta.url): URL | null {
  const sibling = new URL('./chartWorker.js', here);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  const built = fileURLToPath(sibling).replace(/([/\\])src([/\\]trend[/\\]chartWorker\.js)$/u, '$1dist$1src$2');
  return existsSync(built) ? pathToFileURL(built) : null;
}

interface Job {
  readonly key: string;
  readonly task: ChartTask;
  readonly resolve: (png: Buffer) => void;
  readonly reject: (error: Error) => void;
}

interface PoolWorker {
  readonly worker: Worker;
  job: Job | null;
  idle: NodeJS.Timeout | null;
}

const MINUTE_MS = 60_000;

export function createChartPool(options: ChartPoolOptions = {}): ChartPool {
  const size = options.workers ?? Math.max(1, Math.min(2, availableParallelism() - 1));
  const idleMs = options.idleMs ?? 10_000;
  const cacheEntries = options.cacheEntries ?? 16;
  const maxPending = options.maxPending ?? 4;
  const perReader = options.perReaderPerMinute ?? 3;
  const workerUrl = options.workerUrl === undefined ? chartWorkerUrl() : options.workerUrl;
  const now = options.now ?? Date.now;

  const cache = new Map<string, Buffer>(); // oldest first: a hit moves to the end
  const pending = new Map<string, Promise<Buffer>>();
  const started = new Map<number, number[]>(); // reader → when their recent drawings started
  const queue: Job[] = [];
  const workers = new Set<PoolWorker>();
  let nextId = 1;
  let closed = false;
  const counts = { drawn: 0, reused: 0, refused: 0 };
  // Without a compiled worker (TypeScript sources, no build) charts are drawn here, one at a time.
  const inThread = workerUrl === null ? createTrendChartRenderer() : null;
  let inThreadBusy = false;

  const remember = (key: string, png: Buffer) => {
    cache.set(key, png);
    while (cache.size > cacheEntries) cache.delete(cache.keys().next().value!);
  };

  const finish = (pool: PoolWorker, done: ChartDone) => {
    const job = pool.job;
    pool.job = null;
    if (job?.task.id === done.id) {
      if ('png' in done) job.resolve(Buffer.from(done.png.buffer, done.png.byteOffset, done.png.byteLength));
      else job.reject(new Error(`the chart could not be drawn: ${done.error}`));
    }
    dispatch();
  };

  const lose = (pool: PoolWorker, why: string) => {
    workers.delete(pool);
    if (pool.idle) clearTimeout(pool.idle);
    pool.job?.reject(new Error(`the chart worker stopped: ${why}`));
    pool.job = null;
    dispatch();
  };

  const spawn = (url: URL): PoolWorker => {
    const pool: PoolWorker = { worker: new Worker(url), job: null, idle: null };
    pool.worker.on('message', (done: ChartDone) => finish(pool, done));
    pool.worker.on('error', (error) => lose(pool, error.message));
    pool.worker.on('exit', (code) => {
      if (workers.has(pool)) lose(pool, `exit code ${code}`);
    });
    workers.add(pool);
    return pool;
  };

  const retire = (pool: PoolWorker) => {
    pool.idle = null;
    if (pool.job) return;
    workers.delete(pool);
    void pool.worker.terminate();
  };

  function dispatch(): void {
    if (closed) return;
    if (inThread) {
      const job = inThreadBusy ? undefined : queue.shift();
      if (!job) return;
      inThreadBusy = true;
      inThread
        .render(job.task.trend, job.task.labels)
        .then(job.resolve, (error: unknown) => job.reject(error instanceof Error ? error : new Error(String(error))))
        .finally(() => {
          inThreadBusy = false;
          dispatch();
        });
      return;
    }
    while (queue.length > 0) {
      let free = [...workers].find((pool) => pool.job === null);
      if (!free && workers.size < size) free = spawn(workerUrl!);
      if (!free) return;
      const job = queue.shift()!;
      if (free.idle) clearTimeout(free.idle);
      free.idle = null;
      free.job = job;
      free.worker.postMessage(job.task);
    }
    for (const pool of workers) {
      if (pool.job === null && pool.idle === null) {
        pool.idle = setTimeout(() => retire(pool), idleMs);
        pool.idle.unref();
      }
    }
  }

  const draw = (key: string, trend: Trend, labels: TrendChartLabels): Promise<Buffer> =>
    new Promise<Buffer>((resolve, reject) => {
      queue.push({ key, task: { id: nextId++, trend, labels }, resolve, reject });
      dispatch();
    });

  /** Whether `reader` may start one more drawing now; records it when so. */
  const admitReader = (reader: number): boolean => {
    const since = now() - MINUTE_MS;
    const recent = (started.get(reader) ?? []).filter((at) => at > since);
    if (recent.length >= perReader) {
      started.set(reader, recent);
      return false;
    }
    recent.push(now());
    started.set(reader, recent);
    // Readers with nothing in the window are forgotten, so the map stays small.
    for (const [who, times] of started) if (times.every((at) => at <= since)) started.delete(who);
    return true;
  };

  return {
    async render(trend, labels, reader) {
      if (closed) throw new Error('the chart pool is closed');
      const key = createHash('sha256').update(JSON.stringify([trend, labels])).digest('hex');
      const cached = cache.get(key);
      if (cached) {
        cache.delete(key);
        cache.set(key, cached);
        counts.reused++;
        return cached;
      }
      const drawing = pending.get(key);
      if (drawing) {
        counts.reused++;
        return drawing;
      }
      if (reader !== undefined && (pending.size >= maxPending || !admitReader(reader))) {
        counts.refused++;
        throw new ChartBusyError(pending.size >= maxPending ? 'overall' : 'reader');
      }
      const promise = draw(key, trend, labels).then((png) => {
        counts.drawn++;
        remember(key, png);
        return png;
      });
      pending.set(key, promise);
      void promise.then(
        () => pending.delete(key),
        () => pending.delete(key),
      );
      return promise;
    },
    stats: () => ({ ...counts, workers: workers.size }),
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('the chart pool is closed'));
      const ending = [...workers].map((pool) => {
        workers.delete(pool);
        if (pool.idle) clearTimeout(pool.idle);
        pool.job?.reject(new Error('the chart pool is closed'));
        return pool.worker.terminate();
      });
      await Promise.all(ending);
      cache.clear();
    },
  };
}
