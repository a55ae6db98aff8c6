import { describe, expect, it } from 'vitest';
import {
  addDays,
  buildTrend,
  createTrendChartRenderer,
  daysBetween,
  sparkline,
  summariseTrend,
  parseHotTopics,
  spanEnding,
  type TrendChartLabels,
} from '../../src/trend/index.js';
import { countColours, FIXTURE_DAYS, pixelsAtDays, FIXTURE_HOT, fixtureReports, pngSize, report } from './helpers.js';
import { HOT_TOPICS } from './helpers.js';

const LABELS: TrendChartLabels = {
  title: '12345 热线趋势',
  subtitle: '2025-10-20 至 2025-11-03 · 15 天 · 14 份日报',
  calls: '来电诉求（件次）',
  messages: '网民留言（件）',
  hotTitle: '热点问题：进入当日前三的天数',
  dayCount: '{n} 天',
  noHot: '这段时间的日报没有列出热点问题',
  footer: '数据：西宁晚报刊登的 12345 政务服务便民热线日报',
};

describe('buildTrend', () => {
  it('reads every reported day of the fixture pages and counts the days each hot issue was in the top 3', () => {
    expect(buildTrend(fixtureReports(), '2025-10-20', '2025-11-03', HOT_TOPICS)).toEqual({
      from: '2025-10-20',
      to: '2025-11-03',
      days: FIXTURE_DAYS,
      hot: FIXTURE_HOT,
    });
  });

  it('keeps to the span and lets the later of two reports of one day win', () => {
    const reports = [
      report('2025-03-01', 900, 40, [['物业管理', 30]]),
      report('2025-03-02', 950, 41, [['物业管理', 31]]),
      report('2025-03-02', 960, 42, [['供暖问题', 50], ['物业管理', 20]]),
      report('2025-03-04', 1000, 43),
    ];
    expect(buildTrend(reports, '2025-03-02', '2025-03-03', HOT_TOPICS)).toEqual({
      from: '2025-03-02',
      to: '2025-03-03',
      days: [{ date: '2025-03-02', calls: 960, messages: 42, direct: 480, transferred: 480 }],
      hot: [
        { topic: '供暖问题', names: ['供暖问题'], daysInTop3: 1, total: 50 },
        // Shown under the topic list's name for it (src/search/hotTopics.txt), printed as 物业管理.
        { topic: '物业服务', names: ['物业管理'], daysInTop3: 1, total: 20 },
      ],
    });
  });

  it('ranks a day by count even when the page lists hot issues out of order', () => {
    const trend = buildTrend(
      [report('2025-03-01', 900, 40, [['交通出行', 5], ['物业管理', 30], ['供暖问题', 20], ['消费维权', 10]])],
      '2025-03-01',
      '2025-03-01',
      HOT_TOPICS,
    );
    expect(trend.hot.map((topic) => topic.topic)).toEqual(['物业服务', '供暖问题', '消费维权']);
  });
});

describe('summariseTrend', () => {
  it('gives highest and lowest day, totals, means and the change against the span before', () => {
    const reports = [
      report('2025-03-01', 800, 40),
      report('2025-03-02', 1000, null),
      report('2025-03-04', 1100, 50),
      report('2025-03-05', 1000, 70),
    ];
    const summary = summariseTrend(reports, '2025-03-04', '2025-03-06', HOT_TOPICS);
    expect(summary.previous).toEqual({ from: '2025-03-01', to: '2025-03-03' });
    expect(summary.calls).toEqual({
      reportedDays: 2,
      total: 2100,
      mean: 1050,
      max: { date: '2025-03-04', value: 1100 },
      min: { date: '2025-03-05', value: 1000 },
    });
    expect(summary.messages).toEqual({
      reportedDays: 2,
      total: 120,
      mean: 60,
      max: { date: '2025-03-05', value: 70 },
      min: { date: '2025-03-04', value: 50 },
    });
    // Means: 1050 against 900 is +16.7 %; messages 60 against the one reported day's 40 is +50 %.
    expect(summary.callsChange).toBe(16.7);
    expect(summary.messagesChange).toBe(50);
  });

  it('has no change when the span before has no report', () => {
    const summary = summariseTrend(fixtureReports(), '2025-10-20', '2025-11-03', HOT_TOPICS);
    expect(summary.callsChange).toBeNull();
    expect(summary.calls?.max).toEqual({ date: '2025-10-31', value: 1285 });
    expect(summary.calls?.min).toEqual({ date: '2025-10-25', value: 766 });
  });
});

