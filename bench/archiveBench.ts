/**
 * The archive benchmark: what running the bot costs as the archive grows.
 * For the seeds alone and for DATA_DIRs holding N synthetic articles (stored
 * as pages, as years of ingests would leave them), with the built CLI in
 * processes of its own:
 * - build: the first `newsbot search` (the index built from the store): time and peak RSS;
 * - start: `newsbot search` to its answer (median of 3), and `newsbot start`
 *   to its first reply through a local fake Bot API;
 * - serving RSS of the bot after 50 searches;
 * - `newsbot ingest` of new pages (each seed page INGEST_ROUNDS times more,
 *   with a word of its own), one after another, while a reader searches
 *   every 100 ms: the reply p95 over every ingest (an ingest lasts about a
 *   second: a single one gave the p95 of 3 replies, five pages the slowest
 *   of about seventeen), and the slowest, beside the same queries' p95
 *   asked again with none running; and the longest time from an ingest's
 *   exit until the bot finds its page;
 * - p95 per query of the bot (search → reply) over the fake Bot API.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Article } from '../src/types.js';
import { fillStore } from './archiveStore.js';
import { readerMessage, startFakeBotApi, type FakeBotApi } from './fakeBotApi.js';
import { procMb, runCli, startCli, stopCli } from './processes.js';
import { makeQueries } from './synthetic.js';
import { markdownTable } from './table.js';
import { quantile } from './stats.js';

export interface ArchiveBenchOptions {
  readonly seeds: readonly Article[];
  /** The seed page files (each is copied, with a new word, as a page ingested while the bot runs). */
  readonly seedsDir: string;
  /** Synthetic articles besides the seeds (0: the seeds alone). Default [0, 20000, 100000]. */
  readonly sizes?: readonly number[];
  readonly progress: (line: string) => void;
}

export interface ArchiveBenchRow {
  readonly articles: number;
  readonly buildS: number;
  readonly buildPeakRssMb: number;
  readonly searchStartMs: number;
  readonly botStartMs: number;
  readonly servingRssMb: number;
  readonly queryP95Ms: number;
  readonly queryMeanMs: number;
  readonly replyP95DuringIngestMs: number;
  /** How many replies that p95 is of (about three per page: an ingest lasts a second or so). */
  readonly repliesDuringIngest: number;
  readonly slowestReplyDuringIngestMs: number;
  /** The same queries asked again once the ingests are done (none running): what the ingests added is the difference. */
  readonly sameQueriesIdleP95Ms: number;
  /** The pages ingested (each seed page INGEST_ROUNDS times). */
  readonly pagesIngested: number;
  /** The slowest page's time from its ingest's exit until a search finds it. */
  readonly ingestToSearchableMs: number;
}

/**
 * Words found nowhere in the seeds (nor any of their jieba words): each page ingested during the
 * run holds one of its own, so a search tells when that page is in.
 */
const MARKERS = ['琥珀鲸鱼灯塔', '翡翠松鼠风车', '珊瑚骆驼钟楼', '琉璃海豚木桥', '玛瑙孔雀石塔'];
/**
 * Each seed page is ingested this many times (a page file of another name each time: its
 * articles are new): twenty ingests give about sixty replies during them, so their p95 is
 * not simply the slowest (five gave about seventeen).
 */
const INGEST_ROUNDS = 4;
/** Readers' chat ids start after this one. */
const FIRST_CHAT = 100_000;


/**
 * Sends one text message to the bot and waits for its reply; returns ms and the reply's text.
 * Each message comes from another reader (chat): the bot limits each reader to 5 messages in 3 s.
 */
