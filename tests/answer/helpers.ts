import { createAnswerService, type AnswerService } from '../../src/answer/index.js';
import { readCorpus } from '../../src/corpus/index.js';
import { createSilentLogger } from '../../src/logger.js';
import { SEEDS_DIR } from '../../src/paths.js';
import { openSearch, sourceFromArticles, type NewsSearch } from '../../src/search/index.js';
import type { Article } from '../../src/types.js';

/** The seed pages' items and reports. */
export function seedCorpus() {
  const pages = readCorpus([SEEDS_DIR]).pages;
  return {
    items: pages.flatMap((page) => page.items),
    hotline: pages.flatMap((page) => page.hotline),
    safety: pages.flatMap((page) => page.safety),
  };
}

/** An answer service over the given items and reports, with the real search and a fixed "today". */
export function answerServiceOver(
  corpus: { items: readonly Article[]; hotline?: ReturnType<typeof seedCorpus>['hotline']; safety?: ReturnType<typeof seedCorpus>['safety'] },
  today = '2025-10-16T04:00:00Z',
): { answers: AnswerService; search: NewsSearch } {
  const search = openSearch({ source: sourceFromArticles(corpus.items), dir: null, logger: createSilentLogger() });
  const answers = createAnswerService({
    reports: () => ({ hotline: corpus.hotline ?? [], safety: corpus.safety ?? [] }),
    reportItems: () => corpus.items.filter((item) => item.kind !== 'article'),
    search: (query, options) => search.search(query, options),
    getArticle: (id) => corpus.items.find((item) => item.id === id),
    tools: search.textTools,
    clock: { now: () => new Date(today) },
  });
  return { answers, search };
}
