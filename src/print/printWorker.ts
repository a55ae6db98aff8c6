/**
 * Worker-thread entry of `readPrintedPageOffThread`: reads the one PDF or
 * image page in `workerData` (PDF.js, OCR) and posts the parsed page back.
 * It only runs in a worker, so the models and PDF.js never load in the
 * thread that answers readers.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { EditionContext } from '../corpus/index.js';
import { createOcrEngine, type OcrEngine } from './ocr/ocrEngine.js';
import { readPrintedPage } from './readPrintedPage.js';

/** What `readPrintedPageOffThread` hands the worker. */
export interface PrintTask {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly context: EditionContext;
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const task = workerData as PrintTask;
  let engine: Promise<OcrEngine> | undefined;
  const ocr = (): Promise<OcrEngine> => (engine ??= createOcrEngine());
  void (async () => {
    const result = await readPrintedPage(task.bytes, task.fileName, ocr, task.context);
    await (await engine)?.release();
    port.postMessage(result);
  })();
}
