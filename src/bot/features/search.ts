import { Composer, GrammyError, InlineKeyboard } from 'grammy';
import type { Message, UserFromGetMe } from 'grammy/types';
import type { Answer } from '../../answer/index.js';
import { calendarDay } from '../../calendar.js';
import type { SearchReply, SearchResult, SearchSort, ShownPage } from '../../types.js';
import { chatQuery, saveChatQuery } from '../chatQueries.js';
import { packCallback, unpackCallback, formatAnswer, formatSearchPage, formatNoResults, oneLine, PAGE_SIZE, pageCount } from '../../render/index.js';
import type { BotContext } from '../context.js';
import { openingOf, pageTurnOf, type PageTurn, type SearchRequest } from '../searchRequest.js';
import { keyboardOf, pageRows, readerRows, readRows, sortRow } from '../keyboards.js';

/** Latest editions named when a time asked for has none. */
const LATEST_EDITIONS_SHOWN = 3;
/** Longest query accepted, in characters: a search is a word or a few, not a pasted article. */
export const QUERY_MAX = 50;

type SearchPage = (
  | { readonly found: true; readonly text: string; readonly keyboard: InlineKeyboard | undefined; readonly shown: ShownPage }
  | { readonly found: false; readonly text: string }
) & {
  /** The search as run for the page asked for (an answer reads the first page's best hits). */
  readonly listed: SearchResult;
};

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
  // A question lists what it is about (its asking and scaffolding words out), the nearest match allowed.
  // A question answered from a report lists that report first.
  const listing = await ctx.deps.answers.listing(query);
  const ask = (at: number) =>
    ctx.deps.search.search(listing.query, { limit: PAGE_SIZE, offset: (at - 1) * PAGE_SIZE, today, nearest: listing.nearest, first: listing.first, ...(sort ? { sort } : {}) });
  const first = await ask(page);
  // The search took the time span off the query: its words are what the reader asked for.
  const words = first.words;
  if (first.total === 0) {
    // A time alone with no edition in it: the latest editions there are.
    const latest = words === '' && first.span ? (await ctx.deps.articles.editionDates()).slice(0, LATEST_EDITIONS_SHOWN) : [];
    return { found: false, text: formatNoResults(words, ctx.t, first.span, latest), listed: first };
  }
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
    ...readerRows(ctx.deps.publicUrl, ctx.chat?.type, ctx.t('reader-results'), { view: 'search', q: query }),
  ]);
  return { found: true, text: formatSearchPage(result, shown, ctx.t), keyboard, listed: first, shown: { queryId, page: shown, sort: result.sort } };
}

/** The button under an answer: the whole report for a hotline answer, the article for an article answer. */
export function answerButton(answer: Answer, t: BotContext['t']): InlineKeyboard {
  if (answer.kind === 'hotline' && answer.source.date) {
    return new InlineKeyboard().text(t('answer-open-report'), packCallback({ kind: 'report', date: answer.source.date }));
  }
  return new InlineKeyboard().text(t('inline-read'), packCallback({ kind: 'read', articleId: answer.source.id, part: 0 }));
}

/** The answer to a question, or null (no answer, or it failed: the list still goes out). */
async function findAnswer(ctx: BotContext, query: string, listed: SearchResult): Promise<Answer | null> {
  try {
    return await ctx.deps.answers.answer(query, listed);
  } catch (error) {
    ctx.logger.warn({ err: error }, 'answering failed, sending the results only');
    return null;
  }
}

/** One message of a search's answer: HTML text and its buttons. */
interface ReplyPart {
  readonly text: string;
  readonly keyboard?: InlineKeyboard | undefined;
}

/** What a search answers: the answer line (when the question has one) and the results (or why there are none). */
interface SearchAnswer {
  readonly answer: ReplyPart | null;
  /** Null only when an answer line was found and no article matched: nothing follows it. */
  readonly results: ReplyPart | null;
  /** The page of results shown, if any: what a typed 下一页 goes on from. */
  readonly shown?: ShownPage;
}

/**
 * Answers a question (the answer line, with a button to the whole report or
 * article) and searches: the first page of results (or why there are none).
 * The query is saved server-side for `chatId`: the ◀ ▶ buttons only carry its id.
 */
