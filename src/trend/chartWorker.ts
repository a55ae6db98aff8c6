/**
 * Worker-thread entry of the chart pool (chartPool.ts): draws each chart it is
 * sent with the one chart renderer (chart.ts) and posts the PNG back. The worker
 * stays up between charts (the font and ECharts are loaded once per worker) until
 * the pool ends it. It only runs in a worker.
 */
import { isMainThread, parentPort } from 'node:worker_threads';
import { createTrendChartRenderer, type TrendChartLabels } from './chart.js';
import type { Trend } from './trend.js';

/** One chart to draw. */
export interface ChartTask {
  readonly id: number;
  readonly trend: Trend;
  readonly labels: TrendChartLabels;
}

/** The answer to a task: the PNG, or why it could not be drawn. */
export type ChartDone =
  | { readonly id: number; readonly png: Uint8Array }
  | { readonly id: number; readonly error: string };

if (!isMainThread && parentPort) {
  const port = parentPort;
  const renderer = createTrendChartRenderer();
  port.on('message', (task: ChartTask) => {
    renderer.render(task.trend, task.labels).then(
      (png) => {
        // Copied on the way (a few hundred KB); Skia's buffer is external memory, not ours to hand over.
        const done: ChartDone = { id: task.id, png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength) };
        port.postMessage(done);
      },
      (error: unknown) => {
        const done: ChartDone = { id: task.id, error: error instanceof Error ? error.message : String(error) };
        port.postMessage(done);
      },
    );
  });
}
