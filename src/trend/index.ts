export {
  addDays,
  buildTrend,
  daysBetween,
  DEFAULT_TREND_DAYS,
  MAX_TREND_DAYS,
  percentChange,
  spanEnding,
  summariseSeries,
  summariseTrend,
  type SeriesSummary,
  type Trend,
  type TrendDay,
  type TrendSummary,
  type TrendTopic,
} from './trend.js';
export { sparkline, SPARK_GAP } from './sparkline.js';
export { createTrendChartRenderer, type TrendChartLabels, type TrendChartOptions, type TrendChartRenderer } from './chart.js';