async function composeSearch(ctx: BotContext, chatId: number, text: string, usage: string, sort?: SearchSort): Promise<SearchAnswer> {
  const query = oneLine(text);
  if (!query) return { answer: null, results: { text: ctx.t(usage) } };
  if (Array.from(query).length > QUERY_MAX) return { answer: null, results: { text: ctx.t('query-too-long', { max: QUERY_MAX }) } };
  const queryId = await saveChatQuery(ctx.deps.queries, chatId, query);
  const page = await renderPage(ctx, queryId, query, 1, sort);
  // The answer is read from the best hits of the list itself: one search per reply.
  const answer = await findAnswer(ctx, query, page.listed);
  const answerPart = answer ? { text: formatAnswer(answer, ctx.t), keyboard: answerButton(answer, ctx.t) } : null;
  // A question answered above needs no "nothing found" after it.
  if (!page.found && answer) return { answer: answerPart, results: null };
  return page.found
    ? { answer: answerPart, results: { text: page.text, keyboard: page.keyboard }, shown: page.shown }
    : { answer: answerPart, results: { text: page.text } };
}

/** Sends a search's messages; returns their ids. */
async function sendSearch(ctx: BotContext, found: SearchAnswer): Promise<SearchReply> {
  const send = async (part: ReplyPart | null) =>
    part === null ? null : (await ctx.reply(part.text, part.keyboard ? { reply_markup: part.keyboard } : {})).message_id;
  const answerMessageId = await send(found.answer);
  const resultsMessageId = await send(found.results);
  return { answerMessageId, resultsMessageId, ...(found.shown ? { shown: found.shown } : {}) };
}

const isNotModified = (error: unknown) => error instanceof GrammyError && error.description.includes('message is not modified');

/**
 * Edits the messages that answered a search into the new answer. True when done;
 * false when the new answer has another shape (an answer line more or less) or an
 * edit failed (the message was deleted meanwhile): the old messages are then
 * deleted, as far as Telegram lets us, for the caller to answer anew.
 */
async function editSearch(ctx: BotContext, chatId: number, previous: SearchReply, found: SearchAnswer): Promise<boolean> {
  const pairs: [number | null, ReplyPart | null][] = [
    [previous.answerMessageId, found.answer],
    [previous.resultsMessageId, found.results],
  ];
  const sameShape = pairs.every(([id, part]) => (id === null) === (part === null));
  if (sameShape) {
    try {
      for (const [id, part] of pairs) {
        if (id === null || part === null) continue;
        try {
          // No keyboard: an empty one, or the old buttons would stay under the new text.
          await ctx.api.editMessageText(chatId, id, part.text, { reply_markup: part.keyboard ?? { inline_keyboard: [] } });
        } catch (error) {
          // The same words searched again give the same text: Telegram refuses the identical edit.
          if (!isNotModified(error)) throw error;
        }
      }
      return true;
    } catch (error) {
      ctx.logger.warn({ err: error }, 'could not edit the answer to an edited search: answering anew');
    }
  }
  for (const [id] of pairs) {
    if (id === null) continue;
    try {
      await ctx.api.deleteMessage(chatId, id);
    } catch (error) {
      ctx.logger.warn({ err: error, message_id: id }, 'could not delete the old answer to an edited search');
    }
  }
  return false;
}

/**
 * Answers a search message with the answer line and the first page of results,
 * and remembers which messages those were. For an edited message (`edited`),
 * the earlier answer to it is edited instead when it is known; otherwise (too
 * old, or never answered) it is answered anew.
 */
export async function replyWithSearch(ctx: BotContext, request: SearchRequest, edited = false): Promise<void> {
  const chat = ctx.chat;
  const message = ctx.msg;
  if (!chat || !message) return;
  const found = await composeSearch(ctx, chat.id, request.text, request.usage, request.sort);
  const queries = ctx.deps.queries;
  const previous = edited ? await queries.searchReply(chat.id, message.message_id) : undefined;
  if (previous && (await editSearch(ctx, chat.id, previous, found))) {
    const kept = {
      answerMessageId: found.answer ? previous.answerMessageId : null,
      resultsMessageId: found.results ? previous.resultsMessageId : null,
      ...(found.shown ? { shown: found.shown } : {}),
    };
    await queries.rememberSearchReply(chat.id, message.message_id, kept, ctx.deps.clock.now());
    return;
  }
  const sent = await sendSearch(ctx, found);
  await queries.rememberSearchReply(chat.id, message.message_id, sent, ctx.deps.clock.now());
}

