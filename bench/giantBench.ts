/**
 * One giant page (5 MB of one line, issue 20): searched 10 times a second while another
 * reader searches the seeds one query after another. Measured: the CPU one search matching the
 * giant item costs (searches one after another, process.cpuUsage around each: the main thread,
 * the in-process fake Bot API and idle workers), that reader's reply p50/p95 during the storm,
 * how long the event loop was held at a time (monitorEventLoopDelay over the storm), and how
 * long `newsbot start` takes to exit after SIGTERM while the giant searches come in.
 * Two variants in the same run: the page's item stored whole (what ingest stored before the
 * 50,000-character cut) and stored as ingest parses it now (cut). The bot is built as
 * `newsbot start` builds it (openRuntime) and each update handled as the webhook hands it
 * over (bot.handleUpdate), its replies going to a local fake Bot API.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { parsePage } from '../src/corpus/index.js';
import { createSilentLogger } from '../src/logger.js';
import { openRuntime } from '../src/runtime.js';
import { openSqliteStore } from '../src/store/index.js';
import type { Article } from '../src/types.js';
import { readerMessage, startFakeBotApi, type FakeBotApi } from './fakeBotApi.js';
import { CLI } from './processes.js';
import { makeQueries } from './synthetic.js';
import { markdownTable } from './table.js';
import { quantile } from './stats.js';

const TOKEN = '1:giant-bench';
/** 24 characters, 72 bytes: 69,000 of them make a line of 4.97 MB, under the 5 MB page limit. */
const SENTENCE = '市民反映小区路灯不亮，维修人员当天到场更换灯具。';
const GIANT_WORD = '路灯';
/** monitorEventLoopDelay's sampling interval: each sample is the interval plus the delay, so it is taken off. */
const RESOLUTION_MS = 10;

export interface GiantBenchRow {
  readonly variant: string;
  /** Characters of the giant item's body in the store. */
  readonly giantChars: number;
  /** CPU ms of one search matching the giant item (one after another): p50 and p95. */
  readonly giantCpuP50Ms: number;
  readonly giantCpuP95Ms: number;
  readonly loadSeconds: number;
  readonly giantSent: number;
  readonly giantAnswered: number;
  readonly otherReplies: number;
  readonly otherP50Ms: number;
  readonly otherP95Ms: number;
  /** The event loop's delay beyond the sampling interval: p99 and max over the load. */
  readonly loopP99Ms: number;
  readonly loopMaxMs: number;
  /** `newsbot start` under 10 giant searches a second: ms from SIGTERM to the process's exit (null: killed after 30 s). */
  readonly sigtermMs: number | null;
}

export interface GiantBenchOptions {
  readonly seeds: readonly Article[];
  /** Seconds of load with the page cut (default 60, BENCH_GIANT_SECONDS); the whole page gets 2 (each search costs seconds then). */
  readonly seconds?: number;
  readonly progress: (line: string) => void;
}


/** Stores the giant page in `dataDir`'s SQLite: its item as ingest parses it now, or with the whole line as its body. */
async function storeGiantPage(dataDir: string, whole: boolean): Promise<number> {
  const line = SENTENCE.repeat(69_000);
  const parsed = parsePage(Buffer.from(`${line}\n`), 'giant.txt');
  if ('error' in parsed) throw new Error(`giant page: ${parsed.error}`);
  const page = whole ? { ...parsed, items: parsed.items.map((item) => ({ ...item, body: line })) } : parsed;
  const store = openSqliteStore(path.join(dataDir, 'newsbot.db'));
  try {
    await store.pages.savePage(page, new Date());
  } finally {
    await store.close();
  }
  return page.items[0]!.body.length;
}

/**
 * `newsbot start` (polling the fake Bot API) on `dataDir`, fed 10 giant searches a second; after
 * 3 s of them, SIGTERM: ms until the process exits (null when it had to be killed after 30 s).
 */
