/**
 * The built `newsbot start` as readers and operators meet it: `node dist/src/cli.js start`
 * as a child process on the fake Bot API (bench/fakeBotApi.ts) over HTTP, on a DATA_DIR of
 * its own. Updates go in as Telegram would send them; what the bot sent is read from the
 * fake's recorded calls; every wait fails with the tail of the bot's stderr. The one way
 * the tests start the shipped bot.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { startFakeBotApi, type FakeBotApi, type FakeBotApiOptions, type RecordedCall } from '../../bench/fakeBotApi.js';
import { stderrTail, until } from './until.js';
import { CLI } from './cliProcess.js';
import { PROJECT_ROOT } from '../../src/paths.js';

export const TOKEN = '123:TEST';
/** The log line `newsbot start` writes (LOG_LEVEL info) once it takes updates. */
export const BOT_STARTED = '"msg":"bot started"';

export interface RunningBot {
  readonly api: FakeBotApi;
  readonly dataDir: string;
  /** The whole environment the process runs with (BOT_TOKEN, TELEGRAM_API_ROOT, DATA_DIR …): for a command beside it. */
  readonly env: Readonly<Record<string, string>>;
  /** The process id of the bot running now. */
  pid(): number;
  /** What the process wrote on stderr so far (LOG_LEVEL warn by default: warnings and errors). */
  stderr(): string;
  /** Resolves with the exit code once the process ends (a start expected to fail). */
  exited(): Promise<number | null>;
  /** Queues an update for the bot; unless it has one, its update_id is the next one. Returns the update_id. */
  send(update: Record<string, unknown>): number;
  /** The first recorded call, past or future, that matches (rejects after `timeoutMs`, default 30 s, naming `what`). */
  waitFor(what: string, match: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** The message (text or photo) delivered to `chatId` after the first `seen` ones. */
  messageTo(chatId: number, seen: number, timeoutMs?: number): Promise<FakeBotApi['messages'][number]>;
  /** Resolves when stderr has `text` (a log line); rejects if the bot exits first. */
  waitForLog(text: string, timeoutMs?: number): Promise<void>;
  /** Waits for `done`, failing with the stderr tail (see tests/support/until.ts). */
  until(what: string, done: () => boolean | Promise<boolean>, timeoutMs?: number): Promise<void>;
  /** Calls recorded since `mark` (an index into `api.calls`). */
  since(mark: number): RecordedCall[];
  /** Writes a page file into DATA_DIR/inbox/ (picked up by the inbox poll every 10 s). */
  dropPage(name: string, text: string): void;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
  /** SIGTERM, and expects exit code 0 (the stderr tail is the failure's message). */
  stopCleanly(): Promise<void>;
  /** Starts `newsbot start` again on the same DATA_DIR and fake API (after `stop`). */
  restart(): Promise<void>;
  /** Kills whatever runs, closes the fake API and removes DATA_DIR (those it made itself). */
  close(): Promise<void>;
}

export interface RunningBotOptions {
  /** Settings added to the environment (ADMIN_IDS, PUSH_TIME, METRICS_PORT …); they override the defaults. */
  readonly env?: Readonly<Record<string, string>>;
  /** LOG_LEVEL (default warn; info for the tests that read log lines). */
  readonly logLevel?: 'warn' | 'info';
  /** BOT_TOKEN (default TOKEN). */
  readonly token?: string;
  /** Page files put in DATA_DIR/inbox/ before the start: read with the seeds at start. */
  readonly pages?: Readonly<Record<string, string>>;
  /** Folders whose files are copied into DATA_DIR/inbox/ before the start. */
  readonly inboxFrom?: readonly string[];
  /** Run on the new DATA_DIR before the start (a store filled, an ingest beside it). */
  readonly prepare?: (dataDir: string, env: Readonly<Record<string, string>>) => void | Promise<void>;
  /** Options of the fake Bot API the bot gets (latency 1 ms, long polls held 500 ms unless given). */
  readonly api?: FakeBotApiOptions;
  /** A fake Bot API already running, shared with other processes (not closed by `close`). */
  readonly sharedApi?: FakeBotApi;
  /** Another bot's DATA_DIR (a second start on it; not removed by `close`); `pages`, `inboxFrom` and `prepare` are for a new one. */
  readonly dataDir?: string;
  /**
   * What the start waits for: the first long poll (`polling`, the default), the "bot started"
   * log line (`started`, needs logLevel info), or nothing (`spawned`: a start that fails, a webhook).
   */
  readonly ready?: 'polling' | 'started' | 'spawned';
}

/** DATA_DIR with its inbox filled as the options say. */
function makeDataDir(options: RunningBotOptions): string {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'newsbot-running-'));
  const inbox = path.join(dataDir, 'inbox');
  mkdirSync(inbox, { recursive: true });
  for (const [name, text] of Object.entries(options.pages ?? {})) writeFileSync(path.join(inbox, name), text);
  for (const dir of options.inboxFrom ?? []) {
    for (const name of readdirSync(dir)) copyFileSync(path.join(dir, name), path.join(inbox, name));
  }
  return dataDir;
}

