/**
 * Launch data signed as Telegram signs it, written from Telegram's description
 * ("Validating data received via the Mini App"), not from src/webapp: the
 * data-check string is every field but hash, `key=value`, sorted, joined by
 * "\n"; the secret key is HMAC-SHA256 of the bot token under the key
 * "WebAppData"; hash = hex HMAC-SHA256 of the data-check string under that key.
 */
import { createHmac } from 'node:crypto';

export interface LaunchFields {
  readonly userId: number;
  readonly languageCode?: string;
  /** Seconds since 1970 (default: now). */
  readonly authDate?: number;
  readonly startParam?: string;
}

export function signLaunchData(botToken: string, fields: LaunchFields): string {
  const params = new URLSearchParams({
    query_id: 'AAHdF6IQAAAAAN0XohDhrOrc',
    user: JSON.stringify({ id: fields.userId, first_name: '读者', language_code: fields.languageCode ?? 'zh-hans', allows_write_to_pm: true }),
    auth_date: String(fields.authDate ?? Math.floor(Date.now() / 1000)),
    ...(fields.startParam ? { start_param: fields.startParam } : {}),
  });
  const checkString = [...params.entries()]
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join('\n');
  const secret = createHmac('sha256', 'WebAppData').update(botToken).digest();
  params.set('hash', createHmac('sha256', secret).update(checkString).digest('hex'));
  return params.toString();
}

/** The page's URL as Telegram opens it: the launch data and the theme in the fragment. */
export function launchUrl(base: string, launchData: string, theme: Readonly<Record<string, string>>, platform = 'android'): string {
  const fragment = new URLSearchParams({
    tgWebAppData: launchData,
    tgWebAppVersion: '8.0',
    tgWebAppPlatform: platform,
    tgWebAppThemeParams: JSON.stringify(theme),
  });
  return `${base}#${fragment.toString()}`;
}

/** Telegram's own palettes (Telegram Web's light and dark theme parameters). */
export const LIGHT_THEME = {
  bg_color: '#ffffff',
  text_color: '#000000',
  hint_color: '#707579',
  link_color: '#3390ec',
  button_color: '#3390ec',
  button_text_color: '#ffffff',
  secondary_bg_color: '#f4f4f5',
  section_bg_color: '#ffffff',
  section_separator_color: '#e7e7e7',
  accent_text_color: '#3390ec',
  destructive_text_color: '#df3f40',
} as const;

export const DARK_THEME = {
  bg_color: '#212121',
  text_color: '#ffffff',
  hint_color: '#aaaaaa',
  link_color: '#8774e1',
  button_color: '#8774e1',
  button_text_color: '#ffffff',
  secondary_bg_color: '#181818',
  section_bg_color: '#212121',
  section_separator_color: '#3d3d3d',
  accent_text_color: '#8774e1',
  destructive_text_color: '#ff595a',
} as const;
