/**
 * Loaded into a `newsbot start` of the chaos run with `node --import` (never by the product):
 * once a second it appends to LOOP_PROBE_FILE one JSON line with how long the event loop was
 * held at most in that second (monitorEventLoopDelay, its 10 ms sampling interval taken off),
 * the process's CPU time so far and its RSS. The bench reads the lines of the window it measures.
 */
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.LOOP_PROBE_FILE;
const RESOLUTION_MS = 10;

if (file) {
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  setInterval(() => {
    const cpu = process.cpuUsage();
    const line = {
      at: Date.now(),
      maxMs: Math.max(0, delay.max / 1e6 - RESOLUTION_MS),
      p99Ms: Math.max(0, delay.percentile(99) / 1e6 - RESOLUTION_MS),
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssMb: process.memoryUsage.rss() / 2 ** 20,
    };
    delay.reset();
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  }, 1000).unref();
}
