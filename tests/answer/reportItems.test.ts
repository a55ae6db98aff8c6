import { describe, expect, it } from 'vitest';
import { createAnswerService } from '../../src/answer/index.js';
import { createSilentLogger } from '../../src/logger.js';
import { openSearch, sourceFromArticles } from '../../src/search/index.js';
import { seedCorpus } from './helpers.js';

const seeds = seedCorpus();
const search = openSearch({ source: sourceFromArticles(seeds.items), dir: null, logger: createSilentLogger() });

/** An answer service over the seeds that counts how often the report items are read (a scan of the articles table in the app). */
function countingService(kept: (() => { hotline: typeof seeds.hotline; safety: typeof seeds.safety }) | null = null) {
  const reads = { items: 0 };
  const answers = createAnswerService({
    // `kept`: the same object each time, as the app's report cache gives while the store's reports stay.
    reports: () => kept?.() ?? { hotline: seeds.hotline, safety: seeds.safety },
    reportItems: () => {
      reads.items++;
      return seeds.items.filter((item) => item.kind !== 'article');
    },
    search: (query, options) => search.search(query, options),
    getArticle: (id) => seeds.items.find((item) => item.id === id),
    tools: search.textTools,
    clock: { now: () => new Date('2025-10-16T04:00:00Z') },
  });
  return { answers, reads };
}

describe('report items', () => {
  it('are not read for a search or a question about articles', async () => {
    const { answers, reads } = countingService();
    expect(await answers.listing('护学岗')).toEqual({ query: '护学岗', nearest: false, first: [] });
    await answers.answer('西宁哪里可以摘草莓？');
    expect(reads.items).toBe(0);
  });

  it('are read for a question the reports answer, which names the report item as its source', async () => {
    const { answers, reads } = countingService();
    const hotlineItem = seeds.items.find((item) => item.kind === 'hotline' && item.date === '2025-10-15')!;
    const listing = await answers.listing('10月15日12345热线接了多少电话');
    expect(listing.first).toEqual([hotlineItem.id]);
    const answer = await answers.answer('10月15日12345热线接了多少电话');
    expect(answer?.source.id).toBe(hotlineItem.id);
    expect(reads.items).toBe(2);
  });

  it('are read once for a reply (its listing, then its answer) while the reports are the ones kept, and again once they change', async () => {
    let kept = { hotline: seeds.hotline, safety: seeds.safety };
    const { answers, reads } = countingService(() => kept);
    const question = '10月15日12345热线接了多少电话';
    const listing = await answers.listing(question);
    const answer = await answers.answer(question);
    expect(answer?.source.id).toBe(listing.first[0]);
    expect(answer?.text).toBe('2025-10-15，12345热线来电诉求1215件次。');
    expect(reads.items).toBe(1);
    // Another question is answered afresh.
    expect((await answers.answer('2月20日安全隐患举报涉及哪些问题'))?.text).toContain('小区物业');
    expect(reads.items).toBe(2);
    await answers.answer('2月20日安全隐患举报涉及哪些问题');
    expect(reads.items).toBe(2);
    // Reports read again (the store holds another) are another object: the answer is worked out again.
    kept = { ...kept };
    await answers.answer('2月20日安全隐患举报涉及哪些问题');
    expect(reads.items).toBe(3);
  });
});
