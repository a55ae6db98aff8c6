import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { LEVEL, recordingLogger } from '../helpers/recordingLogger.js';

const FIXTURE = path.join(import.meta.dirname, '..', 'corpus', 'fixtures', 'headline-after-body.txt');

/** A full disk, as the kernel reports it to write(2). */
function noSpace(): never {
  throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
}

describe('store and inbox never disagree', () => {
  let dir: string;
  let page: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsbot-recovery-'));
    page = path.join(dir, 'page.txt');
    copyFileSync(FIXTURE, page);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const config = () => loadConfig({ DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' });

  it('a full disk while keeping the inbox copy stores nothing; the same page ingests once there is room', async () => {
    const log = recordingLogger();
    const full = await openApp({ config: config(), logger: log.logger, writeInboxFile: noSpace });
    const before = (await full.store.pages.allArticles()).length;
    const failed = await full.ingest.ingestPaths([page]);
    const inbox = path.join(dir, 'data', 'inbox');
    const problem = `page.txt: not ingested: its copy could not be written to ${inbox} (ENOSPC: no space left on device, write)`;
    expect(failed.files).toEqual([]);
    expect(failed.errors).toEqual([problem]);
    expect(failed.newArticles).toEqual([]);
    expect((await full.store.pages.allArticles()).length).toBe(before);
    expect(readdirSync(inbox)).toEqual([]);
    expect(log.entries).toMatchObject([{ level: LEVEL.error, source: 'page.txt', msg: problem }]);
    await full.close();

    const roomy = await openApp({ config: config(), logger: recordingLogger().logger });
    const done = await roomy.ingest.ingestPaths([page]);
    expect(done.errors).toEqual([]);
    expect(done.files.map((f) => [f.source, f.added])).toEqual([['page.txt', true]]);
    expect(done.newArticles.length).toBeGreaterThan(0);
    expect(readFileSync(path.join(inbox, 'page.txt'))).toEqual(readFileSync(page));
    expect(readdirSync(inbox)).toEqual(['page.txt']);
    await roomy.close();
  });

  it('an upload that cannot be kept in the inbox is refused with the reason, and not stored', async () => {
    const app = await openApp({ config: config(), logger: recordingLogger().logger, writeInboxFile: noSpace });
    const before = (await app.store.pages.allArticles()).length;
    const summary = await app.ingest.ingestUpload(readFileSync(page), 'upload.txt');
    expect(summary.files).toEqual([]);
    expect(summary.warnings).toEqual([
      `upload.txt: not ingested: its copy could not be written to ${path.join(dir, 'data', 'inbox')} (ENOSPC: no space left on device, write)`,
    ]);
    expect((await app.store.pages.allArticles()).length).toBe(before);
    await app.close();
  });
});

describe('a lost newsbot.db beside an inbox of pages', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsbot-lostdb-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const dataDir = () => path.join(dir, 'data');
  const dbFile = () => path.join(dataDir(), 'newsbot.db');
  const inbox = () => path.join(dataDir(), 'inbox');
  const config = () => loadConfig({ DATA_DIR: dataDir(), LOG_LEVEL: 'silent' });

  /** A bot's DATA_DIR: one ingested page in the inbox, one subscriber. Returns the page's article titles. */
  async function populate(): Promise<string[]> {
    const app = await openApp({ config: config(), logger: recordingLogger().logger });
    copyFileSync(FIXTURE, path.join(dir, 'page.txt'));
    const titles = (await app.ingest.ingestPaths([path.join(dir, 'page.txt')])).newArticles.map((a) => a.title);
    await app.store.subscribers.subscribe(7, '08:00', 'zh', new Date('2025-02-21T00:00:00Z'));
    await app.close();
    return titles;
  }

  const lostLine = (what: string) =>
    `${what}: 1 pages were read back from ${inbox()}, but subscribers, followed words and delivery records ` +
    'lived only in the database and are lost (readers must /subscribe and /follow again)';

  it('deleted: articles come back from the inbox, and one error names the file and what is lost', async () => {
    const titles = await populate();
    rmSync(dbFile());
    const log = recordingLogger();
    const app = await openApp({ config: config(), logger: log.logger });
    expect((await app.store.pages.allArticles()).map((a) => a.title)).toEqual(expect.arrayContaining(titles));
    expect(await app.store.subscribers.getSubscriber(7)).toBeUndefined();
    expect(log.entries.filter((e) => e.level >= LEVEL.error)).toMatchObject([
      { file: dbFile(), msg: lostLine(`${dbFile()} was missing`) },
    ]);
    await app.close();
  });

  it('emptied (0 bytes): the same', async () => {
    const titles = await populate();
    truncateSync(dbFile(), 0);
    const log = recordingLogger();
    const app = await openApp({ config: config(), logger: log.logger });
    expect((await app.store.pages.allArticles()).map((a) => a.title)).toEqual(expect.arrayContaining(titles));
    expect(log.messages(LEVEL.error)).toEqual([lostLine(`${dbFile()} was empty`)]);
    await app.close();
  });

  it('garbled: moved aside (kept for recovery), a new one built from the inbox', async () => {
    const titles = await populate();
    writeFileSync(dbFile(), Buffer.alloc(8192, 0x5a));
    const log = recordingLogger();
    const app = await openApp({ config: config(), logger: log.logger });
    expect((await app.store.pages.allArticles()).map((a) => a.title)).toEqual(expect.arrayContaining(titles));
    const [message] = log.messages(LEVEL.error);
    const kept = readdirSync(dataDir()).filter((name) => name.startsWith('newsbot.db.damaged-'));
    expect(kept).toHaveLength(1);
    expect(message).toBe(
      lostLine(
        `${dbFile()} was damaged (SQLITE_NOTADB: file is not a database); it was moved to ` +
          `${path.join(dataDir(), kept[0]!)} and a new one created`,
      ),
    );
    expect(readFileSync(path.join(dataDir(), kept[0]!))).toEqual(Buffer.alloc(8192, 0x5a));
    await app.close();
  });

  it('a first start (no database, empty inbox) is not an error', async () => {
    const log = recordingLogger();
    await (await openApp({ config: config(), logger: log.logger })).close();
    expect(log.messages(LEVEL.error)).toEqual([]);
    expect(existsSync(dbFile())).toBe(true);
  });
});
