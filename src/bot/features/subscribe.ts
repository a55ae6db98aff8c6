import { Composer, InlineKeyboard, type CommandContext } from 'grammy';
import type { BotContext } from '../context.js';
import { alertModeLine, parsePushTime, quietLine, topicOf } from '../deliverySettings.js';
import type { GroupAdminCheck } from '../groupAdmins.js';
import { deliverySettingsRows, oneLine, truncate, localeFor, subscriptionKeyboard, unpackCallback } from '../../render/index.js';
import { timeKeyboard } from '../keyboards.js';

const ZH_WEEKDAYS = '一二三四五六日';
const EN_WEEKDAYS: Readonly<Record<string, number>> = {
  mon: 1, monday: 1, tue: 2, tues: 2, tuesday: 2, wed: 3, wednesday: 3, thu: 4, thur: 4, thurs: 4, thursday: 4,
  fri: 5, friday: 5, sat: 6, saturday: 6, sun: 7, sunday: 7,
};

/**
 * A weekday as readers type it: `周一`, `星期三`, `礼拜天`, `周日`, `Mon`, `monday`, `Thurs`.
 * 1 (Monday) to 7 (Sunday), or null.
 */
export function parseWeekday(text: string): number | null {
  const word = text.trim().normalize('NFKC').toLowerCase();
  const zh = /^(?:周|星期|礼拜)([一二三四五六日天])$/.exec(word);
  if (zh) return zh[1] === '天' ? 7 : ZH_WEEKDAYS.indexOf(zh[1]!) + 1;
  return EN_WEEKDAYS[word] ?? null;
}

/** Words that ask for the weekly summary instead of the daily one. */
const WEEKLY = /^(?:weekly|每周|周报)(?:\s+|$)/i;

/** What `/subscribe weekly [day] [HH:MM]` asks for; null when a word is neither a day nor a time. */
export function parseWeeklyRequest(rest: string, defaultTime: string): { weekday: number; time: string } | null {
  let weekday = 1;
  let time = defaultTime;
  for (const word of rest.split(/\s+/).filter(Boolean)) {
    const day = parseWeekday(word);
    const clock = day === null ? parsePushTime(word) : null;
    if (day !== null) weekday = day;
    else if (clock !== null) time = clock;
    else return null;
  }
  return { weekday, time };
}

/** `/subscribe weekly [day] [HH:MM]` (`rest` after "weekly"): the week's chart on that day instead of the daily report. */
async function subscribeWeekly(ctx: CommandContext<BotContext>, input: string, rest: string): Promise<void> {
  const defaultTime = ctx.deps.pushTime;
  const request = parseWeeklyRequest(rest, defaultTime);
  if (!request) {
    await ctx.reply(ctx.t('subscribe-bad-weekly', { input: truncate(input, 40), time: defaultTime }));
    return;
  }
  await ctx.deps.subscribers.subscribe(ctx.chat.id, request.time, localeFor(ctx.from?.language_code), ctx.deps.clock.now(), request.weekday);
  // In a forum supergroup the summaries go to the topic /subscribe was sent in.
  await ctx.deps.subscribers.setTopic(ctx.chat.id, 'summaries', topicOf(ctx));
  ctx.logger.info(request, 'subscribed weekly');
  const weekday = ctx.t(`weekday-${request.weekday}`);
  await ctx.reply(ctx.t('subscribe-weekly-done', { weekday, time: request.time }));
}

/**
 * `/settings`: the summary's time, the followed words, how alerts come, quiet hours and the
 * forum topics deliveries go to, with buttons to change them.
 */
async function settings(ctx: CommandContext<BotContext>): Promise<void> {
  const store = ctx.deps.subscribers;
  const subscriber = await store.getSubscriber(ctx.chat.id);
  const keywords = await store.follows(ctx.chat.id);
  const time = subscriber?.active ? subscriber.pushTime : null;
  const lines = [
    ctx.t('settings', {
      time: time ?? 'none',
      weekday: subscriber?.active && subscriber.pushWeekday ? ctx.t(`weekday-${subscriber.pushWeekday}`) : 'none',
      keywords: keywords.length > 0 ? keywords.join(ctx.t('list-separator')) : 'none',
    }),
  ];
  if (keywords.length > 0) lines.push(alertModeLine(subscriber, ctx.t));
  lines.push(quietLine(subscriber?.quiet, ctx.t));
  if (time && subscriber?.threadId) lines.push(ctx.t('topic-summaries', { thread: subscriber.threadId }));
  if (keywords.length > 0 && subscriber?.alertThreadId) lines.push(ctx.t('topic-alerts', { thread: subscriber.alertThreadId }));
  // ⏰ and 🔕 for the summary, then how alerts come and quiet hours.
  const rows = [
    ...(time ? subscriptionKeyboard(ctx.t).inline_keyboard : []),
    ...deliverySettingsRows(subscriber?.alertMode ?? 'instant', subscriber?.quiet ?? null, ctx.t),
  ];
  await ctx.reply(lines.join('\n'), { reply_markup: new InlineKeyboard(rows) });
}

