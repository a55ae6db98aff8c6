/**
 * The chaos run's PostgreSQL rows (issue 20): a throwaway server (bench/localPostgres.ts) with a
 * password in DATABASE_URL (the server trusts every local client, so any password works; it is
 * there for the secrets row), CHAOS_PG_READERS (default 1,000) readers owed the newest summary,
 * and in the middle of the broadcast the server either stopped for CHAOS_PG_STOP_SECONDS (30;
 * fast shutdown, then started again on its data) or frozen for CHAOS_PG_FREEZE_SECONDS (20;
 * SIGSTOP to it and its backends, then SIGCONT). Two ways of broadcasting:
 *
 * - `newsbot push`: lost, duplicates beside the claims held at the fault (the sends in flight
 *   then, or waiting for a slot), exit code, and what a second `newsbot push` sends afterwards;
 * - two `newsbot start` instances behind one webhook (round-robin), each broadcasting from its
 *   scheduler, with 5 reader updates a second posted throughout: the same counts, plus the
 *   webhook answers' p99/max and statuses (a 503 must carry Retry-After; it is re-posted after it,
 *   as Telegram would), updates never answered, and a `newsbot push` after both stopped.
 *
 * Every wait has a deadline. Rows: CHAOS_ONLY=pg (all four) or pg-push-stop, pg-push-freeze,
 * pg-start-stop, pg-start-freeze.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPostgresStore } from '../src/store/index.js';
import { allDeliveredAt, cli, post, report, sleep, stop, tally, until, type Cli } from './chaosKit.js';
import { freePort } from './ports.js';
import { readerMessage, startFakeBotApi, type FakeBotApi } from './fakeBotApi.js';
import { startLocalPostgres, type LocalPostgres } from './localPostgres.js';
import { botNodeArgs, PROBE, probeLines } from './chaosHeavy.js';

/** The password in the chaos run's DATABASE_URL: the secrets row looks for it in every log line. */
export const PG_PASSWORD = 'chaos-pg-Secret-7781';
/** The webhook secret of the two instances: the secrets row looks for it too. */
export const HOOK_SECRET = 'chaos-hook-Secret-4410';

type Fault = 'stop' | 'freeze';
type Broadcaster = 'push' | 'start';

/** The rows CHAOS_ONLY names (`pg` names all four). */
export function pgRowsIn(only: ReadonlySet<string>): { broadcaster: Broadcaster; fault: Fault }[] {
  const all = (['push', 'start'] as const).flatMap((broadcaster) => (['stop', 'freeze'] as const).map((fault) => ({ broadcaster, fault })));
  return all.filter(({ broadcaster, fault }) => only.has('pg') || only.has(`pg-${broadcaster}-${fault}`));
}

const READERS = Number(process.env.CHAOS_PG_READERS ?? 1000);
const SECONDS: Record<Fault, number> = {
  stop: Number(process.env.CHAOS_PG_STOP_SECONDS ?? 30),
  freeze: Number(process.env.CHAOS_PG_FREEZE_SECONDS ?? 20),
};
/** Reader updates posted to the webhook per second while the instances broadcast. */
const UPDATES_PER_SECOND = 5;

/** DATABASE_URL with the chaos password in it. */
function withPassword(url: string): string {
  const parsed = new URL(url);
  parsed.password = PG_PASSWORD;
  return parsed.toString();
}

async function claimsHeld(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'claimed'");
    return Number(result.rows[0]!.n);
  } finally {
    await client.end();
  }
}

async function subscribeReaders(url: string): Promise<void> {
  const store = await openPostgresStore(url);
  try {
    const longAgo = new Date(Date.now() - 3 * 24 * 3600_000);
    for (let chat = 1; chat <= READERS; chat++) await store.subscribers.subscribe(chat, '00:00', chat % 5 === 0 ? 'en' : 'zh', longAgo);
  } finally {
    await store.close();
  }
}

/** Stops or freezes the server for its seconds; resolves when it answers again. */
async function fault(server: LocalPostgres, kind: Fault): Promise<void> {
  if (kind === 'stop') {
    await server.halt();
    await sleep(SECONDS.stop * 1000);
    await server.resume();
  } else {
    server.freeze();
    await sleep(SECONDS.freeze * 1000);
    server.thaw();
  }
}

interface HookStats {
  posted: number;
  latencies: number[];
  /** When each answer came (ms epoch), beside `latencies`: the p99 is also given for the fault's window. */
  answeredAt: number[];
  statuses: Map<number, number>;
  /** 503 answers without a Retry-After header. */
  noRetryAfter: number;
}

