#!/usr/bin/env node
import { readdirSync } from 'node:fs';
import { constants, getPriority, setPriority } from 'node:os';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';
// This entry loads little itself (not the store, the index or grammY): a command loads what it uses.
import { PROCESS_UMASK } from './process/fileModes.js';
import { createRedactor, passwordOf, type Redactor } from './redact.js';
import { webhookSecret } from './server/webhookSecret.js';
import { UserError, type CommandEnv } from './commands/env.js';

type Command = (argv: string[], env: CommandEnv) => Promise<number>;

/** Subcommands, loaded on demand so `newsbot articles` does not load grammY. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  articles: { summary: 'print the parsed items (--json)', load: () => import('./commands/articles.js') },
  hotline: { summary: 'print the hotline and safety reports (--json)', load: () => import('./commands/hotline.js') },
  search: { summary: 'search the articles: QUERY or --stdin (--json, --limit N, --since/--until YYYY-MM-DD, --sort relevance|newest)', load: () => import('./commands/search.js') },
  ask: { summary: 'answer a question: QUESTION or --stdin (--json, --limit N)', load: () => import('./commands/ask.js') },
  ingest: { summary: 'add page files to the store: FILE...', load: () => import('./commands/ingest.js') },
  start: { summary: 'run the bot (long polling, or webhook with WEBHOOK_URL)', load: () => import('./commands/start.js') },
  chat: { summary: 'talk to the bot in the terminal', load: () => import('./commands/chat.js') },
  trend: {
    summary: 'the hotline over N days: --json [--days N] [--until YYYY-MM-DD] [--png FILE]',
    load: () => import('./commands/trend.js'),
  },
  push: { summary: 'send the newest hotline summary to subscribers now', load: () => import('./commands/push.js') },
  eval: { summary: 'score search on the dev queries (success@1, MRR)', load: () => import('./commands/eval.js') },
  bench: { summary: 'benchmark search and broadcast', load: () => import('./commands/bench.js') },
};

/**
 * Batch commands: they run at a lower CPU priority (nice 10), so that beside
 * a bot serving on the same machine (a cron's ingest) readers' replies come
 * first; alone, they run as fast as ever. Set before the command's modules
 * load: starting node and loading them is most of a page's ingest.
 */
const GIVES_WAY = new Set(['ingest']);

/**
 * Linux keeps a priority per thread: node's own threads, started before this
 * runs (V8's garbage collection helpers), kept nice 0 when only the main
 * thread was set. Each is set; threads started later take the main thread's.
 */
function giveWay(): void {
  if (getPriority() >= constants.priority.PRIORITY_BELOW_NORMAL) return;
  for (const thread of ownThreads()) {
    try {
      setPriority(thread, constants.priority.PRIORITY_BELOW_NORMAL);
    } catch {
      // Not allowed here (a sandbox), or the thread has ended: it runs at the priority it has.
    }
  }
}

/** This process's thread ids (0, this thread, where /proc is not there to list them). */
function ownThreads(): number[] {
  try {
    return readdirSync('/proc/self/task').map(Number);
  } catch {
    return [0];
  }
}

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(9)} ${summary}`);
  return [
    'usage: newsbot <command> [options]',
    '',
    ...lines,
    '',
    'Commands that read pages take --corpus PATH (a file or a directory, repeatable);',
    'without it the corpus is seeds/ plus DATA_DIR/inbox/.',
  ].join('\n');
}

/** Writes the one stderr line (or lines) about a failure, through the run's redaction. */
function report(error: unknown, redact: Redactor): void {
  const say = (line: string) => process.stderr.write(redact(`${line}\n`));
  if (error instanceof ConfigError) {
    for (const problem of error.problems) say(`newsbot: ${problem}`);
  } else if (error instanceof UserError) {
    say(`newsbot: ${error.message}`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    say(`newsbot: ${message.split('\n')[0]}`);
    if (process.env.LOG_LEVEL === 'debug' && error instanceof Error) say(error.stack ?? '');
  }
}

/** The secrets of a run: taken out of every log line and every line printed about a failure. */
function redactorFor(config: Config): Redactor {
  return createRedactor([
    config.botToken,
    config.botToken && webhookSecret(config.updates.kind === 'webhook' ? config.updates.secret : null, config.botToken),
    passwordOf(config.databaseUrl),
    config.metricsToken,
  ]);
}

/** One try/catch at the edge: every failure becomes one stderr line and an exit code. */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 1;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`newsbot: unknown command "${name}"\n${usage()}\n`);
    return 1;
  }
  if (GIVES_WAY.has(name)) giveWay();
  // DATA_DIR holds readers' chat ids: files newsbot creates are its owner's only (0600, dirs 0700).
  process.umask(PROCESS_UMASK);
  loadDotenv({ quiet: true });
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    // A bad value is named, never echoed when it may be secret (config.ts): nothing to redact yet.
    report(error, (text) => text);
    return 1;
  }
  const redact = redactorFor(config);
  try {
    const logger = createLogger(config.logLevel, { redact });
    const clock = { now: () => new Date() };
    const env: CommandEnv = {
      config,
      logger,
      stdout: process.stdout,
      stdin: process.stdin,
      clock,
      // Every command that opens DATA_DIR takes its lock, or works beside the bot that holds it (app.ts).
      openApp: async (corpus) => (await import('./app.js')).openApp({ config, logger, corpus, clock, command: name }),
      // Loaded when a command asks for it: the bot, its texts and the reader app are most of what a start compiles (~1 s of CPU), which `newsbot ingest` beside a serving bot does not need.
      openRuntime: async (request) => (await import('./runtime.js')).openRuntime({ config, logger, clock, command: name, ...request }),
    };
    const { run } = await command.load();
    return await run(rest, env);
  } catch (error) {
    report(error, redact);
    return 1;
  }
}

/**
 * A command is over when `main` settles; anything still pending then (a timer of a retry
 * pause, a socket a library keeps) must not keep the process alive: a stopped bot exits.
 */
function exitSoon(): void {
  setTimeout(() => process.exit(), EXIT_GRACE_MS).unref();
}

/** How long a finished command may take to flush its output before the process ends. */
const EXIT_GRACE_MS = 1000;

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  exitSoon();
});
