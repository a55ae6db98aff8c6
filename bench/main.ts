#!/usr/bin/env node
/**
 * The benchmark's own entry point (`npm run bench`, or `newsbot bench`, which runs
 * this file as a child process): src/ never imports bench/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readCorpus } from '../src/corpus/index.js';
import { createLogger, type Logger } from '../src/logger.js';
import { SEEDS_DIR } from '../src/paths.js';
import { formatAnswerTable, runAnswerBench } from './answerBench.js';
import { formatArchiveTable, runArchiveBench } from './archiveBench.js';
import { formatBroadcastTable, runBroadcastBench } from './broadcastBench.js';
import { formatFleetTable, runFleetBench } from './fleetBench.js';
import { formatGiantTable, runGiantBench } from './giantBench.js';
import { formatPaperTable, runPaperBench } from './paperBench.js';
import { formatParseTable, runParseBench } from './parseBench.js';
import { formatReaderTable, runReaderBench } from './readerBench.js';
import { formatReportsTable, runReportsBench } from './reportsBench.js';
import { formatSearchTable, runSearchBench } from './searchBench.js';
import type { SystemName } from './searchWorker.js';

/** A bad flag: printed as one line, exit 1. */
class UserError extends Error {}

/** One part of the benchmark; they run in this order, `--only NAME` picks one. */
interface BenchSection {
  readonly name: string;
  run(options: SectionOptions): Promise<{ table: string; rows: unknown }>;
}

interface SectionOptions {
  readonly logger: Logger;
  readonly sizes: readonly number[] | undefined;
  readonly queries: number | undefined;
  readonly systems: readonly SystemName[] | undefined;
}

const SECTIONS: readonly BenchSection[] = [
  {
    // one page of the seeds run together, 1 and 10 MB: parsing must stay linear in page size
    name: 'parse',
    run() {
      const seedTexts = readCorpus([SEEDS_DIR]).files.map((file) => readFileSync(file, 'utf8'));
      const rows = runParseBench(seedTexts);
      return Promise.resolve({ table: formatParseTable(rows), rows });
    },
  },
  {
    // each seed set as a newspaper page and read back as PDF, PDF without character maps, scan and phone photo
    name: 'paper',
    async run({ logger }) {
      // BENCH_PAPER_SEEDS=003,004 reads only those seed pages (each takes minutes of OCR)
      const only = process.env.BENCH_PAPER_SEEDS?.split(',').map((s) => s.trim());
      const seeds = only ? readdirSync(SEEDS_DIR).filter((file) => only.some((prefix) => file.startsWith(prefix))) : undefined;
      const result = await runPaperBench({ seedsDir: SEEDS_DIR, progress: (line) => logger.info(line), ...(seeds ? { seeds } : {}) });
      return { table: formatPaperTable(result), rows: result };
    },
  },
  {
    name: 'search',
    async run({ logger, sizes, queries, systems }) {
      const seeds = readCorpus([SEEDS_DIR]).pages.flatMap((page) => page.items);
      const rows = await runSearchBench({
        seeds,
        sizes,
        queries,
        systems,
        // BENCH_DATA_DIR keeps the stored archives between runs (storing a million articles takes long)
        ...(process.env.BENCH_DATA_DIR ? { dataDir: process.env.BENCH_DATA_DIR } : {}),
        progress: (line) => logger.info(line),
      });
      return { table: formatSearchTable(rows), rows };
    },
  },
  {
    // bench/questions.json beside 100,000 synthetic articles: a reply's list, and what the answer adds (issue 19: ≤ 20 ms p95).
    name: 'answers',
    async run({ logger, sizes }) {
      const rows = await runAnswerBench({ ...(sizes ? { sizes } : {}), progress: (line) => logger.info(line) });
      return { table: formatAnswerTable(rows), rows };
    },
  },
  {
    // The seeds alone beside 20,000 and 100,000 synthetic articles in a DATA_DIR: start, ingest, memory, per process.
    name: 'archive',
    async run({ logger, sizes }) {
      const seeds = readCorpus([SEEDS_DIR]).pages.flatMap((page) => page.items);
      const rows = await runArchiveBench({
        seeds,
        seedsDir: SEEDS_DIR,
        sizes: sizes ? [0, ...sizes] : undefined,
        progress: (line) => logger.info(line),
      });
      return { table: formatArchiveTable(rows), rows };
    },
  },
  {
    // The seeds and a report page a day for ten years in a DATA_DIR: the bot's replies, which all ask the reports.
    name: 'reports',
    async run({ logger }) {
      const rows = await runReportsBench({ pages: readCorpus([SEEDS_DIR]).pages, progress: (line) => logger.info(line) });
      return { table: formatReportsTable(rows), rows };
    },
  },
  {
    // The reader Mini App over the seeds and 100,000 synthetic articles: its data API's latency and the first render in Chromium.
    name: 'reader',
    async run({ logger, sizes }) {
      const seeds = readCorpus([SEEDS_DIR]).pages.flatMap((page) => page.items);
      const rows = await runReaderBench({ seeds, ...(sizes ? { sizes } : {}), progress: (line) => logger.info(line) });
      return { table: formatReaderTable(rows), rows };
    },
  },
  {
    // A 5 MB page of one line searched 10 times a second: other readers' replies and the event loop's longest hold; BENCH_GIANT_SECONDS.
    name: 'giant',
    async run({ logger }) {
      const seeds = readCorpus([SEEDS_DIR]).pages.flatMap((page) => page.items);
      const rows = await runGiantBench({ seeds, progress: (line) => logger.info(line) });
      return { table: formatGiantTable(rows), rows };
    },
  },
  {
    // 10,000 fake subscribers through a local fake Bot API; BENCH_BROADCAST_SUBSCRIBERS shrinks the 25/s run.
    name: 'broadcast',
    async run({ logger }) {
      const rows = await runBroadcastBench({ progress: (line) => logger.info(line) });
      return { table: formatBroadcastTable(rows), rows };
    },
  },
  {
    // Two instances over a throwaway PostgreSQL, then one over SQLite; BENCH_FLEET_SUBSCRIBERS shrinks the broadcast.
    name: 'fleet',
    async run({ logger }) {
      const subscribers = Number(process.env.BENCH_FLEET_SUBSCRIBERS) || undefined;
      const rows = await runFleetBench({ ...(subscribers ? { subscribers } : {}), progress: (line) => logger.info(line) });
      return { table: formatFleetTable(rows), rows };
    },
  },
];

