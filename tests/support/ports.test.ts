import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../bench/ports.js';

describe('freePort', () => {
  let held: Server | null = null;
  afterEach(() => new Promise<void>((resolve) => (held ? held.close(() => resolve()) : resolve())));

  it('hands out ports below the ephemeral range (32768 and up), counting up in this worker', async () => {
    const first = await freePort();
    const second = await freePort();
    expect(first).toBeGreaterThanOrEqual(20_000);
    expect(second).toBeLessThan(32_768);
    // Not always first + 1: a bot or database of a test file that ran before in this worker may still hold it (CI once: 20002 after 20000).
    expect(second).toBeGreaterThan(first);
  });

  it("gives a process outside the workers the last slice (31000–31999), never a worker's", async () => {
    const pool = process.env.VITEST_POOL_ID;
    try {
      delete process.env.VITEST_POOL_ID;
      const outside = await freePort();
      expect(outside).toBeGreaterThanOrEqual(31_000);
      expect(outside).toBeLessThan(32_000);
      // Workers past the eleventh share the first slices again, never the last.
      process.env.VITEST_POOL_ID = '12';
      expect(await freePort()).toBeLessThan(21_000);
    } finally {
      process.env.VITEST_POOL_ID = pool;
    }
  });

  it('passes over a port something listens on', async () => {
    const before = await freePort();
    held = createServer();
    await new Promise<void>((resolve) => held!.listen(before + 1, resolve));
    expect(await freePort()).toBe(before + 2);
  });
});
