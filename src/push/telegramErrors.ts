import { GrammyError } from 'grammy';
import { describeApiError } from '../process/index.js';

/** What to do about a failed send. */
export type TelegramErrorSort =
  /** The chat is gone for us (blocked, kicked, deleted): stop sending until the reader writes again. */
  | { readonly action: 'deactivate'; readonly reason: string }
  /**
   * 429 that reached us: auto-retry already waited `retry_after` and retried, and gave up
   * (too many tries, or a wait longer than it may take). The delivery goes to a later tick
   * without using a try: Telegram said nothing about the chat.
   */
  | { readonly action: 'rate-limited'; readonly retryAfter: number; readonly reason: string }
  /**
   * No answer about this message: a network error, a timeout, a 5xx, or the send was stopped.
   * Telegram is unreachable: the broadcast pauses and sends it again, no try used.
   */
  | { readonly action: 'unreachable'; readonly reason: string }
  /** Telegram answered about this message and refused it (a 400 we did not expect): a try used, tried again on a later tick. */
  | { readonly action: 'retry-later'; readonly reason: string };

/**
 * 400s that mean the chat itself is gone, not that the message was bad. Telegram words them as
 * "Bad Request: chat not found", "Bad Request: PEER_ID_INVALID", "Bad Request: user not found";
 * a forum topic deleted under a subscription as "Bad Request: message thread not found" (or
 * TOPIC_DELETED), handled like a blocked chat until an admin subscribes again.
 */
const GONE =
  /chat not found|user not found|peer_id_invalid|chat_id_invalid|group chat was deactivated|chat was deleted|message thread not found|topic_deleted/i;

/**
 * Sorts a Telegram error into what push does next. The only place that decides it:
 * 403 (bot blocked, kicked, user deactivated) and "chat not found" deactivate the chat;
 * 429 is auto-retry's job and lands here only when it gave up; network errors, timeouts
 * and 5xx are Telegram being unreachable; only Telegram's own answers about a message
 * (other 4xx) use up one of its tries.
 */
export function sortTelegramError(error: unknown): TelegramErrorSort {
  if (error instanceof GrammyError) {
    const reason = `${error.error_code}: ${error.description}`;
    if (error.error_code === 403) return { action: 'deactivate', reason };
    if (error.error_code === 400 && GONE.test(error.description)) return { action: 'deactivate', reason };
    if (error.error_code === 429) {
      return { action: 'rate-limited', retryAfter: error.parameters.retry_after ?? 1, reason };
    }
    if (error.error_code >= 500) return { action: 'unreachable', reason };
    return { action: 'retry-later', reason };
  }
  // HttpError (the request got no answer), an abort, anything else thrown on the way: no answer from Telegram.
  return { action: 'unreachable', reason: describeApiError(error, '') };
}
