/**
 * A first start on an imported archive: a DATA_DIR whose store holds more
 * articles than one search indexes before it answers, and no search index
 * yet. The built `newsbot start` against the fake Bot API answers at once
 * while a worker thread indexes the archive, oldest articles first, and
 * answers over every article once the log says the build is done (README,
 * "Search"). Needs `npm run build`.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fillStore } from '../../bench/archiveStore.js';
import { readCorpus } from '../../src/corpus/index.js';
import { createSilentLogger } from '../../src/logger.js';
import { SEEDS_DIR } from '../../src/paths.js';
import { openSearch } from '../../src/search/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { logLines } from '../support/cliProcess.js';
import { runningBots, type RunningBot } from '../support/runningBot.js';

const TOKEN = '123456:FIRST-START';
/** Fewer than one segment's worth (tuning.chunk, 5,000): the build adds them all at once, at its end. */
const ARCHIVE = 3000;
/** In the seed pages only, which the start stores after the archive: found once the build has reached them. */
const SEED_WORD = '护学岗';

let updateId = 1;
function message(chatId: number, text: string): Record<string, unknown> {
  const id = updateId++;
  return {
    update_id: id,
    message: {
      message_id: id,
      date: 1740000000,
      chat: { id: chatId, type: 'private', first_name: '读者' },
      from: { id: chatId, is_bot: false, first_name: '读者', language_code: 'zh' },
      text,
    },
  };
}

describe('newsbot start on an archive without a search index', { timeout: 300_000 }, () => {
  const bots = runningBots();
  afterEach(() => bots.closeAll());

  /** The first line of the bot's next message to `chatId`. */
  const ask = async (bot: RunningBot, chatId: number, text: string) => {
    const seen = bot.api.messages.filter((m) => m.chatId === chatId).length;
    bot.send(message(chatId, text));
    return (await bot.messageTo(chatId, seen)).text.split('\n')[0]!;
  };

  it('answers while the index is built in the background, then over every stored article', async () => {
    const seeds = readCorpus([SEEDS_DIR]).pages.flatMap((page) => page.items);
    const bot = await bots.start({
      token: TOKEN,
      logLevel: 'info',
      ready: 'started',
      api: { pollHoldMs: 200 },
      prepare: (dir) => fillStore(dir, seeds, ARCHIVE),
    });
    const dir = bot.dataDir;

    // The first search opens the index: nothing indexed yet, the archive goes to the worker.
    const during = await ask(bot, 71, SEED_WORD);
    const builtWhenAnswered = bot.stderr().includes('"msg":"search index built in the background"');
    // Bounded by the test's own timeout before: the build of 3,000 articles on a loaded machine is slow.
    await bot.waitForLog('"msg":"search index built in the background"', 240_000);
    const after = await ask(bot, 72, SEED_WORD);
    await bot.stopCleanly();

    // What the whole store gives, indexed in one go on this thread.
    const store = openSqliteStore(path.join(dir, 'newsbot.db'));
    const oneGo = openSearch({ source: store.feed, dir: null, logger: createSilentLogger() });
    const stored = oneGo.size;
    const { total } = await oneGo.search(SEED_WORD);
    oneGo.close();
    await store.close();

    const lines = logLines(bot.stderr());
    expect(lines.find((line) => line.msg.startsWith('search index opened'))).toMatchObject({ msg: 'search index opened, building the rest in the background', articles: 0 });
    expect(lines.find((line) => line.msg === 'search index built in the background')).toMatchObject({ articles: stored });
    expect(stored).toBeGreaterThan(ARCHIVE);
    // The build's chunks merged into one segment file: the next start loads it.
    expect(readdirSync(path.join(dir, 'search-index')).filter((name) => name.endsWith('.nbs'))).toEqual([
      `seg-0000000001-${String(stored).padStart(10, '0')}.nbs`,
    ]);
    // Answered before the worker was through 3,000 articles: over none of them yet.
    expect(builtWhenAnswered).toBe(false);
    expect(during).toBe(`没有找到与“${SEED_WORD}”有关的文章。`);
    expect(total).toBeGreaterThan(0);
    expect(after).toBe(`🔎 “${SEED_WORD}”：共 ${total} 篇，第 1/${Math.ceil(total / 5)} 页`);
  });
});
