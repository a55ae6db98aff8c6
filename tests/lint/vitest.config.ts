import path from 'node:path';
import { defineConfig } from 'vitest/config';

/** `npm run lint`'s last step: the planted-import test of the import rules (no build, no PostgreSQL). */
export default defineConfig({
  root: path.resolve(import.meta.dirname, '..', '..'),
  test: {
    include: ['tests/lint/*.test.ts'],
    testTimeout: 120_000,
  },
});
