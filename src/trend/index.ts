export {
  addDays,
  buildTrend,
  daysBetween,
  DEFAULT_TREND_DAYS,
  MAX_TREND_DAYS,
  spanEnding,
  summariseTrend,
  type SeriesSummary,
  type Trend,
  type TrendSummary,
} from './trend.js';
export { sparkline } from './sparkline.js';
export { createTrendChartRenderer, plotArea, type TrendChartLabels, type TrendChartRenderer } from './chart.js';
export { ChartBusyError, createChartPool, type ChartPool, type TrendCharts } from './chartPool.js';
export { parseHotTopics, readHotTopics, type HotTopics } from './hotTopics.js';
export { adviseSpans, MIN_TREND_REPORTS, type SpanAdvice } from './spans.js';
