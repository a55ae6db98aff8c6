/**
 * The reports a reply reads are kept between replies (store/reportCache.ts) and read again
 * once the store holds another: through the built `newsbot start`, a report ingested by a
 * second process answers the next question.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchCli } from '../support/cliProcess.js';
import { message, startRunningBot, type RunningBot } from '../support/runningBot.js';
import { hotlinePage } from '../trend/helpers.js';

const QUESTION = '11月3日12345热线接了多少电话？';

/** A reader of their own per question (the bot limits each reader's messages). */
async function firstLine(bot: RunningBot, id: number, text: string): Promise<string> {
  const chat = { id, type: 'private', first_name: '读者' };
  const seen = bot.api.messages.filter((m) => m.chatId === id).length;
  bot.send(message(chat, text, {}, { id, is_bot: false, first_name: '读者', language_code: 'zh' }));
  return (await bot.messageTo(id, seen)).text.split('\n')[0]!;
}

describe('hotline answers as reports arrive, through newsbot start', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await startRunningBot({ pages: { 'hotline-2025-11-02.txt': hotlinePage('2025-11-02', 987, 40, [['供暖问题', 30]]) } });
  }, 90_000);
  afterAll(() => bot?.close());

  it('answers from a report another process stored after the bot read the others', async () => {
    expect(await firstLine(bot, 501, '11月2日12345热线接了多少电话？')).toBe('💡 2025-11-02，12345热线来电诉求<b>987件次</b>。');
    const before = await firstLine(bot, 502, QUESTION);
    expect(before).toBe('💡 没有2025-11-03的12345热线日报；有日报的最近日期：<b>2025-11-02</b>。');

    const file = path.join(bot.dataDir, 'hotline-2025-11-03.txt');
    writeFileSync(file, hotlinePage('2025-11-03', 1234, 56, [['供暖问题', 41]]));
    const ingest = launchCli(['ingest', file], bot.env);
    expect(await ingest.exited, ingest.stderr()).toBe(0);

    expect(await firstLine(bot, 503, QUESTION)).toBe('💡 2025-11-03，12345热线来电诉求<b>1234件次</b>。');
    // The day read before is still answered (the reports were read whole again).
    expect(await firstLine(bot, 504, '11月2日12345热线接了多少电话？')).toBe('💡 2025-11-02，12345热线来电诉求<b>987件次</b>。');
  }, 60_000);
});
