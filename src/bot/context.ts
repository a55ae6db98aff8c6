import type { I18nFlavor } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import type { Logger } from '../logger.js';
import type { BotDeps } from './deps.js';

/**
 * Variables for a translation. Strings are HTML-escaped and numbers written
 * as plain digits by the translator (see `safeTranslate`), so callers pass
 * raw article and user text, never pre-escaped HTML.
 */
export type TranslateVars = Readonly<Record<string, string | number>>;

/** A translation function bound to one locale; the result is Telegram HTML. */
export type Translate = (key: string, vars?: TranslateVars) => string;

/** What the first middleware puts on every context. */
export interface BotContextFlavor {
  readonly deps: BotDeps;
  /** Child of `deps.logger` carrying `update_id` (and `chat_id` when there is a chat). */
  readonly logger: Logger;
}

/** The context every feature works with. `ctx.t` is the safe translator (`Translate`). */
export type BotContext = Context & I18nFlavor & BotContextFlavor;
