/**
 * Push's side of alert digests, quiet hours and forum topics, with a clock moved by hand
 * (Asia/Shanghai): what goes out when, into which topic, and that nothing goes twice.
 */
import { describe, expect, it } from 'vitest';
import { article, at, hotline, ingest, world, type Call } from './helpers.js';

/** Pages of `n` articles mentioning 供暖, each a new page (a new ingest). */
let next = 0;
const heatingPage = (n: number) => ({
  items: Array.from({ length: n }, () => {
    next++;
    return article(`h${String(next).padStart(4, '0')}`, `供暖第${next}篇`, `城区供暖第${next}天`);
  }),
});

const sends = (calls: readonly Call[]) =>
  calls
    .filter((call) => call.method === 'sendMessage')
    .map(({ payload }) => ({
      chat_id: payload.chat_id,
      text: payload.text,
      ...(payload.message_thread_id === undefined ? {} : { thread: payload.message_thread_id }),
      ...(payload.disable_notification === undefined ? {} : { silent: payload.disable_notification }),
    }));

describe('alert digests', () => {
  it('sends one message for an ingest that matched 64 articles, and nothing more after', async () => {
    const w = world({ start: '2025-02-21 10:00' });
    await w.store.follow(7, ['供暖'], 'zh', w.clock.now());
    await ingest(w.db, heatingPage(64));
    const run = await w.push.deliverDue(w.clock.now());
    expect([run.queuedAlerts, run.digests, run.alerts.sent]).toEqual([64, 1, 1]);
    const [message] = sends(w.recorder.calls);
    // The fake renderer: words, total, the first ten titles.
    expect(message).toEqual({
      chat_id: 7,
      text: `[zh] 供暖 64: ${Array.from({ length: 10 }, (_, i) => `供暖第${next - 63 + i}篇`).join(' / ')}`,
    });
    expect((await w.push.deliverDue(w.clock.now())).alerts.sent).toBe(0);
    expect(sends(w.recorder.calls)).toHaveLength(1);
    expect((await w.store.stats(new Date(0))).sentAlerts).toBe(64);
  });

  it('an hourly digest after three ingests in the hour is one message at the top of the hour', async () => {
    const w = world({ start: '2025-02-21 10:05' });
    await w.store.follow(7, ['供暖'], 'zh', w.clock.now());
    await w.store.setAlertMode(7, 'hourly', null, 'zh', w.clock.now());
    for (const minute of ['10:05', '10:20', '10:40']) {
      w.clock.set(`2025-02-21 ${minute}`);
      await ingest(w.db, heatingPage(2));
      expect((await w.push.deliverDue(w.clock.now())).alerts.sent).toBe(0);
    }
    w.clock.set('2025-02-21 10:59');
    await w.push.deliverDue(w.clock.now());
    expect(sends(w.recorder.calls)).toEqual([]);
    w.clock.set('2025-02-21 11:00');
    expect((await w.push.deliverDue(w.clock.now())).alerts.sent).toBe(1);
    expect(sends(w.recorder.calls).map((m) => String(m.text).split(':')[0])).toEqual(['[zh] 供暖 6']);
    // An alert queued after the hour waits for the next one.
    w.clock.set('2025-02-21 11:10');
    await ingest(w.db, heatingPage(1));
    await w.push.deliverDue(w.clock.now());
    expect(sends(w.recorder.calls)).toHaveLength(1);
    w.clock.set('2025-02-21 12:00');
    await w.push.deliverDue(w.clock.now());
    expect(sends(w.recorder.calls)).toHaveLength(2);
  });

  it('a daily digest goes at its time with the day\'s articles', async () => {
    const w = world({ start: '2025-02-21 09:00' });
    await w.store.follow(7, ['供暖'], 'zh', w.clock.now());
    await w.store.setAlertMode(7, 'daily', '20:00', 'zh', w.clock.now());
    await ingest(w.db, heatingPage(3));
    await w.push.deliverDue(w.clock.now());
    w.clock.set('2025-02-21 19:59');
    await ingest(w.db, heatingPage(2));
    await w.push.deliverDue(w.clock.now());
    expect(sends(w.recorder.calls)).toEqual([]);
    w.clock.set('2025-02-21 20:00');
    await w.push.deliverDue(w.clock.now());
    expect(sends(w.recorder.calls).map((m) => String(m.text).split(':')[0])).toEqual(['[zh] 供暖 5']);
  });

  it('two processes on one database send a digest once', async () => {
    const w = world({ start: '2025-02-21 10:00' });
    await w.store.follow(7, ['供暖'], 'zh', w.clock.now());
    await ingest(w.db, heatingPage(5));
    const runs = await Promise.all([w.push.deliverDue(w.clock.now()), w.process('cli').deliverDue(w.clock.now())]);
    expect(runs.map((run) => run.digests).reduce((a, b) => a + b)).toBe(1);
    expect(sends(w.recorder.calls)).toHaveLength(1);
  });
});

