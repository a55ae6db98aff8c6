/**
 * Parsing in a worker thread: the same result as in-thread, and the
 * caller's event loop runs meanwhile. The worker is the compiled one
 * (dist/, from `npm run build`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePage, parsePageOffThread } from '../../src/corpus/index.js';
import { parseWorkerUrl } from '../../src/corpus/parseOffThread.js';

const SEED = fileURLToPath(new URL('../../seeds/003_7f32786b762ade4c.txt', import.meta.url));

describe('parsePageOffThread', () => {
  it('finds the compiled worker of the build when running from sources', () => {
    expect(fileURLToPath(parseWorkerUrl()!)).toBe(fileURLToPath(new URL('../../dist/src/corpus/parseWorker.js', import.meta.url)));
  });

  it('gives what parsePage gives, while the event loop goes on', async () => {
    const bytes = readFileSync(SEED);
    const order: string[] = [];
    const parsed = parsePageOffThread(bytes, '003.txt').then((page) => {
      order.push('parsed');
      return page;
    });
    setImmediate(() => order.push('event loop'));
    const page = await parsed;
    expect(order).toEqual(['event loop', 'parsed']);
    expect(page).toEqual(parsePage(bytes, '003.txt'));
  });

  it('turns a worker that dies into an error, like an unreadable page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsbot-worker-'));
    try {
      const script = join(dir, 'broken.mjs');
      writeFileSync(script, "throw new Error('out of luck');\n");
      expect(await parsePageOffThread(new Uint8Array([1]), 'x.txt', pathToFileURL(script))).toEqual({
        error: 'the parser failed (out of luck)',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
