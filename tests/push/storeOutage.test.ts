/**
 * Push while the database stops answering: calls are tried again (bounded), a send whose
 * "sent" cannot be written is remembered and never sent again by the process, and is
 * written when the database answers.
 */
import { describe, expect, it } from 'vitest';
import { createTelegramLink } from '../../src/process/index.js';
import { createPush, createUnrecordedSends, NO_LIMIT } from '../../src/push/index.js';
import { createStoreRetry } from '../../src/push/storeRetry.js';
import { isTransientStoreError } from '../../src/store/index.js';
import { readHotTopics } from '../../src/trend/index.js';
import type { SubscriberStore } from '../../src/types.js';
import { LEVEL, recordingLogger } from '../helpers/recordingLogger.js';
import { at, fakeRender, fakeSearch, hotline, ingest, world } from './helpers.js';

const ALICE = 111;
const BOB = 222;

const connectionReset = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });

/** The store with `markSent` failing (as a database that went away) while `down()` says so. */
function failingMarkSent(store: SubscriberStore, down: () => boolean): SubscriberStore {
  return {
    ...store,
    markSent: async (...args) => {
      if (down()) throw connectionReset();
      return store.markSent(...args);
    },
  };
}

describe('isTransientStoreError', () => {
  it.each([
    [connectionReset(), true],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), true],
    [new Error('Connection terminated unexpectedly'), true],
    [new Error('Query read timeout'), true],
    [new Error('timeout exceeded when trying to connect'), true],
    [Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), true],
    [Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }), true],
    [Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }), true],
    [Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }), false],
    [new Error('The database connection is not open'), false],
    ['not an error', false],
  ])('%s → %s', (error, transient) => {
    expect(isTransientStoreError(error)).toBe(transient);
  });
});

describe('push while the database does not answer', () => {
  it('tries a failing call again and goes on when the database answers, one story in the log', async () => {
    const log = recordingLogger();
    const w = world({ start: '2025-02-21 08:00' });
    await ingest(w.db, { hotline: [hotline('2025-02-20', 1215)] });
    await w.store.subscribe(ALICE, '08:00', 'zh', at('2025-02-20 12:00'));
    let failures = 3;
    const flaky: SubscriberStore = {
      ...w.store,
      claim: async (...args) => {
        if (failures-- > 0) throw connectionReset();
        return w.store.claim(...args);
      },
    };
    const push = createPush({
      store: flaky, articles: w.db.articles, search: fakeSearch, api: w.recorder.api, render: fakeRender, hotTopics: readHotTopics(),
      clock: w.clock, logger: log.logger, limiter: NO_LIMIT, owner: 'bot',
    });
    const run = await push.deliverDue(w.clock.now());
    expect(run.summaries.sent).toBe(1);
    expect(log.entries.map((line) => [line.level, line.msg])).toEqual([
      [LEVEL.warn, 'the database is unreachable: retrying (logged once a minute until it answers)'],
      [LEVEL.info, 'the database answers again: resumed'],
      [LEVEL.info, 'push tick'],
    ]);
  });

  it('pauses many calls at once on one shutdown signal without a leak warning, and a shutdown ends every pause', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const shutdown = new AbortController();
      const retry = createStoreRetry({ logger: recordingLogger().logger, signal: shutdown.signal, firstPauseMs: 60_000 });
      let tries = 0;
      const calls = Array.from({ length: 30 }, () =>
        retry.run(() => {
          tries++;
          return Promise.reject(connectionReset());
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      shutdown.abort();
      const outcomes = await Promise.allSettled(calls);
      expect(outcomes.map((outcome) => outcome.status === 'rejected' && (outcome.reason as Error).message)).toEqual(Array(30).fill('read ECONNRESET'));
      expect(tries).toBe(60); // each tried, paused, woken by the shutdown, tried once more
      await new Promise((resolve) => setImmediate(resolve)); // Node emits its warnings on a later tick
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('remembers a send it could not record, never sends it again, and records it when the database answers', async () => {
    const log = recordingLogger();
    const w = world({ start: '2025-02-21 08:00' });
    await ingest(w.db, { hotline: [hotline('2025-02-20', 1215)] });
    await w.store.subscribe(ALICE, '08:00', 'zh', at('2025-02-20 12:00'));
    await w.store.subscribe(BOB, '08:00', 'zh', at('2025-02-20 12:00'));
    let down = true;
    const unrecorded = createUnrecordedSends();
    const push = createPush({
      store: failingMarkSent(w.store, () => down), articles: w.db.articles, search: fakeSearch, api: w.recorder.api,
      render: fakeRender, hotTopics: readHotTopics(), clock: w.clock, logger: log.logger, limiter: NO_LIMIT, owner: 'bot',
      link: createTelegramLink(log.logger), unrecorded, storeDeadlineMs: 50,
    });
    const first = await push.deliverDue(w.clock.now());
    expect([first.summaries.sent, first.unrecorded]).toEqual([2, 2]);
    expect(log.entries.filter((line) => line.level === LEVEL.error).map((line) => line.msg)).toEqual([
      'sent, but the database did not take the record: kept in memory and recorded when it answers',
      'sent, but the database did not take the record: kept in memory and recorded when it answers',
    ]);

    // Still down 20 minutes later, the claims' 15-minute lease over: they are due again, and the memory says
    // they went out, so nothing is sent twice.
    w.clock.set('2025-02-21 08:20');
    const meanwhile = await push.deliverDue(w.clock.now());
    expect([meanwhile.summaries.sent, meanwhile.summaries.skipped, meanwhile.unrecorded]).toEqual([0, 2, 2]);
    expect(w.recorder.sent()).toHaveLength(2);

    down = false;
    w.clock.set('2025-02-21 08:21');
    const later = await push.deliverDue(w.clock.now());
    expect([later.summaries.sent, later.unrecorded]).toEqual([0, 0]);
    expect(w.recorder.sent()).toHaveLength(2);
    expect(await w.store.stats(at('2025-02-21 00:00'))).toMatchObject({ sentSummaries: 2, claimsHeld: 0 });
    expect(log.entries.map((line) => line.msg)).toContain('the database answers again: every sent message is recorded');
  });

  it('newsbot push (pushNow) records what it sent before it returns, waiting for the database within its deadline', async () => {
    const w = world({ start: '2025-02-21 08:00' });
    await ingest(w.db, { hotline: [hotline('2025-02-20', 1215)] });
    await w.store.subscribe(ALICE, '08:00', 'zh', at('2025-02-20 12:00'));
    let calls = 0;
    // The record made right after the send fails (tried for 50 ms); the database answers when pushNow tries again.
    const push = createPush({
      store: failingMarkSent(w.store, () => calls++ < 1), articles: w.db.articles, search: fakeSearch,
      api: w.recorder.api, render: fakeRender, hotTopics: readHotTopics(), clock: w.clock, logger: recordingLogger().logger, limiter: NO_LIMIT,
      owner: 'cli', storeDeadlineMs: 50,
    });
    const run = await push.pushNow(w.clock.now());
    expect([run.summaries.sent, run.unrecorded]).toEqual([1, 0]);
    expect(await w.store.stats(at('2025-02-21 00:00'))).toMatchObject({ sentSummaries: 1, claimsHeld: 0 });
  });
});
