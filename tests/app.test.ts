/**
 * Editions through the app: decided once at ingest with the ingest day,
 * kept in the store, the upload caption passed through.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createSilentLogger } from '../src/logger.js';
import type { Article } from '../src/types.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'newsbot-app-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const config = () => loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
// 2026-06-01 08:00 in Xining (00:00 UTC).
const at = (iso: string) => ({ now: () => new Date(iso) });
const open = (now = '2026-06-01T00:00:00Z') => openApp({ config: config(), logger: createSilentLogger(), clock: at(now) });
const editionsBySource = (articles: readonly Article[]) =>
  Object.fromEntries(articles.map((a) => [a.source, a.edition]));

const PAGE = Buffer.from('冬季供暖准备就绪\n\n本报讯(记者 张三)11月3日,西宁市召开会议,部署冬季供暖工作。\n会议要求各单位落实责任。\n');

describe('editions in the app', () => {
  it('dates each seed page by the latest day it mentions up to the ingest day', async () => {
    const app = await open();
    try {
      expect(editionsBySource((await app.store.pages.allArticles()))).toEqual({
        '000_2ee3cd2109b16abc.txt': { date: '2025-11-17', page: null, estimated: true },
        '001_872cb544f540cd4a.txt': { date: '2026-05-01', page: null, estimated: true },
        '002_8fb7ca939356080b.txt': { date: '2023-12-11', page: null, estimated: true },
        '003_7f32786b762ade4c.txt': { date: '2025-02-21', page: null, estimated: true },
        '004_477e742880208b76.txt': { date: '2025-10-16', page: null, estimated: true },
      });
    } finally {
      await app.close();
    }
  });

  it('keeps the edition decided at the first ingest: a later run does not move the estimate', async () => {
    await (await open('2025-12-01T00:00:00Z')).close();
    const later = await open('2026-06-01T00:00:00Z');
    try {
      // 001 was ingested on 2025-12-01, before 2026年's 5月1日: the latest 5月1日 then was 2025's.
      expect(editionsBySource((await later.store.pages.allArticles()))['001_872cb544f540cd4a.txt']).toEqual({ date: '2025-05-01', page: null, estimated: true });
    } finally {
      await later.close();
    }
  });

  it('dates pages stored before editions existed from the day they were ingested then', async () => {
    const first = await open('2025-12-01T00:00:00Z');
    await first.close();
    // As a database written before editions existed has them.
    const raw = new Database(path.join(dir, 'newsbot.db'));
    raw.prepare('UPDATE pages SET edition_basis = NULL').run();
    raw.prepare('UPDATE articles SET edition_date = NULL, edition_estimated = 0').run();
    raw.close();
    const reopened = await open('2026-06-01T00:00:00Z');
    try {
      expect(reopened.startup.redatedPages).toBe(5);
      const editions = editionsBySource((await reopened.store.pages.allArticles()));
      expect(editions['001_872cb544f540cd4a.txt']).toEqual({ date: '2025-05-01', page: null, estimated: true });
      expect(editions['000_2ee3cd2109b16abc.txt']).toEqual({ date: '2025-11-17', page: null, estimated: true });
    } finally {
      await reopened.close();
    }
  });

  it('takes the admin’s caption for an undated upload, and the file name before it', async () => {
    const app = await open('2025-11-20T02:00:00Z');
    try {
      const captioned = await app.ingest.ingestUpload(PAGE, 'upload.txt', '11月4日 第5版');
      expect(captioned.newArticles.map((a) => a.edition)).toEqual([{ date: '2025-11-04', page: '5', estimated: false }]);
      const named = await app.ingest.ingestUpload(Buffer.concat([PAGE, Buffer.from('\n')]), '20251105_A02.txt', '11月4日');
      expect(named.newArticles.map((a) => a.edition)).toEqual([{ date: '2025-11-05', page: 'A02', estimated: false }]);
      const bare = await app.ingest.ingestUpload(Buffer.concat([PAGE, Buffer.from('\n\n')]), 'scan.txt');
      expect(bare.newArticles.map((a) => a.edition)).toEqual([{ date: '2025-11-03', page: null, estimated: true }]);
      expect((await app.store.articles.getArticle(captioned.newArticles[0]!.id))?.edition).toEqual({ date: '2025-11-04', page: '5', estimated: false });
      expect((await (await app.search()).search('供暖 2025-11-04', { today: '2025-11-20' })).results.map((hit) => hit.id)).toEqual([
        captioned.newArticles[0]!.id,
      ]);
    } finally {
      await app.close();
    }
  });
});
