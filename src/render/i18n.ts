import { I18n, type TranslateFunction, type TranslationVariables } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import { LOCALES_DIR } from '../paths.js';
import { escapeHtml } from '../html.js';

/**
 * Variables for a translation. Strings are HTML-escaped and numbers written
 * as plain digits by the translator (see `safeTranslate`), so callers pass
 * raw article and user text, never pre-escaped HTML.
 */
export type TranslateVars = Readonly<Record<string, string | number>>;

/** A translation function bound to one locale; the result is Telegram HTML. */
export type Translate = (key: string, vars?: TranslateVars) => string;

/** The bot's languages: Chinese for everyone, English for English-language clients. */
export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh';

/** `en`, `en-US`, `en-GB` → `en`; anything else (or nothing) → `zh`. */
export function localeFor(languageCode: string | undefined): Locale {
  return languageCode?.toLowerCase().startsWith('en') ? 'en' : DEFAULT_LOCALE;
}

/**
 * Loads every `.ftl` file under `directory/<lang>/` (default LOCALES_DIR).
 * Fluent's bidi isolation marks are switched off: Telegram shows them as
 * stray characters around every variable.
 */
export function createI18n(directory: string = LOCALES_DIR): I18n {
  return new I18n<Context>({
    defaultLocale: DEFAULT_LOCALE,
    directory,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => localeFor(ctx.from?.language_code),
  });
}

/**
 * Escapes string variables and turns numbers into plain digit strings:
 * Fluent would format a number with grouping ("1,215"), the paper's readers
 * expect 1215.
 */
export function safeVars(vars: TranslateVars | TranslationVariables | undefined): TranslationVariables {
  const out: TranslationVariables = {};
  for (const [name, value] of Object.entries(vars ?? {})) {
    if (typeof value === 'number') out[name] = String(value);
    else if (typeof value === 'string') out[name] = escapeHtml(value);
    else out[name] = value;
  }
  return out;
}

/**
 * Wraps a raw Fluent translate function so that every variable is safe in
 * HTML. The result also fits grammY i18n's `ctx.t` signature.
 */
export function safeTranslate(raw: (key: string, vars?: TranslationVariables) => string): TranslateFunction {
  return (key, vars) => raw(key, safeVars(vars));
}

/** A safe translator for one locale outside an update (broadcasts, the command menu). */
export function translatorFor(i18n: I18n, locale: Locale): Translate {
  return safeTranslate((key, vars) => i18n.t(locale, key, vars));
}
