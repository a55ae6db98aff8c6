import type { QueryStore } from '../types.js';

/**
 * Search queries kept for the ◀ ▶ buttons, per chat. The id is made from the
 * chat and the query together, and a button's id is looked up only for the
 * chat the button is pressed in: an id shared by everyone (a hash of the
 * query alone) let anyone test whether a phrase had ever been searched by
 * someone else, and made another chat's buttons work anywhere.
 */
export function saveChatQuery(queries: QueryStore, chatId: number, query: string): Promise<string> {
  return queries.saveQuery(scoped(chatId, query));
}

/** The query behind `id` when it was saved for `chatId`; undefined otherwise (unknown, or another chat's). */
export async function chatQuery(queries: QueryStore, chatId: number, id: string): Promise<string | undefined> {
  const saved = await queries.getQuery(id);
  const prefix = scoped(chatId, '');
  return saved?.startsWith(prefix) ? saved.slice(prefix.length) : undefined;
}

/** The text stored: the chat's id, a line break (never in a one-line query), the query. */
function scoped(chatId: number, query: string): string {
  return `${chatId}\n${query}`;
}