function createReader(api: FakeBotApi) {
  let updateId = 1;
  return async (text: string, timeoutMs = 60_000): Promise<{ ms: number; reply: string }> => {
    const before = api.messages.length;
    const started = performance.now();
    const id = updateId++;
    const chat = FIRST_CHAT + id;
    api.pushUpdate(readerMessage(id, chat, text));
    for (;;) {
      const reply = api.messages.slice(before).find((message) => message.chatId === chat);
      if (reply) return { ms: performance.now() - started, reply: reply.text };
      if (performance.now() - started > timeoutMs) throw new Error(`no reply to "${text}" within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  };
}

/** A running `newsbot start` over a fake Bot API. */
export interface BenchBot {
  /** Sends a reader's message and waits for the reply (createReader). */
  readonly ask: ReturnType<typeof createReader>;
  /** The bot's environment, for a command run beside it. */
  readonly env: NodeJS.ProcessEnv;
  readonly pid: number;
  /** From the start to its first reply. */
  readonly startMs: number;
}

/**
 * Runs `newsbot start` with `env` over a fresh fake Bot API until its first
 * reply, then `use`; the bot stops and the API closes after. A bot that exits
 * fails the run at once, not when its first reply times out.
 */
export async function withBot<T>(env: NodeJS.ProcessEnv, use: (bot: BenchBot) => Promise<T>): Promise<T> {
  const api = await startFakeBotApi({ latencyMs: 1 });
  const botEnv = { ...env, BOT_TOKEN: '1:bench', TELEGRAM_API_ROOT: api.apiRoot };
  const started = performance.now();
  const bot = startCli(['start'], botEnv);
  try {
    const ask = createReader(api);
    const exited = new Promise<never>((_resolve, reject) => bot.child.once('exit', (code) => reject(new Error(`the bot exited (${code})`))));
    exited.catch(() => undefined);
    await Promise.race([ask('护学岗', 600_000), exited]).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${bot.stderr()}`);
    });
    return await use({ ask, env: botEnv, pid: bot.child.pid!, startMs: performance.now() - started });
  } finally {
    await stopCli(bot.child);
    await api.close();
  }
}

/** How many articles a reply lists in all (its header "共 N 篇"; 0 for no results). */
const listedCount = (reply: string): number => Number(/共 ([\d,]+) 篇/.exec(reply)?.[1]?.replaceAll(',', '') ?? 0);

/**
 * Ingests each of `pageTexts` (a marker word added) with `newsbot ingest`, one after another,
 * INGEST_ROUNDS times over, while a reader asks `queries` in turn every 100 ms; then asks the
 * same queries again with no ingest running. Returns the replies' times during the ingests and
 * after, and the slowest time from an ingest's exit until a search for its marker lists one
 * article more (-1: one never did).
 */
