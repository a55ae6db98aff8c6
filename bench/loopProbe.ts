/**
 * Loaded into a `newsbot start` of the chaos run with `node --import` (never by the product):
 * once a second it appends to LOOP_PROBE_FILE one JSON line with how long the event loop was
 * held at most in that second (monitorEventLoopDelay, its 10 ms sampling interval taken off),
 * the process's CPU time so far and its RSS.
 *
 * On a loaded machine a held loop is often not the bot's work: the niced process waits for a
 * core. So a 10 ms timer of its own also reads the main thread's scheduler times
 * (/proc/thread-self/schedstat: ns on a core, ns waiting for one) at each tick, and the line
 * carries, for the second's longest gap between ticks, how much of it the main thread ran and
 * waited (`heldMs`, `ranMs`, `waitedMs`; the rest of a hold the thread was blocked: in a system
 * call, a page fault, a lock), the most the main thread ran in any one gap of the second
 * (`workMaxMs`: the longest the bot's own work held the loop at a time) and the longest hold less
 * its wait for a core (`ownMaxMs`: that work with its blocking calls). Without /proc (not Linux)
 * those are null. The bench reads the lines of the window it measures.
 */
import { appendFile, readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.LOOP_PROBE_FILE;
const RESOLUTION_MS = 10;

/** The main thread's [ns on a core, ns waiting for one], or null without /proc. Read on the main thread. */
function schedulerTimes(): [number, number] | null {
  try {
    const [ran, waited] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return ran === undefined || waited === undefined ? null : [ran, waited];
  } catch {
    return null;
  }
}

interface Gap {
  heldMs: number;
  ranMs: number;
  waitedMs: number;
}

if (file) {
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  let lastTick = performance.now();
  let lastTimes = schedulerTimes();
  let longest: Gap | null = null;
  let workMaxMs: number | null = lastTimes ? 0 : null;
  let ownMaxMs: number | null = workMaxMs;
  setInterval(() => {
    const now = performance.now();
    const times = schedulerTimes();
    if (times && lastTimes) {
      const gap = { heldMs: Math.max(0, now - lastTick - RESOLUTION_MS), ranMs: (times[0] - lastTimes[0]) / 1e6, waitedMs: (times[1] - lastTimes[1]) / 1e6 };
      if (!longest || gap.heldMs > longest.heldMs) longest = gap;
      workMaxMs = Math.max(workMaxMs ?? 0, gap.ranMs);
      ownMaxMs = Math.max(ownMaxMs ?? 0, gap.heldMs - gap.waitedMs);
    }
    lastTick = now;
    lastTimes = times;
  }, RESOLUTION_MS).unref();
  setInterval(() => {
    const cpu = process.cpuUsage();
    const line = {
      at: Date.now(),
      maxMs: Math.max(0, delay.max / 1e6 - RESOLUTION_MS),
      p99Ms: Math.max(0, delay.percentile(99) / 1e6 - RESOLUTION_MS),
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssMb: process.memoryUsage.rss() / 2 ** 20,
      heldMs: longest?.heldMs ?? null,
      ranMs: longest?.ranMs ?? null,
      waitedMs: longest?.waitedMs ?? null,
      workMaxMs,
      ownMaxMs,
    };
    delay.reset();
    longest = null;
    workMaxMs = lastTimes ? 0 : null;
    ownMaxMs = workMaxMs;
    // Written off the main thread: a write stalled by a busy disk must not be the hold the probe measures.
    appendFile(file, `${JSON.stringify(line)}\n`, () => {});
  }, 1000).unref();
}
