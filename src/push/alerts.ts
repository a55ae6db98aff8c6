import type { SubscriberStore } from '../types.js';
import type { ArticleStore, SearchService } from '../types.js';

/**
 * Queues one alert per (follower, new article) where the article matches one of the
 * follower's words the way a search would. New means stored after the alert watermark,
 * whoever stored it (an upload, the inbox, `newsbot ingest` in another process).
 * Returns how many alerts were queued.
 */
export async function queueNewAlerts(
  store: SubscriberStore,
  articles: ArticleStore,
  search: Pick<SearchService, 'matches'>,
  now: Date,
): Promise<number> {
  // Many readers follow the same word: test each word once per article.
  const followersOf = new Map<string, number[]>();
  for (const { chatId, keyword } of await store.activeFollows()) {
    followersOf.set(keyword, [...(followersOf.get(keyword) ?? []), chatId]);
  }
  // Nobody follows a word: move the watermark on without listing the articles (a first
  // start over years of imported pages listed them all: 2.4 s at a million, the bot stopped).
  if (followersOf.size === 0) return store.queueAlerts([], await store.lastArticleSeq(), now);
  const fresh = await store.articlesAfterWatermark();
  if (fresh.length === 0) return 0;
  const alerts: { chatId: number; articleId: string; keyword: string }[] = [];
  for (const { id } of fresh) {
    const article = await articles.getArticle(id);
    if (!article) continue;
    const alerted = new Set<number>();
    for (const [keyword, chats] of followersOf) {
      if (!search.matches(article, keyword)) continue;
      for (const chatId of chats) {
        // One message per article per follower, however many of their words match.
        if (alerted.has(chatId)) continue;
        alerted.add(chatId);
        alerts.push({ chatId, articleId: article.id, keyword });
      }
    }
  }
  return store.queueAlerts(alerts, fresh[fresh.length - 1]!.seq, now);
}
