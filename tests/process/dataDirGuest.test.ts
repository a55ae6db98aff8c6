/**
 * Every command that writes DATA_DIR takes its lock, or works beside the running bot that
 * holds it without rebuilding the bot's search index: `newsbot ingest` and `newsbot push`
 * beside `newsbot start` (on the fake Bot API), and a push with the wrong settings, which
 * refuses in one line naming the bot. Needs `npm run build`.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { LOCK_FILE } from '../../src/process/dataDirLock.js';
import { launchCli, logLines, type Running } from '../support/cliProcess.js';
import { createTestDatabase, postgresUrl } from '../support/postgres.js';
import { message, runningBots, type RunningBot, type RunningBotOptions } from '../support/runningBot.js';

const TOKEN = '123456:TEST';
// Not a seed page: only `newsbot ingest` stores it.
const PAGE = path.join(PROJECT_ROOT, 'tests', 'corpus', 'fixtures', 'headline-after-body.txt');

describe('the DATA_DIR lock for every writer', { timeout: 180_000 }, () => {
  const bots = runningBots();
  const guests: Running[] = [];
  afterEach(async () => {
    for (const r of guests.splice(0)) {
      if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
      await r.exited;
    }
    await bots.closeAll();
  });

  /** `newsbot start` (LOG_LEVEL info), ready once it logs "bot started". */
  const start = (options: RunningBotOptions) => bots.start({ token: TOKEN, logLevel: 'info', ready: 'started', api: { pollHoldMs: 200 }, ...options });
  /** Another command beside it, with the bot's settings (`env`, DATA_DIR among them) and `extra`. */
  const guest = (args: string[], env: Readonly<Record<string, string>>, extra: Record<string, string> = {}) => {
    const r = launchCli(args, { ...env, LOG_LEVEL: 'info', ...extra });
    guests.push(r);
    return r;
  };
  const lastLine = (r: Running) => r.stderr().trim().split('\n').at(-1);
  const lockHolder = (dataDir: string) => (JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as { command: string }).command;

  it('ingest and push hold the lock alone and leave none; beside a running bot they work and leave its lock alone', async () => {
    // The ingest before the start: alone, it takes the lock and leaves none.
    const ingestAlone = async (dataDir: string, env: Readonly<Record<string, string>>) => {
      expect(await guest(['ingest', PAGE], env).exited).toBe(0);
      expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    };
    const bot = await start({ prepare: ingestAlone });
    const { dataDir } = bot;
    expect(lockHolder(dataDir)).toBe('start');
    const again = guest(['ingest', PAGE], bot.env);
    const push = guest(['push'], bot.env);
    expect([await again.exited, await push.exited]).toEqual([0, 0]);
    expect(lockHolder(dataDir)).toBe('start');

    await bot.stopCleanly();
    expect(logLines(bot.stderr()).filter((line) => line.msg.includes('rebuilding'))).toEqual([]);
  });

  it('a page ingested beside the bot: the search that notices it answers at once from the index as it was, one a moment later lists the page', async () => {
    const bot = await start({});
    /** The first line of the bot's next message to `chatId`. */
    const ask = async (running: RunningBot, chatId: number, text: string) => {
      const seen = running.api.messages.filter((m) => m.chatId === chatId).length;
      running.send(message({ id: chatId, type: 'private', first_name: '读者' }, text));
      return (await running.messageTo(chatId, seen)).text.split('\n')[0]!;
    };
    const nothing = '没有找到与“植树”有关的文章。';
    expect(await ask(bot, 81, '植树')).toBe(nothing);
    expect(await guest(['ingest', PAGE], bot.env).exited).toBe(0);
    // This search finds the page stored and indexes it after its reply, in turns between other replies.
    expect(await ask(bot, 82, '植树')).toBe(nothing);
    // Another reader each time (the bot limits each to 5 messages in 3 s), until the page is in: 20 tries, about a second.
    let answer = nothing;
    for (let chat = 83; answer === nothing && chat < 103; chat++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      answer = await ask(bot, chat, '植树');
    }
    expect(answer).toMatch(/^🔎 “植树”：共 1 篇/u);
    await bot.stopCleanly();
  });

  it.skipIf(!postgresUrl)(
    'a push with the wrong settings beside a running bot refuses in one line naming it, and leaves its index as it was',
    async () => {
      const db = await createTestDatabase();
      const other = mkdtempSync(path.join(tmpdir(), 'newsbot-guest-'));
      try {
        // Another instance stores a page in the shared database: the bot's index has it, DATA_DIR's SQLite never will.
        const bot = await start({
          env: { DATABASE_URL: db.url },
          prepare: async (_, env) => expect(await guest(['ingest', PAGE], env, { DATA_DIR: other }).exited).toBe(0),
        });
        const botDir = bot.dataDir;
        const indexFiles = readdirSync(path.join(botDir, 'search-index')).sort();

        // The right settings: a guest of the bot, it pushes.
        expect(await guest(['push'], bot.env).exited).toBe(0);
        // DATABASE_URL forgotten (empty is unset): its SQLite store does not match the bot's index.
        const wrong = guest(['push'], bot.env, { DATABASE_URL: '' });
        expect(await wrong.exited).toBe(1);
        const since = (JSON.parse(readFileSync(path.join(botDir, LOCK_FILE), 'utf8')) as { since: string }).since;
        expect(lastLine(wrong)).toMatch(
          new RegExp(
            `^newsbot: DATA_DIR ${botDir} is in use by pid ${bot.pid()} on .+ \\(newsbot start, since ${since}\\), ` +
              'and its search index does not match the articles this run sees \\(other DATABASE_URL or DATA_DIR\\?\\): ' +
              'not rebuilding it under that process; run with its settings, or stop it first$',
          ),
        );
        expect(readdirSync(path.join(botDir, 'search-index')).sort()).toEqual(indexFiles);
        expect(lockHolder(botDir)).toBe('start');

        await bot.stopCleanly();
      } finally {
        rmSync(other, { recursive: true, force: true });
        await db.drop();
      }
    },
  );
});
