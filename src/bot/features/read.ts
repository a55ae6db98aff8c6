import { Composer, InlineKeyboard } from 'grammy';
import { packCallback, unpackCallback } from '../callbackData.js';
import type { BotContext } from '../context.js';
import { formatArticle, HTML } from '../format.js';

/**
 * Messages sent for one press of a read button. A very long article ends
 * with a "read on" button instead of flooding the chat.
 */
export const READ_PARTS_MAX = 5;

/**
 * Sends an article's full text from message part `part` on. Answers
 * `article-missing` when the id is unknown (the store was rebuilt) or the part
 * is past the end.
 */
export async function sendArticle(ctx: BotContext, articleId: string, part: number): Promise<boolean> {
  const article = ctx.deps.articles.getArticle(articleId);
  const parts = article ? formatArticle(article, ctx.t) : [];
  if (part >= parts.length) {
    await ctx.reply(ctx.t('article-missing'), HTML);
    return false;
  }
  const end = Math.min(parts.length, part + READ_PARTS_MAX);
  for (let i = part; i < end; i++) {
    const more =
      i === end - 1 && end < parts.length
        ? { reply_markup: new InlineKeyboard().text(ctx.t('read-more'), packCallback({ kind: 'read', articleId, part: end })) }
        : {};
    await ctx.reply(parts[i]!, { ...HTML, ...more });
  }
  return true;
}

/** The 📖 buttons under results and lists: `a:<articleId>:<part>`. */
export function createReadFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.callbackQuery(/^a:/, async (ctx) => {
    const action = unpackCallback(ctx.callbackQuery.data);
    const article = action?.kind === 'read' ? ctx.deps.articles.getArticle(action.articleId) : undefined;
    if (action?.kind !== 'read' || !article || !ctx.chat) {
      await ctx.answerCallbackQuery({ text: ctx.t(action?.kind === 'read' ? 'article-missing' : 'search-expired') });
      return;
    }
    await ctx.answerCallbackQuery();
    await sendArticle(ctx, action.articleId, action.part);
  });

  return feature;
}
