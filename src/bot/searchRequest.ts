import type { Message } from 'grammy/types';

/** What a message asks the bot to search: the words, and the usage hint for an empty command. */
export interface SearchRequest {
  readonly text: string;
  /** Locale id of the hint sent when `text` is empty (`/search` or `/ask` alone). */
  readonly usage: 'search-usage' | 'answer-usage';
}

/** Where a message was sent and by whom, as far as deciding "is it a search" needs. */
export interface SearchSource {
  readonly chatType: string;
  /** The bot's username (a command addressed to another bot is not ours). */
  readonly botUsername: string;
  readonly botId: number;
  /** Is the sender one of ADMIN_IDS? Their documents in a private chat are page uploads, not searches. */
  readonly fromAdmin: boolean;
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
 * Whether a message (new or edited) is a search, and of what. The same rule
 * decides both, so an edit is searched again exactly when the message, sent
 * new, would have been searched:
 * - `/search 词` and `/ask 问题` in any chat, as text or as a caption;
 * - in a private chat, any other text or caption that is not a command, except
 *   an admin's document (a page upload: its caption dates the page);
 * - in a group, a text replying to one of the bot's messages; other captions and
 *   chatter are not the bot's business.
 * Returns null for everything else (another command, a photo without caption, …).
 */
export function searchRequestOf(message: Message, source: SearchSource): SearchRequest | null {
  const text = message.text ?? message.caption;
  if (text === undefined) return null;
  const entities = (message.text !== undefined ? message.entities : message.caption_entities) ?? [];
  const command = leadingCommand(text, entities, source.botUsername);
  if (command) {
    const usage = command.name === null ? undefined : USAGE[command.name];
    return usage ? { text: command.rest, usage } : null;
  }
  if (source.chatType === 'private') {
    if (message.document && source.fromAdmin) return null;
    return { text, usage: 'search-usage' };
  }
  if (source.chatType === 'group' || source.chatType === 'supergroup') {
    const repliesToBot = message.reply_to_message?.from?.id === source.botId;
    return message.text !== undefined && repliesToBot ? { text, usage: 'search-usage' } : null;
  }
  return null;
}
