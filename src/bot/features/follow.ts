import { Composer } from 'grammy';
import { MAX_FOLLOWS } from '../../store/index.js';
import type { BotContext } from '../context.js';
import { topicOf } from '../deliverySettings.js';
import type { GroupAdminCheck } from '../groupAdmins.js';
import { truncate, localeFor } from '../../render/index.js';

/** Longest keyword: a word or a short phrase, not a sentence. */
export const KEYWORD_MAX = 20;
/**
 * Words named in one list of a reply (default 20), the rest counted: "/follow"
 * with 500 words once built a reply over Telegram's 4096 characters, which
 * Telegram refused although the words were saved.
 */
export const WORDS_LISTED = 20;
/** A listed word is cut to this many characters (default 30). */
const WORD_SHOWN_MAX = 30;

/**
 * The words of `/follow 护学岗 物业，供暖`: split at spaces and Chinese or Latin
 * commas, full-width forms folded (NFKC), Latin lower-cased, duplicates dropped.
 */
export function parseKeywords(text: string): string[] {
  const words = text
    .normalize('NFKC')
    .split(/[\s,，、;；]+/)
    .map((word) => word.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(words)];
}

/** Words asking to unfollow every word (/unfollow 全部). */
const ALL = /^(?:全部|所有|全部关键词|所有关键词|都|all|everything|\*)$/iu;

/**
 * `/follow 词…`, `/unfollow 词…`, `/follows`: keyword alerts for new articles.
 * In a group only its administrators follow and unfollow (`groupAdmins`).
 */
export function createFollowFeature(groupAdmins: GroupAdminCheck): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const list = (ctx: BotContext, words: readonly string[]) => {
    const shown = words.slice(0, WORDS_LISTED).map((word) => truncate(word, WORD_SHOWN_MAX)).join(ctx.t('list-separator'));
    return words.length > WORDS_LISTED ? shown + ctx.t('list-more', { n: words.length - WORDS_LISTED }) : shown;
  };

  feature.command('follow', async (ctx) => {
    const store = ctx.deps.subscribers;
    if (!(await groupAdmins.mayManage(ctx))) return void (await ctx.reply(ctx.t('group-admins-only')));
    const words = parseKeywords(ctx.match);
    if (words.length === 0) return void (await ctx.reply(ctx.t('follow-usage')));
    const tooLong = words.filter((word) => Array.from(word).length > KEYWORD_MAX);
    const result = await store.follow(
      ctx.chat.id,
      words.filter((word) => !tooLong.includes(word)),
      localeFor(ctx.from?.language_code),
      ctx.deps.clock.now(),
    );
    // In a forum supergroup the alerts go to the topic /follow was sent in.
    await store.setTopic(ctx.chat.id, 'alerts', topicOf(ctx));
    const lines: string[] = [];
    if (result.added.length > 0) lines.push(ctx.t('follow-added', { words: list(ctx, result.added) }));
    if (result.known.length > 0) lines.push(ctx.t('follow-known', { words: list(ctx, result.known) }));
    if (result.overLimit.length > 0) {
      lines.push(ctx.t('follow-over-limit', { max: MAX_FOLLOWS, words: list(ctx, result.overLimit) }));
    }
    if (tooLong.length > 0) {
      lines.push(ctx.t('follow-too-long', { max: KEYWORD_MAX, words: list(ctx, tooLong) }));
    }
    await ctx.reply(lines.join('\n'));
  });

  feature.command('unfollow', async (ctx) => {
    const store = ctx.deps.subscribers;
    if (!(await groupAdmins.mayManage(ctx))) return void (await ctx.reply(ctx.t('group-admins-only')));
    const typed = parseKeywords(ctx.match);
    const current = await store.follows(ctx.chat.id);
    // /unfollow 全部: every word, unless 全部 is itself a word followed.
    const all = typed.length === 1 && ALL.test(typed[0]!) && !current.includes(typed[0]!);
    if (all && current.length === 0) return void (await ctx.reply(ctx.t('follows-empty')));
    const words = all ? current : typed;
    if (words.length === 0) {
      const keywords = current.length > 0 ? list(ctx, current) : '—';
      return void (await ctx.reply(ctx.t('unfollow-usage', { keywords })));
    }
    const removed = await store.unfollow(ctx.chat.id, words);
    const missing = words.filter((word) => !removed.includes(word));
    const lines: string[] = [];
    if (removed.length > 0) lines.push(ctx.t('unfollow-done', { words: list(ctx, removed) }));
    if (missing.length > 0) lines.push(ctx.t('unfollow-none', { words: list(ctx, missing) }));
    await ctx.reply(lines.join('\n'));
  });

  feature.command('follows', async (ctx) => {
    const store = ctx.deps.subscribers;
    const words = await store.follows(ctx.chat.id);
    if (words.length === 0) return void (await ctx.reply(ctx.t('follows-empty')));
    await ctx.reply(ctx.t('follows-list', { count: words.length, max: MAX_FOLLOWS, keywords: list(ctx, words) }));
  });

  return feature;
}
