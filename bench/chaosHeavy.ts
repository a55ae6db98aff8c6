/**
 * The chaos run's heavy-input rows (issue 20), each on `newsbot start` (the built CLI, polling a
 * fake Bot API) with bench/loopProbe.ts loaded into it (`node --import`) to see its event loop:
 *
 * - `giant`: a 5 MB page of one line ingested with `newsbot ingest`, then searched 10 times a
 *   second for CHAOS_GIANT_SECONDS (default 60) while another reader searches plain words one
 *   after another: that reader's reply p50/p95 idle (the baseline, same run) and meanwhile, the
 *   giant searches answered, the longest event-loop hold, the bot's CPU time, then SIGTERM → exit
 *   with the searches still coming;
 * - `trend`: 50 readers send `/trend 365` at once while another reader searches: that reader's
 *   p50/p95 idle and meanwhile, the charts and "wait" answers, RSS before, at its peak and each
 *   second for a minute after the storm (first second back within 100 MB of before).
 *
 * Every wait has a deadline.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli, report, sleep, stop, until, type Cli } from './chaosKit.js';
import type { Update } from 'grammy/types';
import { readerMessage, startFakeBotApi, type FakeBotApi } from './fakeBotApi.js';
import { sampleHotlineReport, undatedPage } from './pages.js';
import { procMb } from './processes.js';
import { openSqliteStore } from '../src/store/index.js';
import { quantile } from './stats.js';

/**
 * CHAOS_BOT_NODE_ARGS: more node flags for every `newsbot start` the chaos run probes, split at spaces, to see
 * inside a row (`--cpu-prof --cpu-prof-dir=/tmp/p`, `--trace-gc`: its stdout is kept with CHAOS_LOG_DIR).
 */
export const botNodeArgs = (): string[] => (process.env.CHAOS_BOT_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');

/** bench/loopProbe.ts as built, for `node --import`. */
export const PROBE = pathToFileURL(path.join(path.dirname(new URL(import.meta.url).pathname), 'loopProbe.js')).href;
/** What the other reader searches: plain words of a city paper, none of them in the giant page. */
const WORDS = ['护学岗', '物业', '12345', '供暖', '直播带货', '西宁', '城中区', '公交'];
/** The readers whose replies are timed: a new one for each search (one reader is held to 5 messages in 3 s). */
let reader = 10_000;
/** A reply slower than this counts as this (and the reader moves on). */
const REPLY_DEADLINE_MS = 30_000;

let updateId = 1;

function message(chat: number, text: string): Update {
  return readerMessage(updateId++, chat, text);
}

/** Messages (any method) the fake delivered to `chat`. */
function repliesTo(api: FakeBotApi, chat: number): number {
  let count = 0;
  for (const sent of api.messages) if (sent.chatId === chat) count++;
  return count;
}

/** Other readers search one word after another (each waits for the last reply) while `going()`: ms until each reply. */
async function readerSearches(api: FakeBotApi, going: () => boolean): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; going(); i++) {
    const chat = reader++;
    const started = performance.now();
    api.pushUpdate(message(chat, WORDS[i % WORDS.length]!));
    const deadline = started + REPLY_DEADLINE_MS;
    while (repliesTo(api, chat) === 0 && performance.now() < deadline) await sleep(5);
    times.push(performance.now() - started);
  }
  return times;
}

const ms = (value: number) => `${Math.round(value)} ms`;
const spread = (times: readonly number[]) => `p50 ${ms(quantile(times, 0.5))}, p95 ${ms(quantile(times, 0.95))} (${times.length} searches)`;

/** One second of bench/loopProbe.ts (see there); the scheduler fields are null where /proc is missing. */
interface ProbeLine {
  readonly at: number;
  readonly maxMs: number;
  readonly p99Ms: number;
  readonly cpuMs: number;
  readonly rssMb: number;
  readonly heldMs: number | null;
  readonly ranMs: number | null;
  readonly waitedMs: number | null;
  readonly workMaxMs: number | null;
  readonly ownMaxMs: number | null;
}

export function probeLines(file: string, from: number, to: number): ProbeLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as ProbeLine)
    .filter((line) => line.at > from && line.at <= to + 1000);
}

/**
 * The probe's story of the event loop from `from` to `to`: the longest hold monitorEventLoopDelay saw, the
 * CPU the bot used in that second, how many seconds held it over 50 ms; then, from the main thread's
 * scheduler times, how much of the longest hold the main thread ran, waited for a core (the machine,
 * not the bot) and was blocked (a system call, a page fault), the longest the bot's own work held the
 * loop at a time, and the longest hold less its wait for a core (the work with its blocking calls).
 */
