/**
 * Hourly digests and quiet hours on the assembled bot: the runtime `newsbot start` runs
 * (openRuntime: store, index, bot, push) on a DATA_DIR, talking to the fake Bot API over
 * HTTP, with its clock set by the test (the hours cannot be waited out). Updates go
 * through the bot (an admin's uploads, a reader's commands); push's passes are the ones
 * its minute tick runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../../bench/fakeBotApi.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import type { PushHandle } from '../../src/push/index.js';
import { openRuntime } from '../../src/runtime.js';
import type { Runtime } from '../../src/services.js';
import { BOT_INFO } from '../bot/helpers.js';
import { at } from './helpers.js';
import { newsPage } from './pages.js';

const TOKEN = '123:TEST';
const ADMIN = { id: 77, is_bot: false, first_name: '编辑', language_code: 'zh' };
const reader = (id: number) => ({ id, is_bot: false, first_name: '读者', language_code: 'zh' });

describe('digest times and quiet hours on the running bot', () => {
  let api: FakeBotApi;
  let dataDir: string;
  let now: Date;
  let running: { runtime: Runtime; push: PushHandle } | undefined;
  let updateId = 1;
  const files = new Map<string, Uint8Array>();

  beforeEach(async () => {
    api = await startFakeBotApi({ latencyMs: 1, files });
    dataDir = mkdtempSync(path.join(tmpdir(), 'newsbot-times-'));
  });
  afterEach(async () => {
    await stop();
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Opens the runtime on DATA_DIR (a start, or a restart) and starts push, as `newsbot start` does. */
  async function start(): Promise<void> {
    const config = loadConfig({ DATA_DIR: dataDir, BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, ADMIN_IDS: String(ADMIN.id), LOG_LEVEL: 'silent' });
    const runtime = await openRuntime({ config, logger: createSilentLogger(), clock: { now: () => now }, token: TOKEN, bot: { botInfo: BOT_INFO } });
    running = { runtime, push: runtime.startPush() };
  }
  async function stop(): Promise<void> {
    if (!running) return;
    await running.push.stop();
    await running.runtime.close();
    running = undefined;
  }
  /**
   * One pass of push at the current time (what the minute tick runs), after the passes under way
   * (an upload's, the start's catch-up) have finished: the clock is moved by hand, and a send still
   * in flight when it jumps an hour would look to the next pass like a claim left by a dead process.
   */
  const tick = async () => {
    await running!.push.whenIdle();
    await running!.push.push.deliverDue(now);
  };
  const command = (from: ReturnType<typeof reader>, text: string) =>
    running!.runtime.bot.handleUpdate({
      update_id: updateId++,
      message: {
        message_id: updateId,
        date: Math.floor(now.getTime() / 1000),
        chat: { id: from.id, type: 'private', first_name: from.first_name },
        from,
        text,
        entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }],
      },
    });
  /** An admin's upload of a page of `count` articles mentioning 供暖, then the tick. */
  async function upload(name: string, count: number): Promise<void> {
    files.set(name, Buffer.from(newsPage('2025-11-20', '供暖', count, name)));
    await running!.runtime.bot.handleUpdate({
      update_id: updateId++,
      message: {
        message_id: updateId,
        date: Math.floor(now.getTime() / 1000),
        chat: { id: ADMIN.id, type: 'private', first_name: ADMIN.first_name },
        from: ADMIN,
        document: { file_id: name, file_unique_id: name, file_name: `${name}.txt`, file_size: 4000 },
      },
    });
    await tick();
  }
  const sentTo = (chatId: number) =>
    api.calls.filter((call) => call.method === 'sendMessage' && Number(call.payload.chat_id) === chatId && !String(call.payload.text).startsWith('✅') && !String(call.payload.text).startsWith('🔔 已关注'));

  it('sends one hourly digest for three ingests in the hour, at the top of the hour', async () => {
    now = at('2025-11-20 10:02');
    await start();
    await command(reader(88), '/follow 供暖');
    await command(reader(88), '/digest 每小时');
    for (const [minute, name] of [['10:05', 'A'], ['10:20', 'B'], ['10:40', 'C']] as const) {
      now = at(`2025-11-20 ${minute}`);
      await upload(name, 2);
    }
    now = at('2025-11-20 10:59');
    await tick();
    expect(sentTo(88)).toEqual([]);
    now = at('2025-11-20 11:00');
    await tick();
    await tick();
    const digests = sentTo(88);
    expect(digests.map((call) => String(call.payload.text).split('\n')[0])).toEqual(['🔔 你关注的词有 6 篇新文章：“供暖”']);
  }, 60_000);

  it('holds what falls in quiet hours across a restart and sends it once at their end; silent readers get it at once without a sound', async () => {
    now = at('2025-11-20 20:00');
    await start();
    await command(reader(88), '/subscribe 21:00');
    await command(reader(88), '/follow 供暖');
    await command(reader(88), '/quiet 22:00-07:00');
    await command(reader(99), '/follow 供暖');
    await command(reader(99), '/quiet 22:00-07:00 静音');
    now = at('2025-11-20 22:30');
    await tick();
    await upload('N1', 3);
    now = at('2025-11-20 23:00');
    await tick();
    expect(sentTo(88)).toEqual([]);
    // The silent reader's digest went at once, without a sound.
    expect(sentTo(99).map((call) => [String(call.payload.text).split('\n')[0], call.payload.disable_notification])).toEqual([
      ['🔔 你关注的词有 3 篇新文章：“供暖”', true],
    ]);

    // A restart inside the window: the catch-up at start sends nothing either.
    await stop();
    now = at('2025-11-21 03:00');
    await start();
    await tick();
    await upload('N2', 2);
    expect(sentTo(88)).toEqual([]);

    now = at('2025-11-21 07:00');
    await tick();
    await tick();
    now = at('2025-11-21 07:01');
    await tick();
    // The summary due at 21:00, then one digest of the five articles queued in the night; nothing twice.
    expect(sentTo(88).map((call) => [String(call.payload.text).split('\n')[0], call.payload.disable_notification])).toEqual([
      ['📬 <b>每日热线摘要</b>', undefined],
      ['🔔 你关注的词有 5 篇新文章：“供暖”', undefined],
    ]);
    await stop();
    await start();
    await tick();
    expect(sentTo(88)).toHaveLength(2);
  }, 90_000);
});
