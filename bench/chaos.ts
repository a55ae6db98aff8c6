/**
 * `npm run chaos`: the built bot (`node dist/src/cli.js`) treated as an operator
 * would treat it, against a local fake Bot API, printing one table. Bounded (every
 * wait has a deadline), on demand, never part of `npm test`:
 *
 * - kill -9 at 10/50/90% of a broadcast to CHAOS_READERS (default 2,000) readers, for
 *   `newsbot push` and for `newsbot start`, then a restart: duplicates, missing, sends
 *   in flight at the kill, seconds from the restart until every reader has the summary;
 * - `newsbot start` and `newsbot push` at once on one DATA_DIR: duplicates, peak msg/s;
 * - a damaged search index (each segment file garbled, cut, zeroed; a file in place of its
 *   directory) and a damaged, emptied or deleted database at start: outcome;
 * - a full disk during ingest (a small tmpfs when this runs as root, else skipped);
 * - a webhook flood of 2,000 updates: lost, p99 of the answers;
 * - Telegram unreachable for 5 minutes in the middle of a broadcast to 1,000 (`newsbot start`):
 *   lost, duplicated, seconds from its return until all delivered, log lines of the outage;
 * - PostgreSQL stopped 30 s and frozen 20 s mid-broadcast, for `newsbot push` and for two
 *   `newsbot start` behind one webhook (bench/chaosPostgres.ts): lost, duplicated, a later push,
 *   webhook p99;
 * - a 5 MB page of one line searched 10 times a second, and 50 readers sending `/trend 365` at
 *   once (bench/chaosHeavy.ts): another reader's reply p95 idle and meanwhile, the event loop,
 *   SIGTERM, RSS after the storm;
 * - secrets (bot token, PostgreSQL password, webhook secret) in any log line of the whole run.
 *
 * Takes about 35 minutes on 2 cores. CHAOS_ONLY=kill,two,damage,disk,flood,telegram,pg,giant,trend
 * picks rows (pg-push-stop, pg-push-freeze, pg-start-stop, pg-start-freeze pick one PostgreSQL row);
 * CHAOS_LOG_DIR keeps every run's stderr (and stdout) there; CHAOS_BOT_NODE_ARGS adds node flags to every
 * probed `newsbot start` (`--cpu-prof --cpu-prof-dir=DIR`, `--trace-gc`).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';
import Database from 'better-sqlite3';
import { readerMessage, startFakeBotApi } from './fakeBotApi.js';
import { HOOK_SECRET, PG_PASSWORD, postgresOutages } from './chaosPostgres.js';
import { chartStorm, giantPage } from './chaosHeavy.js';
import { allDeliveredAt, cli, CLI, dataDirWithReaders, post, report, rows, runs, sleep, stop, tally, TOKEN, until } from './chaosKit.js';
import { freePort } from './ports.js';

const READERS = Number(process.env.CHAOS_READERS ?? 2000);
const ONLY = new Set((process.env.CHAOS_ONLY ?? 'kill,two,damage,disk,flood,telegram,pg,giant,trend').split(','));
const PAGE = path.join(PROJECT_ROOT, 'tests', 'corpus', 'fixtures', 'headline-after-body.txt');

function peakPerSecond(times: number[]): number {
  times.sort((a, b) => a - b);
  let peak = 0;
  for (let start = 0, end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= 1000) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

async function killDuringBroadcast(command: 'push' | 'start', fraction: number): Promise<void> {
  const dir = await dataDirWithReaders(READERS);
  const api = await startFakeBotApi({ latencyMs: 20, pollHoldMs: 500 });
  const env = { TELEGRAM_API_ROOT: api.apiRoot, DATA_DIR: dir };
  const scenario = `kill -9 at ${Math.round(fraction * 100)}% of ${READERS}, ${command}`;
  try {
    const first = cli([command], env);
    const reached = await until(() => api.delivered.size >= READERS * fraction, 300_000);
    first.child.kill('SIGKILL');
    await first.exited;
    // Claimed and not recorded as sent, as the store saw them: the sends in flight at the kill and the
    // claims waiting for a send slot (never sent). Duplicates can only come from the first.
    const db = new Database(path.join(dir, 'newsbot.db'));
    const inFlight = db.prepare("SELECT COUNT(*) FROM deliveries WHERE status = 'claimed'").pluck().get() as number;
    db.close();
    if (!reached) return report(scenario, `did not reach ${fraction * 100}% in 300 s: ${first.stderr().slice(-300)}`);
    await sleep(200); // answers already on the wire arrive
    const restartedAt = Date.now();
    const second = cli([command], env);
    const done = await until(() => allDeliveredAt(api, READERS) !== null, 300_000);
    if (command === 'start') await stop(second);
    else await second.exited;
    const last = allDeliveredAt(api, READERS);
    const { duplicates, missing } = tally(api, READERS);
    const seconds = done && last !== null ? ((last - restartedAt) / 1000).toFixed(1) : 'not within 300';
    report(
      scenario,
      `duplicates ${duplicates} (claims held at the kill, in flight or waiting for a slot: ${inFlight}), missing ${missing}, ` +
        `all delivered ${seconds} s after the restart`,
    );
  } finally {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `newsbot start` broadcasting to CHAOS_OUTAGE_READERS (default 1,000) readers; 12 s in, every
 * connection to the Bot API is dropped for CHAOS_OUTAGE_SECONDS (default 300), then it answers
 * again: lost, duplicated, seconds from Telegram's return until every reader has the summary,
 * and the bot's log lines (info and above) from the outage's start until then.
 */