describe('dates', () => {
  it.each([
    ['2025-03-01', -1, '2025-02-28'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-12-31', 1, '2026-01-01'],
  ])('%s plus %i days is %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it('lists every calendar day of a span', () => {
    expect(daysBetween('2025-02-27', '2025-03-02')).toEqual(['2025-02-27', '2025-02-28', '2025-03-01', '2025-03-02']);
  });
});

describe('sparkline', () => {
  it.each([
    [[1, 2, 3, 4, 5, 6, 7, 8], '▁▂▃▄▅▆▇█'],
    [[992, 1215, 800, null, 1000, 1100, 900], '▄█▁·▄▆▃'],
    [[5, 5, 5], '▄▄▄'],
    [[null, 7], '·▄'],
    [[null, null], '··'],
    [[], ''],
  ])('%j → %s', (values, expected) => {
    expect(sparkline(values)).toBe(expected);
  });
});

describe('trend chart', () => {
  const renderer = createTrendChartRenderer();

  it('is a PNG 1.5 times 1200 wide, with a row per hot issue under the lines', async () => {
    const trend = buildTrend(fixtureReports(), '2025-10-20', '2025-11-03', HOT_TOPICS);
    const png = await renderer.render(trend, LABELS);
    // 96 header + 360 lines + 70 hot heading + 6 × 34 bars + 44 footer = 774 px, × 1.5.
    expect(pngSize(png)).toEqual({ width: 1800, height: 1161 });
    // Something is drawn in each colour: the calls line, the messages line, the bars (a blank canvas has none).
    const [calls, messages, bars] = await countColours(png, ['#1f5fa8', '#d9822b', '#7a8fa6']);
    expect(calls).toBeGreaterThan(1000);
    expect(messages).toBeGreaterThan(1000);
    // Six bars, each about 18.7 px × 1.5 high and up to 1000 px long.
    expect(bars).toBeGreaterThan(6 * 20 * 40);
  });

  it('draws at most 8 hot issues and keeps one row when there are none', async () => {
    const topics = ['供暖问题', '物业服务', '消费维权', '劳动纠纷', '交通出行', '市政设施', '噪音扰民', '房屋质量', '医疗卫生'];
    const many = Array.from({ length: 9 }, (_, i) =>
      report(addDays('2025-01-01', i), 900 + i, 40, [[topics[i]!, 50], [topics[(i + 1) % 9]!, 40], [topics[(i + 2) % 9]!, 30]]),
    );
    expect(pngSize(await renderer.render(buildTrend(many, '2025-01-01', '2025-01-09', HOT_TOPICS), LABELS))).toEqual({
      width: 1800,
      height: (96 + 360 + 70 + 8 * 34 + 44) * 1.5,
    });
    const bare = [report('2025-01-01', 900, 40), report('2025-01-02', 950, 45)];
    expect(pngSize(await renderer.render(buildTrend(bare, '2025-01-01', '2025-01-02', HOT_TOPICS), LABELS))).toEqual({
      width: 1800,
      height: (96 + 360 + 70 + 34 + 44) * 1.5,
    });
  });
});