export function holds(lines: readonly ProbeLine[]): string {
  if (lines.length < 2) return 'not probed';
  let worst = 1; // each line's CPU is read against the line before it
  for (let i = 2; i < lines.length; i++) if (lines[i]!.maxMs > lines[worst]!.maxMs) worst = i;
  const cpu = lines[worst]!.cpuMs - lines[worst - 1]!.cpuMs;
  const seconds = lines.slice(1);
  const over = seconds.filter((line) => line.maxMs > 50).length;
  const monitor = `held at most ${ms(lines[worst]!.maxMs)} (the bot used ${ms(cpu)} of CPU in that second); over 50 ms in ${over} of ${seconds.length} seconds`;
  const scheduled = seconds.filter(
    (line) => line.heldMs !== null && line.ranMs !== null && line.waitedMs !== null && line.workMaxMs !== null && line.ownMaxMs !== null,
  );
  if (scheduled.length === 0) return monitor;
  const longest = scheduled.reduce((a, b) => (b.heldMs! > a.heldMs! ? b : a));
  const work = Math.max(...scheduled.map((line) => line.workMaxMs!));
  const workOver = scheduled.filter((line) => line.workMaxMs! > 50).length;
  const own = Math.max(...scheduled.map((line) => line.ownMaxMs!));
  const blocked = Math.max(0, longest.heldMs! - longest.ranMs! - longest.waitedMs!);
  return (
    `${monitor}; its longest hold ${ms(longest.heldMs!)}: the main thread ran ${ms(longest.ranMs!)}, waited ${ms(longest.waitedMs!)} for a core, ` +
    `was blocked ${ms(blocked)}; the bot's own work held it at most ${ms(work)} at a time (over 50 ms in ${workOver} of ${scheduled.length} seconds), ` +
    `${ms(own)} with its blocking calls`
  );
}

interface Bot {
  readonly api: FakeBotApi;
  readonly run: Cli;
  readonly dir: string;
  readonly probe: string;
}

/** `newsbot start` on `dir` with the probe, once it polls; null (and a row) when it does not start within 180 s. */
async function startBot(dir: string, scenario: string): Promise<Bot | null> {
  const api = await startFakeBotApi({ latencyMs: 5, pollHoldMs: 500, deadlineMs: 20 * 60_000 });
  const probe = path.join(dir, 'loop-probe.jsonl');
  const run = cli(['start'], { TELEGRAM_API_ROOT: api.apiRoot, DATA_DIR: dir, LOOP_PROBE_FILE: probe }, ['--import', PROBE, ...botNodeArgs()]);
  const polling = await until(() => (api.methods.get('getUpdates') ?? 0) > 0, 180_000);
  if (!polling) {
    report(scenario, `the bot did not start within 180 s: ${run.stderr().trim().split('\n').at(-1) ?? ''}`);
    await stop(run);
    await api.close();
    return null;
  }
  return { api, run, dir, probe };
}

/** SIGTERM to the bot: ms until it exited, or null when it was killed after 30 s. */
async function sigterm(run: Cli): Promise<number | null> {
  const signalled = performance.now();
  run.child.kill('SIGTERM');
  const exited = await Promise.race([run.exited.then(() => true), sleep(30_000).then(() => false)]);
  if (!exited) {
    run.child.kill('SIGKILL');
    await run.exited;
    return null;
  }
  return Math.round(performance.now() - signalled);
}

