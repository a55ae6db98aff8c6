import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, postgresUrl } from '../support/postgres.js';

describe.skipIf(!postgresUrl)('the test PostgreSQL server', () => {
  it('gives each caller a database of its own, PostgreSQL 15 or newer', async () => {
    const first = await createTestDatabase();
    const second = await createTestDatabase();
    expect(first.url).not.toBe(second.url);
    const client = new pg.Client({ connectionString: first.url });
    await client.connect();
    const version = await client.query<{ server_version_num: string }>('SHOW server_version_num');
    await client.query('CREATE TABLE t (x int)');
    await client.end();
    expect(Number(version.rows[0]!.server_version_num)).toBeGreaterThanOrEqual(150000);
    const other = new pg.Client({ connectionString: second.url });
    await other.connect();
    const tables = await other.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    await other.end();
    expect(tables.rows).toEqual([]);
    await first.drop();
    await second.drop();
  });
});