async function ingestWhileReading(
  ask: BenchBot['ask'],
  botEnv: NodeJS.ProcessEnv,
  dataDir: string,
  size: number,
  queries: readonly string[],
  pageTexts: readonly string[],
): Promise<{ during: number[]; idle: number[]; searchableMs: number }> {
  const during: number[] = [];
  const duringQueries: number[] = [];
  let searchable = 0;
  let asked = 0;
  const ingests = Array.from({ length: INGEST_ROUNDS }, (_unused, round) => pageTexts.map((text, page) => ({ round, page, text }))).flat();
  for (const { round, page, text } of ingests) {
    const marker = MARKERS[page]!;
    const pageFile = path.join(dataDir, `bench-new-page-${size}-${round}-${page}.txt`);
    // A line more each round: a page's bytes already stored are not ingested again.
    writeFileSync(pageFile, text.replace(/\p{Script=Han}{4,}/u, (head) => `${head}${marker}`) + '\n'.repeat(round));
    // The rounds before put the marker in as many articles: this page is in once one more is listed.
    const before = listedCount((await ask(marker)).reply);
    if (before !== round) throw new Error(`archive ${size}: "${marker}" lists ${before} articles before round ${round + 1}, not ${round}`);
    let ingesting = true;
    const readerLoop = (async () => {
      // The ingest below clears `ingesting` while this loop awaits, which the type checker's narrowing does not see.
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
      while (ingesting) {
        const at = asked++ % queries.length;
        during.push((await ask(queries[at]!)).ms);
        duringQueries.push(at);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const ingest = await runCli(['ingest', pageFile], botEnv);
    ingesting = false;
    await readerLoop;
    if (ingest.code !== 0) throw new Error(`archive ${size}: ingest failed: ${ingest.stderr}`);
    const ingested = performance.now();
    let found = -1;
    while (found < 0 && performance.now() - ingested < 60_000) {
      const { reply } = await ask(marker);
      // The results header (search-header: "共 N 篇") with one more than before.
      if (listedCount(reply) > before) found = performance.now() - ingested;
    }
    searchable = found < 0 || searchable < 0 ? -1 : Math.max(searchable, found);
  }
  // The same queries once more, each asked as often: what the ingests cost is the difference.
  const idle: number[] = [];
  for (const at of duringQueries) idle.push((await ask(queries[at]!)).ms);
  return { during, idle, searchableMs: searchable };
}

/** Runs the archive section for each size; each size in a DATA_DIR of its own, removed afterwards. */
export async function runArchiveBench(options: ArchiveBenchOptions): Promise<ArchiveBenchRow[]> {
  const rows: ArchiveBenchRow[] = [];
  const queries = makeQueries(options.seeds, 100);
  const seedTexts = readdirSync(options.seedsDir)
    .sort()
    .slice(0, MARKERS.length)
    .map((file) => readFileSync(path.join(options.seedsDir, file), 'utf8'));
  for (const size of options.sizes ?? [0, 20_000, 100_000]) {
    const dataDir = mkdtempSync(path.join(tmpdir(), `newsbot-archive-${size}-`));
    const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', BOT_TOKEN: '', TELEGRAM_API_ROOT: '' };
    try {
      options.progress(`archive ${size}: storing ${size} synthetic articles`);
      await fillStore(dataDir, options.seeds, size);

      options.progress(`archive ${size}: first search (index built from the store)`);
      const build = await runCli(['search', '护学岗', '--json'], env);
      if (build.code !== 0) throw new Error(`archive ${size}: newsbot search failed: ${build.stderr}`);
      const starts: number[] = [];
      for (let i = 0; i < 3; i++) starts.push((await runCli(['search', '护学岗', '--json'], env)).ms);

      options.progress(`archive ${size}: the bot over a fake Bot API`);
      const row = await withBot(env, async ({ ask, env: botEnv, pid, startMs }) => {
        const latencies: number[] = [];
        for (const query of queries) latencies.push((await ask(query)).ms);
        const servingRssMb = procMb(pid, 'VmRSS');

        const ingests = await ingestWhileReading(ask, botEnv, dataDir, size, queries, seedTexts);
        return {
          articles: size + options.seeds.length,
          buildS: Math.round(build.ms / 100) / 10,
          buildPeakRssMb: build.peakRssMb,
          searchStartMs: Math.round(quantile(starts, 0.5)),
          botStartMs: Math.round(startMs),
          servingRssMb,
          queryP95Ms: Math.round(quantile(latencies, 0.95) * 10) / 10,
          queryMeanMs: Math.round((latencies.reduce((sum, ms) => sum + ms, 0) / latencies.length) * 10) / 10,
          replyP95DuringIngestMs: Math.round(quantile(ingests.during, 0.95) * 10) / 10,
          repliesDuringIngest: ingests.during.length,
          slowestReplyDuringIngestMs: Math.round(Math.max(...ingests.during) * 10) / 10,
          sameQueriesIdleP95Ms: Math.round(quantile(ingests.idle, 0.95) * 10) / 10,
          pagesIngested: seedTexts.length * INGEST_ROUNDS,
          ingestToSearchableMs: Math.round(ingests.searchableMs),
        };
      });
      rows.push(row);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return rows;
}

/** The targets of issue 9, printed beside the figures. */
export function formatArchiveTable(rows: readonly ArchiveBenchRow[]): string {
  const seedsStart = rows.find((row) => row.articles === Math.min(...rows.map((r) => r.articles)))?.searchStartMs ?? 0;
  const header = ['articles', 'build s', 'build peak MB', 'search start ms', '× seeds', 'bot start ms', 'serving RSS MB', 'reply p95 ms', 'reply mean ms', 'p95 during ingests ms (replies; slowest)', 'same queries idle p95 ms', 'ingest→searchable ms (slowest of pages)'];
  const lines = rows.map((row) => [
    String(row.articles),
    row.buildS.toFixed(1),
    String(row.buildPeakRssMb),
    String(row.searchStartMs),
    seedsStart > 0 ? (row.searchStartMs / seedsStart).toFixed(2) : '-',
    String(row.botStartMs),
    String(row.servingRssMb),
    row.queryP95Ms.toFixed(1),
    row.queryMeanMs.toFixed(1),
    `${row.replyP95DuringIngestMs.toFixed(1)} (${row.repliesDuringIngest}; ${row.slowestReplyDuringIngestMs.toFixed(1)})`,
    row.sameQueriesIdleP95Ms.toFixed(1),
    row.ingestToSearchableMs < 0 ? 'never' : `${row.ingestToSearchableMs} (${row.pagesIngested})`,
  ]);
  const targets = [
    'targets (issue 9): start at 100,000 ≤ 1.5 × seeds; serving RSS ≤ 450 MB at 20,000, ≤ 800 MB at 100,000;',
    'build peak ≤ 1200 MB at 100,000; p95 during ingest < 100 ms; ingest→searchable ≤ 1000 ms.',
  ];
  return [...markdownTable(header, lines, 0), '', ...targets].join('\n');
}
