/** Launch data checked by Telegram's algorithm: signed by the bot's token, at most a day old, naming a user. */
import { describe, expect, it } from 'vitest';
import { checkInitData, INIT_DATA_MAX_AGE_SECONDS } from '../../src/webapp/index.js';
import { signLaunchData } from '../support/launchData.js';

const TOKEN = '123456:ABC-test_token';
const NOW = new Date('2025-11-04T08:00:00Z');
const nowSeconds = NOW.getTime() / 1000;

describe('checkInitData', () => {
  it('accepts launch data Telegram signed with this token, and reads the user and the start parameter', () => {
    const raw = signLaunchData(TOKEN, { userId: 77, languageCode: 'en', authDate: nowSeconds - 60, startParam: 'a_0123456789ab' });
    expect(checkInitData(raw, TOKEN, NOW)).toEqual({
      ok: true,
      data: { user: { id: 77, firstName: '读者', languageCode: 'en' }, authDate: new Date((nowSeconds - 60) * 1000), startParam: 'a_0123456789ab' },
    });
  });

  it('refuses data signed with another token (a key derived the other way round is another token too)', () => {
    const raw = signLaunchData('654321:OTHER', { userId: 77, authDate: nowSeconds });
    expect(checkInitData(raw, TOKEN, NOW)).toEqual({ ok: false, reason: 'launch data signature does not match: open the reader from the bot in Telegram' });
  });

  it('refuses data whose user was changed after signing', () => {
    const raw = signLaunchData(TOKEN, { userId: 77, authDate: nowSeconds }).replace(/%22id%22%3A77/, '%22id%22%3A78');
    expect(raw).toContain('%22id%22%3A78');
    expect(checkInitData(raw, TOKEN, NOW)).toMatchObject({ ok: false, reason: 'launch data signature does not match: open the reader from the bot in Telegram' });
  });

  it('accepts data 24 hours old and refuses it a second later', () => {
    const raw = signLaunchData(TOKEN, { userId: 77, authDate: nowSeconds - INIT_DATA_MAX_AGE_SECONDS });
    expect(checkInitData(raw, TOKEN, NOW).ok).toBe(true);
    expect(checkInitData(raw, TOKEN, new Date(NOW.getTime() + 1000))).toEqual({
      ok: false,
      reason: 'launch data expired (older than 24 hours): open the reader from the bot again',
    });
  });

  it('refuses data dated more than five minutes ahead of the server', () => {
    const raw = signLaunchData(TOKEN, { userId: 77, authDate: nowSeconds + 301 });
    expect(checkInitData(raw, TOKEN, NOW)).toEqual({ ok: false, reason: 'launch data dated in the future: check the server clock' });
  });

  it.each([
    [null, 'no launch data: open the reader from the bot in Telegram'],
    ['', 'no launch data: open the reader from the bot in Telegram'],
    ['auth_date=1&user=%7B%22id%22%3A1%7D', 'launch data not signed: open the reader from the bot in Telegram'],
    ['auth_date=1&hash=zz', 'launch data not signed: open the reader from the bot in Telegram'],
  ])('refuses %j: %s', (raw, reason) => {
    expect(checkInitData(raw, TOKEN, NOW)).toEqual({ ok: false, reason });
  });
});
