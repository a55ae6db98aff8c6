import type { InputFile } from 'grammy';
import { describe, expect, it } from 'vitest';
import { createDeps, createTestBot, EN_USER, textUpdate } from '../bot/helpers.js';
import type { Fixture } from '../bot/helpers.js';
import { fixtureReports, pngSize, report } from './helpers.js';

/**
 * A test bot that keeps the bytes of every photo it sends; the recorder, which cannot
 * serialise an upload, sees the photo as `upload:<file name>`.
 */
async function trendBot(fixture: Fixture) {
  const test = createTestBot(await createDeps(fixture));
  const photos: Uint8Array[] = [];
  test.bot.api.config.use(async (prev, method, payload, signal) => {
    if (method !== 'sendPhoto') return prev(method, payload, signal);
    const photo = (payload as { photo: InputFile }).photo;
    const raw = await photo.toRaw();
    if (!(raw instanceof Uint8Array)) throw new Error('photo is not in memory');
    photos.push(raw);
    return prev(method, { ...payload, photo: `upload:${photo.filename ?? ''}` } as typeof payload, signal);
  });
  return { ...test, photos };
}

const say = (text: string) => ({
  method: 'sendMessage',
  payload: { chat_id: 1001, text, parse_mode: 'HTML', link_preview_options: { is_disabled: true } },
});

