/**
 * Parsing a page away from the caller's event loop: decode and parse take
 * seconds on a multi-megabyte page, and a bot that parsed an upload in its
 * own thread stopped answering everyone meanwhile (a 5 MB upload held
 * another reader's reply 8.2 s).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ParsedPage } from '../types.js';
import { parsePage } from './parsePage.js';
import type { ParseTask } from './parseWorker.js';

/** Heap of one parse worker (default 1024 MB): a 5 MB page needs a few hundred. */
const WORKER_HEAP_MB = 1024;

/**
 * The compiled worker script: beside this module when it runs compiled
 * (dist/), else the build's copy when it runs from TypeScript sources (the
 * tests, after `npm run build`); undefined when there is neither.
 */
export function parseWorkerUrl(here: string = import.meta.url): URL | undefined {
  const sibling = new URL('./parseWorker.js', here);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  const built = fileURLToPath(sibling).replace(/([/\\])src([/\\]corpus[/\\]parseWorker\.js)$/u, '$1dist$1src$2');
  return existsSync(built) ? pathToFileURL(built) : undefined;
}

/**
 * `parsePage` in a worker thread: the same result, while the caller's
 * event loop keeps running. A worker that dies (out of memory, a bug)
 * gives `{ error }` naming why, like an unreadable page. Without a compiled
 * worker (TypeScript sources, no build) it parses in this thread.
 */
export function parsePageOffThread(
  bytes: Uint8Array,
  fileName: string,
  workerUrl: URL | undefined = parseWorkerUrl(),
): Promise<ParsedPage | { error: string }> {
  if (!workerUrl) return Promise.resolve(parsePage(bytes, fileName));
  return new Promise((resolve) => {
    const task: ParseTask = { bytes, fileName };
    const worker = new Worker(workerUrl, { workerData: task, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    worker.once('message', (page: ParsedPage | { error: string }) => resolve(page));
    worker.once('error', (error) => resolve({ error: `the parser failed (${error.message})` }));
    // a worker that exits without a message or an error was stopped from outside
    worker.once('exit', (code) => resolve({ error: `the parser stopped (exit code ${code})` }));
  });
}
