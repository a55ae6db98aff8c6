/**
 * Fleet benchmark: two instances over one PostgreSQL (a throwaway server
 * started here, bench/localPostgres.ts) against one instance on SQLite, with
 * the same fake Bot API. Per setup: a broadcast of the newest summary to N
 * subscribers, every instance pushing at once (messages per second,
 * duplicates, missing), then webhook updates posted round-robin to the
 * instances (updates per second, reply latency p50/p95).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Update } from 'grammy/types';
import { openRuntime } from '../src/runtime.js';
import type { App, Runtime } from '../src/services.js';
import { loadConfig } from '../src/config.js';
import { createSilentLogger } from '../src/logger.js';
import { NO_LIMIT } from '../src/push/index.js';
import { startFakeBotApi, type FakeBotApi } from './fakeBotApi.js';
import { startLocalPostgres } from './localPostgres.js';
import { markdownTable } from './table.js';
import { sampleHotlineReport, undatedPage } from './pages.js';

export interface FleetBenchRow {
  readonly setup: string;
  readonly instances: number;
  readonly subscribers: number;
  readonly broadcastSeconds: number;
  readonly messagesPerSecond: number;
  /** Chats that got the summary more than once (must be 0). */
  readonly duplicates: number;
  /** Chats that did not get it (must be 0). */
  readonly missing: number;
  readonly updates: number;
  readonly updatesPerSecond: number;
  readonly replyP50Ms: number;
  readonly replyP95Ms: number;
}

export interface FleetBenchOptions {
  /** Subscribers of the broadcast (default 10,000). */
  readonly subscribers?: number;
  /** Webhook updates posted (default 2,000). */
  readonly updates?: number;
  /** Progress lines (stderr). */
  readonly progress?: (line: string) => void;
}

const TOKEN = '123456:fleet-bench';
const SECRET = 'fleet-bench-secret';
const REPORT = sampleHotlineReport('2025-02-21', 'fleet-bench.txt');
/** What readers send: searches and the two commands that read the store. */
const TEXTS = ['护学岗', '西宁', '物业管理', '供暖', '12345', '/latest', '/hotline', '零糖', '观影', '城中区'];
/** Requests in flight from the load generator (a balancer's worth of Telegram connections). */
const CONCURRENCY = 16;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Runs `work` on each item with at most `limit` at once. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

function messageUpdate(updateId: number, text: string): Update {
  const user = 10_000_000 + updateId;
  const command = text.startsWith('/') ? { entities: [{ type: 'bot_command' as const, offset: 0, length: text.length }] } : {};
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: 1740000000,
      chat: { id: user, type: 'private', first_name: '读者' },
      from: { id: user, is_bot: false, first_name: '读者', language_code: 'zh' },
      text,
      ...command,
    },
  };
}

interface Node {
  readonly app: App;
  readonly instance: Runtime;
  readonly url: string;
}

async function startNodes(count: number, databaseUrl: string | null, api: FakeBotApi, dirs: string[]): Promise<Node[]> {
  const nodes: Node[] = [];
  for (let i = 0; i < count; i++) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'newsbot-fleet-bench-'));
    dirs.push(dataDir);
    const config = loadConfig({
      DATA_DIR: dataDir,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.apiRoot,
      WEBHOOK_URL: 'https://bot.example.test/telegram',
      WEBHOOK_SECRET: SECRET,
      LOG_LEVEL: 'silent',
    });
    // Each instance is built as `newsbot start` builds it; two in one process claim as two owners.
    const instance = await openRuntime({
      config,
      logger: createSilentLogger(),
      clock: { now: () => new Date() },
      token: TOKEN,
      bot: { botInfo: { id: 1, is_bot: true, first_name: 'fake', username: 'fake_bot' } as never, rateLimit: false },
      push: { limiter: NO_LIMIT, owner: `bench-${i}:${process.pid}:0` },
    });
    const app = instance.app;
    const port = await instance.server.listen(0, '127.0.0.1');
    nodes.push({ app, instance, url: `http://127.0.0.1:${port}/telegram` });
  }
  return nodes;
}

