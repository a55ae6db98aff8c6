import { fork } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../src/types.js';
import { makeCorpus, makeQueries } from './synthetic.js';
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
  /** Systems to run. Default newsbot and the three baselines without MiniSearch (which needs ~2.3 GB at 20,000 articles: ask for it with --systems). */
  readonly systems?: readonly SystemName[];
  /** Where progress lines go (stderr: stdout holds the table). */
  readonly progress: (line: string) => void;
}

export interface SearchBenchRow {
  readonly size: number;
  readonly system: SystemName;
  readonly buildS: number;
  readonly diskMb: number;
  readonly buildPeakRssMb: number;
  readonly coldStartMs: number;
  readonly loadPeakRssMb: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly meanMs: number;
  readonly answered: number;
}

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

/**
 * The search benchmark: for each corpus size, the same synthetic corpus and
 * query mix go to newsbot and the two baselines, each measured in its own
 * processes (one to build and save, one to cold-start and query).
 */
export async function runSearchBench(options: SearchBenchOptions): Promise<SearchBenchRow[]> {
  const sizes = options.sizes ?? [20_000, 100_000];
  const systems = options.systems ?? ['newsbot', 'fts5jieba', 'fts5', 'naive'];
  const queries = makeQueries(options.seeds, options.queries ?? 300);
  const rows: SearchBenchRow[] = [];
  for (const size of sizes) {
    const dir = mkdtempSync(path.join(tmpdir(), `newsbot-bench-${size}-`));
    try {
      const corpus = makeCorpus(options.seeds, size);
      const chars = corpus.reduce((sum, article) => sum + article.body.length, 0);
      options.progress(`${size} articles, ${(chars / 1e6).toFixed(1)} M characters, ${queries.length} queries`);
      writeFileSync(path.join(dir, 'corpus.json'), JSON.stringify(corpus));
      writeFileSync(path.join(dir, 'queries.json'), JSON.stringify(queries));
      for (const system of systems) {
        options.progress(`  ${system}: building`);
        const built = await runWorker({ system, phase: 'build', dir });
        options.progress(`  ${system}: cold start and queries`);
        const loaded = await runWorker({ system, phase: 'load', dir });
        const sorted = [...loaded.latencies].sort((a, b) => a - b);
        const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
        rows.push({
          size,
          system,
          buildS: round(built.ms / 1000, 1),
          diskMb: round(built.diskBytes / 1024 / 1024, 1),
          buildPeakRssMb: built.peakRssMb,
          coldStartMs: Math.round(loaded.ms),
          loadPeakRssMb: loaded.peakRssMb,
          p50Ms: round(quantile(sorted, 0.5)),
          p95Ms: round(quantile(sorted, 0.95)),
          meanMs: round(sorted.reduce((sum, ms) => sum + ms, 0) / Math.max(1, sorted.length)),
          answered: loaded.answered,
        });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

/** The rows as a plain-text table. */
export function formatSearchTable(rows: readonly SearchBenchRow[]): string {
  const header = ['articles', 'system', 'build s', 'disk MB', 'build RSS MB', 'cold start ms', 'query RSS MB', 'p50 ms', 'p95 ms', 'mean ms', 'with hits'];
  const lines = rows.map((row) => [
    String(row.size),
    row.system,
    row.buildS.toFixed(1),
    row.diskMb.toFixed(1),
    String(row.buildPeakRssMb),
    String(row.coldStartMs),
    String(row.loadPeakRssMb),
    row.p50Ms.toFixed(2),
    row.p95Ms.toFixed(2),
    row.meanMs.toFixed(2),
    String(row.answered),
  ]);
  return markdownTable(header, lines, 2).join('\n');
}
