import { autoRetry } from '@grammyjs/auto-retry';
import { Api } from 'grammy';
import { createSilentLogger, type Logger } from '../../src/logger.js';
import { createTelegramLink } from '../../src/process/index.js';
import { createPush, NO_LIMIT, type Push, type PushRenderer } from '../../src/push/index.js';
import { openSqliteStore, type Store } from '../../src/store/index.js';
import type {
  Article,
  DeliveryLimits,
  HotlineReport,
  SafetyReport,
  SearchService,
  SubscriberStore,
} from '../../src/types.js';
import { undatedPage } from '../../bench/pages.js';
import { readHotTopics } from '../../src/trend/index.js';

/** Wall-clock time in Shanghai (UTC+8, no DST) as a Date: `at('2025-02-21 08:00')`. */
export function at(local: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`);
}

/** A clock the test moves by hand. */
export function manualClock(start: Date) {
  let current = start;
  return {
    now: () => current,
    set(local: string) {
      current = at(local);
    },
  };
}

export function hotline(date: string, calls: number): HotlineReport {
  return {
    date,
    calls,
    messages: 10,
    channels: { 人民网: 10 },
    direct: 5,
    transferred: 5,
    callbacks: null,
    hot: [{ topic: '物业管理', count: 3 }],
    source: `${date}.txt`,
  };
}

export function safety(date: string, total: number): SafetyReport {
  return { date, total, sources: { 市应急管理局: total }, topics: ['消防安全'], source: `${date}.txt` };
}

export function article(id: string, title: string, body: string): Article {
  return { id, kind: 'article', title, kicker: null, subtitle: null, reporters: [], date: '2025-02-21', source: 'p.txt', body, edition: { date: '2025-02-21', page: null, estimated: false } };
}

let pageNumber = 0;
/** Stores a page (a new content hash each call) the way an ingest would. */
export async function ingest(
  db: Store,
  content: { items?: Article[]; hotline?: HotlineReport[]; safety?: SafetyReport[] },
): Promise<void> {
  pageNumber++;
  await db.pages.savePage(undatedPage(`page${pageNumber}.txt`, `hash${pageNumber}`, content), new Date());
}

/** Keyword matching by substring: enough to test who gets an alert, not how search matches. */
export const fakeSearch: Pick<SearchService, 'matches' | 'snippet'> = {
  matches: (a, keyword) => `${a.title}\n${a.body}`.includes(keyword),
  snippet: (a, keyword) => a.body.replace(keyword, `<b>${keyword}</b>`).slice(0, 40),
};

/** Short, exact texts so that payload assertions stay readable. */
export const fakeRender: PushRenderer = {
  summary: ({ report, previous, safety: s }, language) => ({
    text: `[${language}] 12345 ${report.date} calls ${report.calls}` +
      (previous ? ` (before ${previous.date})` : '') + (s ? ` safety ${s.total}` : ''),
    options: { parse_mode: 'HTML' },
  }),
  weekly: async ({ trend, calls }, language) => ({
    text: `[${language}] week ${trend.from}..${trend.to} calls ${calls?.total ?? 0}`,
    photo: { png: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), filename: `week-${trend.to}.png` },
  }),
  alert: (a, keyword, snippet, language) => ({
    text: `[${language}] ${keyword}: ${a.title} | ${snippet}`,
    options: { parse_mode: 'HTML', reply_markup: { inline_keyboard: [[{ text: 'read', callback_data: `a:${a.id}:0` }]] } },
  }),
  digest: ({ keywords, total, articles }, language) => ({
    text: `[${language}] ${keywords.join('+')} ${total}: ${articles.map((a) => a.title).join(' / ')}`,
    options: { parse_mode: 'HTML' },
  }),
};

/** One outgoing API call. */
export interface Call {
  readonly method: string;
  readonly payload: Record<string, unknown>;
}

export interface Failure { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } }
type Reply = { ok: true; result: unknown } | Failure;

/**
 * A grammY Api whose calls never leave the process: a transformer records each call and
 * answers with `respond(call)` (default: success). auto-retry sits outside it, set as createPushApi sets it.
 */
export function recordingApi(respond?: (call: Call, index: number) => Reply | undefined | Promise<Reply | undefined>) {
  const calls: Call[] = [];
  let messageId = 100;
  const api = new Api('1:test');
  api.config.use(async (_prev, method, payload) => {
    const call = { method, payload: payload as Record<string, unknown> };
    calls.push(call);
    const reply = (await respond?.(call, calls.length - 1)) ?? { ok: true, result: { message_id: ++messageId } };
    return reply as never;
  });
  api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60, rethrowHttpErrors: true, rethrowInternalServerErrors: true }));
  return {
    api,
    calls,
    /** chat_id and text of each sendMessage, in order. */
    sent: () =>
      calls.filter((c) => c.method === 'sendMessage').map((c) => ({ chat_id: c.payload.chat_id, text: c.payload.text })),
  };
}

export const blocked: Failure = { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' };
export const chatNotFound: Failure = { ok: false, error_code: 400, description: 'Bad Request: chat not found' };
export const serverError: Failure = { ok: false, error_code: 502, description: 'Bad Gateway' };
export const messageTooLong: Failure = { ok: false, error_code: 400, description: 'Bad Request: message is too long' };
export const tooMany = (seconds: number): Failure => ({
  ok: false,
  error_code: 429,
  description: `Too Many Requests: retry after ${seconds}`,
  parameters: { retry_after: seconds },
});

export interface World {
  readonly db: Store;
  readonly store: SubscriberStore;
  readonly clock: ReturnType<typeof manualClock>;
  readonly recorder: ReturnType<typeof recordingApi>;
  readonly push: Push;
  /** Another process on the same database (its own owner id). */
  readonly process: (owner: string, recorder?: ReturnType<typeof recordingApi>) => Push;
}

/** An in-memory store, a clock at `start` (Shanghai time), push with a recording Api and no rate limit. */
export function world(options: {
  start?: string;
  respond?: Parameters<typeof recordingApi>[0];
  limits?: DeliveryLimits;
  db?: string;
  logger?: Logger;
} = {}): World {
  const logger = options.logger ?? createSilentLogger();
  // Probes at once: a test's fake Telegram "comes back" on its next answer, no waiting.
  const link = createTelegramLink(logger, { probeMs: 1 });
  const db = openSqliteStore(options.db ?? ':memory:', { limits: options.limits });
  const store = db.subscribers;
  const clock = manualClock(at(options.start ?? '2025-02-21 07:00'));
  const recorder = recordingApi(options.respond);
  const processOn = (owner: string, rec = recorder) =>
    createPush({
      store,
      articles: db.articles,
      search: fakeSearch,
      api: rec.api,
      render: fakeRender, hotTopics: readHotTopics(),
      clock,
      logger,
      limiter: NO_LIMIT,
      owner,
      link,
    });
  return { db, store, clock, recorder, push: processOn('bot'), process: processOn };
}
