/**
 * A fleet in one test process: two app instances (each its own DATA_DIR, index
 * and HTTP server) over one PostgreSQL database, updates split between them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openRuntime } from '../../src/runtime.js';
import type { App, Runtime } from '../../src/services.js';
import type { NewsSearch } from '../../src/search/index.js';
import type { BotContext } from '../../src/bot/index.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { createPush, createPushRenderer, NO_LIMIT, type MessageSender } from '../../src/push/index.js';
import { createI18n } from '../../src/render/index.js';
import { createTrendChartRenderer, readHotTopics } from '../../src/trend/index.js';
import { openPostgresStore, type Store } from '../../src/store/index.js';
import { BOT_INFO, callbackUpdate, textUpdate, USER, type ApiCall } from '../bot/helpers.js';
import { createTestDatabase, postgresUrl } from '../support/postgres.js';
import { sampleHotlineReport, undatedPage } from '../../bench/pages.js';

const WEBHOOK_URL = 'https://bot.example.test/telegram';
const SECRET = 'fleet-secret';
const FIXTURE = path.join(import.meta.dirname, '..', 'corpus', 'fixtures', 'headline-after-body.txt');

/** Records every Bot API call of `bot` and answers it locally (installed last: nothing reaches the network). */
function recordCalls(bot: Bot<BotContext>): ApiCall[] {
  const calls: ApiCall[] = [];
  let messageId = 500;
  bot.api.config.use(async (_prev, method, payload) => {
    const plain = JSON.parse(JSON.stringify(payload ?? {})) as Record<string, unknown>;
    calls.push({ method, payload: plain });
    const result =
      method === 'sendMessage'
        ? { message_id: ++messageId, date: 0, chat: { id: plain.chat_id, type: 'private' }, text: plain.text }
        : true;
    return { ok: true, result } as never;
  });
  return calls;
}

interface Node {
  readonly app: App;
  readonly search: NewsSearch;
  readonly instance: Runtime;
  readonly calls: ApiCall[];
  readonly base: string;
  /** Feeds one update straight to the bot and returns the calls it caused. */
  send(update: Omit<Update, 'update_id'>): Promise<ApiCall[]>;
}

let nextUpdateId = 1;

async function startNode(databaseUrl: string, dataDir: string): Promise<Node> {
  const config = loadConfig({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    BOT_TOKEN: '1:test',
    WEBHOOK_URL,
    WEBHOOK_SECRET: SECRET,
    LOG_LEVEL: 'silent',
  });
  // Each instance is built as `newsbot start` builds it: the one runtime builder.
  const instance = await openRuntime({
    config,
    logger: createSilentLogger(),
    clock: { now: () => new Date() },
    replicaPollMs: 200,
    token: '1:test',
    bot: { botInfo: BOT_INFO, rateLimit: false },
  });
  const { app, search } = instance;
  const calls = recordCalls(instance.bot);
  const port = await instance.server.listen(0, '127.0.0.1');
  return {
    app,
    search,
    instance,
    calls,
    base: `http://127.0.0.1:${port}`,
    async send(update) {
      const before = calls.length;
      await instance.bot.handleUpdate({ update_id: nextUpdateId++, ...update });
      return calls.slice(before);
    },
  };
}

