import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../../bench/fakeBotApi.js';
import { openApp } from '../../src/app.js';
import { openRuntime } from '../../src/runtime.js';
import { run } from '../../src/commands/push.js';
import type { CommandEnv } from '../../src/commands/env.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { openSqliteStore } from '../../src/store/index.js';
import { deadPid } from '../helpers/deadPid.js';

/** `newsbot push` against a fake Bot API on 127.0.0.1, over a DATA_DIR in a temp folder. */
describe('newsbot push', () => {
  let dir: string;
  let api: FakeBotApi;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsbot-push-cmd-'));
    api = await startFakeBotApi({ latencyMs: 1, blockedChats: new Set([2]) });
  });
  afterEach(async () => {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function env(vars: Record<string, string>): { env: CommandEnv; out: () => string } {
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', TELEGRAM_API_ROOT: api.apiRoot, ...vars });
    const logger = createSilentLogger();
    const stdout = new PassThrough();
    let text = '';
    stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    return {
      env: {
        config,
        logger,
        stdout,
        stdin: new PassThrough(),
        clock: { now: () => new Date() },
        openApp: (corpus) => openApp({ config, logger, corpus }),
        openRuntime: (request) => openRuntime({ config, logger, clock: { now: () => new Date() }, ...request }),
      },
      out: () => text,
    };
  }

  it('sends the newest report to each active subscriber once, reports a blocked chat, exits 0 twice', async () => {
    const db = openSqliteStore(path.join(dir, 'newsbot.db'));
    const store = db.subscribers;
    for (const chat of [1, 2, 3]) await store.subscribe(chat, '08:00', chat === 3 ? 'en' : 'zh', new Date());
    await db.close();

    const first = env({ BOT_TOKEN: '123456:test' });
    expect(await run([], first.env)).toBe(0);
    const second = env({ BOT_TOKEN: '123456:test' });
    expect(await run([], second.env)).toBe(0);

    // The seeds' newest report is 2025-10-15 (page 004).
    expect(first.out()).toBe(
      'hotline report 2025-10-15: sent 2, skipped 0 (sent before or being sent), blocked 1 (deactivated), failed 0 (retried later)\n' +
        '  blocked chat 2: 403: Forbidden: bot was blocked by the user\n',
    );
    expect(second.out()).toBe(
      'hotline report 2025-10-15: sent 0, skipped 0 (sent before or being sent), blocked 0 (deactivated), failed 0 (retried later)\n',
    );
    expect([...api.delivered]).toEqual([
      [1, 1],
      [3, 1],
    ]);
    expect(api.stats.forbidden).toBe(1);
    expect(api.messages[0]!.text).toMatch(/^📬 <b>每日热线摘要<\/b>\n\n☎️ <b>12345 热线日报 · 2025-10-15<\/b>/);
    expect(api.messages[1]!.text).toMatch(/^📬 <b>Daily hotline summary<\/b>\n\n☎️ <b>12345 hotline/i);
    // The summary is HTML: push's own Api sets the parse mode (render/parseMode.ts), as the bot's does.
    expect(api.messages.map((message) => message.parseMode)).toEqual(['HTML', 'HTML']);
  });

  it('sends what a dead process on this host had claimed, and names claims another process holds', async () => {
    const db = openSqliteStore(path.join(dir, 'newsbot.db'));
    const store = db.subscribers;
    for (const chat of [1, 3, 4]) await store.subscribe(chat, '08:00', 'zh', new Date());
    const minuteAgo = new Date(Date.now() - 60_000);
    const dead = await deadPid();
    await store.claim({ chatId: 1, kind: 'hotline', itemKey: '2025-10-15' }, `${hostname()}:${dead}:1`, minuteAgo);
    await store.claim({ chatId: 3, kind: 'hotline', itemKey: '2025-10-15' }, 'elsewhere:42:777', minuteAgo);
    await db.close();

    const push = env({ BOT_TOKEN: '123456:test' });
    expect(await run([], push.env)).toBe(0);
    expect(push.out()).toBe(
      'hotline report 2025-10-15: sent 2, skipped 0 (sent before or being sent), blocked 0 (deactivated), failed 0 (retried later)\n' +
        '  released 1 claims of a process that died on this host: sent to by this run\n' +
        `  held 1 claims by elsewhere:42:777 since ${minuteAgo.toISOString()}: being sent there, ` +
        'or released by a restart on its host or when the 15-minute lease ends\n',
    );
    expect([...api.delivered].sort()).toEqual([
      [1, 1],
      [4, 1],
    ]);
  });

  it('--retry-failed sends again the deliveries that failed for good, and only those', async () => {
    const db = openSqliteStore(path.join(dir, 'newsbot.db'));
    const store = db.subscribers;
    for (const chat of [1, 3]) await store.subscribe(chat, '08:00', 'zh', new Date());
    // Chat 1 used its 5 tries on Telegram's refusals (before the outage work, an outage did this too).
    const key = { chatId: 1, kind: 'hotline' as const, itemKey: '2025-10-15' };
    for (let i = 0; i < 5; i++) {
      await store.claim(key, 'earlier-run', new Date());
      await store.markFailed(key, 'earlier-run', '400: Bad Request: message is too long', new Date());
    }
    await db.close();

    const plain = env({ BOT_TOKEN: '123456:test' });
    expect(await run([], plain.env)).toBe(0);
    expect(plain.out()).toBe(
      'hotline report 2025-10-15: sent 1, skipped 0 (sent before or being sent), blocked 0 (deactivated), failed 0 (retried later)\n',
    );
    const retry = env({ BOT_TOKEN: '123456:test' });
    expect(await run(['--retry-failed'], retry.env)).toBe(0);
    expect(retry.out()).toBe(
      'retrying 1 deliveries that had failed for good\n' +
        'hotline report 2025-10-15: sent 1, skipped 0 (sent before or being sent), blocked 0 (deactivated), failed 0 (retried later)\n',
    );
    expect([...api.delivered].sort()).toEqual([
      [1, 1],
      [3, 1],
    ]);
  });

  it('names a bad option', async () => {
    await expect(run(['--retry'], env({ BOT_TOKEN: '123456:test' }).env)).rejects.toThrow("Unknown option '--retry'");
  });

  it('needs BOT_TOKEN', async () => {
    await expect(run([], env({}).env)).rejects.toThrow('BOT_TOKEN is not set');
  });
});
