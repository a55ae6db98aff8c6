import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { alertModeLine, parseAlertMode } from '../deliverySettings.js';
import type { GroupAdminCheck } from '../groupAdmins.js';
import {
  DIGEST_PAGE_SIZE,
  digestKeyboard,
  formatDigest,
  localeFor,
  oneLine,
  truncate,
  unpackCallback,
} from '../../render/index.js';
import type { Article, AlertMode } from '../../types.js';

/**
 * `/digest 即时|每小时|每天 HH:MM` and its /settings buttons: how a chat's alerts come
 * (every ingest's as one message, or one digest an hour or a day); and the ▶ button
 * under a digest, which lists its other articles ten at a time. In a group only its
 * administrators change it (`groupAdmins`).
 */
export function createAlertsFeature(groupAdmins: GroupAdminCheck): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  const setMode = async (ctx: BotContext, chatId: number, mode: AlertMode, time: string | null) => {
    const subscriber = await ctx.deps.subscribers.setAlertMode(chatId, mode, time, localeFor(ctx.from?.language_code), ctx.deps.clock.now());
    ctx.logger.info({ mode, time }, 'alert mode set');
    return `${ctx.t('digest-done')}\n${alertModeLine(subscriber, ctx.t)}`;
  };

  feature.command('digest', async (ctx) => {
    const input = oneLine(ctx.match);
    const subscriber = await ctx.deps.subscribers.getSubscriber(ctx.chat.id);
    // A daily digest defaults to the chat's summary time, else PUSH_TIME.
    const defaultTime = subscriber?.pushTime ?? ctx.deps.pushTime;
    if (input === '') {
      await ctx.reply(`${alertModeLine(subscriber, ctx.t)}\n${ctx.t('digest-usage', { time: defaultTime })}`);
      return;
    }
    if (!(await groupAdmins.mayManage(ctx))) return void (await ctx.reply(ctx.t('group-admins-only')));
    const request = parseAlertMode(input, defaultTime);
    if (!request) {
      await ctx.reply(ctx.t('digest-bad', { input: truncate(input, 40), time: defaultTime }));
      return;
    }
    await ctx.reply(await setMode(ctx, ctx.chat.id, request.mode, request.time));
  });

  // The alert buttons under /settings.
  feature.callbackQuery(/^m:/, async (ctx) => {
    const action = unpackCallback(ctx.callbackQuery.data);
    const chatId = ctx.chat?.id;
    if (action?.kind !== 'alertMode' || chatId === undefined) return void (await ctx.answerCallbackQuery({ text: ctx.t('search-expired') }));
    if (!(await groupAdmins.mayManage(ctx))) return void (await ctx.answerCallbackQuery({ text: ctx.t('group-admins-only') }));
    await ctx.answerCallbackQuery();
    const time = action.mode === 'daily' ? ((await ctx.deps.subscribers.getSubscriber(chatId))?.pushTime ?? ctx.deps.pushTime) : null;
    await ctx.reply(await setMode(ctx, chatId, action.mode, time));
  });

  // ▶ under a digest: its next articles, each with its edition line and read button.
  feature.callbackQuery(/^g:/, async (ctx) => {
    const action = unpackCallback(ctx.callbackQuery.data);
    const chatId = ctx.chat?.id;
    if (action?.kind !== 'digest' || chatId === undefined) return void (await ctx.answerCallbackQuery({ text: ctx.t('search-expired') }));
    const items = await ctx.deps.subscribers.digestItems(chatId, action.digestKey);
    const articles: Article[] = [];
    for (const item of items.slice(action.from, action.from + DIGEST_PAGE_SIZE)) {
      const article = await ctx.deps.articles.getArticle(item.articleId);
      if (article) articles.push(article);
    }
    if (articles.length === 0) return void (await ctx.answerCallbackQuery({ text: ctx.t('digest-gone') }));
    await ctx.answerCallbackQuery();
    const keywords = [...new Set(items.map((item) => item.keyword))];
    await ctx.reply(formatDigest({ keywords, total: items.length, from: action.from, articles }, ctx.t), {
      reply_markup: digestKeyboard(action.digestKey, articles, action.from, items.length, ctx.t),
    });
  });

  return feature;
}
