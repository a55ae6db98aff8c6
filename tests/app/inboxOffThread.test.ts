import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openRuntime } from '../../src/runtime.js';
import { BOT_INFO } from '../bot/helpers.js';
import { loadConfig } from '../../src/config.js';
import { parsePage } from '../../src/corpus/index.js';
import type { ParsedPage } from '../../src/types.js';
import { recordingLogger } from '../helpers/recordingLogger.js';

const FIXTURE = path.join(import.meta.dirname, '..', 'corpus', 'fixtures', 'headline-after-body.txt');

describe('the inbox poll parses new pages off the event loop', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsbot-offthread-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('push\'s ingest (the inbox poll) hands new pages to the worker parser; newsbot ingest parses in its own thread', async () => {
    const parsedOffThread: string[] = [];
    // Records what went to the worker and parses as the worker would (the worker itself is tested in tests/corpus).
    const parseOffThread = async (bytes: Uint8Array, source: string): Promise<ParsedPage | { error: string }> => {
      parsedOffThread.push(path.basename(source));
      return parsePage(bytes, source);
    };
    const config = loadConfig({ DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' });
    const runtime = await openRuntime({
      config,
      logger: recordingLogger().logger,
      clock: { now: () => new Date() },
      parseOffThread,
      token: '1:test',
      bot: { botInfo: BOT_INFO, rateLimit: false },
      push: { pollSeconds: 1 },
    });
    // Nothing is owed to anyone: the catch-up sends nothing, but no call may leave the test.
    runtime.bot.api.config.use(async () => ({ ok: true, result: true }) as never);
    const { app } = runtime;
    try {
      const expected = parsePage(readFileSync(FIXTURE), 'dropped.txt');
      if ('error' in expected) throw new Error(expected.error);
      // Dropped after the start: the startup sync parses in the main thread, the poll off it.
      copyFileSync(FIXTURE, path.join(app.inboxDir!, 'dropped.txt'));
      const push = runtime.startPush();
      try {
        await vi.waitFor(
          async () => {
            const titles = (await app.store.pages.allArticles()).map((a) => a.title);
            expect(titles).toEqual(expect.arrayContaining(expected.items.map((a) => a.title)));
          },
          { timeout: 15_000, interval: 100 },
        );
      } finally {
        await push.stop();
      }
      expect(parsedOffThread).toEqual(['dropped.txt']);

      // `newsbot ingest` (no event loop to keep free) parses in its own thread
      const other = path.join(dir, 'other.txt');
      // one more line break: other bytes, so a new page for the store
      writeFileSync(other, Buffer.concat([readFileSync(FIXTURE), Buffer.from('\n')]));
      const cli = await app.ingest.ingestPaths([other]);
      expect(cli.files.map((file) => [file.source, file.added])).toEqual([['other.txt', true]]);
      expect(parsedOffThread).toEqual(['dropped.txt']);
    } finally {
      await runtime.close();
    }
  });
});
