/**
 * Broadcast benchmark: the newest hotline summary to N fake subscribers through
 * a local fake Bot API (5 ms per call, a few 429s, a few blocked chats), with
 * the same code path as `newsbot push` (claims in SQLite, auto-retry, the rate
 * limit). Reports throughput, the busiest second, retries and duplicates.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSilentLogger } from '../src/logger.js';
import {
  createPush,
  createPushApi,
  createPushRenderer,
  createTokenBucket,
  NO_LIMIT,
  type RateLimiter,
} from '../src/push/index.js';
import { openSqliteStore } from '../src/store/index.js';
import { createI18n } from '../src/render/index.js';
import { createTrendChartRenderer, readHotTopics } from '../src/trend/index.js';
import type { HotlineReport } from '../src/types.js';
import { startFakeBotApi } from './fakeBotApi.js';
import { markdownTable } from './table.js';
import { sampleHotlineReport, undatedPage } from './pages.js';

export interface BroadcastBenchOptions {
  /** Fake subscribers (default 10,000). */
  readonly subscribers?: number;
  /**
   * Messages per second of the limiter (default 25, what the bot uses); 0 runs without a
   * limit, which measures push's own overhead instead of Telegram's limit.
   */
  readonly ratePerSecond?: number;
  /** Sends in flight (default 8, as in the bot). */
  readonly concurrency?: number;
  /** Progress lines while it runs (default: none). */
  readonly progress?: (line: string) => void;
}

export interface BroadcastBenchResult {
  readonly subscribers: number;
  readonly ratePerSecond: number;
  readonly sent: number;
  readonly blocked: number;
  readonly failed: number;
  readonly seconds: number;
  readonly messagesPerSecond: number;
  /** Most messages the fake API accepted within any one second. */
  readonly peakPerSecond: number;
  /** 429 answers given (each retried by auto-retry). */
  readonly retries: number;
  /** Chats that received the summary more than once (must be 0). */
  readonly duplicates: number;
  /** Chats that should have got it and did not. */
  readonly missing: number;
  /** Messages sent by a second `newsbot push` right after (must be 0). */
  readonly secondRunSent: number;
}

const REPORT: HotlineReport = {
  ...sampleHotlineReport('2025-02-20', 'bench.txt'),
  hot: [
    { topic: '供暖', count: 50 },
    { topic: '物业管理', count: 38 },
  ],
};

/** Busiest one-second window over sorted timestamps (ms). */
function peakPerSecond(times: readonly number[]): number {
  let peak = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= 1000) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

/** Runs one broadcast and returns its measurements. */
export async function benchBroadcast(options: BroadcastBenchOptions = {}): Promise<BroadcastBenchResult> {
  const count = options.subscribers ?? 10_000;
  const rate = options.ratePerSecond ?? 25;
  const blockedChats = new Set([17, 4242, 9001].filter((id) => id <= count));
  // A few 429s spread over the run: the 100th call, then about every 2,500th.
  const tooManyAt = new Set([100, 2_500, 5_000, 7_500].filter((n) => n <= count));
  const api = await startFakeBotApi({ latencyMs: 5, tooManyAt, retryAfter: 1, blockedChats, maxRequests: count * 3 });
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-bench-'));
  const db = openSqliteStore(path.join(dir, 'newsbot.db'));
  try {
    await db.pages.savePage(undatedPage('bench.txt', 'bench', { hotline: [REPORT] }), new Date());
    const store = db.subscribers;
    const subscribedAt = new Date('2025-02-20T00:00:00Z');
    for (let chat = 1; chat <= count; chat++) await store.subscribe(chat, '08:00', chat % 10 === 0 ? 'en' : 'zh', subscribedAt);

    const limiter: RateLimiter = rate > 0 ? createTokenBucket({ ratePerSecond: rate }) : NO_LIMIT;
    const telegram = createPushApi('123456:bench', api.apiRoot);
    const pushOn = (owner: string) =>
      createPush({
        store,
        articles: db.articles,
        search: { matches: () => false, snippet: () => '' },
        api: telegram,
        render: createPushRenderer(createI18n(), createTrendChartRenderer()), hotTopics: readHotTopics(),
        clock: { now: () => new Date() },
        logger: createSilentLogger(),
        limiter,
        owner,
        concurrency: options.concurrency ?? 8,
      });

    let progress: NodeJS.Timeout | undefined;
    if (options.progress) {
      const report = options.progress;
      progress = setInterval(() => report(`broadcast: ${api.messages.length}/${count} delivered`), 10_000);
    }
    const started = performance.now();
    const first = await pushOn('bench-1').pushNow(new Date());
    const seconds = (performance.now() - started) / 1000;
    clearInterval(progress);
    const second = await pushOn('bench-2').pushNow(new Date());

    let duplicates = 0;
    let missing = 0;
    for (let chat = 1; chat <= count; chat++) {
      const got = api.delivered.get(chat) ?? 0;
      if (got > 1) duplicates++;
      if (got === 0 && !blockedChats.has(chat)) missing++;
    }
    return {
      subscribers: count,
      ratePerSecond: rate,
      sent: first.summaries.sent,
      blocked: first.summaries.blocked.length,
      failed: first.summaries.failed.length,
      seconds,
      messagesPerSecond: first.summaries.sent / seconds,
      peakPerSecond: peakPerSecond(api.messages.map((m) => m.at)),
      retries: api.stats.tooMany,
      duplicates,
      missing,
      secondRunSent: second.summaries.sent,
    };
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
    await api.close();
  }
}

