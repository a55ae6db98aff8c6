import { Composer } from 'grammy';
import { parseClockTime } from '../../config.js';
import type { BotContext } from '../context.js';
import { HTML, oneLine, truncate } from '../format.js';
import { localeFor } from '../i18n.js';

/**
 * A time as readers type it: `7:30`, `07:30`, `０７：３０` (full-width, as Chinese
 * input methods give it). `HH:MM`, or null when it is not a time of day.
 */
export function parsePushTime(text: string): string | null {
  const ascii = text.trim().normalize('NFKC');
  const minutes = parseClockTime(ascii);
  if (minutes === null) return null;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * `/subscribe [HH:MM]`, `/unsubscribe`, `/settings`, and the bot being blocked or
 * removed (`my_chat_member`), which turns the chat's deliveries off.
 */
export function createSubscribeFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command('subscribe', async (ctx) => {
    const store = ctx.deps.subscribers;
    if (!store) return void (await ctx.reply(ctx.t('push-off'), HTML));
    const input = oneLine(ctx.match);
    const time = parsePushTime(input || (ctx.deps.pushTime ?? '08:00'));
    if (!time) {
      await ctx.reply(ctx.t('subscribe-bad-time', { input: truncate(input, 30) }), HTML);
      return;
    }
    store.subscribe(ctx.chat.id, time, localeFor(ctx.from?.language_code), ctx.deps.clock.now());
    ctx.logger.info({ time }, 'subscribed');
    await ctx.reply(ctx.t('subscribe-done', { time }), HTML);
  });

  feature.command('unsubscribe', async (ctx) => {
    const store = ctx.deps.subscribers;
    if (!store) return void (await ctx.reply(ctx.t('push-off'), HTML));
    await ctx.reply(ctx.t(store.unsubscribe(ctx.chat.id) ? 'unsubscribe-done' : 'unsubscribe-none'), HTML);
  });

  feature.command('settings', async (ctx) => {
    const store = ctx.deps.subscribers;
    if (!store) return void (await ctx.reply(ctx.t('push-off'), HTML));
    const subscriber = store.getSubscriber(ctx.chat.id);
    const keywords = store.follows(ctx.chat.id);
    await ctx.reply(
      ctx.t('settings', {
        time: subscriber?.active && subscriber.pushTime ? subscriber.pushTime : 'none',
        keywords: keywords.length > 0 ? keywords.join(ctx.t('list-separator')) : 'none',
      }),
      HTML,
    );
  });

  // Telegram tells the bot when a user blocks it (kicked) or a group removes it (left, kicked).
  feature.on('my_chat_member', (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    if (status !== 'kicked' && status !== 'left') return;
    ctx.deps.subscribers?.deactivate(ctx.chat.id, `my_chat_member: ${status}`, ctx.deps.clock.now());
    ctx.logger.info({ status }, 'bot blocked or removed: deliveries off');
  });

  return feature;
}
