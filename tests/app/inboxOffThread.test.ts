import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import { pushServicesFrom } from '../../src/services.js';
import { loadConfig } from '../../src/config.js';
import { parsePage } from '../../src/corpus/index.js';
import type { ParsedPage } from '../../src/types.js';
import { recordingLogger } from '../helpers/recordingLogger.js';

const FIXTURE = path.join(import.meta.dirname, '..', 'corpus', 'fixtures', 'headline-after-body.txt');

describe('the inbox poll parses new pages off the event loop', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'newsbot-offthread-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('push\'s ingest (the inbox poll) hands new pages to the worker parser; newsbot ingest parses in its own thread', async () => {
    const parsedOffThread: string[] = [];
    // Records what went to the worker and parses as the worker would (the worker itself is tested in tests/corpus).
    const parseOffThread = async (bytes: Uint8Array, source: string): Promise<ParsedPage | { error: string }> => {
      parsedOffThread.push(path.basename(source));
      return parsePage(bytes, source);
    };
    const config = loadConfig({ DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' });
    const app = await openApp({ config, logger: recordingLogger().logger, parseOffThread });
    try {
      const dropped = path.join(dir, 'dropped.txt');
      copyFileSync(FIXTURE, dropped);
      const services = await pushServicesFrom(app);
      const polled = await services.ingestPaths([dropped]);
      expect(parsedOffThread).toEqual(['dropped.txt']);
      expect(polled.files.map((file) => [file.source, file.added])).toEqual([['dropped.txt', true]]);
      const expected = parsePage(readFileSync(FIXTURE), 'dropped.txt');
      if ('error' in expected) throw new Error(expected.error);
      expect(polled.newArticles.map((a) => a.title)).toEqual(expected.items.map((a) => a.title));

      // the same bytes again: known by their hash, not parsed at all
      await services.ingestPaths([dropped]);
      expect(parsedOffThread).toEqual(['dropped.txt']);

      // `newsbot ingest` (no event loop to keep free) parses in its own thread
      const other = path.join(dir, 'other.txt');
      // one more line break: other bytes, so a new page for the store
      writeFileSync(other, Buffer.concat([readFileSync(FIXTURE), Buffer.from('\n')]));
      const cli = await app.ingest.ingestPaths([other]);
      expect(cli.files.map((file) => [file.source, file.added])).toEqual([['other.txt', true]]);
      expect(parsedOffThread).toEqual(['dropped.txt']);
    } finally {
      await app.close();
    }
  });
});
