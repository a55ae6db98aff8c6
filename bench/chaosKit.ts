/**
 * What every row of the chaos run (bench/chaos.ts) shares: the built CLI started as an operator
 * starts it (every run's stderr kept, for the secrets row), bounded waits, the table's rows, a
 * DATA_DIR of readers owed the newest summary, and what a fake Bot API received per reader.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';
import { openSqliteStore } from '../src/store/index.js';
import type { FakeBotApi } from './fakeBotApi.js';

export const CLI = path.join(PROJECT_ROOT, 'dist', 'src', 'cli.js');
export const TOKEN = '123456:CHAOS';

interface Row {
  readonly scenario: string;
  readonly outcome: string;
}
export const rows: Row[] = [];

export function report(scenario: string, outcome: string): void {
  rows.push({ scenario, outcome });
  process.stderr.write(`chaos: ${scenario}: ${outcome}\n`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `done` every 50 ms until it is true or `ms` passed; true when it became true. */
export async function until(done: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (done()) return true;
    await sleep(50);
  }
  return done();
}

export interface Cli {
  readonly child: ChildProcess;
  stderr(): string;
  readonly exited: Promise<number | null>;
}

/** Every run's stderr, for the secrets count at the end. */
export const runs: Cli[] = [];

/** `newsbot ARGS` with the chaos token and `env`; `nodeArgs` go to node before the CLI (a `--import` probe). */
export function cli(args: string[], env: Record<string, string>, nodeArgs: readonly string[] = []): Cli {
  const child = spawn(process.execPath, [...nodeArgs, CLI, ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', BOT_TOKEN: TOKEN, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Kept only for CHAOS_LOG_DIR (a flag such as --trace-gc writes there); otherwise drained.
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    if (process.env.CHAOS_LOG_DIR) stdout += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      // CHAOS_LOG_DIR: every run's stderr (and stdout, when it wrote any) kept there, to read what a row's outcome came from.
      const logDir = process.env.CHAOS_LOG_DIR;
      if (logDir) {
        mkdirSync(logDir, { recursive: true });
        writeFileSync(path.join(logDir, `${child.pid}-${args[0]}.log`), stderr);
        if (stdout) writeFileSync(path.join(logDir, `${child.pid}-${args[0]}.out`), stdout);
      }
      resolve(code);
    }),
  );
  const run = { child, stderr: () => stderr, exited };
  runs.push(run);
  return run;
}

/** Ends a child for sure: SIGTERM, then SIGKILL after 12 s. */
export async function stop(run: Cli): Promise<number | null> {
  if (run.child.exitCode !== null || run.child.signalCode !== null) return run.exited;
  run.child.kill('SIGTERM');
  const timer = setTimeout(() => run.child.kill('SIGKILL'), 12_000);
  const code = await run.exited;
  clearTimeout(timer);
  return code;
}

/** A DATA_DIR with `readers` subscribers whose daily time (00:00) has passed: all are owed the newest report. */
export async function dataDirWithReaders(readers: number): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-chaos-'));
  const db = openSqliteStore(path.join(dir, 'newsbot.db'));
  const longAgo = new Date(Date.now() - 3 * 24 * 3600_000);
  for (let chat = 1; chat <= readers; chat++) await db.subscribers.subscribe(chat, '00:00', chat % 5 === 0 ? 'en' : 'zh', longAgo);
  await db.close();
  return dir;
}

export function tally(api: FakeBotApi, readers: number): { duplicates: number; missing: number } {
  let duplicates = 0;
  let missing = 0;
  for (let chat = 1; chat <= readers; chat++) {
    const count = api.delivered.get(chat) ?? 0;
    if (count === 0) missing++;
    else duplicates += count - 1;
  }
  return { duplicates, missing };
}

/** The moment (ms) the last of the readers got their first message, or null while some have none. */
export function allDeliveredAt(api: FakeBotApi, readers: number): number | null {
  const first = new Map<number, number>();
  for (const { chatId, at } of api.messages) if (!first.has(chatId)) first.set(chatId, at);
  if (first.size < readers) return null;
  return Math.max(...first.values());
}


/** A webhook POST: its status, ms until the answer, and the Retry-After it carried (null: none). */
export function post(port: number, body: string, secret: string): Promise<{ status: number; ms: number; retryAfter: string | null }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/hook', method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret } },
      (res) => {
        res.resume();
        const retryAfter = res.headers['retry-after'] ?? null;
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, retryAfter }));
      },
    );
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started, retryAfter: null }));
    req.setTimeout(60_000, () => req.destroy());
    req.end(body);
  });
}
