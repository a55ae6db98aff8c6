/**
 * Wrappers that feed the metrics without the bot, push or search knowing
 * about them: each takes a service and returns one with the same interface.
 */
import type { Bot, Context, Transformer } from 'grammy';
import type { SearchService, SubscriberStore } from '../types.js';
import { updateType, type Metrics } from './metrics.js';

/**
 * Times every update the bot handles, in webhook and polling mode alike. The
 * bot's own first middleware belongs to `createBot`, and grammY has no hook
 * outside the middleware tree, so `bot.handleUpdate` itself is wrapped (the
 * runner and the webhook server both call it).
 */
export function measureUpdates<C extends Context>(bot: Bot<C>, metrics: Pick<Metrics, 'updateHandled'>): void {
  const handle = bot.handleUpdate.bind(bot);
  bot.handleUpdate = async (update, envelope) => {
    const started = performance.now();
    try {
      await handle(update, envelope);
    } finally {
      metrics.updateHandled(updateType(update), (performance.now() - started) / 1000);
    }
  };
}

/** The same search (related articles included), each query timed. */
export function measureSearch(search: SearchService, metrics: Pick<Metrics, 'searched'>): SearchService {
  return {
    async search(query, options) {
      const started = performance.now();
      try {
        return await search.search(query, options);
      } finally {
        metrics.searched((performance.now() - started) / 1000);
      }
    },
    matches: (article, keyword) => search.matches(article, keyword),
    snippet: (article, query) => search.snippet(article, query),
    related: (articleId, limit) => search.related(articleId, limit),
  };
}

/** The same store, each delivery's outcome counted. */
export function measureDeliveries(store: SubscriberStore, metrics: Pick<Metrics, 'delivery'>): SubscriberStore {
  return {
    ...store,
    async markSent(key, owner, messageId, now) {
      await store.markSent(key, owner, messageId, now);
      metrics.delivery('sent');
    },
    async markFailed(key, owner, error, now) {
      const result = await store.markFailed(key, owner, error, now);
      metrics.delivery('failed');
      return result;
    },
    async markBlocked(key, owner, reason, now) {
      await store.markBlocked(key, owner, reason, now);
      metrics.delivery('blocked');
    },
  };
}

/**
 * An Api transformer counting 429 answers. Install it before auto-retry
 * (closer to the network), or it sees only the 429s auto-retry gave up on.
 */
export function countTooManyRequests(metrics: Pick<Metrics, 'tooManyRequests'>): Transformer {
  return async (prev, method, payload, signal) => {
    const response = await prev(method, payload, signal);
    if (!response.ok && response.error_code === 429) metrics.tooManyRequests();
    return response;
  };
}
