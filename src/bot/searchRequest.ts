import type { Message } from 'grammy/types';

/** What a message asks the bot to search: the words, and the usage hint for an empty command. */
export interface SearchRequest {
  readonly text: string;
  /** Locale id of the hint sent when `text` is empty (`/search` or `/ask` alone). */
  readonly usage: 'search-usage' | 'answer-usage';
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