describe('hot-issue topics the paper names differently', () => {
  it('counts them as one topic under the first name of their line, with the names printed', () => {
    const topics = parseHotTopics('# a comment\n物业服务 = 物业管理 = 物业问题\n供暖问题 = 供热问题\n');
    const reports = [
      report('2025-03-01', 900, 40, [['物业管理', 30], ['供暖问题', 20], ['消费维权', 10]]),
      // Both names on one day: one issue of 25 + 12 = 37, first that day.
      report('2025-03-02', 900, 40, [['供热问题', 30], ['物业服务', 25], ['物业问题', 12]]),
      report('2025-03-03', 900, 40, [['消 费维权', 50], ['物业服务', 40], ['交通出行', 5]]),
    ];
    expect(buildTrend(reports, '2025-03-01', '2025-03-03', topics).hot).toEqual([
      { topic: '物业服务', names: ['物业管理', '物业服务', '物业问题'], daysInTop3: 3, total: 107 },
      // An OCR'd space inside a name is not another topic.
      { topic: '消费维权', names: ['消费维权'], daysInTop3: 2, total: 60 },
      { topic: '供暖问题', names: ['供暖问题', '供热问题'], daysInTop3: 2, total: 50 },
      { topic: '交通出行', names: ['交通出行'], daysInTop3: 1, total: 5 },
    ]);
  });

  it.each([
    ['物业服务\n', 'hot.txt:1: expected "A = B"'],
    ['物业服务 = \n', 'hot.txt:1: expected "A = B"'],
    ['# x\n物业服务 = 物业管理\n物业管理 = 物业问题\n', 'hot.txt:3: "物业管理" is listed twice'],
  ])('refuses a bad list %j naming the line', (text, message) => {
    expect(() => parseHotTopics(text, 'hot.txt')).toThrow(message);
  });

  it('reads the project list, where 物业管理 is shown as 物业服务', () => {
    expect(HOT_TOPICS.shownName('物业管理')).toBe('物业服务');
    expect(HOT_TOPICS.shownName('供热问题')).toBe('供暖问题');
    expect(HOT_TOPICS.shownName('未列出的问题')).toBe('未列出的问题');
  });
});

describe('trend chart points', () => {
  const renderer = createTrendChartRenderer();
  const CALLS = '#1f5fa8';
  const MESSAGES = '#d9822b';

  // Reports 0, 12, 40, 75, 77, 150, 250, 314 and 340 days before 2025-12-31: each between two gaps.
  const SPARSE = [0, 12, 40, 75, 77, 150, 250, 314, 340].map((back, i) =>
    report(addDays('2025-12-31', -back), 900 + ((i * 137) % 400), 40 + ((i * 17) % 35)),
  );

  it.each([30, 60, 90, 180, 365])('draws every report of a sparse series in %i days, in both colours', async (days) => {
    const { from, to } = spanEnding('2025-12-31', days);
    const trend = buildTrend(SPARSE, from, to, HOT_TOPICS);
    expect(trend.days.length).toBeGreaterThanOrEqual(2);
    const pixels = await pixelsAtDays(await renderer.render(trend, LABELS), trend, [CALLS, MESSAGES]);
    for (const [date, [calls, messages]] of pixels) {
      // A point 9 to 11 px across at 1.5×: tens of pixels of its exact colour, the rest anti-aliased.
      expect({ date, calls: calls! >= 20, messages: messages! >= 10 }).toEqual({ date, calls: true, messages: true });
    }
    // And nothing where there is no report (the counting strip itself is not what finds the colours).
    const empty = { ...trend, days: [{ date: addDays('2025-12-31', -6), calls: 0, messages: 0, direct: null, transferred: null }] };
    expect([...(await pixelsAtDays(await renderer.render(trend, LABELS), empty, [CALLS, MESSAGES])).values()]).toEqual([[0, 0]]);
  });

  it('keeps both points visible where the two series are lowest on the same day', async () => {
    // 2025-11-15: calls 800 and messages 40, both the lowest of the month, at the same spot at the foot
    // of the plot (each series has its own axis); the days either side have no report.
    const reports = Array.from({ length: 30 }, (_, i) => i)
      .filter((i) => i !== 13 && i !== 15)
      .map((i) => report(addDays('2025-11-01', i), i === 14 ? 800 : 900 + ((i * 37) % 300), i === 14 ? 40 : 45 + ((i * 7) % 25)));
    const trend = buildTrend(reports, '2025-11-01', '2025-11-30', HOT_TOPICS);
    const pixels = await pixelsAtDays(await renderer.render(trend, LABELS), trend, [CALLS, MESSAGES]);
    const [calls, messages] = pixels.get('2025-11-15')!;
    expect(calls).toBeGreaterThanOrEqual(20);
    expect(messages).toBeGreaterThanOrEqual(10);
  });
});
