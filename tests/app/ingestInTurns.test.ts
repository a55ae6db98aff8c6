/**
 * A serving bot takes in a page it ingests itself (an admin's upload, the
 * inbox poll) in turns of the event loop, as it takes in one another process
 * stored: readers' searches meanwhile are answered at once from the index as
 * it was, and the ingest ends with the page searchable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import type { App } from '../../src/services.js';

const PAGE = Buffer.from(
  [
    '冬季供暖准备就绪',
    '',
    '本报讯(记者 张三)11月3日,西宁市召开会议,部署冬季供暖工作。',
    '会议要求各单位落实责任,确保群众温暖过冬。',
    '',
  ].join('\n'),
);
const clock = { now: () => new Date('2026-06-01T00:00:00Z') };

describe('a page the serving bot ingests itself', () => {
  let dir = '';
  let app: App | undefined;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsbot-own-ingest-'));
  });
  afterEach(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is indexed in turns: a search on the turn after it is stored answers from the index before; the ingest ends with it searchable', async () => {
    app = await openApp({ config: loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' }), logger: createSilentLogger(), clock, serving: true });
    const search = await app.search();
    const before = search.size;
    expect((await search.search('供暖')).results.map((hit) => hit.title)).not.toContain('冬季供暖准备就绪');

    // The store's feed is synced once the page is stored and before it is indexed: a reader's search is asked on the next turn.
    const events: string[] = [];
    let during: Promise<readonly string[]> | undefined;
    const { store } = app;
    const syncFeed = store.syncFeed.bind(store);
    store.syncFeed = async () => {
      const copied = await syncFeed();
      during = new Promise((resolve) => {
        setImmediate(() => {
          void search.search('供暖').then(({ results }) => {
            events.push('search answered');
            resolve(results.map((hit) => hit.title));
          });
        });
      });
      return copied;
    };

    const upload = await app.ingest.ingestUpload(PAGE, 'heating.txt', '2025-11-04');
    events.push('ingest ended');
    expect(upload.newArticles.map((article) => article.title)).toEqual(['冬季供暖准备就绪']);
    // Indexing the page in one go on this thread would have come first (the search then found it).
    expect(await during).not.toContain('冬季供暖准备就绪');
    expect(events).toEqual(['search answered', 'ingest ended']);
    expect(search.size).toBe(before + 1);
    expect((await search.search('供暖')).results.map((hit) => hit.title)).toEqual(['冬季供暖准备就绪']);
  });
});
