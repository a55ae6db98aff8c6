import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTelegramLink, currentProcess, formatIdentity } from '../../src/process/index.js';
import { broadcast, createPush, createUnrecordedSends, type RateLimiter } from '../../src/push/index.js';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../src/store/index.js';
import { deadPid } from '../helpers/deadPid.js';
import { LEVEL, recordingLogger } from '../helpers/recordingLogger.js';
import { at, fakeRender, fakeSearch, hotline, ingest, world } from './helpers.js';
import { readHotTopics } from '../../src/trend/index.js';

const ALICE = 111;
const BOB = 222;
const CAROL = 333;
const KEY = { kind: 'hotline', itemKey: '2025-02-20' } as const;


describe('claims after a crash', () => {
  it('a claim of a process that died on this host is released at the next run, not after the lease', async () => {
    const w = world({ start: '2025-02-21 08:00' });
    await ingest(w.db, { hotline: [hotline('2025-02-20', 1215)] });
    await w.store.subscribe(ALICE, '08:00', 'zh', at('2025-02-20 12:00'));
    await w.store.subscribe(BOB, '08:00', 'zh', at('2025-02-20 12:00'));
    const dead = `${hostname()}:${await deadPid()}:12345`;
    expect(await w.store.claim({ chatId: ALICE, ...KEY }, dead, at('2025-02-21 08:00'))).toBe(true);

    w.clock.set('2025-02-21 08:01');
    const log = recordingLogger();
    const restarted = createPush({
      store: w.store, articles: w.db.articles, search: fakeSearch, api: w.recorder.api, render: fakeRender, hotTopics: readHotTopics(),
      clock: w.clock, logger: log.logger, limiter: { take: async () => {} },
    });
    const run = await restarted.deliverDue(w.clock.now());

    expect(run.released).toBe(1);
    expect(run.heldByOthers).toEqual([]);
    expect(w.recorder.sent()).toEqual([
      { chat_id: ALICE, text: '[zh] 12345 2025-02-20 calls 1215' },
      { chat_id: BOB, text: '[zh] 12345 2025-02-20 calls 1215' },
    ]);
    expect(log.entries.filter((e) => e.level === LEVEL.warn)).toMatchObject([
      {
        owner: dead,
        claims: 1,
        since: '2025-02-21T00:00:00.000Z',
        msg: 'released the claims of a process that died: these chats are sent to now (one may get the message twice)',
      },
    ]);
    expect((await w.store.stats(at('2025-02-21 00:00'))).claimsHeld).toBe(0);
  });

  it('a pid that lives again under another start time is a different process: its old claims are released', async () => {
    const w = world({ start: '2025-02-21 08:00' });
    await ingest(w.db, { hotline: [hotline('2025-02-20', 1215)] });
    await w.store.subscribe(ALICE, '08:00', 'zh', at('2025-02-20 12:00'));
    const me = currentProcess();
    await w.store.claim({ chatId: ALICE, ...KEY }, formatIdentity({ ...me, startedAt: `${me.startedAt}9` }), w.clock.now());
    const run = await w.process('restarted').pushNow(w.clock.now());
    expect(run.released).toBe(1);
    expect(w.recorder.sent()).toEqual([{ chat_id: ALICE, text: '[zh] 12345 2025-02-20 calls 1215' }]);
  });

  it('a claim of a live process, or of a process on another host, is left alone and reported as held', async () => {
    const w = world({ start: '2025-02-21 08:00' });
    await ingest(w.db, { hotline: [hotline('2025-02-20', 1215)] });
    for (const chat of [ALICE, BOB, CAROL]) await w.store.subscribe(chat, '08:00', 'zh', at('2025-02-20 12:00'));
    const alive = formatIdentity(currentProcess());
    await w.store.claim({ chatId: ALICE, ...KEY }, alive, at('2025-02-21 07:59'));
    await w.store.claim({ chatId: BOB, ...KEY }, 'elsewhere:42:777', at('2025-02-21 07:58'));

    const run = await w.process('cli').pushNow(w.clock.now());

    expect(run.released).toBe(0);
    expect(run.summaries).toEqual({ sent: 1, skipped: 0, blocked: [], failed: [] });
    expect(run.heldByOthers).toEqual(
      [
        { owner: alive, count: 1, oldest: '2025-02-20T23:59:00.000Z' },
        { owner: 'elsewhere:42:777', count: 1, oldest: '2025-02-20T23:58:00.000Z' },
      ].sort((a, b) => (a.owner < b.owner ? -1 : 1)),
    );
    expect(w.recorder.sent()).toEqual([{ chat_id: CAROL, text: '[zh] 12345 2025-02-20 calls 1215' }]);
    expect((await w.store.stats(at('2025-02-21 00:00'))).claimsHeld).toBe(2);
  });

  it('a stop while deliveries wait for a send slot leaves no claim held; the next run sends them', async () => {
    const w = world({ start: '2025-02-21 08:00' });
    await ingest(w.db, { hotline: [hotline('2025-02-20', 1215)] });
    for (const chat of [ALICE, BOB, CAROL]) await w.store.subscribe(chat, '08:00', 'zh', at('2025-02-20 12:00'));
    const stop = new AbortController();
    const heldWhileWaiting: number[] = [];
    // The first message may go; every later one waits until the stop.
    let tokens = 1;
    const limiter: RateLimiter = {
      take: async (signal) => {
        heldWhileWaiting.push((await w.store.stats(at('2025-02-21 00:00'))).claimsHeld);
        if (tokens-- > 0) return;
        await new Promise<void>((_resolve, reject) => {
          signal?.addEventListener('abort', () => reject(new Error('aborted')));
        });
      },
    };
    const push = createPush({
      store: w.store, articles: w.db.articles, search: fakeSearch, api: w.recorder.api, render: fakeRender, hotTopics: readHotTopics(),
      clock: w.clock, logger: recordingLogger().logger, limiter, owner: 'bot', concurrency: 3, signal: stop.signal,
    });
    const running = push.deliverDue(w.clock.now());
    await new Promise((resolve) => setTimeout(resolve, 20));
    stop.abort();
    const run = await running;

    // Each delivery was claimed before it asked for a slot (a slot is only spent on a message this process sends).
    expect(heldWhileWaiting).toEqual([3, 3, 3]);
    expect(run.summaries).toEqual({ sent: 1, skipped: 0, blocked: [], failed: [] });
    expect(await w.store.heldClaims()).toEqual([]);
    expect((await w.store.stats(at('2025-02-21 00:00'))).claimsHeld).toBe(0);

    w.clock.set('2025-02-21 08:01');
    const next = createPush({
      store: w.store, articles: w.db.articles, search: fakeSearch, api: w.recorder.api, render: fakeRender, hotTopics: readHotTopics(),
      clock: w.clock, logger: recordingLogger().logger, limiter: { take: async () => {} }, owner: 'bot',
    });
    await next.deliverDue(w.clock.now());
    expect(w.recorder.sent().map((m) => m.chat_id).sort()).toEqual([ALICE, BOB, CAROL]);
  });

  it('a delivery another process claimed first takes no send slot', async () => {
    const w = world({ start: '2025-02-21 08:00' });
    let taken = 0;
    const limiter: RateLimiter = { take: async () => void taken++ };
    const due = [ALICE, BOB, CAROL].map((chatId) => ({ chatId, ...KEY, language: 'zh', detail: null, threadId: null, quiet: null, silent: false }));
    expect(await w.store.claim(due[1]!, 'push-cli', w.clock.now())).toBe(true);
    const result = await broadcast(due, (d) => ({ text: `to ${d.chatId}` }), {
      store: w.store, api: w.recorder.api, limiter, clock: w.clock, logger: recordingLogger().logger, owner: 'bot', concurrency: 1,
      link: createTelegramLink(recordingLogger().logger), unrecorded: createUnrecordedSends(),
    });
    expect(result).toEqual({ sent: 2, skipped: 1, blocked: [], failed: [] });
    expect(taken).toBe(2);
    expect(w.recorder.sent()).toEqual([
      { chat_id: ALICE, text: 'to 111' },
      { chat_id: CAROL, text: 'to 333' },
    ]);
  });
});

