import type { InputFile } from 'grammy';
import { describe, expect, it } from 'vitest';
import { createDeps, createTestBot, EN_USER, textUpdate } from '../bot/helpers.js';
import type { Fixture } from '../bot/helpers.js';
import { fixtureReports, pngSize, report } from './helpers.js';
import { parseTrendDays, parseTrendRequest } from '../../src/bot/features/trend.js';

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

  it('answers in text, with no picture, when the span holds fewer than 2 reports, suggesting a span that works', async () => {
    const { send, photos } = await trendBot({ hotline: fixtureReports() });
    expect(await send(textUpdate('/trend 1'))).toEqual([
      say(
        [
          '2025-11-03 至 2025-11-03 只有 1 份热线日报，至少要 2 份才能画出趋势。',
          '日报够画趋势的时间：<code>/trend 30</code>、<code>/trend 60</code>、<code>/trend 90</code>、<code>/trend 180</code>、<code>/trend 365</code>',
          '试试 <code>/trend 30</code>（2025-10-05 至 2025-11-03，14 份日报）',
        ].join('\n'),
      ),
    ]);
    const en = await send(textUpdate('/trend 1', { from: EN_USER }));
    expect(en[0]!.payload.text).toBe(
      [
        'Hotline reports from 2025-11-03 to 2025-11-03: 1. A trend needs at least 2.',
        'Spans with enough reports: <code>/trend 30</code>, <code>/trend 60</code>, <code>/trend 90</code>, <code>/trend 180</code>, <code>/trend 365</code>',
        'Try <code>/trend 30</code> (2025-10-05 to 2025-11-03, reports: 14)',
      ].join('\n'),
    );
    expect(photos).toEqual([]);
  });

  it('suggests an earlier 30 days with its last day when the newest span holds one report, and charts it', async () => {
    // 2025-03-10 alone in its 90 days; 2024-06-01 and 2024-06-20 are the latest two within 30 days.
    const hotline = [report('2024-06-01', 900, 40), report('2024-06-20', 950, 45), report('2025-03-10', 1000, 50)];
    const { send, photos } = await trendBot({ hotline });
    expect(await send(textUpdate('/trend 90'))).toEqual([
      say(
        [
          '2024-12-11 至 2025-03-10 只有 1 份热线日报，至少要 2 份才能画出趋势。',
          '日报够画趋势的时间：<code>/trend 365</code>',
          '试试 <code>/trend 30 2024-06-20</code>（2024-05-22 至 2024-06-20，2 份日报）',
        ].join('\n'),
      ),
    ]);
    const calls = await send(textUpdate('/trend 30 2024-06-20'));
    expect(calls.map((call) => [call.method, call.payload.photo])).toEqual([['sendPhoto', 'upload:trend-2024-05-22-2024-06-20.png']]);
    expect(photos).toHaveLength(1);
  });

  it('says when no two reports lie within a year', async () => {
    const { send } = await trendBot({ hotline: [report('2023-01-01', 900, 40), report('2025-03-10', 1000, 50)] });
    expect(await send(textUpdate('/trend 365'))).toEqual([
      say(
        [
          '2024-03-11 至 2025-03-10 只有 1 份热线日报，至少要 2 份才能画出趋势。',
          '到最新一份日报为止，最近 365 天里都不到 2 份日报。',
          '存档里没有两份相隔一年以内的日报，还画不出趋势。',
        ].join('\n'),
      ),
    ]);
  });

  it('names the paper\'s other names of a hot issue in the caption', async () => {
    const hotline = [
      report('2025-03-01', 900, 40, [['物业管理', 30]]),
      report('2025-03-02', 1000, 50, [['物业服务', 20]]),
    ];
    const { send } = await trendBot({ hotline });
    const [call] = await send(textUpdate('/trend 2'));
    expect(String(call!.payload.caption).split('\n').at(-1)).toBe('热点问题进入前三的天数：物业服务（含物业管理） 2 天');
  });

  it.each([
    ['两周', 14],
    ['半个月', 15],
    ['三个月', 90],
    ['半年', 180],
    ['一年', 365],
    ['2 weeks', 14],
  ])('takes "%s" as %i days', async (input, days) => {
    const { send } = await trendBot({ hotline: fixtureReports() });
    const [call] = await send(textUpdate(`/trend ${input}`));
    const [, from] = /^📈 <b>12345 热线 · (\d{4}-\d{2}-\d{2}) 至 2025-11-03<\/b>/u.exec(String(call!.payload.caption)) ?? [];
    expect(Date.parse('2025-11-03') - Date.parse(from!)).toBe((days - 1) * 86_400_000);
  });

  it('reads a span named whole as its days, up to today at the latest; 3月 is March, not three months', () => {
    const today = '2025-04-10';
    expect(parseTrendDays('3月')).toBeNull();
    expect(parseTrendDays('3个月')).toBe(90);
    expect(parseTrendRequest('3月', today, new Set())).toEqual({ days: 31, until: '2025-03-31' });
    expect(parseTrendRequest('上个月', today, new Set())).toEqual({ days: 31, until: '2025-03-31' });
    expect(parseTrendRequest('本月', today, new Set())).toEqual({ days: 10, until: '2025-04-10' });
    // 2024 had 366 days: the last 365 of them.
    expect(parseTrendRequest('2024年', today, new Set())).toEqual({ days: 365, until: '2024-12-31' });
    expect(parseTrendRequest('30 上个月', today, new Set())).toBeNull();
  });

  it('says so when there is no report at all', async () => {
    const { send } = await trendBot({});
    expect(await send(textUpdate('/trend'))).toEqual([say('还没有 12345 热线日报。')]);
  });

  it.each([
    ['abc', '“abc”'],
    ['366', '“366”'],
    ['0', '“0”'],
    ['-5', '“-5”'],
    ['<b>', '“&lt;b&gt;”'],
    ['30 60', '“30 60”'],
    ['2025-02-30', '“2025-02-30”'],
    // Over 365 days, however it is said.
    ['两年', '“两年”'],
    ['13个月', '“13个月”'],
  ])('refuses "%s" with a clear message', async (input, quoted) => {
    const text = `${quoted}不是天数。请写 1 到 365 之间的天数，例如 <code>/trend 30</code> 或 <code>/trend 3个月</code>；要看更早的，再加上最后一天：<code>/trend 30 2025-10-15</code>`;
    const { send } = await trendBot({ hotline: fixtureReports() });
    expect(await send(textUpdate(`/trend ${input}`))).toEqual([say(text)]);
  });

  it.each([['３０'], ['30天'], ['30 days'], ['30 天 2025-11-03'], ['2025年11月3日 30'], ['一个月'], ['近1个月'], ['1 个月 2025-11-03']])('takes "%s" as 30 days', async (input) => {
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
