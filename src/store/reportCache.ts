import type { Article, PageStore, StoredReports } from '../types.js';

/**
 * The stored reports and their items, read again only when the store says
 * they may have changed (PageStore.reportsVersion). Every reply asks them
 * (is the text a question about report numbers?), and ten years of a daily
 * paper are some 7,300 reports: reading and parsing them cost a reply ~40 ms
 * each time, where the search itself took a few. What is returned is shared
 * between replies: callers must not change it.
 */
export interface ReportCache {
  reports(): Promise<StoredReports>;
  reportItems(): Promise<Article[]>;
}

type ReportSource = Pick<PageStore, 'allReports' | 'reportItems' | 'reportsVersion'>;

export function createReportCache(pages: ReportSource): ReportCache {
  return { reports: kept(pages, () => pages.allReports()), reportItems: kept(pages, () => pages.reportItems()) };
}

/**
 * `read`'s answer, kept while the version stays. The version is read before
 * the data, so what is kept is never older than its version says (a report
 * stored in between is read now and once more at the next call). Concurrent
 * callers share one read; a failed read is not kept.
 */
function kept<T>(pages: ReportSource, read: () => Promise<T>): () => Promise<T> {
  let last: { readonly version: string; readonly value: Promise<T> } | null = null;
  return async () => {
    const version = await pages.reportsVersion();
    if (last?.version !== version) {
      const entry = { version, value: read() };
      last = entry;
      entry.value.catch(() => {
        if (last === entry) last = null;
      });
    }
    return last.value;
  };
}
