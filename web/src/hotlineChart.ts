/**
 * The hotline chart (ECharts, canvas): calls as columns, web messages as a line.
 * Loaded only when the hotline view opens (a chunk of its own, not counted in the
 * page's first download). A tap anywhere over the plot picks the nearest day.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { HotlineDay } from '../../src/webapp/apiTypes.js';
import { CHART_GRID } from './chartLayout.js';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export interface ChartLabels {
  readonly calls: string;
  readonly messages: string;
}

export interface HotlineChart {
  /** Marks the day shown below the chart. */
  select(date: string | null): void;
  dispose(): void;
}

/** Numbers as the bot writes them: plain digits (1215, not 1,215). */
const plain = (value: number) => String(value);

function cssColour(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

export function drawHotlineChart(
  element: HTMLElement,
  days: readonly HotlineDay[],
  labels: ChartLabels,
  onPick: (date: string) => void,
): HotlineChart {
  const chart = echarts.init(element, null, { renderer: 'canvas' });
  const text = cssColour('--text', '#222');
  const hint = cssColour('--hint', '#888');
  const accent = cssColour('--accent', '#2481cc');
  const secondary = cssColour('--line', '#e8a33d');
  let selected: string | null = null;
  const render = () =>
    chart.setOption({
      animation: false,
      grid: { ...CHART_GRID, containLabel: false },
      legend: { top: 0, right: 0, textStyle: { color: text, fontSize: 12 }, itemWidth: 12, itemHeight: 8 },
      tooltip: { trigger: 'axis', renderMode: 'richText', confine: true },
      xAxis: {
        type: 'category',
        data: days.map((day) => day.date.slice(5)),
        axisLabel: { color: hint, fontSize: 10, hideOverlap: true },
        axisLine: { lineStyle: { color: hint } },
        axisTick: { show: false },
      },
      // Calls (about a thousand a day) on the left, web messages (tens) on their own scale on the right.
      yAxis: [
        { type: 'value', axisLabel: { color: accent, fontSize: 10, formatter: plain }, splitLine: { lineStyle: { color: hint, opacity: 0.25 } } },
        { type: 'value', axisLabel: { color: secondary, fontSize: 10, formatter: plain }, splitLine: { show: false } },
      ],
      series: [
        {
          name: labels.calls,
          type: 'bar',
          itemStyle: { color: accent },
          data: days.map((day) => ({
            value: day.calls,
            itemStyle: { color: accent, opacity: selected === null || selected === day.date ? 1 : 0.45 },
          })),
          barMaxWidth: 18,
        },
        {
          name: labels.messages,
          type: 'line',
          yAxisIndex: 1,
          data: days.map((day) => day.messages),
          itemStyle: { color: secondary },
          lineStyle: { color: secondary, width: 2 },
          symbolSize: 5,
        },
      ],
    });
  render();
  chart.getZr().on('click', (event: { offsetX: number; offsetY: number }) => {
    const point = [event.offsetX, event.offsetY];
    if (!chart.containPixel('grid', point)) return;
    const [index] = chart.convertFromPixel({ gridIndex: 0 }, point);
    const day = index === undefined ? undefined : days[Math.round(index)];
    if (day) onPick(day.date);
  });
  // The chart follows its box (a rotated phone, Telegram's expanded view), not just the window.
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(element);
  return {
    select(date) {
      selected = date;
      render();
    },
    dispose() {
      observer.disconnect();
      chart.dispose();
    },
  };
}