async function telegramOutage(): Promise<void> {
  const readers = Number(process.env.CHAOS_OUTAGE_READERS ?? 1000);
  const outageSeconds = Number(process.env.CHAOS_OUTAGE_SECONDS ?? 300);
  const dir = await dataDirWithReaders(readers);
  const api = await startFakeBotApi({ latencyMs: 20, pollHoldMs: 500, deadlineMs: (outageSeconds + 600) * 1000 });
  const scenario = `Telegram unreachable ${outageSeconds} s mid-broadcast of ${readers}, start`;
  try {
    // Every line counts here, info included (the outage's start, minute and end lines).
    const bot = cli(['start'], { TELEGRAM_API_ROOT: api.apiRoot, DATA_DIR: dir, LOG_LEVEL: 'info' });
    await until(() => api.delivered.size > 0, 120_000);
    await sleep(12_000);
    const linesBefore = bot.stderr().split('\n').length - 1;
    const deliveredAtDrop = api.delivered.size;
    api.setFault({ drop: true });
    await sleep(outageSeconds * 1000);
    api.setFault(null);
    const back = Date.now();
    const done = await until(() => allDeliveredAt(api, readers) !== null, 300_000);
    const last = allDeliveredAt(api, readers);
    const logLines = bot.stderr().split('\n').length - 1 - linesBefore;
    await stop(bot);
    const { duplicates, missing } = tally(api, readers);
    const seconds = done && last !== null ? ((Math.max(last, back) - back) / 1000).toFixed(1) : 'not within 300';
    report(
      scenario,
      `${deliveredAtDrop} delivered before the drop; lost ${missing}, duplicated ${duplicates}, all delivered ${seconds} s after ` +
        `Telegram's return; ${logLines} log lines from the drop until then (${api.stats.dropped} connections refused)`,
    );
  } finally {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Lines of every run's stderr holding a secret of the run, each as written, percent-encoded or
 * JSON-escaped: the bot token, the PostgreSQL password (and so DATABASE_URL), the webhook secret.
 */
function secretsInLogs(): void {
  const secrets = { 'bot token': TOKEN, 'PostgreSQL password': PG_PASSWORD, 'webhook secret': HOOK_SECRET };
  const lines = runs.flatMap((run) => run.stderr().split('\n'));
  const found = Object.entries(secrets).map(([name, secret]) => {
    const forms = [secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
    return `${name} ${lines.filter((line) => forms.some((form) => line.includes(form))).length}`;
  });
  report('secrets in any log line of the whole run', `${found.join(', ')} of ${lines.filter((line) => line !== '').length} lines`);
}

async function twoProcesses(): Promise<void> {
  const dir = await dataDirWithReaders(READERS);
  const api = await startFakeBotApi({ latencyMs: 20, pollHoldMs: 500 });
  const env = { TELEGRAM_API_ROOT: api.apiRoot, DATA_DIR: dir };
  try {
    const bot = cli(['start'], env);
    const push = cli(['push'], env);
    const done = await until(() => allDeliveredAt(api, READERS) !== null, 300_000);
    await push.exited;
    await stop(bot);
    const { duplicates, missing } = tally(api, READERS);
    const peak = peakPerSecond(api.messages.map((m) => m.at));
    const first = Math.min(...api.messages.map((m) => m.at));
    const last = allDeliveredAt(api, READERS);
    const seconds = done && last !== null ? ((last - first) / 1000).toFixed(1) : 'not within 300';
    const mean = done && last !== null ? `, mean ${((api.messages.length / (last - first)) * 1000).toFixed(1)} msg/s` : '';
    report(
      `start + push at once, ${READERS} readers`,
      `duplicates ${duplicates}, missing ${missing}, peak ${peak} msg/s${mean}, all in ${seconds} s`,
    );
  } finally {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** First log line at warn or above (its msg), or the last plain stderr line. */
function firstProblem(stderr: string): string {
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { level: number; msg: string };
    if (entry.level >= 40) return `${entry.level >= 50 ? 'error' : 'warning'}: ${entry.msg.split(dataDirOf(stderr)).join('DATA_DIR')}`;
  }
  return '';
}

/** The temp DATA_DIR named in the logs, shortened to DATA_DIR in the table. */
function dataDirOf(stderr: string): string {
  return /\/tmp\/newsbot-chaos-[\w-]+/.exec(stderr)?.[0] ?? '\u0000';
}

async function damagedAtStart(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-chaos-damage-'));
  const env = { DATA_DIR: dir, TELEGRAM_API_ROOT: 'http://127.0.0.1:9' };
  const search = async () => {
    const run = cli(['search', '护学岗', '--json'], env);
    let out = '';
    run.child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await run.exited;
    let total = '?';
    try {
      total = String((JSON.parse(out) as { total: number }).total);
    } catch {
      // not JSON: the command failed
    }
    const failure = code === 0 ? '' : ` (${run.stderr().trim().split('\n').at(-1)})`;
    return `exit ${code}${failure}, ${total} results; ${firstProblem(run.stderr()) || 'nothing logged'}`;
  };
  try {
    report('clean start (search 护学岗)', await search());
    copyFileSync(PAGE, path.join(dir, 'inbox', 'page.txt'));
    report('a page dropped into the inbox', await search());
    const db = path.join(dir, 'newsbot.db');
    await damagedIndex(path.join(dir, 'search-index'), search);
    writeFileSync(db, Buffer.alloc(16384, 0x5a));
    report('newsbot.db: garbled', await search());
    truncateSync(db, 0);
    rmSync(`${db}-wal`, { force: true });
    report('newsbot.db: emptied', await search());
    rmSync(db);
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
    report('newsbot.db: deleted', await search());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The saved search index (DATA_DIR/search-index/, one file per segment) damaged in each
 * way an operator meets: bytes garbled, the end cut off, zeroed, a file where the
 * directory should be. Each time the originals are put back first; each outcome says
 * whether a *.tmp was left behind.
 */
async function damagedIndex(indexDir: string, search: () => Promise<string>): Promise<void> {
  const files = existsSync(indexDir) ? readdirSync(indexDir).filter((name) => statSync(path.join(indexDir, name)).isFile()) : [];
  if (files.length === 0) return report('search-index/', 'no segment was written by the clean start');
  const saved = new Map(files.map((name) => [name, readFileSync(path.join(indexDir, name))]));
  const damage = async (scenario: string, change: (bytes: Buffer) => Buffer | 'directory-is-a-file') => {
    rmSync(indexDir, { recursive: true, force: true });
    mkdirSync(indexDir);
    let replaced = false;
    for (const [name, bytes] of saved) {
      const changed = change(bytes);
      if (changed === 'directory-is-a-file') replaced = true;
      else writeFileSync(path.join(indexDir, name), changed);
    }
    if (replaced) {
      rmSync(indexDir, { recursive: true, force: true });
      writeFileSync(indexDir, 'not a directory');
    }
    const outcome = await search();
    const left = existsSync(indexDir) && statSync(indexDir).isDirectory() ? readdirSync(indexDir).filter((name) => name.endsWith('.tmp')) : [];
    report(`search-index/ (${files.length} segments): ${scenario}`, `${outcome}; *.tmp left: ${left.length}`);
  };
  await damage('100 bytes garbled in each', (bytes) => {
    const garbled = Buffer.from(bytes);
    for (let i = 0; i < 100; i++) {
      const at = Math.floor((bytes.length * (i + 1)) / 101);
      garbled[at] = (garbled[at] ?? 0) ^ 0xff;
    }
    return garbled;
  });
  await damage('last 4 KB of each cut off', (bytes) => bytes.subarray(0, Math.max(0, bytes.length - 4096)));
  await damage('each zeroed', (bytes) => Buffer.alloc(bytes.length));
  await damage('a file in place of the directory', () => 'directory-is-a-file');
  rmSync(indexDir, { recursive: true, force: true });
  mkdirSync(indexDir);
  for (const [name, bytes] of saved) writeFileSync(path.join(indexDir, name), bytes);
}

/** Pages the store holds beside files the inbox holds: both ways, by content hash. */
function storeAndInboxAgree(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'newsbot.db'));
  const stored = new Set(db.prepare('SELECT hash FROM pages').pluck().all() as string[]);
  db.close();
  const seeds = new Set(
    readdirSync(path.join(PROJECT_ROOT, 'seeds')).map((name) =>
      createHash('sha256').update(readFileSync(path.join(PROJECT_ROOT, 'seeds', name))).digest('hex'),
    ),
  );
  const inbox = readdirSync(path.join(dataDir, 'inbox')).map((name) =>
    createHash('sha256').update(readFileSync(path.join(dataDir, 'inbox', name))).digest('hex'),
  );
  const storedOnly = [...stored].filter((hash) => !seeds.has(hash) && !inbox.includes(hash)).length;
  const inboxOnly = inbox.filter((hash) => !stored.has(hash)).length;
  return storedOnly === 0 && inboxOnly === 0 ? 'store and inbox agree' : `DISAGREE: ${storedOnly} pages only in the store, ${inboxOnly} only in the inbox`;
}

async function fullDisk(): Promise<void> {
  const mount = mkdtempSync(path.join(tmpdir(), 'newsbot-chaos-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mount]).status === 0;
  if (!mounted) {
    rmSync(mount, { recursive: true, force: true });
    return report('full disk during ingest', 'skipped: cannot mount a tmpfs (not root); tests/app/recovery.test.ts injects ENOSPC instead');
  }
  try {
    const dataDir = path.join(mount, 'data');
    const env = { DATA_DIR: dataDir };
    const opened = cli(['articles', '--json'], env);
    await opened.exited;
    // Fill what is left, then try to ingest a new page.
    const filler = path.join(mount, 'filler');
    const fd = openSync(filler, 'w');
    try {
      const chunk = Buffer.alloc(64 * 1024, 1);
      for (;;) writeSync(fd, chunk);
    } catch {
      // ENOSPC: the disk is full
    } finally {
      closeSync(fd);
    }
    const page = path.join(tmpdir(), `chaos-page-${process.pid}.txt`);
    copyFileSync(PAGE, page);
    const full = cli(['ingest', page], env);
    const fullCode = await full.exited;
    const fullLine = full.stderr().trim().split('\n').filter((line) => line.startsWith('newsbot:')).at(-1) ?? firstProblem(full.stderr());
    rmSync(filler);
    const afterFull = storeAndInboxAgree(dataDir);
    const again = cli(['ingest', page], env);
    const againCode = await again.exited;
    rmSync(page, { force: true });
    report(
      'full disk during ingest (24 MB tmpfs)',
      `exit ${fullCode} "${fullLine}"; ${afterFull}; with room again: exit ${againCode}, ${storeAndInboxAgree(dataDir)}`,
    );
  } finally {
    spawnSync('umount', [mount]);
    rmSync(mount, { recursive: true, force: true });
  }
}


async function webhookFlood(updates = 2000): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-chaos-hook-'));
  const api = await startFakeBotApi({ latencyMs: 5 });
  const port = await freePort();
  const secret = 'chaos-secret';
  const bot = cli(['start'], {
    TELEGRAM_API_ROOT: api.apiRoot,
    DATA_DIR: dir,
    // config takes https:// only (Telegram calls nothing else); the bot serves plain HTTP on PORT behind the proxy
    WEBHOOK_URL: `https://127.0.0.1:${port}/hook`,
    WEBHOOK_SECRET: secret,
    PORT: String(port),
  });
  try {
    const listening = await until(() => (api.methods.get('setWebhook') ?? 0) > 0, 120_000);
    if (!listening) {
      return report('webhook flood', `the bot did not start: ${firstProblem(bot.stderr()) || bot.stderr().trim().split('\n').at(-1)}`);
    }
    const words = ['护学岗', '物业', '12345', '供暖', '直播带货'];
    const latencies: number[] = [];
    let refused = 0;
    let next = 0;
    const worker = async () => {
      while (next < updates) {
        const i = next++;
        const update = readerMessage(1_000_000 + i, 100_000 + i, words[i % words.length]!);
        const { status, ms } = await post(port, JSON.stringify(update), secret);
        latencies.push(ms);
        if (status !== 200) refused++;
      }
    };
    await Promise.all(Array.from({ length: 50 }, worker));
    const answered = () => [...api.delivered.keys()].filter((chat) => chat >= 100_000).length;
    await until(() => answered() >= updates, 180_000);
    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? 0;
    report(
      `webhook flood, ${updates} updates (50 at a time)`,
      `lost ${updates - answered()} (not answered within 180 s), non-200 ${refused}, p99 ${(p99 / 1000).toFixed(2)} s`,
    );
  } finally {
    await stop(bot);
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  if (ONLY.has('kill')) {
    for (const command of ['push', 'start'] as const) {
      for (const fraction of [0.1, 0.5, 0.9]) await killDuringBroadcast(command, fraction);
    }
  }
  if (ONLY.has('two')) await twoProcesses();
  if (ONLY.has('damage')) await damagedAtStart();
  if (ONLY.has('disk')) await fullDisk();
  if (ONLY.has('flood')) await webhookFlood();
  if (ONLY.has('telegram')) await telegramOutage();
  await postgresOutages(ONLY);
  if (ONLY.has('giant')) await giantPage();
  if (ONLY.has('trend')) await chartStorm();
  secretsInLogs();
  const width = Math.max(...rows.map((row) => row.scenario.length));
  process.stdout.write(`\n| ${'scenario'.padEnd(width)} | outcome |\n| ${'-'.repeat(width)} | --- |\n`);
  for (const row of rows) process.stdout.write(`| ${row.scenario.padEnd(width)} | ${row.outcome} |\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`chaos: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
