import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { formatLatest, oneLine, PAGE_SIZE } from '../../render/index.js';
import { replyWithSearch } from './search.js';
import { keyboardOf, readRows } from '../keyboards.js';

/** `/latest`: the newest articles, each with a read button; `/latest 词`: those holding the words, newest first (a search so ordered). */
export function createLatestFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command('latest', async (ctx) => {
    const words = oneLine(ctx.match);
    if (words !== '') return void (await replyWithSearch(ctx, { text: words, usage: 'search-usage', sort: 'newest' }));
    const articles = await ctx.deps.articles.latestArticles(PAGE_SIZE);
    const keyboard = keyboardOf(readRows(articles, 1));
    await ctx.reply(formatLatest(articles, ctx.t), { reply_markup: keyboard });
  });

  return feature;
}
