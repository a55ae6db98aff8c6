/**
 * The built `newsbot start` as readers meet it: a child process polling the fake Bot API
 * (bench/fakeBotApi.ts) over HTTP, on a DATA_DIR of its own. Updates go in as Telegram
 * would send them; what the bot sent is read from the fake's recorded calls.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeBotApi, type FakeBotApi, type FakeBotApiOptions, type RecordedCall } from '../../bench/fakeBotApi.js';
import { PROJECT_ROOT } from '../../src/paths.js';

const CLI = path.join(PROJECT_ROOT, 'dist', 'src', 'cli.js');
export const TOKEN = '123:TEST';

export interface RunningBot {
  readonly api: FakeBotApi;
  readonly dataDir: string;
  /** What the process wrote on stderr so far (warnings and errors; LOG_LEVEL is warn). */
  stderr(): string;
  /** Queues an update for the bot; its update_id is the next one. */
  send(update: Record<string, unknown>): void;
  /** The first recorded call, past or future, that matches (rejects after `timeoutMs`, default 30 s, naming `what`). */
  waitFor(what: string, match: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** Calls recorded since `mark` (an index into `api.calls`). */
  since(mark: number): RecordedCall[];
  /** Writes a page file into DATA_DIR/inbox/ (picked up by the inbox poll every 10 s). */
  dropPage(name: string, text: string): void;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
  /** Starts `newsbot start` again on the same DATA_DIR and fake API (after `stop`). */
  restart(): Promise<void>;
  /** Kills whatever runs, closes the fake API and removes DATA_DIR. */
  close(): Promise<void>;
}

export interface RunningBotOptions {
  /** Settings added to the environment (ADMIN_IDS, PUSH_TIME …). */
  readonly env?: Readonly<Record<string, string>>;
  /** Page files put in DATA_DIR/inbox/ before the start: read with the seeds at start. */
  readonly pages?: Readonly<Record<string, string>>;
  readonly api?: FakeBotApiOptions;
}

/** Starts the fake Bot API and `newsbot start` (long polling) on a new DATA_DIR; resolves once the bot polls. */
export async function startRunningBot(options: RunningBotOptions = {}): Promise<RunningBot> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const api = await startFakeBotApi({ latencyMs: 1, pollHoldMs: 500, ...options.api });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'newsbot-running-'));
  const inbox = path.join(dataDir, 'inbox');
  mkdirSync(inbox, { recursive: true });
  for (const [name, text] of Object.entries(options.pages ?? {})) writeFileSync(path.join(inbox, name), text);
  let stderr = '';
  let child: ChildProcess | undefined;
  let updateId = 1000;

  const polls = () => api.methods.get('getUpdates') ?? 0;
  const launch = async () => {
    const before = polls();
    child = spawn(process.execPath, [CLI, 'start'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: api.apiRoot,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        WEBHOOK_URL: '',
        METRICS_PORT: '',
        ...options.env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    await until('the bot to poll', () => polls() > before, 60_000, () => child?.exitCode !== null);
  };
  const until = async (what: string, done: () => boolean, timeoutMs: number, dead: () => boolean = () => false) => {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      if (dead()) throw new Error(`newsbot start exited while waiting for ${what}:\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  const running: RunningBot = {
    api,
    dataDir,
    stderr: () => stderr,
    send(update) {
      api.pushUpdate({ update_id: ++updateId, ...update });
    },
    async waitFor(what, match, timeoutMs = 30_000) {
      let found: RecordedCall | undefined;
      await until(what, () => (found = api.calls.find(match)) !== undefined, timeoutMs);
      return found!;
    },
    since: (mark) => api.calls.slice(mark),
    dropPage(name, text) {
      // Written beside the inbox and moved in: the poll never sees half a file.
      const temporary = path.join(dataDir, `.${name}`);
      writeFileSync(temporary, text);
      renameSync(temporary, path.join(inbox, name));
    },
    async stop() {
      if (child?.exitCode !== null) return child?.exitCode ?? null;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return code;
    },
    restart: launch,
    async close() {
      if (child?.exitCode === null && child.signalCode === null) {
        const exited = once(child, 'exit');
        child.kill('SIGKILL');
        await exited;
      }
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await launch();
  } catch (error) {
    await running.close();
    throw error;
  }
  return running;
}

/** A chat for `message`: a private chat with the reader, a group, or a forum supergroup. */
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
