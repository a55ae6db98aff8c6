/**
 * Telegram's launch data (`initData`), checked the way Telegram documents it
 * ("Validating data received via the Mini App"): the data-check string is every
 * field but `hash`, as `key=value` sorted by key and joined by line feeds; its
 * HMAC-SHA256 under the key HMAC-SHA256("WebAppData", bot token) must equal
 * `hash`. Written on node:crypto (a dozen lines) rather than a package: the
 * maintained one (@telegram-apps/init-data-node) brings a schema library and
 * four more packages for the same two HMACs.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Launch data older than this is refused: Telegram signs it when the app opens. */
export const INIT_DATA_MAX_AGE_SECONDS = 24 * 60 * 60;
/** A clock this far ahead of ours is still accepted (phones' clocks drift; ours may lag). */
const FUTURE_SKEW_SECONDS = 5 * 60;

/** The Telegram user who opened the app, as the launch data names them. */
export interface LaunchUser {
  readonly id: number;
  readonly firstName: string;
  /** IETF tag of the user's Telegram language (`zh-hans`, `en`), or null. */
  readonly languageCode: string | null;
}

/** Checked launch data. */
export interface LaunchData {
  readonly user: LaunchUser;
  /** When Telegram signed it. */
  readonly authDate: Date;
  /** `startapp` of a deep link, or null. */
  readonly startParam: string | null;
}

export type LaunchCheck = { readonly ok: true; readonly data: LaunchData } | { readonly ok: false; readonly reason: string };

/** The data-check string of signed launch data: every field but `hash`, `key=value`, sorted by key, one a line. */
export function dataCheckString(fields: URLSearchParams): string {
  return [...fields]
    .filter(([key]) => key !== 'hash')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
}

/** HMAC-SHA256 of the data-check string under the key derived from the bot token, hex. */
export function initDataHash(checkString: string, botToken: string): string {
  const secret = createHmac('sha256', 'WebAppData').update(botToken).digest();
  return createHmac('sha256', secret).update(checkString).digest('hex');
}

function parseUser(json: string | null): LaunchUser | null {
  if (json === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  const user = value as { id?: unknown; first_name?: unknown; language_code?: unknown } | null;
  if (typeof user !== 'object' || user === null || !Number.isSafeInteger(user.id)) return null;
  return {
    id: user.id as number,
    firstName: typeof user.first_name === 'string' ? user.first_name : '',
    languageCode: typeof user.language_code === 'string' ? user.language_code : null,
  };
}

/**
 * Checks raw launch data (the `tgWebAppData` string the app was opened with) against the bot
 * token and its age at `now`. The reasons are one line each, for the 401 answer.
 */
export function checkInitData(raw: string | null, botToken: string, now: Date, maxAgeSeconds = INIT_DATA_MAX_AGE_SECONDS): LaunchCheck {
  if (raw === null || raw.trim() === '') return { ok: false, reason: 'no launch data: open the reader from the bot in Telegram' };
  const fields = new URLSearchParams(raw);
  const hash = fields.get('hash');
  if (hash === null || !/^[0-9a-f]{64}$/i.test(hash)) return { ok: false, reason: 'launch data not signed: open the reader from the bot in Telegram' };
  const expected = Buffer.from(initDataHash(dataCheckString(fields), botToken), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(hash.toLowerCase(), 'hex'))) {
    return { ok: false, reason: 'launch data signature does not match: open the reader from the bot in Telegram' };
  }
  const authSeconds = Number(fields.get('auth_date'));
  if (!Number.isSafeInteger(authSeconds) || authSeconds <= 0) return { ok: false, reason: 'launch data has no auth_date: open the reader from the bot in Telegram' };
  const age = now.getTime() / 1000 - authSeconds;
  if (age > maxAgeSeconds) return { ok: false, reason: 'launch data expired (older than 24 hours): open the reader from the bot again' };
  if (age < -FUTURE_SKEW_SECONDS) return { ok: false, reason: 'launch data dated in the future: check the server clock' };
  const user = parseUser(fields.get('user'));
  if (!user) return { ok: false, reason: 'launch data names no user: open the reader from a private chat with the bot' };
  return { ok: true, data: { user, authDate: new Date(authSeconds * 1000), startParam: fields.get('start_param') } };
}
