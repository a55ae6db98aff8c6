/**
 * Telegram's launch parameters, read from the page's own URL as Telegram
 * passes them (`#tgWebAppData=…&tgWebAppThemeParams=…&tgWebAppVersion=…`),
 * instead of loading Telegram's script from its servers. Kept for the tab's
 * life in sessionStorage: a reload inside Telegram loses the fragment.
 */

/** Telegram's theme colours (`bg_color`, `text_color`, …), `#rrggbb`. */
export type ThemeParams = Readonly<Record<string, string>>;

export interface LaunchParams {
  /** The signed launch data, as the server checks it; null when the page was not opened from Telegram. */
  readonly initData: string | null;
  /** The reader's Telegram language (`zh-hans`, `en`), from the launch data. */
  readonly languageCode: string | null;
  readonly theme: ThemeParams;
  /** `startapp` of a deep link (`a_<id>`, `d_20251104`), from the fragment or the launch data. */
  readonly startParam: string | null;
  readonly platform: string;
}

const STORAGE_KEY = 'newsbot-launch';

function parseTheme(json: string | null): ThemeParams {
  if (!json) return {};
  try {
    const value = JSON.parse(json) as unknown;
    if (typeof value !== 'object' || value === null) return {};
    const theme: Record<string, string> = {};
    for (const [key, colour] of Object.entries(value)) {
      if (typeof colour === 'string' && /^#[0-9a-f]{3,8}$/i.test(colour)) theme[key] = colour;
    }
    return theme;
  } catch {
    return {};
  }
}

function languageOf(initData: string | null): string | null {
  if (!initData) return null;
  try {
    const user = JSON.parse(new URLSearchParams(initData).get('user') ?? 'null') as { language_code?: unknown } | null;
    return typeof user?.language_code === 'string' ? user.language_code : null;
  } catch {
    return null;
  }
}

/** The launch parameters in a URL's fragment and query (`tgWebAppStartParam` may stand in either). */
export function parseLaunchParams(hash: string, search: string): LaunchParams {
  const fragment = new URLSearchParams(hash.replace(/^#/, ''));
  const query = new URLSearchParams(search);
  const initData = fragment.get('tgWebAppData') || null;
  return {
    initData,
    languageCode: languageOf(initData),
    theme: parseTheme(fragment.get('tgWebAppThemeParams')),
    startParam:
      fragment.get('tgWebAppStartParam') ||
      query.get('tgWebAppStartParam') ||
      (initData ? new URLSearchParams(initData).get('start_param') : null) ||
      null,
    platform: fragment.get('tgWebAppPlatform') ?? 'unknown',
  };
}

/** This page's launch parameters: from the URL, else what this tab saw at launch. */
export function readLaunchParams(): LaunchParams {
  const fromUrl = parseLaunchParams(location.hash, location.search);
  try {
    if (fromUrl.initData) {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(fromUrl));
      return fromUrl;
    }
    const saved = sessionStorage.getItem(STORAGE_KEY);
    if (saved) return JSON.parse(saved) as LaunchParams;
  } catch {
    // Storage refused (private mode): the URL is all there is.
  }
  return fromUrl;
}
