import { parseArgs } from 'node:util';
import type { FailedDelivery } from '../push/index.js';
import { UserError, type CommandEnv } from './env.js';

/** Chats listed one by one in the report; the rest are counted. */
const LISTED = 20;

/**
 * `newsbot push`: sends the newest hotline summary now to every active subscriber
 * that has not had it, with the same claims as the running bot, so it is safe
 * beside `newsbot start` and safe to run twice. Failed chats are reported, not
 * fatal (exit 0); a chat that blocked the bot is deactivated.
 */
export async function run(argv: string[], env: CommandEnv): Promise<number> {
  parseArgs({ args: argv, options: {} });
  const { config, stdout } = env;
  if (!config.botToken) {
    throw new UserError('BOT_TOKEN is not set: newsbot push sends through Telegram (put BOT_TOKEN=... in .env)');
  }
  const runtime = await env.openRuntime({ token: config.botToken });
  try {
    const result = await runtime.pushNow(env.clock.now());
    if (result.reportKey === null) {
      stdout.write('no hotline report stored: nothing to send\n');
      return 0;
    }
    const { sent, skipped, blocked, failed } = result.summaries;
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
    for (const held of result.heldByOthers) {
      stdout.write(
        `  held ${held.count} claims by ${held.owner} since ${held.oldest}: being sent there, ` +
          'or released by a restart on its host or when the 15-minute lease ends\n',
      );
    }
    return 0;
  } finally {
    await runtime.close();
  }
}