describe('quiet hours', () => {
  it('holds the summary and the alerts inside them and sends each once at their end', async () => {
    const w = world({ start: '2025-02-21 21:00' });
    await w.store.subscribe(7, '23:00', 'zh', w.clock.now());
    await w.store.follow(7, ['供暖'], 'zh', w.clock.now());
    await w.store.setQuietHours(7, { start: '22:00', end: '07:00', silent: false }, 'zh', w.clock.now());
    await ingest(w.db, { hotline: [hotline('2025-02-21', 1215)] });
    w.clock.set('2025-02-21 23:30');
    await ingest(w.db, heatingPage(2));
    let run = await w.push.deliverDue(w.clock.now());
    expect([run.summaries.sent, run.alerts.sent, run.held]).toEqual([0, 0, 1]);
    w.clock.set('2025-02-22 03:00');
    await ingest(w.db, heatingPage(1));
    run = await w.push.deliverDue(w.clock.now());
    expect(sends(w.recorder.calls)).toEqual([]);
    w.clock.set('2025-02-22 07:00');
    run = await w.push.deliverDue(w.clock.now());
    // The summary due at 23:00, and one digest of the three articles queued in the night.
    expect(sends(w.recorder.calls).map((m) => String(m.text).split(':')[0])).toEqual(['[zh] 12345 2025-02-21 calls 1215', '[zh] 供暖 3']);
    await w.push.deliverDue(w.clock.now());
    w.clock.set('2025-02-22 07:01');
    await w.push.deliverDue(w.clock.now());
    expect(sends(w.recorder.calls)).toHaveLength(2);
  });

  it('sends without a sound inside silent quiet hours, and with one outside them', async () => {
    const w = world({ start: '2025-02-21 23:00' });
    await w.store.subscribe(7, '22:30', 'zh', at('2025-02-21 20:00'));
    await w.store.setQuietHours(7, { start: '22:00', end: '07:00', silent: true }, 'zh', w.clock.now());
    await ingest(w.db, { hotline: [hotline('2025-02-21', 1215)] });
    await w.push.deliverDue(w.clock.now());
    w.clock.set('2025-02-22 22:30');
    await w.store.setQuietHours(7, { start: '23:00', end: '06:00', silent: true }, 'zh', w.clock.now());
    await ingest(w.db, { hotline: [hotline('2025-02-22', 1300)] });
    await w.push.deliverDue(w.clock.now());
    expect(sends(w.recorder.calls)).toEqual([
      { chat_id: 7, text: '[zh] 12345 2025-02-21 calls 1215', silent: true },
      { chat_id: 7, text: '[zh] 12345 2025-02-22 calls 1300 (before 2025-02-21)' },
    ]);
  });
});

describe('forum topics', () => {
  it('sends summaries and alerts into their topics, and treats a deleted topic like a blocked chat', async () => {
    const w = world({
      start: '2025-02-21 09:00',
      respond: (call) =>
        call.method === 'sendMessage' && call.payload.message_thread_id === 13
          ? { ok: false, error_code: 400, description: 'Bad Request: message thread not found' }
          : undefined,
    });
    await w.store.subscribe(-100, '08:00', 'zh', at('2025-02-20 12:00'));
    await w.store.setTopic(-100, 'summaries', 12);
    await w.store.follow(-100, ['供暖'], 'zh', w.clock.now());
    await w.store.setTopic(-100, 'alerts', 13);
    await ingest(w.db, { hotline: [hotline('2025-02-20', 992)], ...heatingPage(1) });
    const run = await w.push.deliverDue(w.clock.now());
    expect(sends(w.recorder.calls.filter((call) => call.payload.message_thread_id === 12))).toEqual([
      { chat_id: -100, text: '[zh] 12345 2025-02-20 calls 992', thread: 12 },
    ]);
    // Topic 13 was deleted: the chat stops getting anything until an admin writes again.
    expect(run.alerts.blocked).toEqual([{ chatId: -100, reason: '400: Bad Request: message thread not found' }]);
    expect(await w.store.getSubscriber(-100)).toMatchObject({ active: false, blockedReason: '400: Bad Request: message thread not found' });
  });
});
