import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import type { BotDeps } from '../../src/bot/deps.js';
import { parseWeekday, parseWeeklyRequest } from '../../src/bot/features/subscribe.js';
import { lastWeeklySlot } from '../../src/push/schedule.js';
import { openSqliteStore } from '../../src/store/index.js';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDeps, createTestBot, EN_USER, PRIVATE_CHAT, textUpdate } from '../bot/helpers.js';
import { at, hotline, ingest, world, type Call } from '../push/helpers.js';
import { HOT_TOPICS } from './helpers.js';

/** Reports for every day from `from`, calls 1000, 1001, ... */
function reportsFrom(from: string, days: number) {
  return Array.from({ length: days }, (_, i) => {
    const date = new Date(Date.parse(`${from}T00:00:00Z`) + i * 86400000).toISOString().slice(0, 10);
    return hotline(date, 1000 + i);
  });
}

const photos = (calls: readonly Call[]) =>
  calls
    .filter((call) => call.method === 'sendPhoto')
    .map((call) => ({ chat_id: call.payload.chat_id, caption: call.payload.caption }));

describe('weekly summary', () => {
  it('sends the week before the slot once, across two processes and later ticks, and never the daily report', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'newsbot-weekly-')), 'newsbot.db');
    const w = world({ start: '2025-02-14 10:00', db: file });
    // 2025-02-03 (Mon) .. 2025-02-16 (Sun): two full weeks of reports.
    await ingest(w.db, { hotline: reportsFrom('2025-02-03', 14) });
    await w.store.subscribe(11, '08:00', 'zh', w.clock.now(), 1); // weekly, Mondays 08:00
    await w.store.subscribe(22, '08:00', 'en', w.clock.now()); // daily, 08:00

    w.clock.set('2025-02-17 07:59');
    const early = await w.push.deliverDue(w.clock.now());
    expect(early.weekly.sent).toBe(0);

    w.clock.set('2025-02-17 08:00');
    const first = await w.push.deliverDue(w.clock.now());
    const second = await w.process('other').deliverDue(w.clock.now());
    w.clock.set('2025-02-17 09:30');
    const later = await w.push.deliverDue(w.clock.now());

    expect([first.weekly.sent, second.weekly.sent, later.weekly.sent]).toEqual([1, 0, 0]);
    // Week 02-10..02-16: calls 1007..1013, 7070 in all.
    expect(photos(w.recorder.calls)).toEqual([{ chat_id: 11, caption: '[zh] week 2025-02-10..2025-02-16 calls 7070' }]);
    expect(w.recorder.sent()).toEqual([{ chat_id: 22, text: '[en] 12345 2025-02-16 calls 1013 (before 2025-02-15)' }]);
    const raw = new Database(file, { readonly: true });
    const rows = raw.prepare('SELECT chat_id, kind, item_key, status FROM deliveries ORDER BY chat_id').all();
    raw.close();
    expect(rows).toEqual([
      { chat_id: 11, kind: 'weekly', item_key: 'week:2025-02-16', status: 'sent' },
      { chat_id: 22, kind: 'hotline', item_key: '2025-02-16', status: 'sent' },
    ]);
  });

  it('sends the next week at the next slot, and nothing when no new report came in', async () => {
    const w = world({ start: '2025-02-14 10:00' });
    await ingest(w.db, { hotline: reportsFrom('2025-02-10', 6) }); // Mon 02-10 .. Sat 02-15
    await w.store.subscribe(11, '20:30', 'zh', w.clock.now(), 7); // weekly, Sundays 20:30
    w.clock.set('2025-02-16 20:30');
    await w.push.deliverDue(w.clock.now());
    // A week later no report has come in: the newest is still 02-15, a week already sent.
    w.clock.set('2025-02-23 20:30');
    const stale = await w.push.deliverDue(w.clock.now());
    expect(stale.weekly.sent).toBe(0);
    await ingest(w.db, { hotline: reportsFrom('2025-02-16', 7) });
    w.clock.set('2025-02-23 20:31');
    await w.push.deliverDue(w.clock.now());
    expect(photos(w.recorder.calls)).toEqual([
      { chat_id: 11, caption: '[zh] week 2025-02-09..2025-02-15 calls 6015' },
      { chat_id: 11, caption: '[zh] week 2025-02-16..2025-02-22 calls 7021' },
    ]);
  });

  it('finds the last weekly slot in Shanghai time', () => {
    expect(lastWeeklySlot('08:00', 1, at('2025-02-19 12:00'), 'Asia/Shanghai')).toEqual(at('2025-02-17 08:00'));
    expect(lastWeeklySlot('08:00', 1, at('2025-02-17 07:59'), 'Asia/Shanghai')).toEqual(at('2025-02-10 08:00'));
    expect(lastWeeklySlot('23:30', 7, at('2025-02-17 00:10'), 'Asia/Shanghai')).toEqual(at('2025-02-16 23:30'));
  });
});

const NOW = new Date('2025-02-21T01:00:00Z');

async function pushBot() {
  const store = openSqliteStore(':memory:').subscribers;
  const deps: BotDeps = { ...(await createDeps({})), clock: { now: () => NOW }, subscribers: store, pushTime: '08:00' };
  return { ...createTestBot(deps), store };
}

