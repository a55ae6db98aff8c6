import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { FIXTURE_HOT, PAGES_DIR, pngSize } from './helpers.js';
import { runNode, type NodeRun } from '../helpers/runNode.js';

// Runs the built CLI (tests/support/buildSetup.ts builds it first), as a user would.
const CLI = path.join(PROJECT_ROOT, 'dist', 'src', 'cli.js');

let workDir: string;
beforeEach(() => {
  workDir = mkdtempSync(path.join(tmpdir(), 'newsbot-trend-'));
});

/** `newsbot ...` in the test's directory with warnings only. */
function newsbot(args: string[]): Promise<NodeRun> {
  return runNode(CLI, args, { cwd: workDir, env: { PATH: process.env.PATH, DATA_DIR: path.join(workDir, 'data'), LOG_LEVEL: 'warn' } });
}

describe('newsbot trend', () => {
  it('prints the span ending on the newest report as JSON and nothing else', async () => {
    const { code, stdout, stderr } = await newsbot(['trend', '--json', '--days', '15', '--corpus', PAGES_DIR]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const trend = JSON.parse(stdout) as { from: string; to: string; days: { date: string }[]; hot: unknown };
    expect(trend.from).toBe('2025-10-20');
    expect(trend.to).toBe('2025-11-03');
    expect(trend.days).toHaveLength(14);
    expect(trend.days[13]).toEqual({ date: '2025-11-03', calls: 948, messages: 63, direct: 585, transferred: 363 });
    // Each printed under the one name it is shown by: no `names` in the JSON.
    expect(trend.hot).toEqual(FIXTURE_HOT.map(({ topic, daysInTop3, total }) => ({ topic, daysInTop3, total })));
  });

  it('takes --until for the last day', async () => {
    const { code, stdout } = await newsbot(['trend', '--json', '--days', '3', '--until', '2025-10-27', '--corpus', PAGES_DIR]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      from: '2025-10-25',
      to: '2025-10-27',
      days: [
        { date: '2025-10-25', calls: 766, messages: 60, direct: 407, transferred: 359 },
        { date: '2025-10-27', calls: 1089, messages: 62, direct: 650, transferred: 439 },
      ],
      hot: [
        { topic: '消费维权', daysInTop3: 2, total: 112 },
        { topic: '供暖问题', daysInTop3: 2, total: 107 },
        { topic: '物业服务', daysInTop3: 2, total: 75 },
      ],
    });
  });

  it('writes the chart the bot sends with --png', async () => {
    const file = path.join(workDir, 'trend.png');
    const { code, stdout } = await newsbot(['trend', '--png', file, '--days', '15', '--corpus', PAGES_DIR]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(pngSize(readFileSync(file))).toEqual({ width: 1800, height: 1161 });
  });

  it.each([
    [['--days', '400'], 'newsbot: --days must be a whole number from 1 to 365, not "400"\n'],
    [['--days', 'x'], 'newsbot: --days must be a whole number from 1 to 365, not "x"\n'],
    [['--until', '2025-13-01'], 'newsbot: --until must be a date YYYY-MM-DD, not "2025-13-01"\n'],
    [['--png', 'x.png', '--days', '1'], 'newsbot: 1 hotline report(s) from 2025-11-03 to 2025-11-03: a chart needs at least 2; try --days 30 --until 2025-11-03 (14 reports)\n'],
  ])('refuses %j with one line on stderr', async (args, message) => {
    const { code, stdout, stderr } = await newsbot(['trend', ...args, '--corpus', PAGES_DIR]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(message);
  });
});
