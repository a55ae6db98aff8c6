/**
 * vitest globalSetup: one throwaway PostgreSQL server for the whole run (test
 * files each create their own database on it, see `postgres.ts`). With
 * TEST_DATABASE_URL set, that server is used instead and nothing is started.
 * Without PostgreSQL installed the PostgreSQL cases are skipped, except under
 * CI=true, where the run fails here, loudly.
 */
import type { TestProject } from 'vitest/node';
import { findPostgresBin, startLocalPostgres } from '../../bench/localPostgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Maintenance-database URL of the test server, or null when PostgreSQL is not available. */
    postgresUrl: string | null;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const existing = process.env.TEST_DATABASE_URL?.trim();
  if (existing) {
    project.provide('postgresUrl', existing);
    return undefined;
  }
  if (!findPostgresBin() && process.env.CI !== 'true') {
    process.stderr.write('PostgreSQL is not installed: the PostgreSQL store tests are skipped (CI=true makes this an error)\n');
    project.provide('postgresUrl', null);
    return undefined;
  }
  const server = await startLocalPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