/** The results as a table (one row per run), like the search section's. */
export function formatBroadcastTable(rows: readonly BroadcastBenchResult[]): string {
  const header = ['subscribers', 'rate limit', 'sent', 'blocked', 'failed', 'missing', 'total s', 'msg/s', 'busiest 1 s', '429 retries', 'duplicates', '2nd push sent'];
  const lines = rows.map((r) => [
    String(r.subscribers),
    r.ratePerSecond > 0 ? `${r.ratePerSecond}/s, burst 5` : 'none',
    String(r.sent),
    String(r.blocked),
    String(r.failed),
    String(r.missing),
    r.seconds.toFixed(1),
    r.messagesPerSecond.toFixed(1),
    String(r.peakPerSecond),
    String(r.retries),
    String(r.duplicates),
    String(r.secondRunSent),
  ]);
  return [
    ...markdownTable(header, lines, 2),
    '',
    'Local fake Bot API: 5 ms per call, 429 (retry_after 1) for 4 calls, 3 chats blocked (403).',
    'Same path as `newsbot push`: claim in SQLite (WAL file), send with auto-retry, mark sent.',
  ].join('\n');
}

export interface BroadcastSectionOptions {
  /** Subscribers of the unlimited run (default 10,000). */
  readonly subscribers?: number;
  /** Subscribers of the run at the bot's 25/s limit (default: BENCH_BROADCAST_SUBSCRIBERS, else 10,000: ~400 s). */
  readonly limitedSubscribers?: number;
  /** Progress lines (stderr). */
  readonly progress?: (line: string) => void;
}

/**
 * The bench's broadcast section: two runs, without a limit (push's own cost: claims,
 * SQLite, HTTP) and at the bot's 25/s limit (what Telegram sees).
 */
export async function runBroadcastBench(options: BroadcastSectionOptions = {}): Promise<BroadcastBenchResult[]> {
  const subscribers = options.subscribers ?? 10_000;
  const limited = options.limitedSubscribers ?? Number(process.env.BENCH_BROADCAST_SUBSCRIBERS || subscribers);
  const progress = options.progress ?? (() => {});
  progress(`broadcast: ${subscribers} subscribers, no rate limit`);
  const unlimited = await benchBroadcast({ subscribers, ratePerSecond: 0 });
  progress(`broadcast: ${limited} subscribers at 25/s (about ${Math.ceil(limited / 25)} s)`);
  const atLimit = await benchBroadcast({ subscribers: limited, ratePerSecond: 25, progress });
  return [unlimited, atLimit];
}
