import { parseArgs } from 'node:util';
import { readFile, stat } from 'node:fs/promises';
import { FileTooLargeError } from '../bot/index.js';
import { localeFor } from '../render/index.js';
import { runTerminalChat, TERMINAL_BOT_INFO, TERMINAL_HELP } from '../chat/index.js';
import { corpusOption, type CommandEnv } from './env.js';

/** The terminal user's Telegram id: also an admin, so admin features can be tried locally. */
const TERMINAL_USER_ID = 10;

/** A sent "document" is a local file: its file_id is its path. */
async function readLocalFile(path: string, maxBytes: number): Promise<Uint8Array> {
  const { size } = await stat(path);
  if (size > maxBytes) throw new FileTooLargeError(size, maxBytes);
  return new Uint8Array(await readFile(path));
}

/**
 * `newsbot chat [--lang zh|en] [--corpus PATH]...`: the bot in the terminal, built by
 * the same runtime builder as `newsbot start` (same handlers, answers, push). Reads
 * lines from stdin until it ends.
 */
export async function run(argv: string[], env: CommandEnv): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...corpusOption, lang: { type: 'string' } } });
  const runtime = await env.openRuntime({
    corpus: values.corpus,
    serving: true,
    token: '0:terminal',
    bot: { botInfo: TERMINAL_BOT_INFO, rateLimit: false },
    downloadFile: readLocalFile,
    extraAdminIds: [TERMINAL_USER_ID],
    // Push reaches only the terminal's own chat: real subscribers in DATA_DIR are the real bot's.
    push: { onlyChats: new Set([TERMINAL_USER_ID]) },
  });
  try {
    env.stdout.write(`${TERMINAL_HELP}\n`);
    const pushing = runtime.startPush();
    try {
      await runTerminalChat(runtime.bot, {
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
    await runtime.close();
  }
}
