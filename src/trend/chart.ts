/**
 * The trend as a picture: ECharts lays the chart out and draws it on a
 * Skia canvas (@napi-rs/canvas, prebuilt binaries in the npm package), which
 * encodes the PNG. The CJK font comes from an npm package (@embedpdf/fonts-sc,
 * Noto Sans SC under the OFL), never from the system, so Chinese labels render
 * on a fresh machine after `npm install`.
 *
 * Why not ECharts' SVG string and @resvg/resvg-js: resvg parses the 8 MB CJK
 * font again for every text element; 33 labels took 600–800 ms on the team
 * machine before any drawing. Skia keeps the typeface once registered: a
 * 365-day chart takes about 100 ms of CPU to draw and 100 ms to encode.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkPointComponent, TitleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { daysBetween, type Trend } from './trend.js';

/** Everything the chart writes, in the reader's language. */
export interface TrendChartLabels {
  /** Big line on top ("12345 热线趋势"). */
  readonly title: string;
  /** Line under it: the span and how many reports it holds. */
  readonly subtitle: string;
  /** Legend and axis name of the calls line ("来电诉求（件次）"). */
  readonly calls: string;
  /** Legend and axis name of the messages line ("网民留言（件）"). */
  readonly messages: string;
  /** Heading of the hot issues part ("热点问题：进入当日前三的天数"). */
  readonly hotTitle: string;
  /** Bar label, `{n}` replaced by the number of days ("{n} 天"). */
  readonly dayCount: string;
  /** Shown instead of the bars when no report of the span lists hot issues. */
  readonly noHot: string;
  /** Small print at the bottom (the source). */
  readonly footer: string;
}

/** Chart size and how much of the hot list it shows. */
export interface TrendChartOptions {
  /** Width in pixels (default 1200). Height follows from the number of hot issues shown. */
  readonly width?: number;
  /** Most hot issues drawn as bars (default 8); the JSON has them all. */
  readonly maxTopics?: number;
  /** Pixel density (default 1.5): sharper text in Telegram's photo viewer for a modest PNG size. */
  readonly pixelRatio?: number;
}

/** Renders a trend as a PNG. */
export interface TrendChartRenderer {
  /** Lays out and draws on the calling thread; the PNG is encoded off it (Skia's `encode`), so the bot keeps answering. */
  render(trend: Trend, labels: TrendChartLabels): Promise<Buffer>;
}

/** The family name the bundled font is registered under (Skia's registry is process-wide). */
const FONT_FAMILY = 'Newsbot Noto Sans SC';
const COLOR_CALLS = '#1f5fa8';
const COLOR_MESSAGES = '#d9822b';
const COLOR_BARS = '#7a8fa6';
const COLOR_TEXT = '#222222';
const COLOR_MUTED = '#6b6b6b';

const HEADER_HEIGHT = 96;
const LINE_HEIGHT = 360;
const HOT_HEADER = 70;
const BAR_ROW = 34;
const FOOTER_HEIGHT = 44;

/** Where the bundled OTF files are: the package's `fonts/` beside its `dist/`. */
function fontFiles(): { regular: string; bold: string } {
  const entry = createRequire(import.meta.url).resolve('@embedpdf/fonts-sc');
  const dir = path.join(path.dirname(entry), '..', 'fonts');
  return { regular: path.join(dir, 'NotoSansHans-Regular.otf'), bold: path.join(dir, 'NotoSansHans-Bold.otf') };
}

/** Registers the bundled font and the ECharts parts the chart uses: process-wide, idempotent. Throws when the font package is missing. */
function registerChartParts(): void {
  if (!GlobalFonts.has(FONT_FAMILY)) {
    const files = fontFiles();
    for (const file of [files.regular, files.bold]) {
      if (!GlobalFonts.registerFromPath(file, FONT_FAMILY)) throw new Error(`cannot load the chart font ${file}`);
    }
  }
  echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TitleComponent, MarkPointComponent, CanvasRenderer]);
  // ECharts measures text on a canvas it makes itself; in Node that canvas must come from Skia too.
  echarts.setPlatformAPI({ createCanvas: () => createCanvas(1, 1) });
}

/**
 * The chart renderer. Cheap to make: the font and the ECharts parts are registered at the
 * first chart drawn (most runs draw none), so the root makes one for the bot and push alike.
 */