export async function giantPage(): Promise<void> {
  const seconds = Number(process.env.CHAOS_GIANT_SECONDS ?? 60);
  const scenario = `a 5 MB page of one line searched 10/s for ${seconds} s, start`;
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-chaos-giant-'));
  // 24 characters (72 bytes) × 69,000: one line of 4.97 MB, under the 5 MB page limit.
  const page = path.join(dir, 'giant.txt');
  writeFileSync(page, `${'市民反映小区路灯不亮，维修人员当天到场更换灯具。'.repeat(69_000)}\n`);
  let bot: Bot | null = null;
  try {
    const ingest = cli(['ingest', page], { DATA_DIR: dir });
    const ingested = await Promise.race([ingest.exited, sleep(300_000).then(() => 'late' as const)]);
    if (ingested !== 0) {
      if (ingested === 'late') await stop(ingest);
      return report(scenario, `newsbot ingest: ${ingested === 'late' ? 'not done in 300 s' : `exit ${ingested}`}: ${ingest.stderr().trim().split('\n').at(-1) ?? ''}`);
    }
    bot = await startBot(dir, scenario);
    if (!bot) return;
    const { api } = bot;
    const idleEnd = performance.now() + 10_000;
    const idle = await readerSearches(api, () => performance.now() < idleEnd);
    const giantChats = 2_000_000;
    let sent = 0;
    const from = Date.now();
    const cpuBefore = probeLines(bot.probe, 0, from).at(-1)?.cpuMs ?? 0;
    const storm = setInterval(() => api.pushUpdate(message(giantChats + sent++, '路灯')), 100);
    const stormEnd = performance.now() + seconds * 1000;
    const during = await readerSearches(api, () => performance.now() < stormEnd);
    const to = Date.now();
    let answered = 0;
    for (let chat = giantChats; chat < giantChats + sent; chat++) if (repliesTo(api, chat) > 0) answered++;
    await sleep(1500); // the probe's line for the storm's last second
    const lines = probeLines(bot.probe, from, to);
    const cpuMs = (lines.at(-1)?.cpuMs ?? cpuBefore) - cpuBefore;
    const exitMs = await sigterm(bot.run);
    clearInterval(storm);
    report(
      scenario,
      `other reader idle ${spread(idle)}; during ${spread(during)}; giant searches answered ${answered} of ${sent} in the storm; ` +
        `event loop ${holds(probeLines(bot.probe, from - 1000, to))}; ` +
        `bot CPU ${(cpuMs / 1000).toFixed(1)} s in ${((to - from) / 1000).toFixed(0)} s; SIGTERM → exit ${exitMs === null ? 'killed after 30 s' : ms(exitMs)} (searches still coming)`,
    );
  } finally {
    if (bot) {
      await stop(bot.run);
      await bot.api.close();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A year of daily 12345 reports (figures varying by day) in `dir`'s store: what `/trend 365` draws. */
async function yearOfReports(dir: string): Promise<void> {
  const store = openSqliteStore(path.join(dir, 'newsbot.db'));
  try {
    const last = Date.UTC(2026, 10, 30);
    for (let day = 0; day < 365; day++) {
      const date = new Date(last - day * 86_400_000).toISOString().slice(0, 10);
      const report = { ...sampleHotlineReport(date, `hotline-${date}.txt`), calls: 900 + ((day * 37) % 500) };
      await store.pages.savePage(undatedPage(`hotline-${date}.txt`, `chaos-trend-${date}`, { hotline: [report] }), new Date());
    }
  } finally {
    await store.close();
  }
}

export async function chartStorm(): Promise<void> {
  const readers = 50;
  const scenario = `${readers} readers send /trend 365 at once (a year of daily reports), start`;
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-chaos-trend-'));
  let bot: Bot | null = null;
  try {
    await yearOfReports(dir);
    bot = await startBot(dir, scenario);
    if (!bot) return;
    const { api, run } = bot;
    const pid = run.child.pid!;
    const idleEnd = performance.now() + 10_000;
    const idle = await readerSearches(api, () => performance.now() < idleEnd);
    const rssBefore = procMb(pid, 'VmRSS');
    const first = 3_000_000;
    for (let chat = first; chat < first + readers; chat++) api.pushUpdate(message(chat, '/trend 365'));
    const answered = () => {
      let count = 0;
      for (let chat = first; chat < first + readers; chat++) if (repliesTo(api, chat) > 0) count++;
      return count;
    };
    let peak = rssBefore;
    const watch = setInterval(() => (peak = Math.max(peak, procMb(pid, 'VmRSS'))), 100);
    // The reader searches until every /trend is answered (at most 120 s), and for 10 s at least.
    const started = performance.now();
    const during = await readerSearches(api, () => performance.now() - started < 10_000 || (answered() < readers && performance.now() - started < 120_000));
    const stormSeconds = (performance.now() - started) / 1000;
    const photos = api.messages.filter((sent) => sent.chatId >= first && sent.method === 'sendPhoto').length;
    const texts = api.messages.filter((sent) => sent.chatId >= first && sent.method === 'sendMessage').length;
    const after: number[] = [];
    for (let second = 1; second <= 60; second++) {
      await sleep(1000);
      after.push(procMb(pid, 'VmRSS'));
    }
    clearInterval(watch);
    peak = Math.max(peak, ...after);
    const backAt = after.findIndex((rss) => rss - rssBefore <= 100);
    report(
      scenario,
      `other reader idle ${spread(idle)}; during ${spread(during)}; ${answered()} of ${readers} answered in ${stormSeconds.toFixed(1)} s ` +
        `(${photos} charts, ${texts} texts); RSS ${rssBefore} MB before, peak ${peak} MB, ${after.at(-1)} MB a minute after ` +
        `(${backAt < 0 ? 'not back within 100 MB in the minute' : `within 100 MB of before ${backAt + 1} s after`})`,
    );
  } finally {
    if (bot) {
      await stop(bot.run);
      await bot.api.close();
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
