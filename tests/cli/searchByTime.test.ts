/**
 * `newsbot search` by time, run in process with an injected clock: the seeds
 * are ingested on 2026-05-05 (Asia/Shanghai), which also dates their
 * estimated editions (000: 2025-11-17, 001: 2026-05-01, 002: 2023-12-11,
 * 003: 2025-02-21, 004: 2025-10-16).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src/app.js';
import type { App } from '../../src/services.js';
import { run } from '../../src/commands/search.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/logger.js';
import { SEEDS_DIR } from '../../src/paths.js';

const dir = mkdtempSync(path.join(tmpdir(), 'newsbot-search-time-'));
const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
const logger = createSilentLogger();
const clock = { now: () => new Date('2026-05-05T04:00:00Z') };
// One store and index for every run (building them is the slow part); each run's close() is a no-op.
const app = openApp({ config, logger, corpus: [SEEDS_DIR], clock });
const shared = async (): Promise<App> => ({ ...(await app), close: () => Promise.resolve() });
afterAll(async () => {
  await (await app).close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `newsbot search ARGS --corpus seeds/` at 12:00 on 2026-05-05 in Xining; returns stdout. */
async function search(args: string[]): Promise<string> {
  const stdout = new PassThrough();
  let text = '';
  stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const code = await run([...args, '--corpus', SEEDS_DIR], { config, logger, stdout, stdin: new PassThrough(), clock, openApp: shared, openRuntime: () => Promise.reject(new Error('newsbot search runs no bot')) });
  expect(code).toBe(0);
  return text;
}

interface Printed {
  query: string;
  total: number;
  results: { id: string; title: string; edition: { date: string | null; page: string | null; estimated: boolean } }[];
  span?: { since: string | null; until: string | null };
  sort?: string;
}
const json = async (...args: string[]): Promise<Printed> => JSON.parse(await search([...args, '--json'])) as Printed;
const editions = (printed: Printed) => printed.results.map((hit) => [hit.id, hit.edition.date]);

// The articles that mention 工会: three on page 001, one each on 000 and 002.
const UNION_001 = [
  ['f16ce2d00543', '2026-05-01'],
  ['c6d1f5b569ae', '2026-05-01'],
  ['d5a41ff36f47', '2026-05-01'],
];
const UNION_000 = ['9c015780cd20', '2025-11-17'];
const UNION_002 = ['e839432c2b9c', '2023-12-11'];

describe('newsbot search by time', () => {
  it('keeps the contract’s fields, each result with its edition, when no time is asked for', async () => {
    const printed = await json('工会');
    expect(Object.keys(printed)).toEqual(['query', 'total', 'results']);
    expect(printed.results[0]).toMatchObject({ id: 'e839432c2b9c', edition: { date: '2023-12-11', page: null, estimated: true } });
  });

  it('--sort newest lists the newest editions first', async () => {
    const printed = await json('工会', '--sort', 'newest');
    expect(editions(printed)).toEqual([...UNION_001, UNION_000, UNION_002]);
    expect([printed.total, printed.span, printed.sort]).toEqual([5, null, 'newest']);
  });

  it('--since and --until keep the editions in between', async () => {
    const printed = await json('工会', '--since', '2025-01-01', '--until', '2025-12-31');
    expect(editions(printed)).toEqual([UNION_000]);
    expect(printed.span).toEqual({ since: '2025-01-01', until: '2025-12-31' });
    expect(editions(await json('工会', '--until', '2024-01-01'))).toEqual([UNION_002]);
  });

  it.each([
    ['工会 2025-11', [UNION_000], { since: '2025-11-01', until: '2025-11-30' }],
    ['工会 2025年11月', [UNION_000], { since: '2025-11-01', until: '2025-11-30' }],
    ['工会 11月17日', [UNION_000], { since: '2025-11-17', until: '2025-11-17' }],
    ['工会 近7天', UNION_001, { since: '2026-04-29', until: '2026-05-05' }],
    ['工会 本月', UNION_001, { since: '2026-05-01', until: '2026-05-31' }],
    ['工会 今年', UNION_001, { since: '2026-01-01', until: '2026-12-31' }],
    ['工会 2023年', [UNION_002], { since: '2023-01-01', until: '2023-12-31' }],
  ])('%s', async (query, expected, span) => {
    const printed = await json(query);
    expect(editions(printed)).toEqual(expected);
    expect([printed.query, printed.span, printed.sort]).toEqual([query, span, 'relevance']);
  });

  it('lists a time alone newest first', async () => {
    const printed = await json('2025年');
    expect(printed.total).toBe(17);
    expect(printed.sort).toBe('newest');
    expect([...new Set(printed.results.map((hit) => hit.edition.date))]).toEqual(['2025-11-17', '2025-10-16']);
  });

  it('prints each hit’s edition in the text output, ~ marking an estimate', async () => {
    const text = await search(['工会 2025年']);
    expect(text.split('\n').slice(0, 2)).toEqual([
      '工会 2025年: 1 found',
      '     5.76  9c015780cd20  ~2025-11-17  城东区:全国首个社区基层工会主席直播带货',
    ]);
  });

  it.each([
    [['--since', '2025-02-30'], 'search: --since must be a day written YYYY-MM-DD, not "2025-02-30"'],
    [['--until', '2025/02/01'], 'search: --until must be a day written YYYY-MM-DD, not "2025/02/01"'],
    [['--sort', 'date'], 'search: --sort must be relevance or newest, not "date"'],
    [['--since', '2025-03-01', '--until', '2025-02-01'], 'search: --since 2025-03-01 is after --until 2025-02-01'],
  ])('refuses %j', async (flags, message) => {
    await expect(search(['工会', ...flags])).rejects.toThrow(message);
  });
});
