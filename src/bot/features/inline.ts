import { Composer, InlineKeyboard } from 'grammy';
import type { InlineQueryResultArticle } from 'grammy/types';
import type { SearchResult } from '../../types.js';
import type { BotContext } from '../context.js';
import { escapeHtml, formatAnswer, formatEdition, htmlToPlain, oneLine, truncate } from '../../render/index.js';
import { QUERY_MAX, readerToday } from './search.js';
import { articleLink } from './read.js';

/** Results per inline page (Telegram allows 50). */
export const INLINE_PAGE_SIZE = 10;
/** Seconds Telegram may cache an inline answer: short, so new pages show up soon. */
export const INLINE_CACHE_SECONDS = 30;
/** Longest title in a posted result (characters); Telegram's list shows 100 of it. */
const INLINE_TITLE_MAX = 200;
/** Telegram reads at most this many results' offsets; deeper paging is pointless. */
const INLINE_OFFSET_MAX = 1000;

/**
 * Inline mode: `@bot 词` in any chat lists matching articles (title, snippet
 * as description), `@bot` alone the newest; choosing one posts its title,
 * snippet and date, with a deep link to read it in full in the private chat.
 * Paged with `next_offset`.
 */
async function answerOrNull(ctx: BotContext, query: string, listed: SearchResult) {
  try {
    return await ctx.deps.answers.answer(query, listed);
  } catch (error) {
    ctx.logger.warn({ err: error }, 'answering failed, inline results only');
    return null;
  }
}

export function createInlineFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.on('inline_query', async (ctx) => {
    const query = oneLine(ctx.inlineQuery.query);
    const offset = /^\d{1,4}$/.test(ctx.inlineQuery.offset) ? Number(ctx.inlineQuery.offset) : 0;
    if (Array.from(query).length > QUERY_MAX || offset > INLINE_OFFSET_MAX) {
      await ctx.answerInlineQuery([], { cache_time: INLINE_CACHE_SECONDS, next_offset: '' });
      return;
    }
    // `@bot` alone: the newest articles, to share today's news without typing a word.
    // A trailing time (`护学岗 本月`) limits the editions here too.
    const listing = query ? await ctx.deps.answers.listing(query) : null;
    const found = listing
      ? await ctx.deps.search.search(listing.query, { limit: INLINE_PAGE_SIZE, offset, today: readerToday(ctx), nearest: listing.nearest, first: listing.first })
      : await ctx.deps.search.search('', { limit: INLINE_PAGE_SIZE, offset, sort: 'newest' });
    const results = found.results.map((hit): InlineQueryResultArticle => {
      const title = oneLine(hit.title);
      const edition = formatEdition(hit.edition, ctx.t);
      return {
        type: 'article',
        id: hit.id,
        title: truncate(title, 100),
        // The edition line first, as in every list, then the matching words; a nearest match says so first.
        description: `${found.nearest ? `${ctx.t('inline-nearest')}\n` : ''}${htmlToPlain(edition)}\n${truncate(oneLine(htmlToPlain(hit.snippet)), 200)}`,
        input_message_content: {
          // Cut as in an article's head: a whole column misread as a title must not make the post too long.
          message_text: `<b>${escapeHtml(truncate(title, INLINE_TITLE_MAX))}</b>\n${hit.snippet}\n${edition}`,
        },
        reply_markup: new InlineKeyboard().url(ctx.t('inline-read'), articleLink(ctx.me.username, hit.id)),
      };
    });
    // The answer to a question goes first, on the first page only (it is not one of the paged hits).
    // Read from the best hits of this first page: one search per reply.
    const answer = offset === 0 && query ? await answerOrNull(ctx, query, found) : null;
    if (answer) {
      results.unshift({
        type: 'article',
        id: 'answer',
        title: truncate(`💡 ${answer.highlight || oneLine(answer.text)}`, 100),
        description: truncate(oneLine(answer.text), 200),
        input_message_content: { message_text: formatAnswer(answer, ctx.t) },
      });
    }
    const next = offset + found.results.length;
    await ctx.answerInlineQuery(results, {
      cache_time: INLINE_CACHE_SECONDS,
      next_offset: found.results.length > 0 && next < found.total ? String(next) : '',
    });
  });

  return feature;
}