/**
 * Another page of the chat's latest search, asked in words (下一页, 更多, 上一页, 第3页):
 * sent as a new message below, with its buttons, and remembered as that search's
 * page for the next turn. The ◀ ▶ buttons edit the page in place instead.
 */
async function turnPage(ctx: BotContext, turn: PageTurn): Promise<void> {
  const chat = ctx.chat;
  const message = ctx.msg;
  if (!chat || !message) return;
  const { queries } = ctx.deps;
  const latest = await queries.latestPage(chat.id);
  const query = latest && (await chatQuery(queries, chat.id, latest.queryId));
  if (!latest || query === undefined) {
    await ctx.reply(ctx.t('page-turn-none'));
    return;
  }
  const wanted = 'page' in turn ? turn.page : latest.page + turn.step;
  if (wanted < 1) {
    await ctx.reply(ctx.t('page-turn-first'));
    return;
  }
  const page = await renderPage(ctx, latest.queryId, query, wanted, latest.sort);
  if (!page.found) {
    // The archive changed under the search (pages taken out): it finds nothing now.
    await ctx.reply(page.text);
    return;
  }
  if (page.shown.page < wanted) {
    await ctx.reply(ctx.t('page-turn-last', { page: wanted, pages: page.shown.page }));
    return;
  }
  const sent = await ctx.reply(page.text, { reply_markup: page.keyboard });
  await queries.rememberSearchReply(chat.id, message.message_id, { answerMessageId: null, resultsMessageId: sent.message_id, shown: page.shown }, ctx.deps.clock.now());
}

/** The page turn a new message asks for (edits are searched again, as any edited search). */
const pageTurnAsked = (ctx: BotContext): PageTurn | null => (ctx.message?.text === undefined ? null : pageTurnOf(ctx.message.text));

/** Searches `request` for the message in hand, new or edited. */
function answer(ctx: BotContext, request: SearchRequest): Promise<void> {
  return replyWithSearch(ctx, request, ctx.editedMessage !== undefined);
}

/**
 * Search: `/search 词` and `/ask 问题` anywhere (in captions too), any other text or
 * caption in a private chat (an admin's document is an upload), and in groups a
 * text replying to one of the bot's messages. An edit of such a message searches
 * again and edits the answer; ◀ ▶ paging edits the results message. Anything
 * else (another command, group chatter) goes on to the next feature.
 */
export function createSearchFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  // A message or an edit with text or a caption: what may be a search.
  const worded = feature.on(['message:text', 'message:caption', 'edited_message:text', 'edited_message:caption']);
  const opening = (ctx: { readonly msg: Message; readonly me: UserFromGetMe }) => openingOf(ctx.msg, ctx.me.username);

  worded.filter(
    (ctx) => typeof opening(ctx) === 'object',
    (ctx) => answer(ctx, opening(ctx) as SearchRequest),
  );
  const words = worded.filter((ctx) => opening(ctx) === 'words');
  // An admin's document in a private chat is a page upload: its caption dates the page.
  const inPrivate = words.chatType('private').filter((ctx) => !(ctx.msg.document && ctx.deps.adminIds.includes(ctx.from.id)));
  const inGroups = words
    .chatType(['group', 'supergroup'])
    .filter((ctx) => ctx.msg.text !== undefined && ctx.msg.reply_to_message?.from?.id === ctx.me.id);
  // 下一页, 更多 and the like turn the page of the chat's latest search; other words are searched.
  const turned = (ctx: BotContext) => pageTurnAsked(ctx) !== null;
  const turn = (ctx: BotContext) => turnPage(ctx, pageTurnAsked(ctx)!);
  inPrivate.filter(turned, turn);
  inPrivate.use((ctx) => answer(ctx, { text: ctx.msg.text ?? ctx.msg.caption, usage: 'search-usage' }));
  inGroups.filter(turned, turn);
  inGroups.use((ctx) => answer(ctx, { text: ctx.msg.text ?? '', usage: 'search-usage' }));

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
      await ctx.editMessageText(page.text, { reply_markup: page.keyboard });
    } catch (error) {
      // A double tap asks for the page already shown: Telegram refuses the identical edit.
      if (!(error instanceof GrammyError && error.description.includes('message is not modified'))) throw error;
    }
    const messageId = ctx.callbackQuery.message?.message_id;
    if (chatId !== undefined && messageId !== undefined) await ctx.deps.queries.showPage(chatId, messageId, page.shown);
  });

  feature.callbackQuery('x', (ctx) => ctx.answerCallbackQuery());

  return feature;
}
