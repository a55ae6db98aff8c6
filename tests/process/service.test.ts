/**
 * The built `newsbot start` as a service manager runs it: against a fake Bot API
 * that fails setMyCommands, refuses the token, answers 409, or never answers; two
 * starts on one DATA_DIR; SIGTERM to `npm start`. Needs `npm run build`.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeBotApi } from '../../bench/fakeBotApi.js';
import { LOCK_FILE } from '../../src/process/dataDirLock.js';
import { launch, logLines } from '../support/cliProcess.js';
import { runningBots, type RunningBotOptions } from '../support/runningBot.js';

const TOKEN = '123456:TEST';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('newsbot start as a service', { timeout: 120_000 }, () => {
  const bots = runningBots();
  afterEach(() => bots.closeAll());

  /** `newsbot start` (LOG_LEVEL info) on a fake Bot API of its own (`api`); waits for nothing: some of these starts fail. */
  const start = (options: RunningBotOptions = {}) =>
    bots.start({ token: TOKEN, logLevel: 'info', ready: 'spawned', ...options, api: { pollHoldMs: 200, ...options.api } });

  it('a failed setMyCommands is a warning: the bot starts, holds the DATA_DIR lock, stops on SIGTERM and frees it', async () => {
    const bot = await start({ api: { failMethods: { setMyCommands: 400 } } });
    await bot.waitForLog('"msg":"bot started"');
    const lockFile = path.join(bot.dataDir, LOCK_FILE);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ command: 'start' });

    // A second bot on the same DATA_DIR refuses, naming the first.
    const second = await start({ sharedApi: bot.api, dataDir: bot.dataDir });
    expect(await second.exited()).toBe(1);
    const since = (JSON.parse(readFileSync(lockFile, 'utf8')) as { since: string }).since;
    expect(second.stderr().trim().split('\n').at(-1)).toMatch(
      new RegExp(`^newsbot: DATA_DIR ${bot.dataDir} is in use by pid ${bot.pid()} on .+ \\(newsbot start, since ${since}\\); stop it first$`),
    );

    await bot.stopCleanly();
    expect(existsSync(lockFile)).toBe(false);
    const warnings = logLines(bot.stderr()).filter((line) => line.level === 40);
    expect(warnings).toMatchObject([
      { msg: 'could not set the command menu (setMyCommands): going on without it', reason: '400: Bad Request: invalid parameters' },
    ]);
  });

  it('a refused token: one line naming the API root, exit 1', async () => {
    const bot = await start({ api: { failMethods: { getMe: 401 } } });
    expect(await bot.exited()).toBe(1);
    expect(bot.stderr().trim().split('\n').at(-1)).toBe(
      `newsbot: the Bot API at ${bot.api.apiRoot} refused BOT_TOKEN (401: Unauthorized): check the token and TELEGRAM_API_ROOT`,
    );
    expect(bot.stderr()).not.toContain(TOKEN);
  });

  it('409 from Telegram (another poller) is logged as such and stops the bot', async () => {
    const bot = await start({ api: { failMethods: { getUpdates: 409 } } });
    expect(await bot.exited()).toBe(1);
    expect(logLines(bot.stderr()).filter((line) => line.level === 60)).toMatchObject([
      {
        msg: 'polling stopped: the bot stops',
        reason:
          "409 Conflict from Telegram: another process takes this bot's updates (a second newsbot start, or a webhook): " +
          'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
      },
    ]);
    expect(existsSync(path.join(bot.dataDir, LOCK_FILE))).toBe(false);
  });

  it('SIGTERM while an API that never answers is being asked: stops at once, exit 0, lock freed', async () => {
    const bot = await start({ api: { silent: true } });
    // The lock is taken first, then the store opens, then getMe is asked (and never answered).
    await bot.until('the DATA_DIR lock', () => existsSync(path.join(bot.dataDir, LOCK_FILE)));
    await bot.until('getMe to be asked', () => (bot.api.methods.get('getMe') ?? 0) > 0);
    await bot.stopCleanly();
    expect(existsSync(path.join(bot.dataDir, LOCK_FILE))).toBe(false);
  });

  it('SIGTERM to `npm start` stops the node process too (no orphan still polling)', async () => {
    // Not the fixture: `npm start` (package.json's script) is what is under test, not `node dist/src/cli.js start`.
    const api = await startFakeBotApi({ latencyMs: 1, pollHoldMs: 200 });
    const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-service-'));
    // The operator's own node options, which the script keeps beside its own.
    const npm = launch('npm', ['start', '--silent'], { BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, DATA_DIR: dir, NODE_OPTIONS: '--max-old-space-size=2048' });
    try {
      await npm.waitFor('"msg":"bot started"');
      const holder = JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as { owner: string };
      const botPid = Number(holder.owner.split(':')[1]);
      expect(alive(botPid)).toBe(true);
      // scripts/tuned-node.sh asks glibc's malloc for transparent huge pages and node for a larger young generation (README: running it as a service).
      const environment = readFileSync(`/proc/${botPid}/environ`, 'utf8').split('\0');
      const variable = (name: string) => environment.find((entry) => entry.startsWith(`${name}=`))?.slice(name.length + 1) ?? '';
      expect(variable('GLIBC_TUNABLES')).toBe('glibc.malloc.hugetlb=1');
      expect(variable('NODE_OPTIONS').split(' ')).toEqual(['--max-old-space-size=2048', '--max-semi-space-size=32']);
      npm.child.kill('SIGTERM');
      await npm.exited;
      for (let i = 0; i < 100 && alive(botPid); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(alive(botPid)).toBe(false);
      expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    } finally {
      if (npm.child.exitCode === null && npm.child.signalCode === null) npm.child.kill('SIGKILL');
      await npm.exited;
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('scripts/tuned-node.sh adds its settings to those already set', async () => {
    // Read by node itself: /proc/PID/environ shows only the first of several tunables once glibc 2.36 has parsed them.
    const script = launch('scripts/tuned-node.sh', ['-e', 'process.stderr.write(JSON.stringify([process.env.GLIBC_TUNABLES, process.env.NODE_OPTIONS]))'], {
      GLIBC_TUNABLES: 'glibc.malloc.arena_max=4',
      NODE_OPTIONS: '--max-old-space-size=2048',
    });
    expect(await script.exited).toBe(0);
    expect(JSON.parse(script.stderr())).toEqual(['glibc.malloc.arena_max=4:glibc.malloc.hugetlb=1', '--max-old-space-size=2048 --max-semi-space-size=32']);
  });
});
