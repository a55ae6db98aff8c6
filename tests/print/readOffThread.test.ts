/**
 * The print reader's worker from the caller's side: one page at a time, and a
 * worker that falls silent is ended with a clear error instead of holding
 * the inbox (and every later upload) for good. Stand-in workers keep it fast.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPrintedPageOffThread } from '../../src/print/index.js';

const silentWorker = new URL('./fixtures/silentWorker.mjs', import.meta.url);
const slowWorker = new URL('./fixtures/slowWorker.mjs', import.meta.url);
const lingeringWorker = new URL('./fixtures/lingeringWorker.mjs', import.meta.url);
const page = new Uint8Array([1, 2, 3]);

/** The start and end times a slow stand-in worker answered with. */
function span(result: unknown): [number, number] {
  const text = (result as { error: string }).error;
  const [start, end] = text.split('-').map(Number);
  return [start!, end!];
}

describe('readPrintedPageOffThread', () => {
  it('ends a worker that says nothing for the silence limit, with one line naming it', async () => {
    const result = await readPrintedPageOffThread(page, 'stuck.png', { workerUrl: silentWorker, silenceMs: 300 });
    expect(result).toEqual({ error: 'the page reader stopped answering (nothing from it for 0.3 s)' });
  });

  it('keeps a worker that takes longer than the silence limit while it says it is alive', async () => {
    // a limit well above the worker's start-up on a loaded machine, a read of 2.5 times it
    const result = await readPrintedPageOffThread(page, '5000', { workerUrl: slowWorker, silenceMs: 2000 });
    const [start, end] = span(result);
    expect(end - start).toBeGreaterThanOrEqual(5000);
  });

  it('hands the result on once the worker has ended, so its memory is freed before the page is indexed', async () => {
    const endedFile = path.join(mkdtempSync(path.join(tmpdir(), 'newsbot-worker-')), 'ended');
    const result = await readPrintedPageOffThread(page, endedFile, { workerUrl: lingeringWorker });
    expect(result).toEqual({ error: 'read' });
    expect(existsSync(endedFile)).toBe(true);
  });

  it('ends a worker that does not end after its result, and the result stands', async () => {
    const result = await readPrintedPageOffThread(page, 'forever', { workerUrl: lingeringWorker, releaseMs: 200 });
    expect(result).toEqual({ error: 'read' });
  });

  it('reads one page at a time: a second page starts when the first has ended, a stuck one included', async () => {
    const stuck = readPrintedPageOffThread(page, 'stuck.png', { workerUrl: silentWorker, silenceMs: 200 });
    const first = readPrintedPageOffThread(page, '150', { workerUrl: slowWorker });
    const second = readPrintedPageOffThread(page, '150', { workerUrl: slowWorker });
    const [stuckResult, a, b] = await Promise.all([stuck, first, second]);
    expect(stuckResult).toEqual({ error: 'the page reader stopped answering (nothing from it for 0.2 s)' });
    expect(span(b)[0]).toBeGreaterThanOrEqual(span(a)[1]);
  });
});