/**
 * Posts UPDATES_PER_SECOND reader searches round-robin to `ports` until `running()` is false; a
 * 503 is posted again after its Retry-After, as Telegram does. Each update from its own chat (from 100,000).
 */
function postUpdates(ports: readonly number[], running: () => boolean, stats: HookStats): Promise<void> {
  const words = ['护学岗', '物业', '12345', '供暖', '直播带货'];
  const sends: Promise<void>[] = [];
  const deliver = async (i: number, attempt: number): Promise<void> => {
    const update = readerMessage(5_000_000 + i, 100_000 + i, words[i % words.length]!);
    const { status, ms, retryAfter } = await post(ports[(i + attempt) % ports.length]!, JSON.stringify(update), HOOK_SECRET);
    stats.latencies.push(ms);
    stats.answeredAt.push(Date.now());
    stats.statuses.set(status, (stats.statuses.get(status) ?? 0) + 1);
    if (status === 200 || attempt >= 20) return;
    if (status === 503 && retryAfter === null) stats.noRetryAfter++;
    await sleep((Number(retryAfter) || 5) * 1000);
    return deliver(i, attempt + 1);
  };
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (!running()) {
        clearInterval(timer);
        void Promise.all(sends).then(() => resolve());
        return;
      }
      sends.push(deliver(stats.posted++, 0));
    }, 1000 / UPDATES_PER_SECOND);
  });
}

