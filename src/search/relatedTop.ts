import type { Article } from '../types.js';

/** An article sharing rare words with the one read (engine.related): how many, and their summed idf. */
export interface RelatedCandidate {
  /** The article's number in the index. */
  readonly n: number;
  readonly count: number;
  readonly score: number;
}

/** A candidate among the first, with its stored article. */
export interface RelatedPick {
  readonly candidate: RelatedCandidate;
  readonly article: Article;
}

/**
 * The first `limit` candidates in related order: most shared words first, the
 * most recent (the article's date) among equals, then the higher summed idf,
 * then the lower number; a candidate the store no longer holds is left out.
 *
 * Only the count is in the index, the date is in the store: so only the
 * candidates that can still be among the first `limit` are read, those sharing
 * at least as many words as the limit-th (the date decides among equals). When
 * some of them are gone from the store (deleted meanwhile), the next counts
 * down are read until `limit` are found or none is left. Reading every
 * candidate first cost ~1 s a call at 100,000 articles (thousands of them).
 */
export function topRelated(candidates: readonly RelatedCandidate[], limit: number, read: (ns: readonly number[]) => ReadonlyMap<number, Article>): RelatedPick[] {
  const byCount = [...candidates].sort((a, b) => b.count - a.count);
  const picks: RelatedPick[] = [];
  for (let next = 0; picks.length < limit && next < byCount.length; ) {
    // Through the limit-th still missing, and every candidate sharing as many words as it.
    let end = Math.min(byCount.length, next + (limit - picks.length));
    const lowest = byCount[end - 1]!.count;
    while (end < byCount.length && byCount[end]!.count === lowest) end++;
    const batch = byCount.slice(next, end);
    const articles = read(batch.map((candidate) => candidate.n));
    for (const candidate of batch) {
      const article = articles.get(candidate.n);
      if (article) picks.push({ candidate, article });
    }
    next = end;
  }
  return picks.sort(relatedOrder).slice(0, limit);
}

function relatedOrder(x: RelatedPick, y: RelatedPick): number {
  const dateX = x.article.date ?? '';
  const dateY = y.article.date ?? '';
  return y.candidate.count - x.candidate.count || (dateX < dateY ? 1 : dateX > dateY ? -1 : 0) || y.candidate.score - x.candidate.score || x.candidate.n - y.candidate.n;
}
