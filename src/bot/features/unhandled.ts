import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

/**
 * Last in line: whatever no feature took. Every callback query is answered
 * (a stale or foreign button); in a private chat an unknown command or a
 * sticker, photo, voice… gets a hint; in groups only a command addressed to
 * this bot by name is answered, other chatter is ignored. Edits that are
 * not searches and other updates are dropped quietly.
 */
export function createUnhandledFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.on('callback_query', (ctx) => ctx.answerCallbackQuery({ text: ctx.t('search-expired') }));

  const priv = feature.chatType('private');
  priv.on('message:text', (ctx) => ctx.reply(ctx.t('unknown-command')));
  priv.on('message', (ctx) => ctx.reply(ctx.t('not-text')));

  feature
    .chatType(['group', 'supergroup'])
    .on('message:text')
    .filter((ctx) => {
      const command = /^\/\w+@(\w+)/.exec(ctx.message.text);
      return command?.[1]?.toLowerCase() === ctx.me.username.toLowerCase();
    })
    .use((ctx) => ctx.reply(ctx.t('unknown-command')));

  return feature;
}
