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
import type { PrintTask, PrintWorkerMessage } from './printWorker.js';

/** JavaScript heap of the worker (default 1024 MB; the models' tensors live outside it). */
const WORKER_HEAP_MB = 1024;

/**
 * A worker silent this long is stuck and ended (default 180 s). It says it is alive every few
 * seconds from its event loop, so only a single step (one model run, one PDF page) longer than
 * this, or a hang, ends it: the detector's longest run on a full page is about 10 CPU-s.
 */
const SILENCE_MS = 180_000;

/**
 * After its result, the worker releases the models and ends by itself; it is ended from here
 * if it has not within this long (default 5 s), and the result stands either way.
 */
const RELEASE_MS = 5_000;

export interface ReadOffThreadOptions {
  readonly context?: EditionContext;
  /** Tests: another worker script, a shorter silence or release wait. */
  readonly workerUrl?: URL;
  readonly silenceMs?: number;
  readonly releaseMs?: number;
}

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

// One page at a time per process: each read holds about 1 GB and both cores, and two readers
// at once (the inbox and an admin's upload) only made both slower.
let queue: Promise<unknown> = Promise.resolve();

/**
 * `readPrintedPage` in a worker thread, with OCR loaded there on demand, one
 * page at a time. A worker that dies (out of memory, a crash in a decoder) or
 * falls silent gives `{ error }` naming why, like an unreadable page.
 */
export function readPrintedPageOffThread(bytes: Uint8Array, fileName: string, options: ReadOffThreadOptions = {}): Promise<ParsedPage | { error: string }> {
  const task: PrintTask = { bytes, fileName, context: options.context ?? {} };
  const read = queue.then(() => readInWorker(task, options.workerUrl ?? printWorkerUrl(), options.silenceMs ?? SILENCE_MS, options.releaseMs ?? RELEASE_MS));
  queue = read;
  return read;
}

function readInWorker(task: PrintTask, workerUrl: URL, silenceMs: number, releaseMs: number): Promise<ParsedPage | { error: string }> {
  return new Promise((resolve) => {
    const worker = new Worker(workerUrl, { workerData: task, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    let settled = false;
    const settle = (result: ParsedPage | { error: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(silence);
      resolve(result);
    };
    let silence = setTimeout(stuck, silenceMs);
    function stuck() {
      // terminate() cannot interrupt native code: a thread stuck there ends when it returns, and
      // the next page starts meanwhile in a worker of its own
      void worker.terminate();
      settle({ error: `the page reader stopped answering (nothing from it for ${silenceMs / 1000} s)` });
    }
    // The result is handed on when the worker has ended, so that its few hundred MB of models
    // and page copies are freed before the caller parses and indexes the page (the two
    // overlapped: one OCR ingest peaked ~100 MB higher) and before the next page's worker starts.
    // It ends by itself once its models are released: ending it from here while native objects
    // are still being finalized made the canvas library complain on stderr.
    let result: ParsedPage | { error: string } | undefined;
    worker.on('message', (message: PrintWorkerMessage) => {
      clearTimeout(silence);
      if ('alive' in message) {
        silence = setTimeout(stuck, silenceMs);
        return;
      }
      result = message.result;
      silence = setTimeout(() => {
        void worker.terminate();
        settle(message.result);
      }, releaseMs);
    });
    worker.once('error', (error) => settle(result ?? { error: `the page reader failed (${error.message})` }));
    // a worker that exits without a result or an error was stopped from outside
    worker.once('exit', (code) => settle(result ?? { error: `the page reader stopped (exit code ${code})` }));
  });
}
