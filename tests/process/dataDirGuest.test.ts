/**
 * Every command that writes DATA_DIR takes its lock, or works beside the running bot that
 * holds it without rebuilding the bot's search index: `newsbot ingest` and `newsbot push`
 * beside `newsbot start` (on the fake Bot API), and a push with the wrong settings, which
 * refuses in one line naming the bot. Needs `npm run build`.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../../bench/fakeBotApi.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { LOCK_FILE } from '../../src/process/dataDirLock.js';
import { launchCli, logLines, type Running } from '../support/cliProcess.js';
import { createTestDatabase, postgresUrl } from '../support/postgres.js';

const TOKEN = '123456:TEST';
// Not a seed page: only `newsbot ingest` stores it.
const PAGE = path.join(PROJECT_ROOT, 'tests', 'corpus', 'fixtures', 'headline-after-body.txt');

describe('the DATA_DIR lock for every writer', { timeout: 180_000 }, () => {
  let dir: string;
  let api: FakeBotApi;
  const running: Running[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsbot-guest-'));
    api = await startFakeBotApi({ latencyMs: 1, pollHoldMs: 200 });
  });
  afterEach(async () => {
    for (const r of running.splice(0)) {
      if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
      await r.exited;
    }
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cli = (args: string[], env: Record<string, string>) => {
    const r = launchCli(args, { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, ...env });
    running.push(r);
    return r;
  };
  const lastLine = (r: Running) => r.stderr().trim().split('\n').at(-1);
  const lockHolder = (dataDir: string) => (JSON.parse(readFileSync(path.join(dataDir, LOCK_FILE), 'utf8')) as { command: string }).command;

  it('ingest and push hold the lock alone and leave none; beside a running bot they work and leave its lock alone', async () => {
    const dataDir = path.join(dir, 'data');
    const ingest = cli(['ingest', PAGE], { DATA_DIR: dataDir });
    expect(await ingest.exited).toBe(0);
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);

    const bot = cli(['start'], { DATA_DIR: dataDir });
    await bot.waitFor('"msg":"bot started"');
    expect(lockHolder(dataDir)).toBe('start');
    const again = cli(['ingest', PAGE], { DATA_DIR: dataDir });
    const push = cli(['push'], { DATA_DIR: dataDir });
    expect([await again.exited, await push.exited]).toEqual([0, 0]);
    expect(lockHolder(dataDir)).toBe('start');

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(logLines(bot.stderr()).filter((line) => line.msg.includes('rebuilding'))).toEqual([]);
  });

  it.skipIf(!postgresUrl)(
    'a push with the wrong settings beside a running bot refuses in one line naming it, and leaves its index as it was',
    async () => {
      const db = await createTestDatabase();
      try {
        const botDir = path.join(dir, 'bot');
        // Another instance stores a page in the shared database: the bot's index has it, DATA_DIR's SQLite never will.
        expect(await cli(['ingest', PAGE], { DATA_DIR: path.join(dir, 'other'), DATABASE_URL: db.url }).exited).toBe(0);
        const bot = cli(['start'], { DATA_DIR: botDir, DATABASE_URL: db.url });
        await bot.waitFor('"msg":"bot started"');
        const indexFiles = readdirSync(path.join(botDir, 'search-index')).sort();

        // The right settings: a guest of the bot, it pushes.
        expect(await cli(['push'], { DATA_DIR: botDir, DATABASE_URL: db.url }).exited).toBe(0);
        // DATABASE_URL forgotten: its SQLite store does not match the bot's index.
        const wrong = cli(['push'], { DATA_DIR: botDir });
        expect(await wrong.exited).toBe(1);
        const since = (JSON.parse(readFileSync(path.join(botDir, LOCK_FILE), 'utf8')) as { since: string }).since;
        expect(lastLine(wrong)).toMatch(
          new RegExp(
            `^newsbot: DATA_DIR ${botDir} is in use by pid ${bot.child.pid} on .+ \\(newsbot start, since ${since}\\), ` +
              'and its search index does not match the articles this run sees \\(other DATABASE_URL or DATA_DIR\\?\\): ' +
              'not rebuilding it under that process; run with its settings, or stop it first$',
          ),
        );
        expect(readdirSync(path.join(botDir, 'search-index')).sort()).toEqual(indexFiles);
        expect(lockHolder(botDir)).toBe('start');

        bot.child.kill('SIGTERM');
        expect(await bot.exited).toBe(0);
      } finally {
        await db.drop();
      }
    },
  );
});
