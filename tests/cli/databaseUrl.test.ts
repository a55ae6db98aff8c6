/**
 * The built CLI with DATABASE_URL: every command uses that PostgreSQL, whatever DATA_DIR
 * it runs with; a server that cannot be reached is one stderr line that names the setting
 * and never shows its value.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { createTestDatabase, postgresUrl } from '../support/postgres.js';
import { runNode, type NodeRun } from '../helpers/runNode.js';

const CLI = path.join(PROJECT_ROOT, 'dist', 'src', 'cli.js');
// Not a seed page: every run reads seeds/ into the store, the fixture only `newsbot ingest` stores.
const PAGE = path.join(PROJECT_ROOT, 'tests', 'corpus', 'fixtures', 'headline-after-body.txt');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** `newsbot ...` in an empty directory with a DATA_DIR of its own and DATABASE_URL set. */
function newsbot(args: string[], databaseUrl: string): Promise<NodeRun> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'newsbot-cli-pg-'));
  dirs.push(workDir);
  return runNode(CLI, args, {
    cwd: workDir,
    env: { PATH: process.env.PATH, DATA_DIR: path.join(workDir, 'data'), DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
  });
}

describe('newsbot with DATABASE_URL', () => {
  it('names DATABASE_URL, not its password, when the server cannot be reached', async () => {
    const { code, stdout, stderr } = await newsbot(['search', '护学岗', '--json'], 'postgres://newsbot:hunter2@127.0.0.1:1/newsbot');
    expect([code, stdout, stderr]).toEqual([1, '', 'newsbot: DATABASE_URL: connect ECONNREFUSED 127.0.0.1:1\n']);
  });

  // Three CLI runs, each loading the dictionaries and the index: 23 s alone at load 16 on 2 cores.
  it.skipIf(!postgresUrl)('finds with one DATA_DIR what `newsbot ingest` stored in the database from another', { timeout: 120_000 }, async () => {
    const db = await createTestDatabase();
    try {
      const before = await newsbot(['search', '植树 志愿', '--json'], db.url);
      const sources = (stdout: string) => (JSON.parse(stdout) as { results: { source: string }[] }).results.map((hit) => hit.source);
      expect(sources(before.stdout)).not.toContain('headline-after-body.txt');
      const ingest = await newsbot(['ingest', PAGE], db.url);
      expect(ingest.code).toBe(0);
      const after = await newsbot(['search', '植树 志愿', '--json', '--limit', '1'], db.url);
      expect([after.code, sources(after.stdout)]).toEqual([0, ['headline-after-body.txt']]);
    } finally {
      await db.drop();
    }
  });
});
