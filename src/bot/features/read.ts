import { Composer, InlineKeyboard } from 'grammy';
import { packCallback, unpackCallback, formatArticle, formatListItem, oneLine, truncate } from '../../render/index.js';
import type { BotContext } from '../context.js';
import { keyboardOf, readerRows, readRows } from '../keyboards.js';

/**
 * Messages sent for one press of a read button. A very long article ends
 * with a "read on" button instead of flooding the chat.
 */
export const READ_PARTS_MAX = 5;
/** Related articles listed under the 🔗 button. */
export const RELATED_MAX = 5;

/** The related articles of one (none when the id is unknown). */
function relatedTo(ctx: BotContext, articleId: string) {
  return ctx.deps.search.related(articleId, RELATED_MAX);
}

/**
 * Sends an article's full text from message part `part` on. Answers
 * `article-missing` when the id is unknown (the store was rebuilt) or the part
 * is past the end.
 */
export async function sendArticle(ctx: BotContext, articleId: string, part: number): Promise<boolean> {
  const article = await ctx.deps.articles.getArticle(articleId);
  const parts = article ? formatArticle(article, ctx.t) : [];
  if (part >= parts.length) {
    await ctx.reply(ctx.t('article-missing'));
    return false;
  }
  const end = Math.min(parts.length, part + READ_PARTS_MAX);
  // The 🔗 button goes under the article's last part, and only when there is something to list.
  const related = end === parts.length && relatedTo(ctx, articleId).length > 0;
  for (let i = part; i < end; i++) {
    const last = i === end - 1;
    const keyboard = !last
      ? undefined
      : end < parts.length
        ? new InlineKeyboard().text(ctx.t('read-more'), packCallback({ kind: 'read', articleId, part: end }))
        : keyboardOf([
            ...(related ? [[InlineKeyboard.text(ctx.t('related-button'), packCallback({ kind: 'related', articleId }))]] : []),
            ...readerRows(ctx.deps.publicUrl, ctx.chat?.type, ctx.t('reader-article'), { view: 'article', id: articleId }),
          ]);
    await ctx.reply(parts[i]!, keyboard ? { reply_markup: keyboard } : {});
  }
  return true;
}

/**
 * The deep link that opens an article in a private chat with the bot:
 * `/start a_<articleId>` there shows it (welcome feature).
 */
export function articleLink(botUsername: string, articleId: string): string {
  return `https://t.me/${botUsername}?start=a_${articleId}`;
}

/**
 * In a group, an article's first part only, with a link that opens the
 * whole article in a private chat: five messages of one article would bury
 * the group's conversation. Answers `article-missing` for an unknown id.
 */
async function sendArticleToGroup(ctx: BotContext, articleId: string): Promise<void> {
  const article = await ctx.deps.articles.getArticle(articleId);
  const parts = article ? formatArticle(article, ctx.t) : [];
  if (parts.length === 0) return void (await ctx.reply(ctx.t('article-missing')));
  const rest =
    parts.length > 1
      ? { reply_markup: new InlineKeyboard().url(ctx.t('read-private'), articleLink(ctx.me.username, articleId)) }
      : {};
  await ctx.reply(parts[0]!, { ...rest });
}

/** The 📖 buttons under results and lists: `a:<articleId>:<part>`. */
export function createReadFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.callbackQuery(/^a:/, async (ctx) => {
    const action = unpackCallback(ctx.callbackQuery.data);
    const article = action?.kind === 'read' ? await ctx.deps.articles.getArticle(action.articleId) : undefined;
    if (action?.kind !== 'read' || !article || !ctx.chat) {
      await ctx.answerCallbackQuery({ text: ctx.t(action?.kind === 'read' ? 'article-missing' : 'search-expired') });
      return;
    }
    await ctx.answerCallbackQuery();
    if (ctx.chat.type === 'group' || ctx.chat.type === 'supergroup') await sendArticleToGroup(ctx, action.articleId);
    else await sendArticle(ctx, action.articleId, action.part);
  });

  // 🔗 under a read article: up to RELATED_MAX articles sharing its distinctive words, each with its 📖 button.
  feature.callbackQuery(/^r:/, async (ctx) => {
    const action = unpackCallback(ctx.callbackQuery.data);
    const article = action?.kind === 'related' ? await ctx.deps.articles.getArticle(action.articleId) : undefined;
    if (action?.kind !== 'related' || !article) {
      await ctx.answerCallbackQuery({ text: ctx.t(action?.kind === 'related' ? 'article-missing' : 'search-expired') });
      return;
    }
    await ctx.answerCallbackQuery();
    const related = relatedTo(ctx, action.articleId);
    if (related.length === 0) {
      await ctx.reply(ctx.t('related-none'));
      return;
    }
    // Each with its edition line, as every list cites the paper.
    const items = related.map((hit, i) => formatListItem(i + 1, hit.title, hit.edition, ctx.t));
    const header = ctx.t('related-header', { title: truncate(oneLine(article.title), 40) });
    await ctx.reply([header, ...items].join('\n\n'), { reply_markup: keyboardOf(readRows(related, 1)) });
  });

  return feature;
}