export function createTrendChartRenderer(options: TrendChartOptions = {}): TrendChartRenderer {
  const width = options.width ?? 1200;
  const maxTopics = options.maxTopics ?? 8;
  const pixelRatio = options.pixelRatio ?? 1.5;
  let registered = false;
  return {
    async render(trend, labels) {
      if (!registered) registerChartParts();
      registered = true;
      const topics = trend.hot.slice(0, maxTopics);
      const barRows = Math.max(topics.length, 1);
      const height = HEADER_HEIGHT + LINE_HEIGHT + HOT_HEADER + barRows * BAR_ROW + FOOTER_HEIGHT;
      const canvas = createCanvas(Math.round(width * pixelRatio), Math.round(height * pixelRatio));
      const chart = echarts.init(canvas, undefined, { width, height, devicePixelRatio: pixelRatio });
      try {
        chart.setOption(chartOption(trend, labels, topics, width));
        // Encoded before dispose: disposing the chart clears the canvas.
        return await canvas.encode('png');
      } finally {
        chart.dispose();
      }
    },
  };
}

/** `2025-11-04` → `11/4`: short enough for a year of ticks. */
function shortDate(date: string): string {
  return `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;
}

/**
 * Where the lines are drawn, in CSS pixels of a chart `width` wide (multiply by the pixel
 * ratio for the PNG): the first day of the span is at `left`, the last at `right`.
 */
export function plotArea(width: number): { left: number; right: number; top: number; bottom: number } {
  return { left: PLOT_SIDE, right: width - PLOT_SIDE, top: PLOT_TOP, bottom: PLOT_TOP + PLOT_HEIGHT };
}

const PLOT_SIDE = 80;
const PLOT_TOP = HEADER_HEIGHT + 34;
const PLOT_HEIGHT = LINE_HEIGHT - 80;
/**
 * Spans longer than this draw thin lines and mark only the days a line does not reach
 * (a point of a year's 365 would be a smear).
 */
const DENSE_DAYS = 45;
/**
 * Point sizes in px. The calls are drawn first and larger, the messages over them and
 * smaller: the two series have axes of their own, so their points can fall on the same
 * spot (both lowest on one day, the lines crossing), and then a ring of the calls' point
 * shows around the messages' one instead of one point hiding the other.
 */
const CALLS_POINT = { sparse: 11, dense: 9 };
const MESSAGES_POINT = { sparse: 6, dense: 5 };

/**
 * Sizes of a series' points: every reported day in a short span; in a long one only the
 * days a line does not reach from both sides (a day with a gap before or after it), so a
 * report between two gaps is always a visible point however long the span.
 */
function pointSizes(data: readonly (number | null)[], dense: boolean, size: number): number[] {
  return data.map((value, i) => {
    if (value === null) return 0;
    if (!dense) return size;
    const joined = (data[i - 1] ?? null) !== null && (data[i + 1] ?? null) !== null;
    return joined ? 0 : size;
  });
}

function chartOption(
  trend: Trend,
  labels: TrendChartLabels,
  topics: Trend['hot'],
  width: number,
): echarts.EChartsCoreOption {
  // Every calendar day gets a slot, so a day without a report shows as a gap, not as a shorter span.
  const dates = daysBetween(trend.from, trend.to);
  const byDate = new Map(trend.days.map((day) => [day.date, day]));
  const calls = dates.map((date) => byDate.get(date)?.calls ?? null);
  const messages = dates.map((date) => byDate.get(date)?.messages ?? null);
  const dense = dates.length > DENSE_DAYS;
  const hotTop = HEADER_HEIGHT + LINE_HEIGHT + HOT_HEADER;
  const plain = (value: number) => String(value);
  const text = { fontFamily: FONT_FAMILY, color: COLOR_TEXT };
  const longestName = Math.max(4, ...topics.map((topic) => [...topic.topic].length));
  const plot = plotArea(width);

  const line = (name: string, data: (number | null)[], color: string, yAxisIndex: number, point: typeof CALLS_POINT) => {
    const sizes = pointSizes(data, dense, dense ? point.dense : point.sparse);
    return {
      name,
      type: 'line',
      yAxisIndex,
      data,
      connectNulls: false,
      // Filled, every one drawn (ECharts thins out points on a crowded category axis unless told not to).
      symbol: 'circle',
      showSymbol: true,
      showAllSymbol: true,
      symbolSize: (_value: unknown, params: { dataIndex: number }) => sizes[params.dataIndex] ?? 0,
      // A point on the plot's edge (the lowest or highest day) is drawn whole, not cut at the axis.
      clip: false,
      lineStyle: { width: dense ? 1.5 : 2.2, color },
      itemStyle: { color },
    };
  };

  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: text,
    title: [
      {
        text: labels.title,
        subtext: labels.subtitle,
        left: 40,
        top: 18,
        textStyle: { ...text, fontSize: 24, fontWeight: 'bold' },
        subtextStyle: { fontFamily: FONT_FAMILY, fontSize: 15, color: COLOR_MUTED },
        itemGap: 10,
      },
      {
        text: labels.hotTitle,
        left: 40,
        top: hotTop - 44,
        textStyle: { ...text, fontSize: 18, fontWeight: 'bold' },
      },
      ...(topics.length === 0
        ? [{ text: labels.noHot, left: 40, top: hotTop + 4, textStyle: { ...text, fontSize: 15, color: COLOR_MUTED } }]
        : []),
      {
        text: labels.footer,
        left: 40,
        bottom: 14,
        textStyle: { fontFamily: FONT_FAMILY, fontSize: 12, color: COLOR_MUTED, fontWeight: 'normal' },
      },
    ],
    legend: {
      top: 30,
      right: 40,
      itemWidth: 22,
      itemGap: 24,
      textStyle: { ...text, fontSize: 15 },
      data: [labels.calls, labels.messages],
    },
    grid: [
      { left: plot.left, right: width - plot.right, top: plot.top, height: plot.bottom - plot.top },
      // Room on the left for the longest topic name (15 px per CJK character), on the right for "14 天".
      { left: 40 + 16 * longestName + 12, right: 120, top: hotTop, height: Math.max(topics.length, 1) * BAR_ROW },
    ],
    xAxis: [
      {
        type: 'category',
        gridIndex: 0,
        data: dates,
        boundaryGap: false,
        axisLine: { lineStyle: { color: '#999999' } },
        axisTick: { alignWithLabel: true },
        axisLabel: { ...text, fontSize: 13, color: COLOR_MUTED, hideOverlap: true, formatter: shortDate },
      },
      { type: 'value', gridIndex: 1, show: false, minInterval: 1 },
    ],
    yAxis: [
      {
        type: 'value',
        gridIndex: 0,
        name: labels.calls,
        nameTextStyle: { ...text, fontSize: 13, color: COLOR_CALLS, align: 'left' },
        axisLabel: { ...text, fontSize: 13, color: COLOR_CALLS, formatter: plain },
        splitLine: { lineStyle: { color: '#e6e6e6' } },
        scale: true,
      },
      {
        type: 'value',
        gridIndex: 0,
        name: labels.messages,
        nameTextStyle: { ...text, fontSize: 13, color: COLOR_MESSAGES, align: 'right' },
        axisLabel: { ...text, fontSize: 13, color: COLOR_MESSAGES, formatter: plain },
        splitLine: { show: false },
        scale: true,
      },
      {
        type: 'category',
        gridIndex: 1,
        inverse: true,
        data: topics.map((topic) => topic.topic),
        axisLine: { show: false },
        axisTick: { show: false },
        axisLabel: { ...text, fontSize: 15 },
      },
    ],
    series: [
      line(labels.calls, calls, COLOR_CALLS, 0, CALLS_POINT),
      line(labels.messages, messages, COLOR_MESSAGES, 1, MESSAGES_POINT),
      {
        type: 'bar',
        xAxisIndex: 1,
        yAxisIndex: 2,
        barWidth: BAR_ROW * 0.55,
        data: topics.map((topic) => topic.daysInTop3),
        itemStyle: { color: COLOR_BARS, borderRadius: [0, 3, 3, 0] },
        label: {
          show: true,
          position: 'right',
          ...text,
          fontSize: 14,
          formatter: ({ value }: { value: number }) => labels.dayCount.replace('{n}', String(value)),
        },
      },
    ],
  };
}
