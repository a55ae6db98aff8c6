import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openApp } from '../../src/app.js';
import { pushServicesFrom } from '../../src/services.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { SEEDS_DIR } from '../../src/paths.js';
import { preparePush } from '../../src/push/index.js';
import { recordingApi } from './helpers.js';

/** startPush over the real app (seeds in memory, real search): catch-up at start, upload → alert, stop. */
describe('startPush', () => {
  it('catches up at start, alerts on an upload with real search matching, and stops', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const logger = createSilentLogger();
    const app = await openApp({ config, logger, corpus: [path.join(SEEDS_DIR, '004_477e742880208b76.txt')] });
    const now = new Date('2025-10-16T02:00:00Z'); // 10:00 in Shanghai
    const push = preparePush({ services: await pushServicesFrom(app), clock: { now: () => now }, logger, config });
    await push.deps.subscribers.subscribe(7, '08:00', 'zh', new Date('2025-10-15T12:00:00Z'));
    await push.deps.subscribers.follow(8, ['护学岗'], 'zh', now);
    const recorder = recordingApi();
    const handle = push.start(recorder.api);
    try {
      await vi.waitFor(() => expect(recorder.sent()).toHaveLength(1));
      expect(recorder.sent()[0]).toMatchObject({ chat_id: 7 });
      expect(String(recorder.sent()[0]!.text)).toContain('2025-10-15');

      // The page with the 护学岗 article, uploaded by an admin.
      const summary = await push.deps.ingestUpload(readFileSync(path.join(SEEDS_DIR, '003_7f32786b762ade4c.txt')), '003.txt');
      push.deps.afterIngest(summary);
      await vi.waitFor(() => expect(recorder.sent()).toHaveLength(2));
      const alert = recorder.calls[1]!.payload;
      expect(alert.chat_id).toBe(8);
      expect(String(alert.text)).toContain('全市293所学校公安“护学岗”将准时上线');
    } finally {
      await handle.stop();
      await app.close();
    }
  });
});