/** Starts the fake Bot API (unless shared) and `newsbot start` on a new DATA_DIR; resolves once it is `ready`. */
export async function startRunningBot(options: RunningBotOptions = {}): Promise<RunningBot> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const api = options.sharedApi ?? (await startFakeBotApi({ latencyMs: 1, pollHoldMs: 500, ...options.api }));
  const dataDir = options.dataDir ?? makeDataDir(options);
  // The test's own environment (TZ from vitest's config among it), as an operator's shell passes it.
  const inherited = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const env: Record<string, string> = {
    ...inherited,
    BOT_TOKEN: options.token ?? TOKEN,
    TELEGRAM_API_ROOT: api.apiRoot,
    DATA_DIR: dataDir,
    LOG_LEVEL: options.logLevel ?? 'warn',
    WEBHOOK_URL: '',
    METRICS_PORT: '',
    ...options.env,
  };
  let stderr = '';
  let child: ReturnType<typeof spawn> | undefined;
  let exit: Promise<number | null> = Promise.resolve(null);
  let updateId = 1000;
  const gone = () => child?.exitCode !== null || child.signalCode !== null;
  const wait = (what: string, done: () => boolean | Promise<boolean>, timeoutMs?: number) =>
    until(what, done, { timeoutMs, stderr: () => stderr, exited: gone });

  const polls = () => api.methods.get('getUpdates') ?? 0;
  const launch = async () => {
    const before = polls();
    child = spawn(process.execPath, [CLI, 'start'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const started = child;
    exit = new Promise((resolve) => started.once('exit', (code) => resolve(code)));
    if (options.ready === 'started') await wait('the "bot started" log line', () => stderr.includes(BOT_STARTED), 90_000);
    else if (options.ready !== 'spawned') await wait('the bot to poll', () => polls() > before, 90_000);
  };

  const running: RunningBot = {
    api,
    dataDir,
    env,
    pid: () => child!.pid!,
    stderr: () => stderr,
    exited: () => exit,
    send(update) {
      const id = typeof update.update_id === 'number' ? update.update_id : ++updateId;
      api.pushUpdate({ ...update, update_id: id });
      return id;
    },
    async waitFor(what, match, timeoutMs = 30_000) {
      let found: RecordedCall | undefined;
      await wait(what, () => (found = api.calls.find(match)) !== undefined, timeoutMs);
      return found!;
    },
    async messageTo(chatId, seen, timeoutMs) {
      const to = () => api.messages.filter((m) => m.chatId === chatId);
      await wait(`message ${seen + 1} to chat ${chatId}`, () => to().length > seen, timeoutMs);
      return to()[seen]!;
    },
    waitForLog: (text, timeoutMs) => wait(`the log line ${text}`, () => stderr.includes(text), timeoutMs),
    until: wait,
    since: (mark) => api.calls.slice(mark),
    dropPage(name, text) {
      // Written beside the inbox and moved in: the poll never sees half a file.
      const temporary = path.join(dataDir, `.${name}`);
      writeFileSync(temporary, text);
      renameSync(temporary, path.join(dataDir, 'inbox', name));
    },
    async stop() {
      if (!gone()) child!.kill('SIGTERM');
      return exit;
    },
    async stopCleanly() {
      expect(await running.stop(), `newsbot start did not exit cleanly on SIGTERM; stderr (tail):\n${stderrTail(stderr)}`).toBe(0);
    },
    restart: launch,
    async close() {
      if (!gone()) child!.kill('SIGKILL');
      await exit;
      if (!options.sharedApi) await api.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    if (!options.dataDir) await options.prepare?.(dataDir, env);
    await launch();
  } catch (error) {
    await running.close();
    throw error;
  }
  return running;
}

/**
 * The bots of one describe: `start` begins one, `closeAll` (for afterEach or afterAll)
 * kills what still runs and removes their DATA_DIRs.
 */
export function runningBots(): { start(options?: RunningBotOptions): Promise<RunningBot>; closeAll(): Promise<void> } {
  const bots: RunningBot[] = [];
  return {
    async start(options) {
      const bot = await startRunningBot(options);
      bots.push(bot);
      return bot;
    },
    async closeAll() {
      for (const bot of bots.splice(0)) await bot.close();
    },
  };
}

/** A private chat's reader. */
export const READER = { id: 77, is_bot: false, first_name: '读者', language_code: 'zh' } as const;

let nextMessageId = 1;

/** A message update from `from` (default the reader) in `chat`; a leading `/command` gets its entity; `extra` adds fields (a topic's thread id). */
export function message(
  chat: Record<string, unknown>,
  text: string,
  extra: Record<string, unknown> = {},
  from: Record<string, unknown> = READER,
): Record<string, unknown> {
  const command = /^\/\w+/.exec(text);
  return {
    message: {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat,
      from,
      text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
      ...extra,
    },
  };
}
