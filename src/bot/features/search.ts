import { Composer, GrammyError, InlineKeyboard } from 'grammy';
import type { Answer } from '../../answer/index.js';
import { calendarDay } from '../../calendar.js';
import { splitTimeSpan } from '../../search/timeSpan.js';
import type { SearchSort } from '../../types.js';
import { chatQuery, saveChatQuery } from '../chatQueries.js';
import { packCallback, unpackCallback, formatAnswer, formatSearchPage, formatNoResults, HTML, oneLine, PAGE_SIZE, pageCount } from '../../render/index.js';
import type { BotContext } from '../context.js';
import { keyboardOf, pageRows, readRows, sortRow } from '../keyboards.js';

/** Longest query accepted, in characters: a search is a word or a few, not a pasted article. */
export const QUERY_MAX = 50;

type SearchPage =
  | { readonly found: true; readonly text: string; readonly keyboard: InlineKeyboard | undefined }
  | { readonly found: false; readonly text: string };

/** The reader's calendar day: relative spans (近7天, 本月) count from it. */
export function readerToday(ctx: BotContext): string {
  return calendarDay(ctx.deps.clock.now(), ctx.deps.timeZone);
}

/**
 * Page `page` of the saved query `queryId` in the order `sort` (default:
 * relevance, newest first for a time alone), clamped to the last page; or
 * the answer saying nothing matches (naming the span searched).
 */
async function renderPage(
  ctx: BotContext,
  queryId: string,
  query: string,
  page: number,
  sort?: SearchSort,
): Promise<SearchPage> {
  const today = readerToday(ctx);
  const words = splitTimeSpan(query, today).text;
  const ask = (at: number) =>
    ctx.deps.search.search(query, { limit: PAGE_SIZE, offset: (at - 1) * PAGE_SIZE, today, ...(sort ? { sort } : {}) });
  const first = await ask(page);
  if (first.total === 0) return { found: false, text: formatNoResults(words, ctx.t, first.span) };
  const pages = pageCount(first.total);
  // The corpus may have shrunk since the button was made: show the last page there is.
  const result = page > pages ? await ask(pages) : first;
  const shown = Math.min(page, pages);
  // A time alone has no relevance to sort by: its list stays newest first, without the switch.
  const toggle = words === '' || result.total < 2 ? [] : sortRow(queryId, shown, result.sort, ctx.t(result.sort === 'newest' ? 'sort-relevance' : 'sort-newest'));
  const keyboard = keyboardOf([
    ...readRows(result.results, (shown - 1) * PAGE_SIZE + 1),
    ...pageRows(queryId, shown, pages, result.sort),
    ...toggle,
  ]);
  return { found: true, text: formatSearchPage(result, shown, ctx.t, words), keyboard };
}

/** The button under an answer: the whole report for a hotline answer, the article for an article answer. */
export function answerButton(answer: Answer, t: BotContext['t']): InlineKeyboard {
  if (answer.kind === 'hotline' && answer.source.date) {
    return new InlineKeyboard().text(t('answer-open-report'), packCallback({ kind: 'report', date: answer.source.date }));
  }
  return new InlineKeyboard().text(t('inline-read'), packCallback({ kind: 'read', articleId: answer.source.id, part: 0 }));
}

/** The answer to a question, or null (no answer service, no answer, or it failed: the list still goes out). */
async function findAnswer(ctx: BotContext, query: string): Promise<Answer | null> {
  if (!ctx.deps.answers) return null;
  try {
    return await ctx.deps.answers.answer(query);
  } catch (error) {
    ctx.logger.warn({ err: error }, 'answering failed, sending the results only');
    return null;
  }
}

/**
 * Answers a question (the answer line first, with a button to the whole
 * report or article) and searches: the first page of results follows (or
 * why there are none). The query is saved server-side: the ◀ ▶ buttons only
 * carry its id.
 */
export async function replyWithSearch(ctx: BotContext, text: string, usage = 'search-usage'): Promise<void> {
  const query = oneLine(text);
  if (!query) {
    await ctx.reply(ctx.t(usage), HTML);
    return;
  }
  if (Array.from(query).length > QUERY_MAX) {
    await ctx.reply(ctx.t('query-too-long', { max: QUERY_MAX }), HTML);
    return;
  }
  const answer = await findAnswer(ctx, query);
  if (answer) await ctx.reply(formatAnswer(answer, ctx.t), { ...HTML, reply_markup: answerButton(answer, ctx.t) });
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return;
  const queryId = await saveChatQuery(ctx.deps.queries, chatId, query);
  const page = await renderPage(ctx, queryId, query, 1);
  // A question answered above needs no "nothing found" after it.
  if (!page.found && answer) return;
  await ctx.reply(page.text, page.found ? { ...HTML, reply_markup: page.keyboard } : HTML);
}

/** Is this text a bot command (`/x` at its start)? Commands are never searches, known or not. */
function isCommand(ctx: BotContext): boolean {
  if (ctx.msg?.text?.startsWith('/')) return true;
  return ctx.msg?.entities?.some((entity) => entity.type === 'bot_command' && entity.offset === 0) ?? false;
}

/**
 * Search: any plain text in a private chat, `/search 词` anywhere, and in
 * groups a reply to one of the bot's messages; ◀ ▶ paging edits the message.
 */
export function createSearchFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command('search', (ctx) => replyWithSearch(ctx, ctx.match));
  feature.command('ask', (ctx) => replyWithSearch(ctx, ctx.match, 'answer-usage'));

  feature
    .chatType('private')
    .on('message:text')
    .filter((ctx) => !isCommand(ctx))
    .use((ctx) => replyWithSearch(ctx, ctx.message.text));

  feature
    .chatType(['group', 'supergroup'])
    .on('message:text')
    .filter((ctx) => !isCommand(ctx) && ctx.message.reply_to_message?.from?.id === ctx.me.id)
    .use((ctx) => replyWithSearch(ctx, ctx.message.text));

  feature.callbackQuery(/^[sn]:/, async (ctx) => {
    const action = unpackCallback(ctx.callbackQuery.data);
    const chatId = ctx.chat?.id;
    const query =
      action?.kind === 'page' && chatId !== undefined ? await chatQuery(ctx.deps.queries, chatId, action.queryId) : undefined;
    const page =
      action?.kind === 'page' && query !== undefined ? await renderPage(ctx, action.queryId, query, action.page, action.sort) : null;
    if (!page?.found) {
      await ctx.answerCallbackQuery({ text: ctx.t('search-expired') });
      return;
    }
    await ctx.answerCallbackQuery();
    try {
      await ctx.editMessageText(page.text, { ...HTML, reply_markup: page.keyboard });
    } catch (error) {
      // A double tap asks for the page already shown: Telegram refuses the identical edit.
      if (!(error instanceof GrammyError && error.description.includes('message is not modified'))) throw error;
    }
  });

  feature.callbackQuery('x', (ctx) => ctx.answerCallbackQuery());

  return feature;
}
