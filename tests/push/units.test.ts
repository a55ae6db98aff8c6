import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GrammyError, HttpError } from 'grammy';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IngestSummary } from '../../src/types.js';
import { startOfDay } from '../../src/calendar.js';
import { formatHotlineReport } from '../../src/render/index.js';
import { createI18n, translatorFor } from '../../src/render/index.js';
import { createTrendChartRenderer } from '../../src/trend/index.js';
import { createSilentLogger } from '../../src/logger.js';
import {
  createInboxPoller,
  createPushRenderer,
  createTokenBucket,
  lastSlot,
  nextSlot,
  sortTelegramError,
} from '../../src/push/index.js';
import { article, at, hotline, safety } from './helpers.js';

const grammyError = (error_code: number, description: string, retry_after?: number) =>
  new GrammyError(
    `Call to 'sendMessage' failed! (${error_code}: ${description})`,
    { ok: false, error_code, description, ...(retry_after ? { parameters: { retry_after } } : {}) },
    'sendMessage',
    {},
  );

describe('sortTelegramError', () => {
  it.each([
    [grammyError(403, 'Forbidden: bot was blocked by the user'), 'deactivate'],
    [grammyError(403, 'Forbidden: bot was kicked from the group chat'), 'deactivate'],
    [grammyError(403, 'Forbidden: user is deactivated'), 'deactivate'],
    [grammyError(400, 'Bad Request: chat not found'), 'deactivate'],
    [grammyError(400, 'Bad Request: PEER_ID_INVALID'), 'deactivate'],
    [grammyError(429, 'Too Many Requests: retry after 90', 90), 'rate-limited'],
    [grammyError(400, "Bad Request: can't parse entities"), 'retry-later'],
    [grammyError(502, 'Bad Gateway'), 'unreachable'],
    [grammyError(500, 'Internal Server Error'), 'unreachable'],
    [new HttpError('Network request for sendMessage failed!', new Error('ECONNRESET')), 'unreachable'],
    [new Error('aborted'), 'unreachable'],
  ])('%s → %s', (error, action) => {
    expect(sortTelegramError(error).action).toBe(action);
  });

  it('names a network error by its code, never with the request URL', () => {
    const cause = Object.assign(new Error('request to http://x/bot1:secret/sendMessage failed'), { code: 'ECONNRESET' });
    expect(sortTelegramError(new HttpError('Network request for sendMessage failed!', cause))).toEqual({
      action: 'unreachable',
      reason: 'network: ECONNRESET',
    });
  });

  it('keeps the wait Telegram asked for and the reason', () => {
    expect(sortTelegramError(grammyError(429, 'Too Many Requests: retry after 90', 90))).toEqual({
      action: 'rate-limited',
      retryAfter: 90,
      reason: '429: Too Many Requests: retry after 90',
    });
  });
});

describe('daily slots in Asia/Shanghai', () => {
  it.each([
    ['08:00', '2025-02-21 08:30', '2025-02-21 08:00'],
    ['08:30', '2025-02-21 08:30', '2025-02-21 08:30'],
    ['09:00', '2025-02-21 08:30', '2025-02-20 09:00'],
    ['00:00', '2025-02-21 00:00', '2025-02-21 00:00'],
    ['23:59', '2025-03-01 00:10', '2025-02-28 23:59'],
  ])('%s at %s → last slot %s', (time, now, slot) => {
    expect(lastSlot(time, at(now), 'Asia/Shanghai')).toEqual(at(slot));
  });

  it('next slot is strictly after now; the day starts at local midnight', () => {
    expect(nextSlot('08:00', at('2025-02-21 08:00'), 'Asia/Shanghai')).toEqual(at('2025-02-22 08:00'));
    expect(startOfDay(at('2025-02-21 07:59'), 'Asia/Shanghai')).toEqual(new Date('2025-02-20T16:00:00Z'));
  });
});

describe('token bucket', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lets a burst through, then one message per interval', async () => {
    vi.useFakeTimers({ now: 0 });
    const bucket = createTokenBucket({ ratePerSecond: 10, burst: 3 });
    const done: number[] = [];
    const all = Array.from({ length: 7 }, () => bucket.take().then(() => done.push(Date.now())));
    await vi.runAllTimersAsync();
    await Promise.all(all);
    // 3 at once, then every 100 ms: never more than burst + rate × seconds.
    expect(done).toEqual([0, 0, 0, 100, 200, 300, 400]);
  });
});

