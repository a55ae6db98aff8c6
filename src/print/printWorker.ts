/**
 * Worker-thread entry of `readPrintedPageOffThread`: reads the one PDF or
 * image page in `workerData` (PDF.js, OCR) and posts the parsed page back.
 * It only runs in a worker, so the models and PDF.js never load in the
 * thread that answers readers.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { EditionContext } from '../corpus/index.js';
import type { ParsedPage } from '../types.js';
import { createOcrEngine, type OcrEngine } from './ocr/ocrEngine.js';
import { readPrintedPage } from './readPrintedPage.js';

/** What `readPrintedPageOffThread` hands the worker. */
export interface PrintTask {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly context: EditionContext;
}

/** What the worker posts: a sign of life every few seconds, then the result once. */
export type PrintWorkerMessage = { readonly alive: true } | { readonly result: ParsedPage | { error: string } };

/** How often the worker says it is alive (ms): from its event loop, so a hung step stops it. */
const ALIVE_EVERY_MS = 5000;

if (!isMainThread && parentPort) {
  const port = parentPort;
  const task = workerData as PrintTask;
  let engine: Promise<OcrEngine> | undefined;
  const ocr = (): Promise<OcrEngine> => (engine ??= createOcrEngine());
  const alive = setInterval(() => port.postMessage({ alive: true } satisfies PrintWorkerMessage), ALIVE_EVERY_MS);
  void (async () => {
    const result = await readPrintedPage(task.bytes, task.fileName, ocr, task.context);
    clearInterval(alive);
    port.postMessage({ result } satisfies PrintWorkerMessage);
    await (await engine)?.release();
  })();
}
