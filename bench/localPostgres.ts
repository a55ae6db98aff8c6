/**
 * A throwaway PostgreSQL server on this machine, for the store tests and the
 * fleet bench: `initdb` in a temp directory, `postgres` on a free loopback
 * port, stopped (and the directory removed) by `stop()`. It uses the
 * installed server binaries (Debian's postgresql-15 puts them in
 * /usr/lib/postgresql/15/bin); nothing is downloaded. PostgreSQL refuses to
 * run as root, so under root both programs run as the `postgres` user.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, closeSync } from 'node:fs';
import { freePort } from './ports.js';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A running local server. */
export interface LocalPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres`: the maintenance database. */
  readonly url: string;
  readonly port: number;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Fast shutdown (SIGINT), then the data directory is removed. */
  stop(): Promise<void>;
  /** Fast shutdown (SIGINT) keeping the data: clients' connections end, new ones are refused (the chaos run's outage). */
  halt(): Promise<void>;
  /** Starts the server again after `halt()`, on the same port and data; resolves once it accepts connections. */
  resume(): Promise<void>;
  /** SIGSTOP to the server and every process it started: connections stay open and nothing answers. */
  freeze(): void;
  /** SIGCONT to what `freeze()` stopped. */
  thaw(): void;
}

/** The pids whose parent is `pid` (the server's backends and workers), from /proc. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // The parent pid is the 2nd field after the command name, which is in parentheses and may hold spaces.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) children.push(Number(name));
    } catch {
      // ended between the listing and the read
    }
  }
  return children;
}

/**
 * The directory of the installed `postgres` and `initdb`: `PG_BINDIR` when
 * set, else the newest /usr/lib/postgresql/N/bin; null when none is installed.
 */
export function findPostgresBin(env: Record<string, string | undefined> = process.env): string | null {
  const has = (dir: string) => existsSync(path.join(dir, 'postgres')) && existsSync(path.join(dir, 'initdb'));
  if (env.PG_BINDIR) return has(env.PG_BINDIR) ? env.PG_BINDIR : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const dir = path.join(root, version, 'bin');
    if (has(dir)) return dir;
  }
  return null;
}

/** uid/gid of the `postgres` user when we are root (PostgreSQL will not run as root); else none. */
async function runAs(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error('running as root, but there is no postgres user');
  return { uid, gid };
}

async function waitUntilReady(url: string, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`postgres exited with code ${child.exitCode}: ${readFileSync(logFile, 'utf8').trim().split('\n').slice(-3).join(' | ')}`);
    }
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within ${timeoutMs} ms (log: ${logFile})`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export interface StartLocalPostgresOptions {
  /** Directory of `postgres` and `initdb` (default: `findPostgresBin()`). */
  readonly bindir?: string;
  /** Milliseconds to wait for the server to accept connections (default 30000). */
  readonly timeoutMs?: number;
}

/**
 * Starts a fresh server. Durability is off (fsync, synchronous_commit): the
 * data lives as long as the test run. Throws naming what is missing when
 * PostgreSQL is not installed.
 */
export async function startLocalPostgres(options: StartLocalPostgresOptions = {}): Promise<LocalPostgres> {
  const bindir = options.bindir ?? findPostgresBin();
  if (!bindir) {
    throw new Error('PostgreSQL is not installed: no /usr/lib/postgresql/N/bin/postgres (apt-get install postgresql-15, or set PG_BINDIR)');
  }
  const user = await runAs();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'newsbot-pg-'));
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'postgres.log');
  if (user) chownSync(dir, user.uid, user.gid);
  const asUser = { ...(user ?? {}), cwd: dir };
  try {
    await run(
      path.join(bindir, 'initdb'),
      ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync'],
      asUser,
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(error as { stderr?: string }).stderr?.trim() ?? String(error)}`);
  }
  const port = await freePort();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let child: ChildProcess;
  let exited: Promise<void>;
  const launch = async () => {
    const log = openSync(logFile, 'a');
    if (user) chownSync(logFile, user.uid, user.gid);
    child = spawn(
      path.join(bindir, 'postgres'),
      [
        '-D', data, '-p', String(port), '-k', dir, '-h', '127.0.0.1',
        '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
        '-c', 'max_connections=300', '-c', 'shared_buffers=64MB',
      ],
      { ...asUser, stdio: ['ignore', log, log] },
    );
    closeSync(log);
    const started = child;
    exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));
    await waitUntilReady(url, child, logFile, timeoutMs);
  };
  const halt = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGCONT'); // a frozen server cannot shut down
      for (const pid of childrenOf(child.pid!)) process.kill(pid, 'SIGCONT');
      child.kill('SIGINT');
      const running = child;
      const timer = setTimeout(() => running.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  const stop = async () => {
    await halt();
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    await launch();
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url,
    port,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop,
    halt,
    resume: launch,
    freeze() {
      // The server first: it starts no new backend while its backends are being stopped.
      child.kill('SIGSTOP');
      for (const pid of childrenOf(child.pid!)) process.kill(pid, 'SIGSTOP');
    },
    thaw() {
      for (const pid of childrenOf(child.pid!)) process.kill(pid, 'SIGCONT');
      child.kill('SIGCONT');
    },
  };
}