async function replies(bot: Awaited<ReturnType<typeof pushBot>>, update: Omit<Update, 'update_id'>): Promise<string[]> {
  return (await bot.send(update)).filter((c) => c.method === 'sendMessage').map((c) => c.payload.text as string);
}

describe('/subscribe weekly', () => {
  it.each([
    ['周一', 1],
    ['星期三', 3],
    ['礼拜天', 7],
    ['周日', 7],
    ['Thurs', 4],
    ['friday', 5],
    ['周八', null],
    ['someday', null],
  ])('parseWeekday(%j) → %j', (input, expected) => {
    expect(parseWeekday(input)).toBe(expected);
  });

  it.each([
    ['', { weekday: 1, time: '08:00' }],
    ['周五', { weekday: 5, time: '08:00' }],
    ['周五 18:30', { weekday: 5, time: '18:30' }],
    ['7:05 sun', { weekday: 7, time: '07:05' }],
    ['周五 明天', null],
  ])('parseWeeklyRequest(%j) → %j', (input, expected) => {
    expect(parseWeeklyRequest(input, '08:00')).toEqual(expected);
  });

  it('subscribes weekly, /settings shows it, /subscribe HH:MM switches back to daily', async () => {
    const bot = await pushBot();
    expect(await replies(bot, textUpdate('/subscribe weekly 周五 18:30'))).toEqual([
      '✅ 已订阅周报：每周五 <b>18:30</b>（北京时间）推送最近一周的 12345 热线趋势图和合计。\n' +
        '改回每天推送：<code>/subscribe 18:30</code>；取消：/unsubscribe',
    ]);
    expect(await bot.store.getSubscriber(PRIVATE_CHAT.id)).toMatchObject({ pushTime: '18:30', pushWeekday: 5, active: true });
    expect(await replies(bot, textUpdate('/settings'))).toEqual([
      '⚙️ <b>我的推送设置</b>\n热线周报：每周五 18:30（北京时间），最近一周的趋势图和合计\n关注的关键词：无（发 <code>/follow 词</code> 关注）\n免打扰：<b>无</b>',
    ]);
    await bot.send(textUpdate('/subscribe 07:00'));
    expect(await bot.store.getSubscriber(PRIVATE_CHAT.id)).toMatchObject({ pushTime: '07:00', pushWeekday: null, active: true });
    expect(await replies(bot, textUpdate('/settings'))).toEqual([
      '⚙️ <b>我的推送设置</b>\n每日热线日报：每天 07:00（北京时间）\n关注的关键词：无（发 <code>/follow 词</code> 关注）\n免打扰：<b>无</b>',
    ]);
  });

  it('defaults to Monday at PUSH_TIME, speaks English, and explains a word it cannot read', async () => {
    const bot = await pushBot();
    expect(await replies(bot, textUpdate('/subscribe 每周', { from: EN_USER }))).toEqual([
      "✅ Subscribed to the weekly summary: every Monday at <b>08:00</b> (Beijing time), the last week's 12345 hotline chart and totals.\n" +
        'Back to daily: <code>/subscribe 08:00</code>; stop: /unsubscribe',
    ]);
    expect(await replies(bot, textUpdate('/subscribe weekly 周五 <明天>'))).toEqual([
      '“weekly 周五 &lt;明天&gt;”看不懂。请写成 <code>/subscribe weekly 周一 08:00</code>（星期和时间都可以省略，默认周一 08:00）',
    ]);
  });
});

describe('weekly summary message', () => {
  it('is the week chart with the weekly caption, or the caption alone under 2 reported days', async () => {
    const { createPushRenderer } = await import('../../src/push/index.js');
    const { createTrendChartRenderer, summariseTrend } = await import('../../src/trend/index.js');
    const { createI18n } = await import('../../src/render/index.js');
    const { fixtureReports, pngSize } = await import('./helpers.js');
    const render = createPushRenderer(createI18n(), createTrendChartRenderer());
    const week = summariseTrend(fixtureReports(), '2025-10-28', '2025-11-03', HOT_TOPICS);
    const message = await render.weekly(week, 'zh');
    expect(message.text.split('\n')[0]).toBe('📅 <b>12345 热线一周 · 2025-10-28 至 2025-11-03</b>（7 份日报）');
    expect(message.photo?.filename).toBe('week-2025-10-28-2025-11-03.png');
    expect(pngSize(message.photo!.png)).toEqual({ width: 1800, height: 1110 });

    const thin = await render.weekly(summariseTrend(fixtureReports(), '2025-11-03', '2025-11-09', HOT_TOPICS), 'en');
    expect(thin).toEqual({
      text:
        '📅 <b>12345 hotline, the week · 2025-11-03 to 2025-11-09</b> (reports: 1)\n' +
        'Calls: 948 in all, 948 a day; highest 948 (2025-11-03), lowest 948 (2025-11-03)\n' +
        'Web messages: 63 in all, 63 a day; highest 63 (2025-11-03), lowest 63 (2025-11-03)\n' +
        'Against the 7 days before (2025-10-27 to 2025-11-02): calls a day ▼12.9%, messages a day ▲10.8%\n' +
        'Days among the top 3 hot issues: 消费维权 1, 供暖问题 1, 劳动纠纷 1',
    });
  });
});