/**
 * `/subscribe [HH:MM]`, `/subscribe weekly [周一] [HH:MM]`, `/unsubscribe`, `/settings`, and the bot being blocked or
 * removed (`my_chat_member`), which turns the chat's deliveries off. In a
 * group only its administrators subscribe and unsubscribe (`groupAdmins`).
 */
export function createSubscribeFeature(groupAdmins: GroupAdminCheck): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command('subscribe', async (ctx) => {
    const store = ctx.deps.subscribers;
    if (!(await groupAdmins.mayManage(ctx))) return void (await ctx.reply(ctx.t('group-admins-only')));
    const input = oneLine(ctx.match);
    const defaultTime = ctx.deps.pushTime;
    const weekly = WEEKLY.exec(input);
    if (weekly) return subscribeWeekly(ctx, input, input.slice(weekly[0].length));
    const time = parsePushTime(input || defaultTime);
    if (!time) {
      await ctx.reply(ctx.t('subscribe-bad-time', { input: truncate(input, 30) }));
      return;
    }
    await store.subscribe(ctx.chat.id, time, localeFor(ctx.from?.language_code), ctx.deps.clock.now());
    await store.setTopic(ctx.chat.id, 'summaries', topicOf(ctx));
    ctx.logger.info({ time, thread: topicOf(ctx) }, 'subscribed');
    await ctx.reply(ctx.t('subscribe-done', { time }));
  });

  feature.command('unsubscribe', async (ctx) => {
    const store = ctx.deps.subscribers;
    if (!(await groupAdmins.mayManage(ctx))) return void (await ctx.reply(ctx.t('group-admins-only')));
    await ctx.reply(ctx.t((await store.unsubscribe(ctx.chat.id)) ? 'unsubscribe-done' : 'unsubscribe-none'));
  });

  feature.command('settings', settings);

  // The buttons under each daily summary and under /settings.
  feature.callbackQuery(/^u:/, async (ctx) => {
    const action = unpackCallback(ctx.callbackQuery.data);
    const store = ctx.deps.subscribers;
    const chatId = ctx.chat?.id;
    if (chatId === undefined || !action) return void (await ctx.answerCallbackQuery({ text: ctx.t('search-expired') }));
    if (!(await groupAdmins.mayManage(ctx))) return void (await ctx.answerCallbackQuery({ text: ctx.t('group-admins-only') }));
    await ctx.answerCallbackQuery();
    if (action.kind === 'pickTime') {
      await ctx.reply(ctx.t('settings-pick-time'), { reply_markup: timeKeyboard() });
    } else if (action.kind === 'setTime') {
      await store.subscribe(chatId, action.time, localeFor(ctx.from.language_code), ctx.deps.clock.now());
      await store.setTopic(chatId, 'summaries', topicOf(ctx));
      ctx.logger.info({ time: action.time }, 'subscribed by button');
      await ctx.reply(ctx.t('subscribe-done', { time: action.time }));
    } else if (action.kind === 'unsubscribe') {
      await ctx.reply(ctx.t((await store.unsubscribe(chatId)) ? 'unsubscribe-done' : 'unsubscribe-none'));
    }
  });

  // Telegram tells the bot when a user blocks it (kicked) or a group removes it (left, kicked).
  feature.on('my_chat_member', async (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    if (status !== 'kicked' && status !== 'left') return;
    await ctx.deps.subscribers.deactivate(ctx.chat.id, `my_chat_member: ${status}`, ctx.deps.clock.now());
    ctx.logger.info({ status }, 'bot blocked or removed: deliveries off');
  });

  return feature;
}
