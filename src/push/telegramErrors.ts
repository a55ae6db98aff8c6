import { GrammyError, HttpError } from 'grammy';

/** What to do about a failed send. */
export type TelegramErrorSort =
  /** The chat is gone for us (blocked, kicked, deleted): stop sending until the reader writes again. */
  | { readonly action: 'deactivate'; readonly reason: string }
  /**
   * 429 that reached us: auto-retry already waited `retry_after` and retried, and gave up
   * (too many tries, or a wait longer than it may take). The delivery goes to a later tick.
   */
  | { readonly action: 'rate-limited'; readonly retryAfter: number; readonly reason: string }
  /** Anything else (5xx, network, a 400 we did not expect): logged, tried again on a later tick. */
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
 * 429 is auto-retry's job and lands here only when it gave up; the rest waits for a later tick.
 */
export function sortTelegramError(error: unknown): TelegramErrorSort {
  if (error instanceof GrammyError) {
    const reason = `${error.error_code}: ${error.description}`;
    if (error.error_code === 403) return { action: 'deactivate', reason };
    if (error.error_code === 400 && GONE.test(error.description)) return { action: 'deactivate', reason };
    if (error.error_code === 429) {
      return { action: 'rate-limited', retryAfter: error.parameters.retry_after ?? 1, reason };
    }
    return { action: 'retry-later', reason };
  }
  if (error instanceof HttpError) return { action: 'retry-later', reason: `network: ${error.message}` };
  return { action: 'retry-later', reason: error instanceof Error ? error.message : String(error) };
}
