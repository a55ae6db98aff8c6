import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { runNode } from '../helpers/runNode.js';

// The built benchmark (tests/support/buildSetup.ts builds it first), as `npm run bench -- …` runs it.
const BENCH = path.join(PROJECT_ROOT, 'dist', 'bench', 'main.js');

const bench = (args: string[]) => runNode(BENCH, args, { env: { PATH: process.env.PATH, LOG_LEVEL: 'warn' } });

describe('npm run bench arguments', () => {
  it('names the sections --only takes when one of a list is unknown, and runs nothing', async () => {
    const run = await bench(['--only', 'search,archiv', '--sizes', '100000,1000000']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('bench: --only takes one or more of parse, paper, search, answers, archive, reports, reader, giant, broadcast, fleet, separated by commas\n');
    expect(run.stdout).toBe('');
  });
});
