/**
 * The app over a PostgreSQL database shared by two instances (DATABASE_URL): each keeps
 * its own index, a replica of the shared articles, and finds what the other ingested.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openApp } from '../../src/app.js';
import type { App } from '../../src/services.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { SEEDS_DIR } from '../../src/paths.js';
import { openPostgresStore } from '../../src/store/index.js';
import { createTestDatabase, postgresUrl } from '../support/postgres.js';

const PAGE = Buffer.from('冬季供暖准备就绪\n\n本报讯(记者 张三)11月3日,西宁市召开会议,部署冬季供暖工作。\n会议要求各单位落实责任。\n');
const clock = { now: () => new Date('2026-06-01T00:00:00Z') };
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

async function openInstance(databaseUrl: string, corpus?: string[]): Promise<App> {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-shared-'));
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl });
  const app = await openApp({ config, logger: createSilentLogger(), clock, ...(corpus ? { corpus } : {}) });
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }), () => app.close());
  return app;
}

describe.skipIf(!postgresUrl)('the app on a shared PostgreSQL store', () => {
  it('finds on one instance, within 5 s and without a rebuild, a page ingested through the other', async () => {
    const db = await createTestDatabase();
    cleanup.push(() => db.drop());
    const a = await openInstance(db.url);
    const b = await openInstance(db.url);
    expect([a.store.kind, b.store.kind]).toEqual(['postgres', 'postgres']);
    // Both read the seeds at start; the second found every page stored already.
    expect(a.startup.files.every((file) => file.added)).toBe(true);
    expect(b.startup.files.map((file) => file.added)).toEqual(a.startup.files.map(() => false));
    const searchB = await b.search();
    const before = searchB.size;
    expect(before).toBe((await a.store.pages.allArticles()).length);
    // Before the upload no article holds 供暖: at most the readers' vocabulary finds a 供热 article.
    expect((await searchB.search('供暖')).results.map((hit) => hit.title)).not.toContain('冬季供暖准备就绪');

    const upload = await a.ingest.ingestUpload(PAGE, 'heating.txt', '2025-11-04');
    expect(upload.newArticles.map((article) => article.title)).toEqual(['冬季供暖准备就绪']);
    await vi.waitFor(
      async () => {
        expect((await searchB.search('供暖')).results.map((hit) => hit.title)).toEqual(['冬季供暖准备就绪']);
      },
      { timeout: 5000, interval: 100 },
    );
    expect(searchB.size).toBe(before + 1);
    expect((await (await a.search()).search('供暖')).total).toBe(1);
  });

  it('keeps a --corpus run in memory even with DATABASE_URL set', async () => {
    const db = await createTestDatabase();
    cleanup.push(() => db.drop());
    const app = await openInstance(db.url, [path.join(SEEDS_DIR, '003_7f32786b762ade4c.txt')]);
    expect(app.store.kind).toBe('sqlite');
    expect(new Set((await app.store.pages.allArticles()).map((article) => article.source))).toEqual(new Set(['003_7f32786b762ade4c.txt']));
    const shared = await openPostgresStore(db.url);
    cleanup.push(() => shared.close());
    expect(await shared.pages.allArticles()).toEqual([]);
  });
});