describe.skipIf(postgresUrl === null)('two instances over one PostgreSQL', () => {
  const dirs: string[] = [];
  let database: { url: string; drop(): Promise<void> };
  let a: Node;
  let b: Node;

  beforeAll(async () => {
    database = await createTestDatabase();
    dirs.push(mkdtempSync(path.join(tmpdir(), 'newsbot-fleet-a-')), mkdtempSync(path.join(tmpdir(), 'newsbot-fleet-b-')));
    // Started together, as after a deploy: both sync seeds/ into the same store at once.
    [a, b] = await Promise.all([startNode(database.url, dirs[0]!), startNode(database.url, dirs[1]!)]);
  }, 60_000);

  afterAll(async () => {
    for (const node of [a, b]) {
      if (!node) continue;
      await node.instance.server.close();
      await node.app.close();
    }
    await database?.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('stores the seed pages once although both instances synced them', async () => {
    const [onA, onB] = await Promise.all([a.app.store.pages.allArticles(), b.app.store.pages.allArticles()]);
    expect(onA.length).toBeGreaterThan(0);
    expect(new Set(onA.map((x) => x.id)).size).toBe(onA.length);
    expect(onB.map((x) => x.id)).toEqual(onA.map((x) => x.id));
    expect([a.search.size, b.search.size]).toEqual([onA.length, onA.length]);
  });

  it('turns the page of a search made on A when the button is pressed on B', async () => {
    const [reply] = await a.send(textUpdate('西宁'));
    const keyboard = (reply!.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard;
    const next = keyboard.flat().find((button) => button.text.includes('▶'));
    expect(next).toBeDefined();
    const onB = await b.send(callbackUpdate(next!.callback_data, { messageId: 501 }));
    const onA = await a.send(callbackUpdate(next!.callback_data, { messageId: 501 }));
    const edit = (calls: ApiCall[]) => calls.find((call) => call.method === 'editMessageText');
    expect(edit(onB)?.payload.text).toMatch(/第 2\/\d+ 页/);
    expect(edit(onB)).toEqual(edit(onA));
    expect(onB.map((call) => call.method)).toEqual(['answerCallbackQuery', 'editMessageText']);
  });

  it('shows on B the subscription made on A', async () => {
    await a.send(textUpdate('/subscribe 07:30'));
    const [onB] = await b.send(textUpdate('/settings'));
    const [onA] = await a.send(textUpdate('/settings'));
    expect(onB!.payload.text).toContain('07:30');
    expect(onB!.payload).toEqual(onA!.payload);
    expect((await b.app.store.subscribers.getSubscriber(USER.id))?.pushTime).toBe('07:30');
  });

  it('finds on B, within 5 s, a page uploaded through A', async () => {
    const searchB = b.search;
    const title = '城中区南山公园春季植树志愿活动举行';
    const titles = async () => (await searchB.search('植树 志愿', { limit: 20 })).results.map((hit) => hit.title);
    expect(await titles()).not.toContain(title);
    const summary = await a.app.ingest.ingestUpload(readFileSync(FIXTURE), 'fleet-upload.txt');
    expect(summary.files.map((file) => file.added)).toEqual([true]);
    await vi.waitFor(async () => expect(await titles()).toContain(title), { timeout: 5000, interval: 100 });
  });

  it('handles an update Telegram delivered to both instances once', async () => {
    const update = {
      update_id: 900_001,
      message: { message_id: 9, date: 1740000000, chat: { id: 77, type: 'private', first_name: '读者' }, from: { id: 77, is_bot: false, first_name: '读者', language_code: 'zh' }, text: '/help', entities: [{ type: 'bot_command', offset: 0, length: 5 }] },
    };
    const post = (node: Node) =>
      fetch(`${node.base}/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify(update),
      });
    const sentTo77 = () => [...a.calls, ...b.calls].filter((call) => call.method === 'sendMessage' && call.payload.chat_id === 77);
    const statuses = await Promise.all([post(a), post(b), post(a)]);
    expect(statuses.map((response) => response.status)).toEqual([200, 200, 200]);
    await vi.waitFor(() => expect(sentTo77()).toHaveLength(1), { timeout: 5000, interval: 50 });
    const duplicates = await Promise.all([a, b].map(async (node) => (await node.instance.metrics.render()).body));
    expect(duplicates.map((body) => /newsbot_duplicate_updates_total (\d+)/.exec(body)?.[1])).toSatisfy(
      (counts: (string | undefined)[]) => counts.map(Number).reduce((x, y) => x + y, 0) === 2,
    );
  });

  it('says on /healthz and /metrics of each instance that the store answers and the index is loaded', async () => {
    const articles = (await a.app.store.pages.allArticles()).length;
    for (const node of [a, b]) {
      const health = await fetch(`${node.base}/healthz`);
      expect([health.status, await health.json()]).toEqual([200, { store: 'ok', index: { articles }, telegram: 'ok', down: [] }]);
      const metrics = await (await fetch(`${node.base}/metrics`)).text();
      expect(metrics).toContain(`newsbot_index_articles ${articles}\n`);
      expect(metrics).toMatch(/^newsbot_updates_handled_total\{type="message"\} \d+$/m);
    }
  });
});

describe.skipIf(postgresUrl === null)('two schedulers and `newsbot push` at the same minute', () => {
  const report = sampleHotlineReport('2025-02-21', 'fleet.txt');
  const stores: Store[] = [];
  let database: { url: string; drop(): Promise<void> };

  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await database?.drop();
  });

  it('sends each reader the summary once', async () => {
    database = await createTestDatabase();
    // Instance A's store, instance B's, and the one `newsbot push` opens.
    stores.push(...(await Promise.all([1, 2, 3].map(() => openPostgresStore(database.url)))));
    const [storeA, storeB, storePush] = stores as [Store, Store, Store];
    await storeA.pages.savePage(undatedPage('fleet.txt', 'fleet', { hotline: [report] }), new Date());
    const chats = Array.from({ length: 200 }, (_, i) => 1000 + i);
    const setAt = new Date('2025-02-21T12:00:00+08:00');
    for (const chat of chats) await storeB.subscribers.subscribe(chat, '08:00', chat % 2 ? 'en' : 'zh', setAt);

    const sent: number[] = [];
    const api: MessageSender = {
      sendMessage: async (chatId) => {
        sent.push(Number(chatId));
        return { message_id: sent.length } as never;
      },
      sendPhoto: () => Promise.reject(new Error('no weekly reader here: no chart is sent')),
    };
    const now = new Date('2025-02-22T08:00:00+08:00');
    const pushOver = (store: Store, owner: string) =>
      createPush({
        store: store.subscribers,
        articles: store.articles,
        search: { matches: () => false, snippet: () => '' },
        api,
        render: createPushRenderer(createI18n(), createTrendChartRenderer()), hotTopics: readHotTopics(),
        clock: { now: () => now },
        logger: createSilentLogger(),
        limiter: NO_LIMIT,
        owner,
      });
    const runs = await Promise.all([
      pushOver(storeA, 'host-a:1:1').deliverDue(now),
      pushOver(storeB, 'host-b:1:1').deliverDue(now),
      pushOver(storePush, 'host-c:1:1').pushNow(now),
    ]);
    expect([...sent].sort((x, y) => x - y)).toEqual(chats);
    expect(runs.reduce((total, run) => total + run.summaries.sent, 0)).toBe(chats.length);
    // A minute later, and `newsbot push` run again: nobody is owed anything.
    const later = new Date(now.getTime() + 60_000);
    const again = await Promise.all([pushOver(storeA, 'host-a:1:1').deliverDue(later), pushOver(storePush, 'host-c:1:2').pushNow(later)]);
    expect(again.map((run) => run.summaries.sent)).toEqual([0, 0]);
    expect(sent).toHaveLength(chats.length);
  });
});
