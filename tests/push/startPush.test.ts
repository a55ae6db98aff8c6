import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openRuntime } from '../../src/runtime.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { SEEDS_DIR } from '../../src/paths.js';
import { BOT_INFO } from '../bot/helpers.js';

/** Push in the runtime (seeds in memory, real search): catch-up at start, upload → alert, stop. */
describe('startPush', () => {
  it('catches up at start, alerts on an upload with real search matching, and stops', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const logger = createSilentLogger();
    const now = new Date('2025-10-16T02:00:00Z'); // 10:00 in Shanghai
    const runtime = await openRuntime({
      config,
      logger,
      clock: { now: () => now },
      corpus: [path.join(SEEDS_DIR, '004_477e742880208b76.txt')],
      token: '1:test',
      bot: { botInfo: BOT_INFO, rateLimit: false },
    });
    const sent: Record<string, unknown>[] = [];
    let messageId = 100;
    runtime.bot.api.config.use(async (_prev, method, payload) => {
      if (method === 'sendMessage') sent.push(payload);
      return { ok: true, result: { message_id: ++messageId } } as never;
    });
    const subscribers = runtime.app.store.subscribers;
    await subscribers.subscribe(7, '08:00', 'zh', new Date('2025-10-15T12:00:00Z'));
    await subscribers.follow(8, ['护学岗'], 'zh', now);
    const handle = runtime.startPush();
    try {
      await vi.waitFor(() => expect(sent).toHaveLength(1));
      expect(sent[0]).toMatchObject({ chat_id: 7 });
      expect(String(sent[0]!.text)).toContain('2025-10-15');

      // The page with the 护学岗 article, uploaded by an admin: the bot's own upload path.
      const summary = await runtime.app.ingest.ingestUpload(readFileSync(path.join(SEEDS_DIR, '003_7f32786b762ade4c.txt')), '003.txt');
      handle.afterIngest(summary);
      await vi.waitFor(() => expect(sent).toHaveLength(2));
      expect(sent[1]!.chat_id).toBe(8);
      expect(String(sent[1]!.text)).toContain('全市293所学校公安“护学岗”将准时上线');
    } finally {
      await handle.stop();
      await runtime.close();
    }
  });
});
