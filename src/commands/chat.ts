import { parseArgs } from 'node:util';
import { createBot, FileTooLargeError } from '../bot/index.js';
import { localeFor } from '../render/index.js';
import { readFile, stat } from 'node:fs/promises';
import { runTerminalChat, TERMINAL_BOT_INFO, TERMINAL_HELP } from '../chat/terminal.js';
import { botDepsFrom, pushServicesFrom } from '../services.js';
import { corpusOption, type CommandEnv } from './env.js';
import { preparePush } from '../push/index.js';

/** The terminal user's Telegram id: also an admin, so admin features can be tried locally. */
const TERMINAL_USER_ID = 10;

/**
 * `newsbot chat [--lang zh|en] [--corpus PATH]...`: the bot in the terminal,
 * same handlers as on Telegram. Reads lines from stdin until it ends.
 */
export async function run(argv: string[], env: CommandEnv): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...corpusOption, lang: { type: 'string' } } });
  const app = await env.openApp(values.corpus, { serving: true });
  try {
    const config = { ...env.config, adminIds: [...env.config.adminIds, TERMINAL_USER_ID] };
    // A sent "document" is a local file: its file_id is its path.
    const downloadFile = async (path: string, maxBytes: number) => {
      const { size } = await stat(path);
      if (size > maxBytes) throw new FileTooLargeError(size, maxBytes);
      return new Uint8Array(await readFile(path));
    };
    // Push reaches only the terminal's own chat: real subscribers in DATA_DIR are the real bot's.
    const push = preparePush({
      services: await pushServicesFrom(app),
      clock: app.clock,
      logger: env.logger,
      config,
      onlyChats: new Set([TERMINAL_USER_ID]),
    });
    const bot = createBot('0:terminal', { ...(await botDepsFrom(app, config, env.logger, downloadFile)), ...push.deps }, {
      botInfo: TERMINAL_BOT_INFO,
      rateLimit: false,
    });
    env.stdout.write(`${TERMINAL_HELP}\n`);
    const pushing = push.start(bot.api);
    try {
      await runTerminalChat(bot, {
        input: env.stdin,
        output: env.stdout,
        languageCode: localeFor(values.lang),
        userId: TERMINAL_USER_ID,
      });
    } finally {
      await pushing.stop();
    }
    return 0;
  } finally {
    await app.close();
  }
}