describe('a subscriber row with a bad push_time', () => {
  it('is skipped and logged once; everyone else gets the summary', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'newsbot-badrow-')), 'newsbot.db');
    const w = world({ start: '2025-02-21 07:00', db: file });
    await ingest(w.db, { hotline: [hotline('2025-02-20', 1215)] });
    await w.store.subscribe(ALICE, '08:00', 'zh', w.clock.now());
    await w.store.subscribe(BOB, '08:00', 'zh', w.clock.now());
    await w.store.subscribe(CAROL, '08:00', 'zh', w.clock.now());
    // A row damaged outside the bot (a hand edit, an old version): written straight into the file.
    const raw = new Database(file);
    raw.prepare('UPDATE subscribers SET push_time = ? WHERE chat_id = ?').run('25:99', BOB);
    raw.close();
    const log = recordingLogger();
    const push = createPush({
      store: w.store, articles: w.db.articles, search: fakeSearch, api: w.recorder.api, render: fakeRender, hotTopics: readHotTopics(),
      clock: w.clock, logger: log.logger, limiter: { take: async () => {} }, owner: 'bot',
    });

    w.clock.set('2025-02-21 08:00');
    await push.deliverDue(w.clock.now());
    w.clock.set('2025-02-21 08:01');
    await push.deliverDue(w.clock.now());

    expect(w.recorder.sent()).toEqual([
      { chat_id: ALICE, text: '[zh] 12345 2025-02-20 calls 1215' },
      { chat_id: CAROL, text: '[zh] 12345 2025-02-20 calls 1215' },
    ]);
    expect(log.entries.filter((e) => e.level === LEVEL.error)).toMatchObject([
      {
        push_time: '25:99',
        chats: [BOB],
        msg: 'subscribers with a push time that is not a time of day are skipped (fix their rows or ask them to /subscribe again)',
      },
    ]);
  });
});

describe('one send budget for every process on a DATA_DIR', () => {
  it('two connections to one database file draw their send slots from one bucket', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-budget-'));
    try {
      const file = path.join(dir, 'newsbot.db');
      const bot = openSqliteStore(file).subscribers;
      const cli = openSqliteStore(file).subscribers;
      // 25/s (40 ms apart), burst 5, everyone asking at the same moment t = 1000 ms.
      const waits: number[] = [];
      for (let i = 0; i < 8; i++) waits.push(await (i % 2 === 0 ? bot : cli).reserveSendSlot(1000, 40, 5));
      expect(waits).toEqual([-160, -120, -80, -40, 0, 40, 80, 120]);
      // A second later the bucket has refilled to its burst and no more.
      expect(await cli.reserveSendSlot(3000, 40, 5)).toBe(-160);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