const SYSTEMS: readonly SystemName[] = ['newsbot', 'minisearch', 'fts5jieba', 'fts5', 'naive'];

/**
 * `npm run bench -- [--only search,archive] [--sizes 20000,100000] [--queries 300]
 * [--systems newsbot,minisearch,fts5,naive] [--json]`: the benchmark sections in order;
 * the tables (or JSON) on stdout, progress on stderr.
 */
async function run(argv: string[], logger: Logger, stdout: NodeJS.WritableStream): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      sizes: { type: 'string' },
      queries: { type: 'string' },
      systems: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const only = values.only?.split(',').map((name) => name.trim());
  const unknown = only?.find((name) => !SECTIONS.some((section) => section.name === name));
  if (only?.length === 0 || unknown !== undefined) {
    throw new UserError(`bench: --only takes one or more of ${SECTIONS.map((section) => section.name).join(', ')}, separated by commas`);
  }
  const sections = only ? SECTIONS.filter((section) => only.includes(section.name)) : SECTIONS;
  const options: SectionOptions = {
    logger,
    sizes: values.sizes === undefined ? undefined : parseCounts('--sizes', values.sizes),
    queries: values.queries === undefined ? undefined : parseCounts('--queries', values.queries)[0],
    systems: values.systems === undefined ? undefined : parseSystems(values.systems),
  };
  const report: Record<string, unknown> = {};
  for (const section of sections) {
    const { table, rows } = await section.run(options);
    report[section.name] = rows;
    if (!values.json) stdout.write(`\n## ${section.name}\n\n${table}\n`);
  }
  if (values.json) stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return 0;
}

function parseCounts(flag: string, value: string): number[] {
  const counts = value.split(',').map((part) => part.trim());
  if (!counts.every((count) => /^\d+$/.test(count) && Number(count) > 0)) {
    throw new UserError(`bench: ${flag} takes positive whole numbers separated by commas, not "${value}"`);
  }
  return counts.map(Number);
}

function parseSystems(value: string): SystemName[] {
  const names = value.split(',').map((part) => part.trim());
  const bad = names.find((name) => !SYSTEMS.includes(name as SystemName));
  if (bad !== undefined) throw new UserError(`bench: --systems takes ${SYSTEMS.join(', ')}, not "${bad}"`);
  return names as SystemName[];
}

run(process.argv.slice(2), createLogger(process.env.LOG_LEVEL ?? 'info'), process.stdout).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${error instanceof UserError ? message : `bench: ${message}`}\n`);
    process.exitCode = 1;
  },
);