describe('/trend', () => {
  it('sends one chart as a photo, its caption saying the same in words', async () => {
    const { send, photos } = await trendBot({ hotline: fixtureReports() });
    expect(await send(textUpdate('/trend 7'))).toEqual([
      {
        method: 'sendPhoto',
        payload: {
          chat_id: 1001,
          photo: 'upload:trend-2025-10-28-2025-11-03.png',
          caption: [
            '📈 <b>12345 热线 · 2025-10-28 至 2025-11-03</b>（7 份日报）',
            '来电诉求：共 7476 件次，日均 1068；最高 1285（2025-10-31），最低 794（2025-11-02）',
            '网民留言：共 399 件，日均 57；最高 70（2025-10-28），最低 39（2025-10-30）',
            '与前 7 天（2025-10-21 至 2025-10-27）相比，日均来电 ▼0.6%，日均留言 ▼10.9%',
            '热点问题进入前三的天数：供暖问题 7 天、物业服务 6 天、消费维权 5 天、劳动纠纷 2 天、市政设施 1 天',
          ].join('\n'),
          parse_mode: 'HTML',
        },
      },
    ]);
    // 5 hot issues: (96 + 360 + 70 + 5 × 34 + 44) × 1.5 px high.
    expect(photos.map(pngSize)).toEqual([{ width: 1800, height: 1110 }]);
  });

  it('covers 30 days by default and says when there is nothing to compare with', async () => {
    const { send, photos } = await trendBot({ hotline: fixtureReports() });
    const calls = await send(textUpdate('/trend'));
    expect(calls.map((call) => call.method)).toEqual(['sendPhoto']);
    expect(calls[0]!.payload.caption).toBe(
      [
        '📈 <b>12345 热线 · 2025-10-05 至 2025-11-03</b>（14 份日报）',
        '来电诉求：共 15190 件次，日均 1085；最高 1285（2025-10-31），最低 766（2025-10-25）',
        '网民留言：共 854 件，日均 61；最高 71（2025-10-20），最低 39（2025-10-30）',
        '与前 30 天（2025-09-05 至 2025-10-04）相比，日均来电 无可比数据，日均留言 无可比数据',
        '热点问题进入前三的天数：供暖问题 14 天、物业服务 12 天、消费维权 9 天、劳动纠纷 3 天、市政设施 3 天',
      ].join('\n'),
    );
    expect(photos.map(pngSize)).toEqual([{ width: 1800, height: 1161 }]);
  });

  it('writes the caption in English for English clients and escapes topics', async () => {
    const hotline = [
      report('2025-03-01', 900, 40, [['水<电>&气', 30]]),
      report('2025-03-02', 1000, 50, [['水<电>&气', 20]]),
    ];
    const { send } = await trendBot({ hotline });
    const calls = await send(textUpdate('/trend 2', { from: EN_USER }));
    expect(calls[0]!.payload.caption).toBe(
      [
        '📈 <b>12345 hotline · 2025-03-01 to 2025-03-02</b> (reports: 2)',
        'Calls: 1900 in all, 950 a day; highest 1000 (2025-03-02), lowest 900 (2025-03-01)',
        'Web messages: 90 in all, 45 a day; highest 50 (2025-03-02), lowest 40 (2025-03-01)',
        'Against the 2 days before (2025-02-27 to 2025-02-28): calls a day nothing to compare, messages a day nothing to compare',
        'Days among the top 3 hot issues: 水&lt;电&gt;&amp;气 2',
      ].join('\n'),
    );
  });

  it('answers in text, with no picture, when the span holds fewer than 2 reports', async () => {
    const { send, photos } = await trendBot({ hotline: fixtureReports() });
    expect(await send(textUpdate('/trend 1'))).toEqual([
      say(
        '2025-11-03 至 2025-11-03 只有 1 份热线日报，至少要 2 份才能画出趋势。试试更长的时间，例如 <code>/trend 90</code>',
      ),
    ]);
    const en = await send(textUpdate('/trend 1', { from: EN_USER }));
    expect(en[0]!.payload.text).toBe(
      'Hotline reports from 2025-11-03 to 2025-11-03: 1. A trend needs at least 2; try a longer span, e.g. <code>/trend 90</code>',
    );
    expect(photos).toEqual([]);
  });

  it('says so when there is no report at all', async () => {
    const { send } = await trendBot({});
    expect(await send(textUpdate('/trend'))).toEqual([say('还没有 12345 热线日报。')]);
  });

  it.each([
    ['abc', '“abc”不是天数。请写 1 到 365 之间的整数，例如 <code>/trend 30</code>'],
    ['366', '“366”不是天数。请写 1 到 365 之间的整数，例如 <code>/trend 30</code>'],
    ['0', '“0”不是天数。请写 1 到 365 之间的整数，例如 <code>/trend 30</code>'],
    ['-5', '“-5”不是天数。请写 1 到 365 之间的整数，例如 <code>/trend 30</code>'],
    ['<b>', '“&lt;b&gt;”不是天数。请写 1 到 365 之间的整数，例如 <code>/trend 30</code>'],
  ])('refuses "%s" with a clear message', async (input, text) => {
    const { send } = await trendBot({ hotline: fixtureReports() });
    expect(await send(textUpdate(`/trend ${input}`))).toEqual([say(text)]);
  });

  it.each([['３０'], ['30天'], ['30 days']])('takes "%s" as 30 days', async (input) => {
    const { send } = await trendBot({ hotline: fixtureReports() });
    const calls = await send(textUpdate(`/trend ${input}`));
    expect(String(calls[0]!.payload.caption).split('\n')[0]).toBe('📈 <b>12345 热线 · 2025-10-05 至 2025-11-03</b>（14 份日报）');
  });
});

describe('/hotline sparkline', () => {
  it('puts the last 7 days of calls under the calls line, a dot for a day without a report', async () => {
    const { send } = await trendBot({ hotline: fixtureReports() });
    const [call] = await send(textUpdate('/hotline 2025-10-27'));
    // 10-21..10-27: 1168 1210 940 1274 766 (none) 1089.
    expect(String(call!.payload.text).split('\n').slice(3, 5)).toEqual([
      '来电诉求：1089 件次（▲323）',
      '　近 7 天来电：▇▇▃█▁·▅（2025-10-21 至 2025-10-27）',
    ]);
  });

  it('leaves the line out when only one day of the week has a report', async () => {
    const { send } = await trendBot({ hotline: [report('2025-03-01', 900, 40), report('2025-03-10', 950, 45)] });
    const [call] = await send(textUpdate('/hotline'));
    expect(String(call!.payload.text)).not.toContain('近 7 天');
  });
});