/** Latencies of the webhook answers that came between `from` and `to`. */
function during(stats: HookStats, from: number, to: number): number[] {
  return stats.latencies.filter((_, i) => stats.answeredAt[i]! >= from && stats.answeredAt[i]! < to);
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Messages sent to broadcast readers (chats 1..READERS) after `at`, beyond each reader's first. */
function duplicatesAfter(api: FakeBotApi, at: number): number {
  const seen = new Set<number>();
  let later = 0;
  for (const message of api.messages) {
    if (message.chatId > READERS) continue;
    if (seen.has(message.chatId) && message.at > at) later++;
    seen.add(message.chatId);
  }
  return later;
}

/** What a `newsbot push` run after the broadcast sends to its readers (must be nothing). */
async function laterPush(api: FakeBotApi, env: Record<string, string>): Promise<string> {
  const before = api.messages.length;
  const run = cli(['push'], env);
  const ended = await Promise.race([run.exited, sleep(120_000).then(() => 'late' as const)]);
  if (ended === 'late') await stop(run);
  const sent = api.messages.slice(before).filter((message) => message.chatId <= READERS).length;
  return `a later push: exit ${ended === 'late' ? 'stopped after 120 s' : String(ended)}, sent ${sent}`;
}

async function pgOutageRow(server: LocalPostgres, broadcaster: Broadcaster, kind: Fault, index: number): Promise<void> {
  const url = withPassword(await server.createDatabase(`chaos_${broadcaster}_${kind}_${index}`));
  await subscribeReaders(url);
  const api = await startFakeBotApi({ latencyMs: 20, pollHoldMs: 500, deadlineMs: 20 * 60_000 });
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-chaos-pg-'));
    dirs.push(dir);
    return dir;
  };
  const base = { TELEGRAM_API_ROOT: api.apiRoot, DATABASE_URL: url };
  const scenario = `PostgreSQL ${kind === 'stop' ? 'stopped' : 'frozen'} ${SECONDS[kind]} s mid-broadcast of ${READERS}, ${broadcaster === 'push' ? 'newsbot push' : 'two newsbot start behind one webhook'}`;
  const runsOf: Cli[] = [];
  const hook: HookStats = { posted: 0, latencies: [], answeredAt: [], statuses: new Map(), noRetryAfter: 0 };
  let posting = true;
  let hooks: Promise<void> = Promise.resolve();
  try {
    const ports = broadcaster === 'start' ? [await freePort(), await freePort()] : [];
    if (broadcaster === 'push') runsOf.push(cli(['push'], { ...base, DATA_DIR: dataDir() }));
    const probes: string[] = [];
    for (const port of ports) {
      const dir = dataDir();
      probes.push(path.join(dir, 'loop-probe.jsonl'));
      runsOf.push(
        cli(['start'], {
          ...base,
          DATA_DIR: dir,
          LOOP_PROBE_FILE: path.join(dir, 'loop-probe.jsonl'),
          // config takes https:// only; each instance serves plain HTTP on its PORT behind the balancer
          WEBHOOK_URL: `https://127.0.0.1:${port}/hook`,
          WEBHOOK_SECRET: HOOK_SECRET,
          PORT: String(port),
        }, ['--import', PROBE, ...botNodeArgs()]),
      );
    }
    if (broadcaster === 'start') {
      const listening = await until(() => (api.methods.get('setWebhook') ?? 0) >= ports.length, 120_000);
      if (!listening) return report(scenario, `the instances did not start: ${runsOf.map((run) => run.stderr().trim().split('\n').at(-1)).join(' | ')}`);
      hooks = postUpdates(ports, () => posting, hook);
    }
    const reached = await until(() => api.delivered.size >= READERS * 0.2, 180_000);
    if (!reached) return report(scenario, `20% not delivered in 180 s: ${runsOf.map((run) => run.stderr().slice(-300)).join(' | ')}`);
    const inFlight = api.stats.inFlight;
    const claimed = await claimsHeld(url);
    const deliveredAtFault = api.delivered.size;
    const faultAt = Date.now();
    await fault(server, kind);
    const back = Date.now();
    const done = await until(() => allDeliveredAt(api, READERS) !== null, 300_000);
    const last = allDeliveredAt(api, READERS);
    let exits = '';
    if (broadcaster === 'push') {
      const code = await Promise.race([runsOf[0]!.exited, sleep(120_000).then(() => 'late' as const)]);
      exits = `push exit ${code === 'late' ? 'none within 120 s' : String(code)}; `;
    } else {
      await sleep(15_000); // a late duplicate (a claim released after the outage) would show here
      posting = false;
      await Promise.race([hooks, sleep(150_000)]);
    }
    const loopMax = (from: number, to: number, field: 'maxMs' | 'workMaxMs' | 'ownMaxMs') =>
      Math.round(Math.max(0, ...probes.flatMap((file) => probeLines(file, from, to).map((line) => line[field] ?? 0))));
    // monitorEventLoopDelay's longest hold, and the longest the main thread's own work held it (the rest: waiting for a core).
    const loops =
      `event loop held at most ${loopMax(faultAt, back, 'maxMs')} ms during the fault, ${loopMax(back, back + 30_000, 'maxMs')} ms in the 30 s after ` +
      `(the bot's own work at most ${loopMax(faultAt, back, 'workMaxMs')} ms and ${loopMax(back, back + 30_000, 'workMaxMs')} ms at a time, ` +
      `${loopMax(faultAt, back, 'ownMaxMs')} ms and ${loopMax(back, back + 30_000, 'ownMaxMs')} ms with its blocking calls)`;
    const answeredWithin = await until(() => [...api.delivered.keys()].filter((chat) => chat >= 100_000).length >= hook.posted, 60_000);
    for (const run of runsOf) await stop(run);
    const later = await laterPush(api, { ...base, DATA_DIR: dataDir() });
    const { duplicates, missing } = tally(api, READERS);
    const seconds = done && last !== null ? ((Math.max(last, back) - back) / 1000).toFixed(1) : 'not within 300';
    const webhook =
      broadcaster === 'start'
        ? `; webhook: ${hook.posted} updates, ${hook.latencies.length} posts, p99 ${(percentile(hook.latencies, 99) / 1000).toFixed(2)} s, ` +
          `max ${(Math.max(...hook.latencies) / 1000).toFixed(2)} s (p99 of those answered during the fault ${(percentile(during(hook, faultAt, back), 99) / 1000).toFixed(2)} s, ` +
          `in the 30 s after it ${(percentile(during(hook, back, back + 30_000), 99) / 1000).toFixed(2)} s), statuses ${[...hook.statuses].map(([status, n]) => `${status}×${n}`).join(' ')}` +
          `${hook.noRetryAfter > 0 ? ` (${hook.noRetryAfter} 503 without Retry-After)` : ''}, ` +
          (answeredWithin ? 'all answered' : `${hook.posted - [...api.delivered.keys()].filter((chat) => chat >= 100_000).length} never answered`) +
          `; ${loops}`
        : '';
    report(
      scenario,
      `${deliveredAtFault} delivered before; at the fault ${inFlight} sends in flight, ${claimed} claims held; ` +
        `lost ${missing}, duplicated ${duplicates} (${duplicatesAfter(api, back + 5000)} more than 5 s after the database returned), ` +
        `all delivered ${seconds} s after it returned; ${exits}${later}${webhook}`,
    );
  } finally {
    posting = false;
    for (const run of runsOf) await stop(run);
    await api.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** The PostgreSQL rows CHAOS_ONLY names, on one server started here. */
export async function postgresOutages(only: ReadonlySet<string>): Promise<void> {
  const picked = pgRowsIn(only);
  if (picked.length === 0) return;
  const server = await startLocalPostgres();
  try {
    for (const [index, { broadcaster, fault: kind }] of picked.entries()) await pgOutageRow(server, broadcaster, kind, index);
  } finally {
    await server.stop();
  }
}