describe('inbox poller', () => {
  const NOW = new Date('2025-02-21T00:00:00Z');

  /** An ingest that records the names it was given and reads each file but `unreadable` (a crashed or hung reader). */
  const recordingIngest = (ingested: string[][], unreadable?: string) => (paths: readonly string[]) => {
    const names = paths.map((p) => path.basename(p));
    ingested.push(names);
    const files = names.filter((name) => name !== unreadable).map((source) => ({ source, added: true, articles: 1, hotline: 0, safety: 0, warnings: [] }));
    const warnings = paths.filter((p) => path.basename(p) === unreadable).map((p) => `${p}: the page reader stopped answering, skipped`);
    const summary: IngestSummary = { files, newArticles: [], newHotline: [], newSafety: [], redatedPages: 0, warnings, errors: [] };
    return Promise.resolve(summary);
  };

  /** Writes a file in `dir` changed `secondsBeforeNow` before the pinned clock: no race with the real one. */
  const toucherIn = (dir: string) => (name: string, text: string, secondsBeforeNow: number) => {
    writeFileSync(path.join(dir, name), text);
    const time = new Date(NOW.getTime() - secondsBeforeNow * 1000);
    utimesSync(path.join(dir, name), time, time);
  };

  it('reads a settled new file once, again when it changes, and skips partial downloads', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-inbox-'));
    try {
      const ingested: string[][] = [];
      const poller = createInboxPoller({ dir, ingest: recordingIngest(ingested), logger: createSilentLogger(), settleMs: 2000, now: () => NOW.getTime() });
      const touch = toucherIn(dir);
      touch('page.txt', '第一版', 60);
      touch('copying.txt', '半个', 1); // changed 1 s ago: still being copied
      touch('page2.txt.part', '下载中', 60);

      await poller.poll();
      await poller.poll();
      touch('page.txt', '第一版（更正）', 30);
      await poller.poll();
      expect(ingested).toEqual([['page.txt'], ['page.txt']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a file that gives no page at the next polls, three times in all, then warns once and waits until it changes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-inbox-'));
    try {
      const ingested: string[][] = [];
      const logger = createSilentLogger();
      const poller = createInboxPoller({ dir, ingest: recordingIngest(ingested, 'stuck.png'), logger, settleMs: 0, now: () => NOW.getTime() });
      const warn = vi.spyOn(logger, 'warn');
      const touch = toucherIn(dir);
      touch('stuck.png', 'png', 60);
      touch('ok.txt', '第一版', 60);
      for (let poll = 0; poll < 5; poll++) await poller.poll();
      expect(ingested).toEqual([['ok.txt', 'stuck.png'], ['stuck.png'], ['stuck.png']]);
      expect(warn.mock.calls).toEqual([[{ file: 'stuck.png', reads: 3 }, 'inbox: a file gave no page; it is read again when it changes']]);
      touch('stuck.png', 'png, sent again', 30);
      await poller.poll();
      await poller.poll();
      expect(ingested.slice(3)).toEqual([['stuck.png'], ['stuck.png']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('push renderer', () => {
  const i18n = createI18n();

  it('writes the summary under its heading exactly as /hotline does, one message with the safety report and its two buttons', () => {
    const render = createPushRenderer(i18n, createTrendChartRenderer());
    const report = hotline('2025-02-20', 1215);
    const previous = hotline('2025-02-19', 1180);
    const message = render.summary({ report, previous, safety: safety('2025-02-20', 12) }, 'zh');
    expect(message.text).toBe(
      `📬 <b>每日热线摘要</b>\n\n${formatHotlineReport(report, previous, safety('2025-02-20', 12), translatorFor(i18n, 'zh'))}`,
    );
    expect(message.text).toContain('1215');
    expect(message.text).toContain('▲35');
    // HTML and no link previews come from the Api it is sent with (render/parseMode.ts's htmlMessages).
    expect(JSON.parse(JSON.stringify(message.options))).toEqual({
      reply_markup: { inline_keyboard: [[{ text: '⏰ 改推送时间', callback_data: 'u:t' }, { text: '🔕 退订', callback_data: 'u:off' }]] },
    });
    expect(render.summary({ report, previous, safety: undefined }, 'en').text.split('\n')[0]).toBe('📬 <b>Daily hotline summary</b>');
  });

  it('writes an alert with the title escaped, the snippet as given, and the read button', () => {
    const render = createPushRenderer(i18n, createTrendChartRenderer());
    const message = render.alert(article('a1b2', '<护学岗> & 家长', '正文'), '护学岗', '…<b>护学岗</b>志愿者…', 'zh');
    expect(message.text).toBe('🔔 新文章提到了“护学岗”\n<b>&lt;护学岗&gt; &amp; 家长</b>\n西宁晚报 · 2025年2月21日\n…<b>护学岗</b>志愿者…');
    expect(JSON.parse(JSON.stringify(message.options?.reply_markup))).toEqual({
      inline_keyboard: [[{ text: '📖 阅读全文', callback_data: 'a:a1b2:0' }]],
    });
    expect(render.alert(article('a1b2', 'T', 'B'), 'kw', '', 'en').text).toBe('🔔 A new article mentions “kw”\n<b>T</b>\nXining Evening News · 2025-02-21');
  });
});

describe('at()', () => {
  it('is Shanghai wall-clock time', () => {
    expect(at('2025-02-21 08:00').toISOString()).toBe('2025-02-21T00:00:00.000Z');
  });
});
