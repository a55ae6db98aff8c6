import type { Update, UserFromGetMe } from 'grammy/types';
import { GrammyError, type Transformer } from 'grammy';
import { createBot, type CreateBotOptions } from '../../src/bot/createBot.js';
import type { BotDeps } from '../../src/bot/deps.js';
import { createI18n, escapeHtml } from '../../src/render/index.js';
import { createTrendChartRenderer, readHotTopics } from '../../src/trend/index.js';
import { createSilentLogger } from '../../src/logger.js';
import { openSqliteStore } from '../../src/store/index.js';
import { splitTimeSpan } from '../../src/search/index.js';
import type { Article, HotlineReport, SafetyReport, SearchResult, SearchService } from '../../src/types.js';
import { undatedPage } from '../../bench/pages.js';

export const BOT_INFO: UserFromGetMe = {
  id: 42,
  is_bot: true,
  first_name: '西宁晚报',
  username: 'xnwb_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export const USER = { id: 1001, is_bot: false, first_name: '小王', language_code: 'zh-hans' } as const;
export const EN_USER = { id: 1002, is_bot: false, first_name: 'Amy', language_code: 'en' } as const;
export const PRIVATE_CHAT = { id: 1001, type: 'private', first_name: '小王' } as const;
export const GROUP_CHAT = { id: -500, type: 'supergroup', title: '读报群' } as const;

export interface ApiCall {
  readonly method: string;
  readonly payload: Record<string, unknown>;
}

/**
 * A small stand-in for search: an article matches when its title or body
 * contains every space-separated word; the snippet is the first 30
 * characters from the first match, escaped, each word in <b>. A trailing
 * time span (with `today`) and since/until keep editions in the span; a
 * span alone lists it; `newest` orders by edition day, else fixture order.
 */
export function createFakeSearch(articles: readonly Article[]): SearchService {
  const words = (query: string) => query.split(/\s+/).filter(Boolean);
  const matches = (article: Article, query: string) =>
    words(query).length > 0 && words(query).every((w) => article.title.includes(w) || article.body.includes(w));
  const snippet = (article: Article, query: string) => {
    const first = words(query)[0]!;
    const at = Math.max(0, article.body.indexOf(first));
    let html = escapeHtml(article.body.slice(at, at + 30));
    for (const word of words(query)) html = html.split(escapeHtml(word)).join(`<b>${escapeHtml(word)}</b>`);
    return html;
  };
  return {
    async search(query, options = {}): Promise<SearchResult> {
      const split = options.today ? splitTimeSpan(query, options.today) : { text: query, span: null };
      const since = split.span?.since ?? options.since ?? null;
      const until = split.span?.until ?? options.until ?? null;
      const span = since === null && until === null ? null : { since, until };
      const inSpan = (a: Article) =>
        span === null || (a.edition.date !== null && a.edition.date >= (since ?? '') && a.edition.date <= (until ?? '9999'));
      const timeOnly = split.text === '' && span !== null;
      const sort = options.sort ?? (timeOnly ? 'newest' : 'relevance');
      const found = articles.filter((a) => a.kind === 'article' && (timeOnly || matches(a, split.text)) && inSpan(a));
      if (sort === 'newest') found.sort((a, b) => (b.edition.date ?? '').localeCompare(a.edition.date ?? ''));
      const offset = options.offset ?? 0;
      const page = found.slice(offset, offset + (options.limit ?? 10));
      return {
        query,
        words: split.text.trim(),
        nearest: false,
        total: found.length,
        results: page.map((a, i) => ({
          id: a.id,
          title: a.title,
          date: a.date,
          source: a.source,
          edition: a.edition,
          snippet: timeOnly ? escapeHtml(a.body.slice(0, 30)) : snippet(a, split.text),
          score: 10 - offset - i,
        })),
        span,
        sort,
      };
    },
    matches,
    snippet,
    // Related articles come from the real index (tests/search); this stand-in lists none.
    related: () => [],
  };
}

export interface Fixture {
  readonly articles?: readonly Article[];
  readonly hotline?: readonly HotlineReport[];
  readonly safety?: readonly SafetyReport[];
}

/** Translations for every test bot: what the runtime builds once per process. */
export const I18N = createI18n();

/**
 * Real SQLite stores (in memory) holding the fixture, a fake search over it, no
 * answer to any question (tests/bot/answer.test.ts passes the real answer service),
 * the real chart renderer, and an upload ingest that refuses (tests pass their own).
 */
export async function createDeps(fixture: Fixture): Promise<BotDeps> {
  const store = openSqliteStore(':memory:', { now: () => new Date('2025-02-21T00:00:00Z') });
  await store.pages.savePage(
    undatedPage('fixture.txt', 'fixture', { items: fixture.articles ?? [], hotline: fixture.hotline ?? [], safety: fixture.safety ?? [] }),
    new Date('2025-02-21T00:00:00Z'),
  );
  return {
    search: createFakeSearch(fixture.articles ?? []),
    articles: store.articles,
    queries: store.queries,
    clock: { now: () => new Date('2025-02-21T00:00:00Z') },
    logger: createSilentLogger(),
    adminIds: [],
    timeZone: 'Asia/Shanghai',
    downloadFile: async () => new Uint8Array(),
    answers: { answer: () => Promise.resolve(null), listing: async (text) => ({ query: text, nearest: false, first: [] }) },
    trendChart: createTrendChartRenderer(),
    hotTopics: readHotTopics(),
    subscribers: store.subscribers,
    pushTime: '08:00',
    ingestUpload: () => Promise.reject(new Error('this test stores no upload')),
    afterIngest: () => {},
    publicUrl: null,
  };
}

/** Makes the next API call of `method` fail the way Telegram would. */
export interface Failure { method: string; code: number; description: string }

/**
 * A bot with a preset botInfo and a transformer that records every API call
 * and answers it locally (sendMessage gets a message with a fresh id). It is
 * installed as the innermost transformer, where the network call would be, so
 * it records the payloads as Telegram would get them (HTML mode and all).
 */
export function createTestBot(deps: BotDeps, options: Partial<CreateBotOptions> = {}) {
  const calls: ApiCall[] = [];
  const failures: Failure[] = [];
  let messageId = 100;
  const record: Transformer = async (_prev, method, payload) => {
    // grammY passes no payload at all for a method without parameters (getMe), whatever its type says.
    const plain = JSON.parse(JSON.stringify(payload ?? {})) as Record<string, unknown>;
    calls.push({ method, payload: plain });
    const failure = failures.findIndex((f) => f.method === method);
    if (failure >= 0) {
      const { code, description } = failures.splice(failure, 1)[0]!;
      throw new GrammyError(`Call to '${method}' failed!`, { ok: false, error_code: code, description }, method, payload);
    }
    const result =
      method === 'sendMessage'
        ? { message_id: ++messageId, date: 0, chat: { id: plain.chat_id, type: 'private' }, text: plain.text }
        : true;
    return { ok: true, result } as never;
  };
  const bot = createBot('1:test', deps, {
    botInfo: BOT_INFO,
    rateLimit: false,
    i18n: I18N,
    ...options,
    apiTransformers: [record, ...(options.apiTransformers ?? [])],
  });
  let updateId = 1;
  return {
    bot,
    calls,
    fail: (failure: Failure) => failures.push(failure),
    /** Feeds one update and returns the calls it caused. */
    async send(update: Omit<Update, 'update_id'>): Promise<ApiCall[]> {
      const before = calls.length;
      await bot.handleUpdate({ update_id: updateId++, ...update });
      return calls.slice(before);
    },
  };
}

interface From { readonly id: number; readonly is_bot: false; readonly first_name: string; readonly language_code?: string }
type Chat = typeof PRIVATE_CHAT | typeof GROUP_CHAT;

let nextMessageId = 1;

/** A text message; a leading `/command` gets its bot_command entity as Telegram sends it. */
export function textUpdate(
  text: string,
  { from = USER, chat = PRIVATE_CHAT, replyTo }: { from?: From; chat?: Chat; replyTo?: number } = {},
): Omit<Update, 'update_id'> {
  const command = /^\/[\w@]+/.exec(text);
  return {
    message: {
      message_id: nextMessageId++,
      date: 1740000000,
      chat,
      from,
      text,
      ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}),
      ...(replyTo !== undefined
        ? {
            reply_to_message: {
              message_id: replyTo,
              date: 1740000000,
              chat,
              from: { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name },
              text: '…',
            },
          }
        : {}),
    },
  } as Omit<Update, 'update_id'>;
}

/** A press of an inline button on message `messageId` of the private chat. */
export function callbackUpdate(
  data: string,
  { from = USER, messageId = 101 }: { from?: From; messageId?: number } = {},
): Omit<Update, 'update_id'> {
  return {
    callback_query: {
      id: `cb${nextMessageId++}`,
      from,
      chat_instance: 'ci',
      data,
      message: { message_id: messageId, date: 1740000000, chat: PRIVATE_CHAT, from: BOT_INFO, text: '…' },
    },
  };
}

export function inlineUpdate(query: string, offset = '', from: From = USER): Omit<Update, 'update_id'> {
  return { inline_query: { id: 'iq1', from, query, offset, chat_type: 'sender' } };
}