async function sigtermUnderLoad(dataDir: string, api: FakeBotApi, firstUpdate: number): Promise<number | null> {
  const child = spawn(process.execPath, [CLI, 'start'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATA_DIR: dataDir, BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const polls = () => api.methods.get('getUpdates') ?? 0;
  const since = polls();
  const opened = performance.now();
  while (polls() === since && child.exitCode === null && performance.now() - opened < 120_000) await new Promise((resolve) => setTimeout(resolve, 50));
  let id = firstUpdate;
  const feeding = setInterval(() => api.pushUpdate(readerMessage(id, 2_000_000 + id++, GIANT_WORD)), 100);
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const signalled = performance.now();
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(killer);
  clearInterval(feeding);
  return child.signalCode === 'SIGKILL' ? null : Math.round(performance.now() - signalled);
}

async function runVariant(variant: 'whole' | 'cut', seconds: number, queries: readonly string[], progress: (line: string) => void): Promise<GiantBenchRow> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `newsbot-giant-${variant}-`));
  // The fake Bot API answers (a silent one never does: every reply, and so every update, would hang).
  const api = await startFakeBotApi({ latencyMs: 1 });
  try {
    const giantChars = await storeGiantPage(dataDir, variant === 'whole');
    progress(`giant (${variant}, ${giantChars} characters): opening the bot`);
    const config = loadConfig({ DATA_DIR: dataDir, BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, LOG_LEVEL: 'silent' });
    const runtime = await openRuntime({
      config,
      logger: createSilentLogger(),
      clock: { now: () => new Date() },
      token: TOKEN,
      serving: true,
      bot: { botInfo: { id: 1, is_bot: true, first_name: 'fake', username: 'fake_bot' } as never, rateLimit: false },
    });
    let measured: Omit<GiantBenchRow, 'sigtermMs'>;
    try {
      let updateId = 1;
      const handle = (text: string) => {
        const id = updateId++;
        return runtime.bot.handleUpdate(readerMessage(id, 1_000_000 + id, text));
      };
      const searches = Number(process.env.BENCH_GIANT_SEARCHES) || 20;
      progress(`giant (${variant}): ${searches} searches for "${GIANT_WORD}" one after another, CPU of each`);
      const cpu: number[] = [];
      for (let i = 0; i < searches; i++) {
        const before = process.cpuUsage();
        await handle(GIANT_WORD);
        const used = process.cpuUsage(before);
        cpu.push((used.user + used.system) / 1000);
      }
      progress(`giant (${variant}): ${seconds} s of 10 searches a second for "${GIANT_WORD}", another reader searching meanwhile`);
      const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
      delay.enable();
      const giant: Promise<void>[] = [];
      let answered = 0;
      const firing = setInterval(() => {
        giant.push(handle(GIANT_WORD).then(() => void answered++));
      }, 100);
      const other: number[] = [];
      const until = performance.now() + seconds * 1000;
      for (let i = 0; performance.now() < until; i++) {
        const started = performance.now();
        await handle(queries[i % queries.length]!);
        other.push(performance.now() - started);
      }
      clearInterval(firing);
      const answeredDuringLoad = answered;
      delay.disable();
      // The backlog a whole page leaves (seconds of CPU a search) is waited for 2 minutes at most.
      await Promise.race([Promise.allSettled(giant), new Promise((resolve) => setTimeout(resolve, 120_000).unref())]);
      const beyond = (ns: number) => Math.max(0, Math.round(ns / 1e6 - RESOLUTION_MS));
      measured = {
        variant: variant === 'whole' ? 'stored whole (before)' : 'cut at ingest (now)',
        giantChars,
        giantCpuP50Ms: Math.round(quantile(cpu, 0.5)),
        giantCpuP95Ms: Math.round(quantile(cpu, 0.95)),
        loadSeconds: seconds,
        giantSent: giant.length,
        giantAnswered: answeredDuringLoad,
        otherReplies: other.length,
        otherP50Ms: Math.round(quantile(other, 0.5)),
        otherP95Ms: Math.round(quantile(other, 0.95)),
        loopP99Ms: beyond(delay.percentile(99)),
        loopMaxMs: beyond(delay.max),
      };
    } finally {
      await runtime.close();
    }
    progress(`giant (${variant}): newsbot start fed 10 searches a second, then SIGTERM`);
    return { ...measured, sigtermMs: await sigtermUnderLoad(dataDir, api, 1_000_000) };
  } finally {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The whole page first (the baseline), then the cut one. */
export async function runGiantBench(options: GiantBenchOptions): Promise<GiantBenchRow[]> {
  const seconds = options.seconds ?? (Number(process.env.BENCH_GIANT_SECONDS) || 60);
  const queries = makeQueries(options.seeds, 50);
  // BENCH_GIANT_BASELINE=0 skips the whole page (minutes of CPU on a loaded machine).
  const run = async (variant: 'whole' | 'cut', load: number) => {
    const row = await runVariant(variant, load, queries, options.progress);
    // Each row as soon as it is measured: a run cut short (a time limit) keeps what it has.
    options.progress(`giant: ${JSON.stringify(row)}`);
    return row;
  };
  const baseline = process.env.BENCH_GIANT_BASELINE === '0' ? [] : [await run('whole', 2)];
  return [...baseline, await run('cut', seconds)];
}

export function formatGiantTable(rows: readonly GiantBenchRow[]): string {
  const header = ['giant item', 'chars', 'CPU/search p50 ms', 'CPU/search p95 ms', 'load s', 'giant sent', 'answered in load', 'other replies', 'other p50 ms', 'other p95 ms', 'loop p99 ms', 'loop max ms', 'SIGTERM→exit ms'];
  const cells = rows.map((row) => [
    row.variant,
    String(row.giantChars),
    String(row.giantCpuP50Ms),
    String(row.giantCpuP95Ms),
    String(row.loadSeconds),
    String(row.giantSent),
    String(row.giantAnswered),
    String(row.otherReplies),
    String(row.otherP50Ms),
    String(row.otherP95Ms),
    String(row.loopP99Ms),
    String(row.loopMaxMs),
    row.sigtermMs === null ? 'killed after 30 s' : String(row.sigtermMs),
  ]);
  return [
    'A 5 MB page of one line searched 10 times a second, another reader searching the seeds meanwhile (targets: other p95 ≤ 300 ms, loop held ≤ 50 ms, SIGTERM ≤ 10 s):',
    '',
    ...markdownTable(header, cells, 1),
  ].join('\n');
}
