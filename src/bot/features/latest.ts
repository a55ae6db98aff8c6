import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { formatLatest, PAGE_SIZE } from '../../render/index.js';
import { keyboardOf, readRows } from '../keyboards.js';

/** `/latest`: the newest articles, each with a read button. */
export function createLatestFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command('latest', async (ctx) => {
    const articles = await ctx.deps.articles.latestArticles(PAGE_SIZE);
    const keyboard = keyboardOf(readRows(articles, 1));
    await ctx.reply(formatLatest(articles, ctx.t), { reply_markup: keyboard });
  });

  return feature;
}
