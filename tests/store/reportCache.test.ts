import { describe, expect, it } from 'vitest';
import { createReportCache } from '../../src/store/index.js';
import type { StoredReports } from '../../src/types.js';

/** A page store's report side that counts its reads; `version` and `fail` are set by the test. */
function countingPages() {
  const state = { version: 'v1', reads: 0, itemReads: 0, fail: false };
  const pages = {
    reportsVersion: async () => state.version,
    allReports: async (): Promise<StoredReports> => {
      state.reads++;
      if (state.fail) throw new Error('database is locked');
      return { hotline: [], safety: [] };
    },
    reportItems: async () => {
      state.itemReads++;
      return [];
    },
  };
  return { state, cache: createReportCache(pages) };
}

describe('createReportCache', () => {
  it('reads the reports once while the version stays, and again when it changes', async () => {
    const { state, cache } = countingPages();
    const first = await cache.reports();
    expect(await cache.reports()).toBe(first);
    expect(state.reads).toBe(1);
    state.version = 'v2';
    expect(await cache.reports()).not.toBe(first);
    expect(state.reads).toBe(2);
    // The items are kept on their own: reading the reports read none.
    expect(state.itemReads).toBe(0);
    await cache.reportItems();
    await cache.reportItems();
    expect(state.itemReads).toBe(1);
  });

  it('shares one read between callers at once', async () => {
    const { state, cache } = countingPages();
    const [a, b] = await Promise.all([cache.reports(), cache.reports()]);
    expect(a).toBe(b);
    expect(state.reads).toBe(1);
  });

  it('keeps no failed read: the next call reads again', async () => {
    const { state, cache } = countingPages();
    state.fail = true;
    await expect(cache.reports()).rejects.toThrow('database is locked');
    state.fail = false;
    await expect(cache.reports()).resolves.toEqual({ hotline: [], safety: [] });
    expect(state.reads).toBe(2);
  });
});
