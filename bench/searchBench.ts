import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/types.js';
import { storedArchive } from './archiveStore.js';
import { makeQueries } from './synthetic.js';
import type { SystemName, WorkerResult, WorkerTask } from './searchWorker.js';
import { markdownTable } from './table.js';

/** Options of the search section of `newsbot bench`. */
export interface SearchBenchOptions {
  /** Seed articles to recombine. */
  readonly seeds: readonly Article[];
  /** Corpus sizes, in articles. Default [20000, 100000]. */
  readonly sizes?: readonly number[];
  /** Queries in the mix. Default 300. */
  readonly queries?: number;
  /**
   * Systems to run. Default newsbot and the baselines without MiniSearch
   * (~2.3 GB at 20,000 articles: ask for it with --systems); above
   * SMALL_ARCHIVE articles newsbot and FTS5 over jieba words only (the naive
   * scan holds every text in memory, the trigram index takes hours).
   */
  readonly systems?: readonly SystemName[];
  /** Where stored archives are kept between runs (BENCH_DATA_DIR); default: made afresh in a temporary directory. */
  readonly dataDir?: string;
  /** Where progress lines go (stderr: stdout holds the table). */
  readonly progress: (line: string) => void;
}

export interface SearchBenchRow {
  readonly size: number;
  readonly system: SystemName;
  readonly buildS: number;
  readonly buildCpuS: number;
  readonly diskMb: number;
  readonly buildPeakRssMb: number;
  readonly coldStartMs: number;
  readonly loadPeakRssMb: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly meanMs: number;
  readonly cpuP95Ms: number;
  readonly cpuMeanMs: number;
  readonly answered: number;
  /** The machine's 1-minute load average over the build and over the queries (the larger of start and end). */
  readonly buildLoad: number;
  readonly queryLoad: number;
}

/** Above this many articles the default systems are newsbot and FTS5 over jieba words. */
const SMALL_ARCHIVE = 100_000;

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'searchWorker.js');

/** Runs one task in a fresh Node process (with --expose-gc) and returns its measurements. */
function runWorker(task: WorkerTask): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, [], { execArgv: ['--expose-gc', '--max-old-space-size=4096'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    let settled = false;
    child.once('message', (message: { ok: boolean; result?: WorkerResult; error?: string }) => {
      settled = true;
      if (message.ok && message.result) resolve(message.result);
      else reject(new Error(`bench ${task.system} ${task.phase}: ${message.error}`));
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`bench ${task.system} ${task.phase}: worker exited with ${code}`));
    });
    child.send(task);
  });
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const mean = (values: readonly number[]) => values.reduce((sum, ms) => sum + ms, 0) / Math.max(1, values.length);

/** One system at one size: built, then opened and queried, each in a process of its own. */
async function measure(system: SystemName, size: number, archive: string, queries: readonly string[], progress: (line: string) => void): Promise<SearchBenchRow> {
  const dir = mkdtempSync(path.join(tmpdir(), `newsbot-bench-${size}-${system}-`));
  try {
    progress(`  ${system}: building`);
    const built = await runWorker({ system, phase: 'build', dir, archive, queries });
    progress(`  ${system}: built in ${round(built.ms / 1000, 1)} s (load ${built.load.map((l) => l.toFixed(1)).join(' → ')}); cold start and queries`);
    const loaded = await runWorker({ system, phase: 'load', dir, archive, queries });
    const wall = [...loaded.latencies].sort((a, b) => a - b);
    const cpu = [...loaded.cpuLatencies].sort((a, b) => a - b);
    return {
      size,
      system,
      buildS: round(built.ms / 1000, 1),
      buildCpuS: round(built.cpuMs / 1000, 1),
      diskMb: round(built.diskBytes / 1024 / 1024, 1),
      buildPeakRssMb: built.peakRssMb,
      coldStartMs: Math.round(loaded.ms),
      loadPeakRssMb: loaded.peakRssMb,
      p50Ms: round(quantile(wall, 0.5)),
      p95Ms: round(quantile(wall, 0.95)),
      meanMs: round(mean(wall)),
      cpuP95Ms: round(quantile(cpu, 0.95)),
      cpuMeanMs: round(mean(cpu)),
      answered: loaded.answered,
      buildLoad: round(Math.max(...built.load), 1),
      queryLoad: round(Math.max(...loaded.load), 1),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The search benchmark: for each size, one stored archive of synthetic
 * articles (a DATA_DIR's SQLite store, as years of ingests leave it) and one
 * query mix go to newsbot and the baselines, each built from the store and
 * then measured in its own processes (one to build and save, one to
 * cold-start and query). The machine's load average is kept beside each
 * figure: on a shared machine a figure taken under load says so.
 */
export async function runSearchBench(options: SearchBenchOptions): Promise<SearchBenchRow[]> {
  const sizes = options.sizes ?? [20_000, 100_000];
  const queries = makeQueries(options.seeds, options.queries ?? 300);
  const rows: SearchBenchRow[] = [];
  for (const size of sizes) {
    const systems = options.systems ?? (size > SMALL_ARCHIVE ? ['newsbot', 'fts5jieba'] : ['newsbot', 'fts5jieba', 'fts5', 'naive']);
    const scratch = mkdtempSync(path.join(tmpdir(), `newsbot-archive-${size}-`));
    try {
      options.progress(`${size} articles, ${queries.length} queries: storing the archive`);
      const archive = await storedArchive(options.seeds, size, options.dataDir, scratch);
      for (const system of systems) rows.push(await measure(system, size, archive, queries, options.progress));
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return rows;
}

/** The rows as a plain-text table. */
export function formatSearchTable(rows: readonly SearchBenchRow[]): string {
  const header = [
    'articles',
    'system',
    'build s',
    'build CPU s',
    'disk MB',
    'build RSS MB',
    'cold start ms',
    'query RSS MB',
    'p50 ms',
    'p95 ms',
    'mean ms',
    'CPU p95 ms',
    'CPU mean ms',
    'with hits',
    'load (build / queries)',
  ];
  const lines = rows.map((row) => [
    String(row.size),
    row.system,
    row.buildS.toFixed(1),
    row.buildCpuS.toFixed(1),
    row.diskMb.toFixed(1),
    String(row.buildPeakRssMb),
    String(row.coldStartMs),
    String(row.loadPeakRssMb),
    row.p50Ms.toFixed(2),
    row.p95Ms.toFixed(2),
    row.meanMs.toFixed(2),
    row.cpuP95Ms.toFixed(2),
    row.cpuMeanMs.toFixed(2),
    String(row.answered),
    `${row.buildLoad.toFixed(1)} / ${row.queryLoad.toFixed(1)}`,
  ]);
  return markdownTable(header, lines, 2).join('\n');
}
