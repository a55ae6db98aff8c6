import { Api } from 'grammy';
import { describe, expect, it } from 'vitest';
import { countTooManyRequests, createMetrics, measureDeliveries, measureSearch, measureUpdates, updateType } from '../../src/server/index.js';
import { openSqliteStore } from '../../src/store/index.js';
import { callbackUpdate, createDeps, createTestBot, textUpdate } from '../bot/helpers.js';

/** The sample lines of one metric family, without HELP/TYPE and without histogram buckets. */
async function lines(metrics: ReturnType<typeof createMetrics>, name: string): Promise<string[]> {
  const { body } = await metrics.render();
  return body.split('\n').filter((line) => line.startsWith(name) && !line.includes('_bucket'));
}

describe('metrics', () => {
  it('names an update by its one field besides update_id', () => {
    expect(updateType({ update_id: 1, callback_query: {} })).toBe('callback_query');
    expect(updateType({ update_id: 1 })).toBe('unknown');
  });

  it('counts updates the bot handled by type, with their reply times', async () => {
    const metrics = createMetrics({ indexSize: () => null });
    const { bot, send } = createTestBot(await createDeps({}));
    measureUpdates(bot, metrics);
    await send(textUpdate('/start'));
    await send(textUpdate('/help'));
    await send(callbackUpdate('nothing'));
    expect(await lines(metrics, 'newsbot_updates_handled_total')).toEqual([
      'newsbot_updates_handled_total{type="message"} 2',
      'newsbot_updates_handled_total{type="callback_query"} 1',
    ]);
    expect(await lines(metrics, 'newsbot_reply_seconds_count')).toEqual([
      'newsbot_reply_seconds_count{type="message"} 2',
      'newsbot_reply_seconds_count{type="callback_query"} 1',
    ]);
  });

  it('times searches and reports the index size, 0 until the index is loaded', async () => {
    let size: number | null = null;
    const metrics = createMetrics({ indexSize: () => size });
    const search = measureSearch(
      { search: (query) => Promise.resolve({ query, words: query, total: 0, results: [], span: null, sort: 'relevance' as const, nearest: false }), matches: () => false, snippet: () => '', related: () => [] },
      metrics,
    );
    expect(await search.search('护学岗')).toEqual({ query: '护学岗', words: '护学岗', total: 0, results: [], span: null, sort: 'relevance', nearest: false });
    expect(await lines(metrics, 'newsbot_search_seconds_count')).toEqual(['newsbot_search_seconds_count 1']);
    expect(await lines(metrics, 'newsbot_index_articles')).toEqual(['newsbot_index_articles 0']);
    size = 1234;
    expect(await lines(metrics, 'newsbot_index_articles')).toEqual(['newsbot_index_articles 1234']);
  });

  it('passes the related articles of the search through', () => {
    const metrics = createMetrics({ indexSize: () => null });
    const hit = { id: 'a2', title: '乙', date: null, source: 'p.txt', edition: { date: null, page: null, estimated: false }, snippet: '', score: 2 };
    const base = { search: () => Promise.reject(new Error('unused')), matches: () => false, snippet: () => '' };
    const measured = measureSearch({ ...base, related: (id: string, limit: number) => (id === 'a1' ? [hit].slice(0, limit) : []) }, metrics);
    expect([measured.related('a1', 5), measured.related('a1', 0), measured.related('a9', 5)]).toEqual([[hit], [], []]);
  });

  it('counts deliveries by outcome from the store calls push makes', async () => {
    const metrics = createMetrics({ indexSize: () => null });
    const store = measureDeliveries(openSqliteStore(':memory:').subscribers, metrics);
    const now = new Date('2025-02-21T00:00:00Z');
    await store.subscribe(1, '08:00', 'zh', now);
    await store.subscribe(2, '08:00', 'zh', now);
    await store.subscribe(3, '08:00', 'zh', now);
    for (const chatId of [1, 2, 3]) await store.claim({ chatId, kind: 'hotline', itemKey: '2025-02-20' }, 'me', now);
    await store.markSent({ chatId: 1, kind: 'hotline', itemKey: '2025-02-20' }, 'me', 9, now);
    await store.markFailed({ chatId: 2, kind: 'hotline', itemKey: '2025-02-20' }, 'me', '500', now);
    await store.markBlocked({ chatId: 3, kind: 'hotline', itemKey: '2025-02-20' }, 'me', '403', now);
    expect(await lines(metrics, 'newsbot_deliveries_total')).toEqual([
      'newsbot_deliveries_total{outcome="sent"} 1',
      'newsbot_deliveries_total{outcome="failed"} 1',
      'newsbot_deliveries_total{outcome="blocked"} 1',
    ]);
    expect(await store.stats(now)).toMatchObject({ sentSummaries: 1, blocked: 1 });
  });

  it('counts 429 answers met, also those retried later', async () => {
    const metrics = createMetrics({ indexSize: () => null });
    const api = new Api('1:test');
    let call = 0;
    api.config.use(async () => {
      call++;
      return (call === 1
        ? { ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } }
        : { ok: true, result: true }) as never;
    });
    api.config.use(countTooManyRequests(metrics));
    await expect(api.sendMessage(1, 'a')).rejects.toThrow('Too Many Requests');
    await api.sendMessage(1, 'b');
    metrics.ingested(2);
    expect(await lines(metrics, 'newsbot_telegram_429_total')).toEqual(['newsbot_telegram_429_total 1']);
    expect(await lines(metrics, 'newsbot_ingested_pages_total')).toEqual(['newsbot_ingested_pages_total 2']);
  });
});
