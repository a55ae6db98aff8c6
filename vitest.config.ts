import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The end-to-end bot test starts a real process; everything else is fast.
    testTimeout: 30_000,
    env: { TZ: 'Asia/Shanghai' },
    // One throwaway PostgreSQL server for the PostgreSQL store cases (each file makes its own database).
    globalSetup: ['tests/support/postgresSetup.ts'],
  },
});
