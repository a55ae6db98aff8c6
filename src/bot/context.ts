import type { I18nFlavor } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import type { Logger } from '../logger.js';
import type { BotDeps } from './deps.js';

/** What the first middleware puts on every context. */
export interface BotContextFlavor {
  readonly deps: BotDeps;
  /** Child of `deps.logger` carrying `update_id` (and `chat_id` when there is a chat). */
  readonly logger: Logger;
}

/** The context every feature works with. `ctx.t` is the safe translator (`Translate`). */
export type BotContext = Context & I18nFlavor & BotContextFlavor;
