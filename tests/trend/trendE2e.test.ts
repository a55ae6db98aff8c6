/**
 * `/trend` through the built `newsbot start` on the fake Bot API, over a sparse series:
 * every report's points are in the PNG the bot uploads, at every span, and a span with
 * one report answers with a span that works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../../bench/fakeBotApi.js';
import { addDays, spanEnding } from '../../src/trend/index.js';
import { message, startRunningBot, type RunningBot } from '../support/runningBot.js';
import { hotlinePage, pixelsAtDays } from './helpers.js';

const CALLS = '#1f5fa8';
const MESSAGES = '#d9822b';
const NEWEST = '2025-12-20';
/** Days before NEWEST with a report: each between two days without one. */
const BACK = [0, 12, 40, 75, 150, 250, 340];
/** The seed pages' two reports are in the archive too. */
const SEED_REPORTS = ['2025-02-20', '2025-10-15'];
const REPORTED = [...BACK.map((days) => addDays(NEWEST, -days)), ...SEED_REPORTS].sort();
/**
 * A reader of its own for each request: the bot draws at most 3 new charts a minute for
 * one reader (trend/chartPool.ts) and asks the 4th to wait.
 */
const reader = (id: number) => ({
  chat: { id, type: 'private', first_name: '读者' },
  from: { id, is_bot: false, first_name: '读者', language_code: 'zh' },
});
/** `text` from reader `id`, and the first sendPhoto or sendMessage to that chat after it. */
async function ask(bot: RunningBot, id: number, text: string): Promise<RecordedCall> {
  const mark = bot.api.calls.length;
  const { chat, from } = reader(id);
  bot.send(message(chat, text, {}, from));
  return bot.waitFor(`the answer to ${text}`, (c) =>
    bot.since(mark).includes(c) && ['sendPhoto', 'sendMessage'].includes(c.method) && Number(c.payload.chat_id) === id,
  );
}

describe('/trend over a sparse series, through newsbot start', () => {
  let bot: RunningBot;

  beforeAll(async () => {
    const pages: Record<string, string> = {};
    BACK.forEach((days, i) => {
      const date = addDays(NEWEST, -days);
      // 物业管理 on some days, 物业服务 on others: one topic in the list kept with the synonyms.
      pages[`hotline-${date}.txt`] = hotlinePage(date, 900 + ((i * 131) % 400), 40 + ((i * 13) % 30), [
        [i % 2 === 0 ? '物业服务' : '物业管理', 70 - i],
        ['供暖问题', 50 - i],
      ]);
    });
    bot = await startRunningBot({ pages });
  }, 90_000);

  afterAll(() => bot?.close());

  const photoOf = (call: RecordedCall): Uint8Array => {
    const [png] = [...call.uploads.values()];
    if (!png) throw new Error('sendPhoto without an upload');
    return png;
  };

  it.each([30, 60, 90, 180, 365])('/trend %i draws a point of both series at every reported day', async (days) => {
    const call = await ask(bot, 1000 + days, `/trend ${days}`);
    expect(call.method, String(call.payload.text)).toBe('sendPhoto');
    const { from, to } = spanEnding(NEWEST, days);
    const reported = REPORTED.filter((date) => date >= from && date <= to);
    expect(reported.length).toBeGreaterThanOrEqual(2);
    expect(String(call.payload.caption).split('\n')[0]).toBe(`📈 <b>12345 热线 · ${from} 至 ${to}</b>（${reported.length} 份日报）`);
    const trend = { from, to, days: reported.map((date) => ({ date, calls: 0, messages: 0, direct: null, transferred: null })) };
    const pixels = await pixelsAtDays(photoOf(call), trend, [CALLS, MESSAGES]);
    expect(
      [...pixels].map(([date, [calls, messages]]) => ({ date, calls: calls! >= 20, messages: messages! >= 10 })),
      `pixels of each colour at each day: ${JSON.stringify([...pixels])}`,
    ).toEqual(reported.map((date) => ({ date, calls: true, messages: true })));
  }, 60_000);

  it('counts 物业管理 and 物业服务 as one hot issue and names both in the caption', async () => {
    const call = await ask(bot, 2000, '/trend 90');
    // 10-06, 10-15 (a seed), 11-10, 12-08 and 12-20: 物业管理 on 10-06, 10-15 and 12-08, 物业服务 on the others.
    expect(String(call.payload.caption).split('\n').at(-1)).toBe('热点问题进入前三的天数：物业服务（含物业管理） 5 天、供暖问题 4 天、消费维权 1 天、劳动纠纷 1 天');
  }, 60_000);

  it('answers a span with one report with a span that works, and that span draws', async () => {
    const answer = await ask(bot, 3000, '/trend 7');
    expect(answer.method).toBe('sendMessage');
    const text = String(answer.payload.text);
    expect(text.split('\n')[0]).toBe('2025-12-14 至 2025-12-20 只有 1 份热线日报，至少要 2 份才能画出趋势。');
    const suggested = /试试 <code>([^<]+)<\/code>/.exec(text)?.[1];
    expect(suggested).toBe('/trend 30');
    const chart = await ask(bot, 3000, suggested!);
    expect(chart.method, String(chart.payload.text)).toBe('sendPhoto');
  }, 60_000);
});
