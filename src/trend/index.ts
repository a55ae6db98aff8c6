export {
  addDays,
  buildTrend,
  daysBetween,
  DEFAULT_TREND_DAYS,
  MAX_TREND_DAYS,
  spanEnding,
  summariseTrend,
  type SeriesSummary,
  type TrendSummary,
} from './trend.js';
export { sparkline } from './sparkline.js';
export { createTrendChartRenderer, type TrendChartLabels, type TrendChartRenderer } from './chart.js';
export { ChartBusyError, createChartPool, type ChartPool, type TrendCharts } from './chartPool.js';