/** One setup: `count` instances over PostgreSQL at `databaseUrl`, or one over SQLite when it is null. */
async function benchSetup(
  setup: string,
  count: number,
  databaseUrl: string | null,
  options: Required<Pick<FleetBenchOptions, 'subscribers' | 'updates'>> & Pick<FleetBenchOptions, 'progress'>,
): Promise<FleetBenchRow> {
  const progress = options.progress ?? (() => {});
  const api = await startFakeBotApi({ latencyMs: 5, maxRequests: options.subscribers * 3 + options.updates * 3 });
  const dirs: string[] = [];
  const nodes = await startNodes(count, databaseUrl, api, dirs);
  try {
    const store = nodes[0]!.app.store;
    await store.pages.savePage(undatedPage('fleet-bench.txt', 'fleet-bench', { hotline: [REPORT] }), new Date());
    const chats = Array.from({ length: options.subscribers }, (_, i) => i + 1);
    const setAt = new Date('2025-02-21T12:00:00+08:00');
    await pool(chats, 8, async (chat) => {
      await store.subscribers.subscribe(chat, '08:00', chat % 10 === 0 ? 'en' : 'zh', setAt);
    });
    progress(`fleet (${setup}): ${chats.length} subscribers stored, broadcasting`);

    // Every instance pushes at once, as their schedulers do at the same minute; no rate limit: the store's cost shows.
    const now = new Date();
    const started = performance.now();
    const runs = await Promise.all(nodes.map((node) => node.instance.pushNow(now)));
    const broadcastSeconds = (performance.now() - started) / 1000;
    const sent = runs.reduce((total, run) => total + run.summaries.sent, 0);
    let duplicates = 0;
    let missing = 0;
    for (const chat of chats) {
      const got = api.delivered.get(chat) ?? 0;
      if (got > 1) duplicates++;
      if (got === 0) missing++;
    }
    progress(`fleet (${setup}): broadcast done in ${broadcastSeconds.toFixed(1)} s, posting ${options.updates} updates`);

    const latencies: number[] = [];
    const updates = Array.from({ length: options.updates }, (_, i) => messageUpdate(i + 1, TEXTS[i % TEXTS.length]!));
    const posted = performance.now();
    await pool(updates, CONCURRENCY, async (update) => {
      const node = nodes[update.update_id % nodes.length]!;
      const begin = performance.now();
      const response = await fetch(node.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(update),
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`update ${update.update_id}: HTTP ${response.status}`);
      latencies.push(performance.now() - begin);
    });
    const updateSeconds = (performance.now() - posted) / 1000;
    latencies.sort((x, y) => x - y);
    return {
      setup,
      instances: count,
      subscribers: chats.length,
      broadcastSeconds,
      messagesPerSecond: sent / broadcastSeconds,
      duplicates,
      missing,
      updates: updates.length,
      updatesPerSecond: updates.length / updateSeconds,
      replyP50Ms: percentile(latencies, 50),
      replyP95Ms: percentile(latencies, 95),
    };
  } finally {
    for (const node of nodes) {
      await node.instance.server.close();
      await node.app.close();
    }
    await api.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** The fleet section: PostgreSQL with two instances, then SQLite with one, in the same run. */
export async function runFleetBench(options: FleetBenchOptions = {}): Promise<FleetBenchRow[]> {
  const settings = { subscribers: options.subscribers ?? 10_000, updates: options.updates ?? 2_000, progress: options.progress };
  const server = await startLocalPostgres();
  try {
    const url = await server.createDatabase('newsbot_fleet_bench');
    const fleet = await benchSetup('PostgreSQL', 2, url, settings);
    const single = await benchSetup('SQLite', 1, null, settings);
    return [fleet, single];
  } finally {
    await server.stop();
  }
}

/** The rows as a table, like the other sections'. */
export function formatFleetTable(rows: readonly FleetBenchRow[]): string {
  const header = ['store', 'instances', 'subscribers', 'broadcast s', 'msg/s', 'duplicates', 'missing', 'updates', 'updates/s', 'reply p50 ms', 'reply p95 ms'];
  const lines = rows.map((r) => [
    r.setup,
    String(r.instances),
    String(r.subscribers),
    r.broadcastSeconds.toFixed(1),
    r.messagesPerSecond.toFixed(0),
    String(r.duplicates),
    String(r.missing),
    String(r.updates),
    r.updatesPerSecond.toFixed(0),
    r.replyP50Ms.toFixed(1),
    r.replyP95Ms.toFixed(1),
  ]);
  return [
    ...markdownTable(header, lines, 1),
    '',
    'Local fake Bot API (5 ms per call); PostgreSQL 15 started for the run on this machine (durability off).',
    'Broadcast: every instance runs `pushNow` at once with no rate limit, so the store\'s cost shows (the running bot holds',
    'the whole fleet to 25/s: one send budget in the store); each delivery claimed in the store before it is sent.',
    `Updates: webhook POSTs round-robin over the instances, ${CONCURRENCY} in flight; reply = until the update is handled (search, reply sent).`,
  ].join('\n');
}
