import { afterEach, describe, expect, it } from 'vitest';
import { buildTrend, ChartBusyError, createChartPool, type ChartPool } from '../../src/trend/index.js';
import type { TrendChartLabels } from '../../src/trend/index.js';
import { fixtureReports, HOT_TOPICS, pngSize } from './helpers.js';

const LABELS: TrendChartLabels = {
  title: '12345 热线趋势',
  subtitle: '2025-10-20 至 2025-11-03',
  calls: '来电诉求（件次）',
  messages: '网民留言（件）',
  hotTitle: '热点问题',
  dayCount: '{n} 天',
  noHot: '没有热点问题',
  footer: '数据：西宁晚报',
};

/** The fixture trend ending on `to`, `days` long: each span is a different chart. */
const trendOf = (days: number, to = '2025-11-03') => {
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return buildTrend(fixtureReports(), from, to, HOT_TOPICS);
};

async function until(done: () => boolean, ms = 20_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return done();
}

describe('the chart pool', () => {
  let pool: ChartPool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('draws in a worker thread, and the same chart asked again or by many at once is drawn once', async () => {
    pool = createChartPool({ workers: 1 });
    const trend = trendOf(14);
    const together = await Promise.all(Array.from({ length: 20 }, (_, reader) => pool!.render(trend, LABELS, reader)));
    const again = await pool.render(trend, LABELS, 99);
    // 5 hot issues in 10-21..11-03: (96 + 360 + 70 + 5 × 34 + 44) × 1.5 px high.
    expect(pngSize(again)).toEqual({ width: 1800, height: 1110 });
    expect(together.every((png) => png.equals(again))).toBe(true);
    expect(pool.stats()).toMatchObject({ drawn: 1, reused: 20, refused: 0, workers: 1 });
  }, 60_000);

  it('draws another chart for another span, language or newest report', async () => {
    pool = createChartPool({ workers: 1 });
    await pool.render(trendOf(14), LABELS);
    await pool.render(trendOf(7), LABELS);
    await pool.render(trendOf(14), { ...LABELS, title: '12345 hotline trend' });
    await pool.render(trendOf(14, '2025-11-02'), LABELS);
    expect(pool.stats()).toMatchObject({ drawn: 4, reused: 0 });
  }, 60_000);

  it('tells a reader past 3 new charts a minute to wait, while a cached chart still comes', async () => {
    let now = 1_000_000;
    pool = createChartPool({ workers: 1, now: () => now });
    for (const days of [5, 6, 7]) await pool.render(trendOf(days), LABELS, 42);
    await expect(pool.render(trendOf(8), LABELS, 42)).rejects.toEqual(new ChartBusyError('reader'));
    // 4 hot issues in 10-30..11-03.
    expect(pngSize(await pool.render(trendOf(5), LABELS, 42))).toEqual({ width: 1800, height: 1059 });
    // Another reader is not held by reader 42, and 42 may draw again a minute later.
    await pool.render(trendOf(8), LABELS, 43);
    now += 60_001;
    await pool.render(trendOf(9), LABELS, 42);
    expect(pool.stats()).toMatchObject({ drawn: 5, reused: 1, refused: 1 });
  }, 60_000);

  it('refuses readers past 4 charts waiting at once, but never push (no reader)', async () => {
    pool = createChartPool({ workers: 1 });
    const waiting = [5, 6, 7, 8].map((days, reader) => pool!.render(trendOf(days), LABELS, reader));
    await expect(pool.render(trendOf(9), LABELS, 50)).rejects.toThrow(new ChartBusyError('overall'));
    const weekly = pool.render(trendOf(10), LABELS);
    await Promise.all([...waiting, weekly]);
    expect(pool.stats()).toMatchObject({ drawn: 5, refused: 1 });
  }, 60_000);

  it('ends an idle worker, and starts one again for the next chart', async () => {
    pool = createChartPool({ workers: 1, idleMs: 10 });
    await pool.render(trendOf(5), LABELS);
    expect(await until(() => pool!.stats().workers === 0)).toBe(true);
    await pool.render(trendOf(6), LABELS);
    expect(pool.stats()).toMatchObject({ drawn: 2 });
  }, 60_000);
});
