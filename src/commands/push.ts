import { parseArgs } from 'node:util';
import type { FailedDelivery } from '../push/index.js';
import { UserError, type CommandEnv } from './env.js';

/** Chats listed one by one in the report; the rest are counted. */
const LISTED = 20;

/** After SIGTERM/SIGINT, how long the sends in flight get to finish and be recorded before they are cancelled. */
const STOP_DEADLINE_MS = 8000;

/**
 * `newsbot push`: sends the newest hotline summary now to every active subscriber
 * that has not had it, with the same claims as the running bot, so it is safe
 * beside `newsbot start` and safe to run twice. Failed chats are reported, not
 * fatal (exit 0); a chat that blocked the bot is deactivated. `--retry-failed` first
 * gives the chats whose delivery failed for good (every try used) their tries back.
 * While Telegram or the database does not answer, it waits (logged once a minute);
 * SIGTERM or SIGINT stops it starting new sends, lets those in flight finish and be
 * recorded (8 s at most), then it exits; a second signal ends it at once.
 */
export async function run(argv: string[], env: CommandEnv): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { 'retry-failed': { type: 'boolean', default: false } } });
  const { config, stdout, logger } = env;
  if (!config.botToken) {
    throw new UserError('BOT_TOKEN is not set: newsbot push sends through Telegram (put BOT_TOKEN=... in .env)');
  }
  const runtime = await env.openRuntime({ token: config.botToken });
  const drain = new AbortController();
  const cancel = new AbortController();
  let deadline: NodeJS.Timeout | undefined;
  const stop = (signal: NodeJS.Signals) => {
    logger.warn({ signal }, 'stopping: no new sends; the ones in flight finish and are recorded');
    drain.abort();
    deadline = setTimeout(() => cancel.abort(), STOP_DEADLINE_MS);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  try {
    const result = await runtime.pushNow(env.clock.now(), {
      retryFailed: values['retry-failed'],
      drain: drain.signal,
      signal: cancel.signal,
    });
    if (result.reportKey === null) {
      stdout.write('no hotline report stored: nothing to send\n');
      return 0;
    }
    const { sent, skipped, blocked, failed } = result.summaries;
    if (values['retry-failed']) stdout.write(`retrying ${result.retried} deliveries that had failed for good\n`);
    stdout.write(
      `hotline report ${result.reportKey}: sent ${sent}, skipped ${skipped} (sent before or being sent), ` +
        `blocked ${blocked.length} (deactivated), failed ${failed.length} (retried later)\n`,
    );
    const list = (label: string, chats: readonly FailedDelivery[]) => {
      for (const { chatId, reason } of chats.slice(0, LISTED)) stdout.write(`  ${label} chat ${chatId}: ${reason}\n`);
      if (chats.length > LISTED) stdout.write(`  … and ${chats.length - LISTED} more ${label} chats\n`);
    };
    list('blocked', blocked);
    list('failed', failed);
    if (result.released > 0) {
      stdout.write(`  released ${result.released} claims of a process that died on this host: sent to by this run\n`);
    }
    if (result.unrecorded > 0) {
      stdout.write(`  ${result.unrecorded} messages sent but not recorded (the database did not answer): those chats may get the summary again\n`);
    }
    if (drain.signal.aborted) stdout.write('  stopped by a signal: the rest is sent by the next run or the running bot\n');
    for (const held of result.heldByOthers) {
      stdout.write(
        `  held ${held.count} claims by ${held.owner} since ${held.oldest}: being sent there, ` +
          'or released by a restart on its host or when the 15-minute lease ends\n',
      );
    }
    return 0;
  } finally {
    clearTimeout(deadline);
    process.removeListener('SIGTERM', stop);
    process.removeListener('SIGINT', stop);
    await runtime.close();
  }
}
