import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The import rules' planted-import test runs in `npm run lint` (tests/lint/vitest.config.ts).
    exclude: [...configDefaults.exclude, 'tests/lint/**'],
    // The end-to-end bot test starts a real process; everything else is fast.
    testTimeout: 30_000,
    env: { TZ: 'Asia/Shanghai' },
    // The build first (the CLI tests spawn dist/), so a bare `npx vitest run` never tests a stale build;
    // then one throwaway PostgreSQL server for the PostgreSQL store cases (each file makes its own database).
    globalSetup: ['tests/support/buildSetup.ts', 'tests/support/postgresSetup.ts'],
  },
});
