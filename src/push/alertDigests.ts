/**
 * Alert digests: a follower's alerts go out as one message per ingest (`instant`), per hour
 * or per day, never one message per article. Alerts are queued one row per (reader,
 * article), as before; when a chat's digest is due its waiting alerts are put into one
 * digest row in one step (formDigest), and that row is claimed, sent and marked like a
 * summary: exactly once per article and reader, across restarts and instances.
 */
import { randomBytes } from 'node:crypto';
import { DIGEST_PAGE_SIZE } from '../render/index.js';
import type { Article, ArticleStore, DueDelivery, SearchService, SubscriberStore, WaitingAlerts } from '../types.js';
import type { OutgoingMessage } from './broadcast.js';
import { quietState } from './quiet.js';
import type { PushRenderer } from './render.js';
import { lastHourlySlot, lastSlot } from './schedule.js';

/**
 * The latest alert a digest due at `now` takes, by the chat's way: everything queued so far
 * (`instant`), what was queued before the last top of the hour (`hourly`) or before the last
 * daily time (`daily`); later alerts wait for the next slot.
 */
export function digestCutoff(chat: Pick<WaitingAlerts, 'mode' | 'time'>, now: Date, timeZone: string): Date {
  if (chat.mode === 'hourly') return lastHourlySlot(now, timeZone);
  if (chat.mode === 'daily' && chat.time !== null) return lastSlot(chat.time, now, timeZone);
  return now;
}

/** A new digest's key: short (it rides in callback data), unique per chat whichever process makes it. */
function newDigestKey(): string {
  return randomBytes(6).toString('base64url');
}

/**
 * Puts each due chat's waiting alerts into a digest: chats whose slot has come since their
 * oldest waiting alert and who are not inside quiet hours that hold messages (their alerts
 * wait, and go as one digest at the end). Returns how many digests were made.
 */
export async function formDueDigests(
  store: Pick<SubscriberStore, 'waitingAlerts' | 'formDigest'>,
  now: Date,
  timeZone: string,
  only: (chatId: number) => boolean,
): Promise<number> {
  let formed = 0;
  for (const chat of await store.waitingAlerts(now)) {
    if (!only(chat.chatId) || quietState(chat.quiet, now, timeZone) === 'hold') continue;
    const upTo = digestCutoff(chat, now, timeZone);
    if (chat.oldest > upTo.toISOString()) continue;
    if ((await store.formDigest(chat.chatId, newDigestKey(), upTo, now)) > 0) formed++;
  }
  return formed;
}

/**
 * The message of a due digest: one article alone reads as an alert (its matching sentence and
 * read button); several as a list of the first DIGEST_PAGE_SIZE with a button for the rest.
 * Null when none of its articles is left (the store was rebuilt).
 */
export async function composeDigest(
  delivery: DueDelivery,
  deps: {
    readonly store: Pick<SubscriberStore, 'digestItems'>;
    readonly articles: Pick<ArticleStore, 'getArticle'>;
    readonly search: Pick<SearchService, 'snippet'>;
    readonly render: PushRenderer;
  },
): Promise<OutgoingMessage | null> {
  const items = await deps.store.digestItems(delivery.chatId, delivery.itemKey);
  const shown: Article[] = [];
  for (const item of items) {
    if (shown.length === DIGEST_PAGE_SIZE) break;
    const article = await deps.articles.getArticle(item.articleId);
    if (article) shown.push(article);
  }
  const [first] = shown;
  if (!first) return null;
  const keywords = [...new Set(items.map((item) => item.keyword))];
  if (items.length === 1) {
    const keyword = items[0]!.keyword;
    return deps.render.alert(first, keyword, deps.search.snippet(first, keyword), delivery.language);
  }
  return deps.render.digest({ key: delivery.itemKey, keywords, total: items.length, articles: shown }, delivery.language);
}
