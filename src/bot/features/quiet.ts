import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { parseQuietRequest, quietLine } from '../deliverySettings.js';
import type { GroupAdminCheck } from '../groupAdmins.js';
import { localeFor, oneLine, truncate, unpackCallback } from '../../render/index.js';
import type { QuietHours } from '../../types.js';

/**
 * `/quiet 22:00-07:00 [静音]`, `/quiet 关闭` and the quiet-hours buttons under /settings:
 * nothing is sent to the chat in that window (what falls due waits for its end), or, with
 * 静音, it is sent without a sound. In a group only its administrators change it.
 */
export function createQuietFeature(groupAdmins: GroupAdminCheck): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  const setQuiet = async (ctx: BotContext, chatId: number, quiet: QuietHours | null) => {
    const subscriber = await ctx.deps.subscribers.setQuietHours(chatId, quiet, localeFor(ctx.from?.language_code), ctx.deps.clock.now());
    ctx.logger.info({ quiet }, 'quiet hours set');
    return quiet === null ? ctx.t('quiet-off') : `${ctx.t('quiet-done')}\n${quietLine(subscriber.quiet, ctx.t)}`;
  };

  feature.command('quiet', async (ctx) => {
    const input = oneLine(ctx.match);
    if (input === '') {
      const subscriber = await ctx.deps.subscribers.getSubscriber(ctx.chat.id);
      await ctx.reply(`${quietLine(subscriber?.quiet, ctx.t)}\n${ctx.t('quiet-usage')}`);
      return;
    }
    if (!(await groupAdmins.mayManage(ctx))) return void (await ctx.reply(ctx.t('group-admins-only')));
    const request = parseQuietRequest(input);
    if (request === null) return void (await ctx.reply(ctx.t('quiet-bad', { input: truncate(input, 40) })));
    if (typeof request === 'object' && 'same' in request) return void (await ctx.reply(ctx.t('quiet-same', { time: request.same })));
    await ctx.reply(await setQuiet(ctx, ctx.chat.id, request === 'off' ? null : request));
  });

  // The quiet-hours buttons under /settings.
  feature.callbackQuery(/^q:/, async (ctx) => {
    const action = unpackCallback(ctx.callbackQuery.data);
    const chatId = ctx.chat?.id;
    if (action?.kind !== 'quiet' || chatId === undefined) return void (await ctx.answerCallbackQuery({ text: ctx.t('search-expired') }));
    if (!(await groupAdmins.mayManage(ctx))) return void (await ctx.answerCallbackQuery({ text: ctx.t('group-admins-only') }));
    await ctx.answerCallbackQuery();
    await ctx.reply(await setQuiet(ctx, chatId, action.quiet));
  });

  return feature;
}
