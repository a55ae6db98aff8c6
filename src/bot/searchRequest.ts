import type { Message } from 'grammy/types';
import { smallNumber } from '../search/index.js';
import type { SearchSort } from '../types.js';

/** What a message asks the bot to search: the words, and the usage hint for an empty command. */
export interface SearchRequest {
  readonly text: string;
  /** Locale id of the hint sent when `text` is empty (`/search` or `/ask` alone). */
  readonly usage: 'search-usage' | 'answer-usage';
  /** The results' first order (default: relevance; a time alone newest first). */
  readonly sort?: SearchSort;
}

const USAGE: Record<string, SearchRequest['usage']> = { search: 'search-usage', ask: 'answer-usage' };

interface Entity { readonly type: string; readonly offset: number; readonly length: number }

/**
 * The command opening `text` (lower case, `@bot` dropped) and what follows it, or null
 * when `text` opens with no command. A command addressed to another bot gives
 * `{ name: null }`: it is a command, but not ours.
 */
function leadingCommand(text: string, entities: readonly Entity[], botUsername: string): { name: string | null; rest: string } | null {
  const entity = entities.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (!entity) return text.startsWith('/') ? { name: null, rest: '' } : null;
  const whole = text.slice(1, entity.length);
  const at = whole.indexOf('@');
  const rest = text.slice(entity.length).trimStart();
  if (at >= 0 && whole.slice(at + 1).toLowerCase() !== botUsername.toLowerCase()) return { name: null, rest };
  return { name: (at < 0 ? whole : whole.slice(0, at)).toLowerCase(), rest };
}

/**
 * How a message's text (or caption) opens: with `/search 词` or `/ask 问题` addressed to this
 * bot or to none (a search in any chat: the request), with another command or a slash (not a
 * search: another feature's), or with words (a search where the chat allows it, which the search
 * feature's chatType composers decide).
 */
export function openingOf(message: Message, botUsername: string): SearchRequest | 'command' | 'words' {
  const text = message.text ?? message.caption ?? '';
  const entities = (message.text !== undefined ? message.entities : message.caption_entities) ?? [];
  const command = leadingCommand(text, entities, botUsername);
  if (!command) return 'words';
  const usage = command.name === null ? undefined : USAGE[command.name];
  return usage ? { text: command.rest, usage } : 'command';
}

/** A message asking for another page of the chat's latest search: one page on or back, or a page by its number. */
export type PageTurn = { readonly step: 1 | -1 } | { readonly page: number };

// What readers type for the ▶ and ◀ buttons (Traditional forms too: the words are matched as typed).
const NEXT_PAGE = new Set(['下一页', '下页', '后一页', '往后翻', '翻页', '再来一页', '更多', '更多结果', '还有吗', '还有呢', '还有没有', '继续', '下一頁', '下頁', '後一頁', '還有嗎', '還有呢', '繼續', 'next', 'more', 'nextpage']);
const PREVIOUS_PAGE = new Set(['上一页', '上页', '前一页', '往前翻', '上一頁', '上頁', '前一頁', 'previous', 'prev', 'back']);
const PAGE_NUMBER = /^第(\d{1,3}|[一二两三四五六七八九十]{1,3})[页頁]$|^page(\d{1,3})$/u;

/** The page turn a message's text asks for (下一页, 更多, 上一页, 第3页), or null: any other text is a search. */
export function pageTurnOf(text: string): PageTurn | null {
  // Spaces, punctuation and emoji around the words do not change them (“下一页。”, “更多 >>”, ▶).
  const bare = text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]/gu, '');
  if (NEXT_PAGE.has(bare)) return { step: 1 };
  if (PREVIOUS_PAGE.has(bare)) return { step: -1 };
  const numbered = PAGE_NUMBER.exec(bare);
  const page = numbered ? smallNumber(numbered[1] ?? numbered[2]!) : Number.NaN;
  return page >= 1 ? { page } : null;
}
