import { Composer } from 'grammy';
import type { BotContext } from '../context.js';

/** What a message that is no search says: a greeting, thanks, an okay, a goodbye, asking how to use the bot, or nothing in words. */
export type SmallTalk = 'greeting' | 'thanks' | 'ok' | 'goodbye' | 'how' | 'no-words';

/** Whole messages (folded, without punctuation, emoji or trailing 啊/呀/哈) of each kind. */
const KINDS: readonly (readonly [SmallTalk, readonly string[]])[] = [
  ['greeting', ['你好', '您好', '你们好', '大家好', '嗨', '哈喽', '哈啰', '嘿', 'hello', 'hi', 'hey', '早', '早上好', '早安', '上午好', '中午好', '下午好', '晚上好', '在吗', '在不在', '有人吗', '在么']],
  ['thanks', ['谢谢', '谢谢你', '谢谢您', '多谢', '谢啦', '谢了', '感谢', '非常感谢', '太感谢了', 'thanks', 'thankyou', 'thx', 'ty']],
  ['ok', ['好', '好的', '好滴', '嗯', '嗯嗯', '哦', '哦哦', '行', 'ok', 'okay', '收到', '知道了', '明白了', '了解', '呵呵', '嘿嘿', '嘻嘻', 'lol']],
  ['goodbye', ['再见', '拜拜', '拜', '晚安', 'bye', 'byebye', 'goodbye', 'goodnight']],
  ['how', ['怎么用', '怎么使用', '如何使用', '怎么搜', '怎么搜索', '你能做什么', '你会什么', '你会做什么', '你是谁', '帮助', '使用说明', '说明', 'help', '功能']],
];
const KIND_OF = new Map(KINDS.flatMap(([kind, texts]) => texts.map((text) => [text, kind] as const)));

/** Letters and numbers of any script: a message without any has no word to search. */
const WORDY = /[\p{L}\p{N}]/u;
/** Particles a chatty message trails (你好啊, 谢谢啦~): stripped before it is looked up. */
const TRAILING = /[啊呀哈吖哇啦嘛哟喔]+$/u;

/**
 * The small talk a message is, or null when it is a search (anything else,
 * however short: 护学岗, 雪, 12345). Only whole messages count: 你好 is small
 * talk, 你好西宁 a search.
 */
export function smallTalkOf(text: string): SmallTalk | null {
  const folded = text.normalize('NFKC').toLowerCase();
  if (!WORDY.test(folded)) return folded.trim() === '' ? null : 'no-words';
  const bare = folded.replace(/[^\p{L}\p{N}]+/gu, '');
  const trimmed = bare.replace(TRAILING, '');
  // Particles alone (哈哈哈, 啊): laughing or nodding along.
  if (trimmed === '') return 'ok';
  return KIND_OF.get(bare) ?? KIND_OF.get(trimmed) ?? null;
}

/**
 * Messages to the bot that are no search (a greeting, thanks, 在吗, 怎么用,
 * an emoji alone) get a reply in kind that says how to search, not "nothing
 * found for 你好". In a private chat, and in groups to a message replying to
 * the bot (the texts the search would take); commands and captions go on.
 */
export function createSmallTalkFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.on('message:text', async (ctx, next) => {
    const { text, chat, reply_to_message: replied } = ctx.message;
    // A group's chatter is not for the bot; a reply to one of its messages is.
    const toBot = chat.type === 'private' || replied?.from?.id === ctx.me.id;
    const kind = toBot && !text.startsWith('/') ? smallTalkOf(text) : null;
    if (kind === null) return next();
    if (kind === 'how') return void (await ctx.reply(ctx.t('help', { bot: ctx.me.username })));
    const name = ctx.from.first_name.trim() || ctx.t('reader');
    await ctx.reply(ctx.t(`small-talk-${kind}`, { name }));
  });
  return feature;
}
