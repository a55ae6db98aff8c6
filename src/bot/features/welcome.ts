import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { sendArticle } from './read.js';

/** `/start a_<articleId>`: the deep link of an inline result's "read in full" button. */
const READ_LINK = /^a_([A-Za-z0-9_-]{1,40})$/;

/** `/start` (greeting with an example search, or a deep link) and `/help` (every command). */
export function createWelcomeFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command('start', async (ctx) => {
    const link = READ_LINK.exec(ctx.match.trim());
    if (link) {
      await sendArticle(ctx, link[1]!, 0);
      return;
    }
    const name = ctx.from?.first_name.trim() || ctx.t('reader');
    await ctx.reply(ctx.t('start-welcome', { name }));
  });

  feature.command('help', async (ctx) => {
    await ctx.reply(ctx.t('help', { bot: ctx.me.username }));
  });

  return feature;
}
