/**
 * Faults outside the bot, through the built `newsbot start` against the fake Bot API
 * (bench/fakeBotApi.ts): chart storms, Telegram unreachable mid-broadcast, secrets in
 * the logs. What is asserted is what readers and operators see: the messages sent,
 * their exact texts, the log lines. No timing is asserted (the chaos run measures it).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.js';
import { logLines } from '../support/cliProcess.js';
import { runningBots, type RunningBotOptions } from '../support/runningBot.js';
import { freePort } from '../../bench/ports.js';
import { PAGES_DIR } from '../trend/helpers.js';

const TOKEN = '123456:OUTAGE-token';

let updateId = 1000;
/** A private message from reader `chatId`, with its command entity. */
function message(chatId: number, text: string): Record<string, unknown> {
  const command = /^\/\w+/.exec(text);
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: 1740000000,
      chat: { id: chatId, type: 'private', first_name: '读者' },
      from: { id: chatId, is_bot: false, first_name: '读者', language_code: 'zh' },
      text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
    },
  };
}

describe('newsbot start under faults', { timeout: 180_000 }, () => {
  const bots = runningBots();
  afterEach(() => bots.closeAll());

  /** `newsbot start` (LOG_LEVEL info) on a fake Bot API of its own, ready once it logs "bot started". */
  const start = (options: RunningBotOptions = {}) =>
    bots.start({ token: TOKEN, logLevel: 'info', ready: 'started', ...options, api: { pollHoldMs: 200, ...options.api } });

  it('charts: drawn once per span, a reader past 3 new charts a minute is told to wait, and /metrics counts it', async () => {
    // Fourteen daily hotline pages in the inbox: /trend has something to draw.
    const metricsPort = await freePort();
    const bot = await start({ inboxFrom: [PAGES_DIR], env: { METRICS_PORT: String(metricsPort), METRICS_TOKEN: 'scrape-me-0123456789' } });

    const answers: { method: string; text: string }[] = [];
    for (const days of [5, 6, 7, 8, 5]) {
      bot.send(message(77, `/trend ${days}`));
      const { method, text } = await bot.messageTo(77, answers.length);
      answers.push({ method, text: text.split('\n')[0]! });
    }
    expect(answers).toEqual([
      { method: 'sendPhoto', text: '📈 <b>12345 热线 · 2025-10-30 至 2025-11-03</b>（5 份日报）' },
      { method: 'sendPhoto', text: '📈 <b>12345 热线 · 2025-10-29 至 2025-11-03</b>（6 份日报）' },
      { method: 'sendPhoto', text: '📈 <b>12345 热线 · 2025-10-28 至 2025-11-03</b>（7 份日报）' },
      { method: 'sendMessage', text: '你一分钟内已经要了好几张新图表，请过一分钟再试（画过的图表随时可以再看）。' },
      // Drawn already: from the cache, not counted against the reader.
      { method: 'sendPhoto', text: '📈 <b>12345 热线 · 2025-10-30 至 2025-11-03</b>（5 份日报）' },
    ]);

    // METRICS_TOKEN: /metrics wants it; with it, the chart counts.
    const url = `http://127.0.0.1:${metricsPort}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    const metrics = await (await fetch(url, { headers: { authorization: 'Bearer scrape-me-0123456789' } })).text();
    expect(metrics.split('\n').filter((line) => line.startsWith('newsbot_charts{'))).toEqual([
      'newsbot_charts{outcome="drawn"} 3',
      'newsbot_charts{outcome="reused"} 1',
      'newsbot_charts{outcome="refused"} 1',
    ]);
    await bot.stopCleanly();
  });

  it('a reply lost to the network is logged without the token (one redaction for every line)', async () => {
    const bot = await start({ env: { WEBHOOK_SECRET: 'hook-secret-0123' } });
    bot.api.setFault({ drop: true, methods: ['sendMessage'] });
    bot.send(message(78, '护学岗'));
    await bot.waitForLog('"msg":"could not tell the user about the error"');
    await bot.stopCleanly();
    const failed = logLines(bot.stderr()).find((line) => line.msg === 'handler failed');
    // The request URL (with the token) is in the error's cause: it is there, redacted.
    expect(JSON.stringify(failed)).toContain('/bot<redacted>/sendMessage');
    for (const secret of [TOKEN, 'OUTAGE-token', 'hook-secret-0123']) expect(bot.stderr()).not.toContain(secret);
  });

  it('Telegram unreachable mid-broadcast: the broadcast pauses, resumes when it answers, each reader gets the summary once', async () => {
    const readers = 30;
    const subscribed = async (dataDir: string) => {
      const db = openSqliteStore(path.join(dataDir, 'newsbot.db'));
      const longAgo = new Date(Date.now() - 3 * 24 * 3600_000);
      for (let chat = 1; chat <= readers; chat++) await db.subscribers.subscribe(chat, '00:00', 'zh', longAgo);
      await db.close();
    };
    const bot = await start({ prepare: subscribed, api: { latencyMs: 30 }, ready: 'spawned' });
    const { api } = bot;

    await bot.until('5 readers served', () => api.delivered.size >= 5);
    api.setFault({ drop: true });
    // Well into the outage: several tries (probes and long polls) refused.
    await bot.until('6 tries refused', () => api.stats.dropped >= 6);
    api.setFault(null);
    await bot.until('every reader served', () => api.delivered.size === readers);
    await bot.stopCleanly();

    expect([...api.delivered].filter(([, count]) => count !== 1), bot.stderr()).toEqual([]);
    const lines = logLines(bot.stderr());
    expect(lines.filter((line) => line.level >= 40).map((line) => line.msg), bot.stderr()).toEqual([
      'Telegram is unreachable: retrying (logged once a minute until it answers)',
    ]);
    expect(lines.filter((line) => line.msg === 'Telegram answers again: resumed')).toHaveLength(1);
    // No try was used up by the outage: every delivery went out on its first counted try.
    const after = new Database(path.join(bot.dataDir, 'newsbot.db'), { readonly: true });
    const rows = after.prepare("SELECT status, MAX(attempts) AS attempts, COUNT(*) AS n FROM deliveries GROUP BY status").all();
    after.close();
    expect(rows).toEqual([{ status: 'sent', attempts: 1, n: readers }]);
  });
});
