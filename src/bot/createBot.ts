import { autoRetry } from '@grammyjs/auto-retry';
import type { I18n } from '@grammyjs/i18n';
import { limit } from '@grammyjs/ratelimiter';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type BotConfig, type BotError, type Composer, type Context, type Transformer } from 'grammy';
import { normalizeCommandCase } from './commandCase.js';
import type { BotContext } from './context.js';
import type { BotDeps } from './deps.js';
import { createAdminFeature } from './features/admin.js';
import { createAlertsFeature } from './features/alerts.js';
import { createFollowFeature } from './features/follow.js';
import { createHotlineFeature } from './features/hotline.js';
import { createInlineFeature } from './features/inline.js';
import { createLatestFeature } from './features/latest.js';
import { createPaperFeature } from './features/paper.js';
import { createQuietFeature } from './features/quiet.js';
import { createReadFeature } from './features/read.js';
import { createSearchFeature } from './features/search.js';
import { createSmallTalkFeature } from './features/smallTalk.js';
import { createSubscribeFeature } from './features/subscribe.js';
import { createTrendFeature } from './features/trend.js';
import { createUnhandledFeature } from './features/unhandled.js';
import { createWelcomeFeature } from './features/welcome.js';
import { createGroupAdminCheck } from './groupAdmins.js';
import { htmlMessages, safeTranslate } from '../render/index.js';

/** Per-user limit on messages and button presses. */
export interface RateLimitOptions {
  /** Window in milliseconds (default 3000). */
  readonly timeFrame: number;
  /** Updates allowed per user per window (default 5). */
  readonly limit: number;
}

export interface CreateBotOptions extends BotConfig<BotContext> {
  /** Per-user rate limit; `false` turns it off (default 5 updates per 3 s). */
  readonly rateLimit?: RateLimitOptions | false;
  /** Translations (the root's one `createI18n()`, shared with push). */
  readonly i18n: I18n;
  /** Api transformers that see every raw answer, retried ones included (installed before auto-retry). */
  readonly apiTransformers?: readonly Transformer[];
}

const DEFAULT_RATE_LIMIT: RateLimitOptions = { timeFrame: 3000, limit: 5 };

/**
 * The feature composers, in the order they see an update. Add new features
 * (push: subscribe, follow, upload, stats) before `unhandled`, which must
 * stay last: it answers whatever nobody else did.
 */
function features(): Composer<BotContext>[] {
  const groupAdmins = createGroupAdminCheck();
  return [
    createWelcomeFeature(),
    createSmallTalkFeature(),
    createSearchFeature(),
    createReadFeature(),
    createLatestFeature(),
    createPaperFeature(),
    createHotlineFeature(),
    createTrendFeature(),
    createInlineFeature(),
    createSubscribeFeature(groupAdmins),
    createFollowFeature(groupAdmins),
    createAlertsFeature(groupAdmins),
    createQuietFeature(groupAdmins),
    createAdminFeature(),
    createUnhandledFeature(),
  ];
}

/**
 * Builds the bot, unstarted: nothing touches the network until the caller
 * runs `bot.init()` / polling / a webhook, or feeds `bot.handleUpdate`.
 * Pass `botInfo` in tests so no getMe is needed.
 */
export function createBot(token: string, deps: BotDeps, botConfig: CreateBotOptions): Bot<BotContext> {
  const { rateLimit = DEFAULT_RATE_LIMIT, i18n, apiTransformers = [], ...config } = botConfig;
  const bot = new Bot<BotContext>(token, config);
  bot.api.config.use(...apiTransformers);

  // 429 is waited out (up to 30 s) and 5xx retried 3 times (3, 6, 12 s). Network errors are not
  // retried here: auto-retry would retry them forever, doubling its pause towards an hour,
  // silently. Polling tries getUpdates again itself; a reply lost to the network is logged.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30, rethrowHttpErrors: true }));
  // Every text the bot writes is HTML with link previews off (render/parseMode.ts).
  bot.api.config.use(htmlMessages);

  bot.use(async (ctx, next) => {
    const chatId = ctx.chat?.id;
    const logger = deps.logger.child(
      chatId === undefined ? { update_id: ctx.update.update_id } : { update_id: ctx.update.update_id, chat_id: chatId },
    );
    Object.assign(ctx, { deps, logger });
    await next();
  });
  // With @grammyjs/runner, updates of one chat are handled one after another, in order.
  bot.use(sequentialize((ctx: Context) => ctx.chat?.id.toString()));
  bot.use(normalizeCommandCase);
  bot.use(i18n.middleware());
  bot.use(async (ctx, next) => {
    const safe = safeTranslate(ctx.translate.bind(ctx));
    ctx.t = safe;
    ctx.translate = safe;
    await next();
  });
  if (rateLimit) installRateLimit(bot, rateLimit);

  bot.errorBoundary(handleError, ...features());
  bot.catch((error) => {
    const ctx = error.ctx;
    deps.logger.error({ update_id: ctx.update.update_id, chat_id: ctx.chat?.id, err: error.error }, 'update failed');
  });
  return bot;
}

/**
 * Messages (edits included) and button presses count separately per user. A message over the
 * limit gets one polite answer per window; every press over it is still
 * answered (a callback must always be), inline queries are not limited.
 */
function installRateLimit(bot: Bot<BotContext>, options: RateLimitOptions): void {
  bot.use(
    limit<BotContext, never>({
      ...options,
      keyPrefix: 'message',
      // An edit searches again, so edits count as messages.
      keyGenerator: (ctx) => (ctx.message ?? ctx.editedMessage ? ctx.from?.id.toString() : undefined),
      // The limiter's middleware returns this promise, so grammY awaits it like any handler.
      // eslint-disable-next-line @typescript-eslint/no-misused-promises
      onLimitExceeded: async (ctx) => {
        await ctx.reply(ctx.t('rate-limited'));
      },
    }),
  );
  bot.use(
    limit<BotContext, never>({
      ...options,
      keyPrefix: 'callback',
      alwaysReply: true,
      keyGenerator: (ctx) => (ctx.callbackQuery ? ctx.from?.id.toString() : undefined),
      // eslint-disable-next-line @typescript-eslint/no-misused-promises
      onLimitExceeded: async (ctx) => {
        await ctx.answerCallbackQuery({ text: ctx.t('rate-limited') });
      },
    }),
  );
}

/**
 * The features' error boundary: log with update and chat, tell the reader
 * briefly, never rethrow (one bad update must not stop the others).
 */
async function handleError(error: BotError<BotContext>): Promise<void> {
  const ctx = error.ctx;
  ctx.logger.error({ err: error.error }, 'handler failed');
  try {
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t('error-generic') });
    else if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 0 });
    // An edited message is searched again, so it may fail too: the reader is told as for a new one.
    else if ((ctx.message ?? ctx.editedMessage) && ctx.chat) await ctx.reply(ctx.t('error-generic'));
  } catch (replyError) {
    ctx.logger.warn({ err: replyError }, 'could not tell the user about the error');
  }
}
