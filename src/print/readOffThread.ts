/**
 * Reading a PDF or image page in a worker thread: OCR takes seconds of CPU
 * and hundreds of MB, PDF.js a second; the thread that answers readers must
 * not wait for either.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EditionContext } from '../corpus/index.js';
import type { ParsedPage } from '../types.js';
import type { PrintTask } from './printWorker.js';

/** JavaScript heap of the worker (default 1024 MB; the models' tensors live outside it). */
const WORKER_HEAP_MB = 1024;

/**
 * The compiled worker script: beside this module when it runs compiled
 * (dist/), else the build's copy when it runs from TypeScript sources (the
 * tests, after `npm run build`).
 */
function printWorkerUrl(here: string = import.meta.url): URL {
  const sibling = new URL('./printWorker.js', here);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  const built = fileURLToPath(sibling).replace(/([/\\])src([/\\]print[/\\]printWorker\.js)$/u, '$1dist$1src$2');
  return pathToFileURL(built);
}

/**
 * `readPrintedPage` in a worker thread, with OCR loaded there on demand. A
 * worker that dies (out of memory, a crash in a decoder) gives `{ error }`
 * naming why, like an unreadable page.
 */
export function readPrintedPageOffThread(bytes: Uint8Array, fileName: string, context: EditionContext = {}): Promise<ParsedPage | { error: string }> {
  return new Promise((resolve) => {
    const task: PrintTask = { bytes, fileName, context };
    const worker = new Worker(printWorkerUrl(), { workerData: task, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    // the worker ends by itself once it has posted (its models released): ending it from here
    // while native objects are still being finalized made the canvas library complain on stderr
    worker.once('message', (page: ParsedPage | { error: string }) => resolve(page));
    worker.once('error', (error) => resolve({ error: `the page reader failed (${error.message})` }));
    // a worker that exits without a message or an error was stopped from outside
    worker.once('exit', (code) => resolve({ error: `the page reader stopped (exit code ${code})` }));
  });
}
