import { GrammyError, HttpError } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import {
  connectToTelegram,
  createOutageReporter,
  describeApiError,
  describePollingStop,
} from '../../src/process/telegramApi.js';
import { LEVEL, recordingLogger } from '../helpers/recordingLogger.js';

const TOKEN = '123456:SECRET';
const ROOT = 'http://127.0.0.1:9';
const ME = { id: 1, is_bot: true, first_name: 'bot', username: 'news_bot' } as UserFromGetMe;

const refused = () =>
  new HttpError("Network request for 'getMe' failed!", Object.assign(new Error(`request to ${ROOT}/bot${TOKEN}/getMe failed, reason: connect ECONNREFUSED`), { code: 'ECONNREFUSED' }));
const telegram = (code: number, description: string) =>
  new GrammyError(`Call to 'getMe' failed! (${code}: ${description})`, { ok: false, error_code: code, description }, 'getMe', {});

describe('describeApiError', () => {
  it.each([
    [telegram(401, 'Unauthorized'), '401: Unauthorized'],
    [refused(), 'network: ECONNREFUSED'],
    [new HttpError('x', new Error(`request to ${ROOT}/bot${TOKEN}/getMe failed`)), `network: request to ${ROOT}/bot<BOT_TOKEN>/getMe failed`],
    [new HttpError('x', Object.assign(new Error('aborted'), { name: 'AbortError' })), 'no answer (timed out)'],
  ])('%s → %s (never the token)', (error, text) => {
    expect(describeApiError(error, TOKEN)).toBe(text);
  });
});

describe('connectToTelegram', () => {
  const options = (logger: ReturnType<typeof recordingLogger>['logger'], extra = {}) => ({
    apiRoot: ROOT, token: TOKEN, logger, firstPauseMs: 1, attemptTimeoutMs: 1000, deadlineMs: 5000, ...extra,
  });

  it('logs each failure with its reason and returns the bot once getMe answers', async () => {
    const log = recordingLogger();
    let calls = 0;
    const me = await connectToTelegram(async () => {
      calls++;
      if (calls === 1) throw refused();
      if (calls === 2) throw telegram(502, 'Bad Gateway');
      return ME;
    }, options(log.logger));
    expect(me).toEqual(ME);
    expect(log.entries).toMatchObject([
      { level: LEVEL.warn, api_root: ROOT, attempt: 1, reason: 'network: ECONNREFUSED', msg: 'cannot reach the Telegram Bot API yet' },
      { level: LEVEL.warn, api_root: ROOT, attempt: 2, reason: '502: Bad Gateway', msg: 'cannot reach the Telegram Bot API yet' },
    ]);
    expect(JSON.stringify(log.entries)).not.toContain(TOKEN);
  });

  it('a refused token (401) ends it at once, naming the API root', async () => {
    let calls = 0;
    const connecting = connectToTelegram(async () => {
      calls++;
      throw telegram(401, 'Unauthorized');
    }, options(recordingLogger().logger));
    await expect(connecting).rejects.toThrow(
      `the Bot API at ${ROOT} refused BOT_TOKEN (401: Unauthorized): check the token and TELEGRAM_API_ROOT`,
    );
    expect(calls).toBe(1);
  });

  it('an API that never answers: gives up at the deadline with one line naming the API root', async () => {
    const log = recordingLogger();
    const never = (signal: AbortSignal) =>
      new Promise<UserFromGetMe>((_, reject) => signal.addEventListener('abort', () => reject(new HttpError('x', new Error('aborted')))));
    await expect(connectToTelegram(never, options(log.logger, { attemptTimeoutMs: 50, deadlineMs: 1000 }))).rejects.toThrow(
      `cannot reach the Telegram Bot API at ${ROOT} within 1 s (last: no answer (timed out))`,
    );
    expect(log.entries.length).toBeGreaterThan(1);
    expect(new Set(log.entries.map((entry) => entry.reason))).toEqual(new Set(['no answer (timed out)']));
  });

  it('a stop while connecting ends it at once', async () => {
    const stop = new AbortController();
    const never = (signal: AbortSignal) =>
      new Promise<UserFromGetMe>((_, reject) => signal.addEventListener('abort', () => reject(new HttpError('x', new Error('aborted')))));
    const connecting = connectToTelegram(never, options(recordingLogger().logger, { signal: stop.signal }));
    stop.abort();
    await expect(connecting).rejects.toThrow('stopped before Telegram answered');
  });
});

describe('outage reporter', () => {
  it('logs an outage when it starts, once a minute while it lasts, and when it ends', () => {
    const log = recordingLogger();
    let now = 0;
    const outage = createOutageReporter(log.logger, 60_000, () => now);
    for (now = 0; now <= 150_000; now += 3000) outage.failed('network: ECONNREFUSED');
    outage.succeeded();
    outage.succeeded();
    expect(log.entries.map(({ level, msg, down_seconds }) => ({ level, msg, down_seconds }))).toEqual([
      { level: LEVEL.warn, msg: 'Telegram is unreachable: retrying (logged once a minute until it answers)', down_seconds: undefined },
      { level: LEVEL.warn, msg: 'Telegram is still unreachable: retrying', down_seconds: 60 },
      { level: LEVEL.warn, msg: 'Telegram is still unreachable: retrying', down_seconds: 120 },
      { level: LEVEL.info, msg: 'Telegram answers again: resumed', down_seconds: 153 },
    ]);
  });
});

describe('describePollingStop', () => {
  it.each([
    [
      telegram(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'),
      '409 Conflict from Telegram: another process takes this bot\'s updates (a second newsbot start, or a webhook): ' +
        'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    ],
    [telegram(401, 'Unauthorized'), '401 Unauthorized from Telegram: BOT_TOKEN was revoked or is wrong'],
  ])('%s', (error, text) => {
    expect(describePollingStop(error, TOKEN)).toBe(text);
  });
});
